"""After the tour: learnings per meeting and goal, ratings, follow-ups as tasks, goal outcomes
and the vision after.

Follow-ups get a UID and a revision (they are exported as VTODOs), a goal, a status in place of
the done flag (done stays done), the day they were completed and notes.

Revision ID: 0006
Revises: 0005
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tour', schema=None) as batch_op:
        batch_op.add_column(sa.Column('vision_after', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('vision_after_ja', sa.Text(), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('outcome', sa.String(length=20), nullable=False,
                                      server_default='open'))
        batch_op.add_column(sa.Column('outcome_summary', sa.Text(), nullable=False,
                                      server_default=''))

    op.create_table('item_learnings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=True),
    sa.Column('traveller_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('tag', sa.String(length=20), nullable=True),
    sa.Column('next_step', sa.Text(), nullable=False, server_default=''),
    sa.Column('position', sa.Integer(), nullable=False, server_default='0'),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'],
                            name=op.f('fk_item_learnings_goal_id_goals'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'],
                            name=op.f('fk_item_learnings_item_id_agenda_items'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['traveller_id'], ['travellers.id'],
                            name=op.f('fk_item_learnings_traveller_id_travellers'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item_learnings'))
    )
    with op.batch_alter_table('item_learnings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_learnings_goal_id'), ['goal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_learnings_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_learnings_traveller_id'), ['traveller_id'],
                              unique=False)

    op.create_table('item_ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('traveller_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('recommend', sa.Boolean(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False, server_default=''),
    sa.CheckConstraint('score BETWEEN 1 AND 5', name=op.f('ck_item_ratings_score_range')),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'],
                            name=op.f('fk_item_ratings_item_id_agenda_items'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['traveller_id'], ['travellers.id'],
                            name=op.f('fk_item_ratings_traveller_id_travellers'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item_ratings')),
    sa.UniqueConstraint('item_id', 'traveller_id', name=op.f('uq_item_ratings_item_id'))
    )
    with op.batch_alter_table('item_ratings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_ratings_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_ratings_traveller_id'), ['traveller_id'],
                              unique=False)

    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uid', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('revision', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('goal_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=False,
                                      server_default='open'))
        batch_op.add_column(sa.Column('completed', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('notes', sa.Text(), nullable=False, server_default=''))
    connection = op.get_bind()
    table = sa.table('follow_ups', sa.column('id', sa.Integer), sa.column('uid', sa.String),
                     sa.column('done', sa.Boolean), sa.column('status', sa.String))
    for (key,) in connection.execute(sa.select(table.c.id)).all():
        connection.execute(table.update().where(table.c.id == key)
                           .values(uid=f"{uuid.uuid4()}@ecovisit"))
    connection.execute(table.update().where(table.c.done == sa.true()).values(status='done'))
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.alter_column('uid', existing_type=sa.String(length=100), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_follow_ups_uid'), ['uid'])
        batch_op.create_index(batch_op.f('ix_follow_ups_goal_id'), ['goal_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_follow_ups_goal_id_goals'), 'goals',
                                    ['goal_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_column('done')

    op.create_table('follow_up_tombstones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=100), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('gone_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['travellers.id'],
                            name=op.f('fk_follow_up_tombstones_owner_id_travellers'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_tombstones'))
    )
    with op.batch_alter_table('follow_up_tombstones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_tombstones_owner_id'), ['owner_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_tombstones_uid'), ['uid'], unique=False)


def downgrade() -> None:
    op.drop_table('follow_up_tombstones')
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('done', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    connection = op.get_bind()
    table = sa.table('follow_ups', sa.column('done', sa.Boolean), sa.column('status', sa.String))
    connection.execute(table.update().where(table.c.status == 'done').values(done=True))
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_follow_ups_goal_id_goals'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_follow_ups_goal_id'))
        batch_op.drop_constraint(batch_op.f('uq_follow_ups_uid'), type_='unique')
        for column in ('notes', 'completed', 'status', 'goal_id', 'revision', 'uid'):
            batch_op.drop_column(column)
    op.drop_table('item_ratings')
    op.drop_table('item_learnings')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_column('outcome_summary')
        batch_op.drop_column('outcome')
    with op.batch_alter_table('tour', schema=None) as batch_op:
        batch_op.drop_column('vision_after_ja')
        batch_op.drop_column('vision_after')
