"""Personal safety plans, private to each member.

Revision ID: 0003_safety_plans
Revises: 0003_warning_preferences
Create Date: 2026-11-25 18:31:29.627217

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_safety_plans'
down_revision = '0003_warning_preferences'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('safety_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('warning_signs', sa.Text(), nullable=False),
    sa.Column('things_that_help', sa.Text(), nullable=False),
    sa.Column('people_and_places', sa.Text(), nullable=False),
    sa.Column('professionals', sa.Text(), nullable=False),
    sa.Column('safer_surroundings', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_safety_plans_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_plans')),
    sa.UniqueConstraint('user_id', name=op.f('uq_safety_plans_user_id'))
    )


def downgrade():
    op.drop_table('safety_plans')
