"""Moderator duty shifts (who is on duty decides crisis escalation) and the training gate with its pages.

Revision ID: 0011_i14_duty_and_training
Revises: 0010_i15_member_sessions
Create Date: 2026-12-01 08:39:53.710269

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_i14_duty_and_training'
down_revision = '0010_i15_member_sessions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('training_pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body_markdown', sa.Text(), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_pages')),
    sa.UniqueConstraint('slug', name=op.f('uq_training_pages_slug'))
    )
    op.create_table('duty_shifts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('end_reason', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_duty_shifts_moderator_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_shifts'))
    )
    with op.batch_alter_table('duty_shifts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_shifts_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_shifts_moderator_id'), ['moderator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_shifts_started_at'), ['started_at'], unique=False)

    op.create_table('training_completions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('completed_at', sa.DateTime(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_training_completions_recorded_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_training_completions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_completions'))
    )
    with op.batch_alter_table('training_completions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_completions_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('training_completions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_completions_user_id'))

    op.drop_table('training_completions')
    with op.batch_alter_table('duty_shifts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_shifts_started_at'))
        batch_op.drop_index(batch_op.f('ix_duty_shifts_moderator_id'))
        batch_op.drop_index(batch_op.f('ix_duty_shifts_expires_at'))

    op.drop_table('duty_shifts')
    op.drop_table('training_pages')
