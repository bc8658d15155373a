"""Applying a cdc source's changes (DMS's ``Op`` and commit-order columns) to its table's current state."""
