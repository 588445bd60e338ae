"""Moderators' own care: check-in requests to supervisors, exposure from revealed items, breaks, opted-out
categories and the admin-set soft and hard limits.

Revision ID: 0015_i14_care
Revises: 0014_i15_privacy
Create Date: 2026-12-01 12:17:14.268302

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_i14_care'
down_revision = '0014_i15_privacy'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('care_limits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('soft_limit', sa.Integer(), nullable=False),
    sa.Column('hard_limit', sa.Integer(), nullable=False),
    sa.Column('break_minutes', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_care_limits'))
    )
    op.create_table('category_opt_outs',
    sa.Column('moderator_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_category_opt_outs_moderator_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('moderator_id', 'category', name=op.f('pk_category_opt_outs'))
    )
    op.create_table('moderator_breaks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_moderator_breaks_moderator_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moderator_breaks'))
    )
    with op.batch_alter_table('moderator_breaks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_moderator_breaks_moderator_id'), ['moderator_id'], unique=False)

    op.create_table('exposure_views',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=False),
    sa.Column('queue_item_id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=True),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('crisis', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_exposure_views_moderator_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['queue_item_id'], ['queue_items.id'], name=op.f('fk_exposure_views_queue_item_id_queue_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shift_id'], ['duty_shifts.id'], name=op.f('fk_exposure_views_shift_id_duty_shifts'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exposure_views'))
    )
    with op.batch_alter_table('exposure_views', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exposure_views_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_exposure_views_moderator_id'), ['moderator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exposure_views_shift_id'), ['shift_id'], unique=False)

    op.create_table('supervision_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('queue_item_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_supervision_requests_answered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_supervision_requests_moderator_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['queue_item_id'], ['queue_items.id'], name=op.f('fk_supervision_requests_queue_item_id_queue_items'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_requests'))
    )
    with op.batch_alter_table('supervision_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_requests_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_requests_moderator_id'), ['moderator_id'], unique=False)



def downgrade():
    with op.batch_alter_table('supervision_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_requests_moderator_id'))
        batch_op.drop_index(batch_op.f('ix_supervision_requests_created_at'))

    op.drop_table('supervision_requests')
    with op.batch_alter_table('exposure_views', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exposure_views_shift_id'))
        batch_op.drop_index(batch_op.f('ix_exposure_views_moderator_id'))
        batch_op.drop_index(batch_op.f('ix_exposure_views_created_at'))

    op.drop_table('exposure_views')
    with op.batch_alter_table('moderator_breaks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_moderator_breaks_moderator_id'))

    op.drop_table('moderator_breaks')
    op.drop_table('category_opt_outs')
    op.drop_table('care_limits')
