"""The exhibition: exhibitors, the floor plan and booth assignment."""
