"""Alembic migrations of the tour schema, one file per released schema version.

Revision ids are the schema version numbers, zero-padded (``0001``, ``0002``...), and the
SQLite ``PRAGMA user_version`` of a tour file holds the same number.
"""
