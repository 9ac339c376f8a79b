"""The coordinator's overrides of goal-to-host matches.

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('goal_matches',
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.CheckConstraint('score BETWEEN 0 AND 1', name=op.f('ck_goal_matches_score_range')),
    sa.ForeignKeyConstraint(['goal_id'], ['goals.id'], name=op.f('fk_goal_matches_goal_id_goals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_goal_matches_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('goal_id', 'organisation_id', name=op.f('pk_goal_matches'))
    )


def downgrade() -> None:
    op.drop_table('goal_matches')
