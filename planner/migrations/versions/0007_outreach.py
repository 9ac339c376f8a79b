"""Asking hosts: each host's request (the meeting it is for, the contact written to, where it
stands, the day each letter went), the coordinator's letter templates, and the working days a
host has to answer before a reminder is due.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tour', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminder_days', sa.Integer(), nullable=False,
                                      server_default='5'))

    op.create_table('host_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False, server_default='to_write'),
    sa.Column('language', sa.String(length=8), nullable=False, server_default=''),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('reminded_on', sa.Date(), nullable=True),
    sa.Column('replied_on', sa.Date(), nullable=True),
    sa.Column('confirmation_sent_on', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False, server_default=''),
    sa.Column('notes', sa.Text(), nullable=False, server_default=''),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'],
                            name=op.f('fk_host_requests_contact_id_contacts'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'],
                            name=op.f('fk_host_requests_item_id_agenda_items'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'],
                            name=op.f('fk_host_requests_organisation_id_organisations'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_host_requests')),
    sa.UniqueConstraint('organisation_id', name=op.f('uq_host_requests_organisation_id'))
    )
    with op.batch_alter_table('host_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_host_requests_contact_id'), ['contact_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_host_requests_item_id'), ['item_id'],
                              unique=False)

    op.create_table('letter_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_templates')),
    sa.UniqueConstraint('kind', 'language', name=op.f('uq_letter_templates_kind'))
    )


def downgrade() -> None:
    op.drop_table('letter_templates')
    with op.batch_alter_table('host_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_host_requests_item_id'))
        batch_op.drop_index(batch_op.f('ix_host_requests_contact_id'))
    op.drop_table('host_requests')
    with op.batch_alter_table('tour', schema=None) as batch_op:
        batch_op.drop_column('reminder_days')
