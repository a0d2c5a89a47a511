"""The audit log of every change that matters."""
