"""Model activations: which classifier version admins made live, and when.

Revision ID: 0008_model_activations
Revises: 0007_admin_jobs
Create Date: 2026-11-25 20:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_model_activations'
down_revision = '0007_admin_jobs'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('model_activations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=120), nullable=False),
    sa.Column('directory', sa.String(length=500), nullable=True),
    sa.Column('activated_by', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('activated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['activated_by'], ['users.id'], name=op.f('fk_model_activations_activated_by_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_model_activations'))
    )


def downgrade():
    op.drop_table('model_activations')
