"""Contagion guard: sentence embeddings on screening records, admins' settings, clusters and slow modes.

Revision ID: 0018_i16_contagion
Revises: 0016_i14_notes
Create Date: 2026-12-01 13:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_i16_contagion'
down_revision = '0016_i14_notes'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('screening_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('embedding', sa.LargeBinary(), nullable=True))

    op.create_table('contagion_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('window_hours', sa.Integer(), nullable=False),
    sa.Column('min_posts', sa.Integer(), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=False),
    sa.Column('slow_mode', sa.Boolean(), nullable=False),
    sa.Column('slow_mode_minutes', sa.Integer(), nullable=False),
    sa.Column('hold_joining', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contagion_settings'))
    )
    op.create_table('contagion_clusters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('last_at', sa.DateTime(), nullable=False),
    sa.Column('detected_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('queue_item_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['queue_item_id'], ['queue_items.id'], name=op.f('fk_contagion_clusters_queue_item_id_queue_items'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contagion_clusters'))
    )
    with op.batch_alter_table('contagion_clusters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contagion_clusters_status'), ['status'], unique=False)

    op.create_table('contagion_cluster_posts',
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.Column('held', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['contagion_clusters.id'], name=op.f('fk_contagion_cluster_posts_cluster_id_contagion_clusters'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_contagion_cluster_posts_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('cluster_id', 'post_id', name=op.f('pk_contagion_cluster_posts'))
    )
    with op.batch_alter_table('contagion_cluster_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contagion_cluster_posts_post_id'), ['post_id'], unique=False)

    op.create_table('slow_modes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cluster_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=True),
    sa.Column('board_id', sa.Integer(), nullable=True),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('end_reason', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_slow_modes_board_id_boards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['cluster_id'], ['contagion_clusters.id'], name=op.f('fk_slow_modes_cluster_id_contagion_clusters'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_slow_modes_thread_id_threads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_slow_modes'))
    )
    with op.batch_alter_table('slow_modes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_slow_modes_board_id'), ['board_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_slow_modes_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_slow_modes_thread_id'), ['thread_id'], unique=False)


def downgrade():
    with op.batch_alter_table('slow_modes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_slow_modes_thread_id'))
        batch_op.drop_index(batch_op.f('ix_slow_modes_cluster_id'))
        batch_op.drop_index(batch_op.f('ix_slow_modes_board_id'))
    op.drop_table('slow_modes')
    with op.batch_alter_table('contagion_cluster_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contagion_cluster_posts_post_id'))
    op.drop_table('contagion_cluster_posts')
    with op.batch_alter_table('contagion_clusters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contagion_clusters_status'))
    op.drop_table('contagion_clusters')
    op.drop_table('contagion_settings')
    with op.batch_alter_table('screening_records', schema=None) as batch_op:
        batch_op.drop_column('embedding')
