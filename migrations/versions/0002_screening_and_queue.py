"""Screening records, the moderator queue (items, reasons, reports, decisions) and notifications

Revision ID: 0002_screening
Revises: 0001_initial
Create Date: 2026-11-25 18:26:09.884181

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002_screening'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_notifications_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_user_id'), ['user_id'], unique=False)

    op.create_table('queue_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('claimed_by_id', sa.Integer(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(), nullable=True),
    sa.Column('claim_expires_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['claimed_by_id'], ['users.id'], name=op.f('fk_queue_items_claimed_by_id_users')),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_queue_items_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_queue_items')),
    sa.UniqueConstraint('post_id', name=op.f('uq_queue_items_post_id'))
    )
    with op.batch_alter_table('queue_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_queue_items_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_queue_items_status'), ['status'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_reports_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['users.id'], name=op.f('fk_reports_reporter_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
    sa.UniqueConstraint('post_id', 'reporter_id', name='uq_reports_post_id_reporter_id')
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_post_id'), ['post_id'], unique=False)

    op.create_table('queue_reasons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('spans', sa.JSON(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['queue_items.id'], name=op.f('fk_queue_reasons_item_id_queue_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_queue_reasons'))
    )
    with op.batch_alter_table('queue_reasons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_queue_reasons_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_queue_reasons_item_id'), ['item_id'], unique=False)

    op.create_table('screening_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('revision_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('flagged', sa.JSON(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('member_rules', sa.JSON(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('signposts', sa.JSON(), nullable=False),
    sa.Column('explanation_for_author', sa.Text(), nullable=False),
    sa.Column('explanation_for_moderators', sa.Text(), nullable=False),
    sa.Column('model_version', sa.String(length=64), nullable=False),
    sa.Column('ruleset_version', sa.String(length=64), nullable=False),
    sa.Column('latency_ms', sa.Float(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_screening_records_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['revision_id'], ['post_revisions.id'], name=op.f('fk_screening_records_revision_id_post_revisions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_screening_records'))
    )
    with op.batch_alter_table('screening_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_screening_records_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_screening_records_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_screening_records_post_id'), ['post_id'], unique=False)

    op.create_table('moderation_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('screening_record_id', sa.Integer(), nullable=True),
    sa.Column('moderator_id', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('status_before', sa.String(length=16), nullable=False),
    sa.Column('status_after', sa.String(length=16), nullable=False),
    sa.Column('warnings_before', sa.JSON(), nullable=False),
    sa.Column('warnings_after', sa.JSON(), nullable=False),
    sa.Column('revision_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['queue_items.id'], name=op.f('fk_moderation_decisions_item_id_queue_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_moderation_decisions_moderator_id_users')),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_moderation_decisions_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['revision_id'], ['post_revisions.id'], name=op.f('fk_moderation_decisions_revision_id_post_revisions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['screening_record_id'], ['screening_records.id'], name=op.f('fk_moderation_decisions_screening_record_id_screening_records'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_decisions'))
    )
    with op.batch_alter_table('moderation_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_moderation_decisions_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_moderation_decisions_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_moderation_decisions_screening_record_id'), ['screening_record_id'], unique=False)

    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('warnings', sa.JSON(), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('signposts', sa.JSON(), server_default='[]', nullable=False))



def downgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_column('signposts')
        batch_op.drop_column('warnings')

    with op.batch_alter_table('moderation_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_moderation_decisions_screening_record_id'))
        batch_op.drop_index(batch_op.f('ix_moderation_decisions_post_id'))
        batch_op.drop_index(batch_op.f('ix_moderation_decisions_item_id'))

    op.drop_table('moderation_decisions')
    with op.batch_alter_table('screening_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_screening_records_post_id'))
        batch_op.drop_index(batch_op.f('ix_screening_records_created_at'))
        batch_op.drop_index(batch_op.f('ix_screening_records_action'))

    op.drop_table('screening_records')
    with op.batch_alter_table('queue_reasons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_queue_reasons_item_id'))
        batch_op.drop_index(batch_op.f('ix_queue_reasons_code'))

    op.drop_table('queue_reasons')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_post_id'))

    op.drop_table('reports')
    with op.batch_alter_table('queue_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_queue_items_status'))
        batch_op.drop_index(batch_op.f('ix_queue_items_created_at'))

    op.drop_table('queue_items')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notifications_user_id'))

    op.drop_table('notifications')
