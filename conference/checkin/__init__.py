"""Receiving delegates at the door and at each workshop (đón tiếp đại biểu)."""
