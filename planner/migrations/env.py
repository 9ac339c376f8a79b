"""Alembic environment: always run programmatically by :mod:`planner.store` on its connection."""

from __future__ import annotations

from alembic import context

from planner.model import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
