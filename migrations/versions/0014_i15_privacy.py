"""Privacy: the retention period admins set, and the safety records kept after an account is deleted.

Revision ID: 0014_i15_privacy
Revises: 0013_i12_submissions
Create Date: 2026-12-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_i15_privacy'
down_revision = '0013_i12_submissions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('privacy_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('retention_days', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_settings'))
    )
    op.create_table('retained_posts',
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('kept_until', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_retained_posts_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('post_id', name=op.f('pk_retained_posts'))
    )
    with op.batch_alter_table('retained_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_retained_posts_kept_until'), ['kept_until'], unique=False)


def downgrade():
    with op.batch_alter_table('retained_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_retained_posts_kept_until'))
    op.drop_table('retained_posts')
    op.drop_table('privacy_settings')
