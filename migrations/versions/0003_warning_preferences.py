"""Reading preferences: how each member sees posts with each kind of content note.

Revision ID: 0003_warning_preferences
Revises: 0003_resources
Create Date: 2026-11-25 18:29:08.473702

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_warning_preferences'
down_revision = '0003_resources'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('warning_preferences',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('choice', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_warning_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'category', name=op.f('pk_warning_preferences'))
    )


def downgrade():
    op.drop_table('warning_preferences')
