"""Accounts: users, roles, passwords, sessions, API tokens, permissions."""
