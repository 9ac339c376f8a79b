"""The coordinator's phone and e-mail (for the book's cover and the calendars' ORGANIZER).

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tour') as batch:
        batch.add_column(sa.Column('coordinator_phone', sa.String(length=50), nullable=False,
                                   server_default=''))
        batch.add_column(sa.Column('coordinator_email', sa.String(length=254), nullable=False,
                                   server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('tour') as batch:
        batch.drop_column('coordinator_email')
        batch.drop_column('coordinator_phone')
