"""Response-time targets admins set, and the alerts sent before one is missed (one per wait).

Revision ID: 0016_i14_coverage
Revises: 0015_i14_care
Create Date: 2026-12-01 12:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_i14_coverage'
down_revision = '0015_i14_care'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('response_targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('crisis_minutes', sa.Integer(), nullable=False),
    sa.Column('held_hours', sa.Integer(), nullable=False),
    sa.Column('first_reply_hours', sa.Integer(), nullable=False),
    sa.Column('warn_percent', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_response_targets'))
    )
    op.create_table('target_alerts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=16), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_alerts')),
    sa.UniqueConstraint('target', 'subject_id', name='uq_target_alerts_target_subject_id')
    )
    with op.batch_alter_table('target_alerts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_target_alerts_created_at'), ['created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('target_alerts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_target_alerts_created_at'))
    op.drop_table('target_alerts')
    op.drop_table('response_targets')
