"""Departures: a traveller taken off an agenda item (or the item deleted while she attended),
so her calendars cancel the event.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('item_departures',
    sa.Column('uid', sa.String(length=100), nullable=False),
    sa.Column('traveller_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('end', sa.DateTime(timezone=True), nullable=False),
    sa.Column('zone', sa.String(length=64), nullable=False),
    sa.Column('left_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['traveller_id'], ['travellers.id'],
                            name=op.f('fk_item_departures_traveller_id_travellers'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('uid', 'traveller_id', name=op.f('pk_item_departures'))
    )
    with op.batch_alter_table('item_departures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_departures_traveller_id'), ['traveller_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('item_departures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_departures_traveller_id'))
    op.drop_table('item_departures')
