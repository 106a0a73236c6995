"""Accounts, roles, passwords, lockout and the acting user."""
