"""Staff accounts, roles and who may open which view."""
