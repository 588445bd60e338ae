"""Queue reasons keep the action and categories of the rule that fired, so the queue can order an item's
reasons by severity (crisis first) and name them in words.

Revision ID: 0009_i13_reason_severity
Revises: 0008_model_activations
Create Date: 2026-12-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_i13_reason_severity'
down_revision = '0008_model_activations'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('queue_reasons') as batch_op:
        batch_op.add_column(sa.Column('action', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('categories', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('queue_reasons') as batch_op:
        batch_op.drop_column('categories')
        batch_op.drop_column('action')
