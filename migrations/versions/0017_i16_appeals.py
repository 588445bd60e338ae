"""Authors' appeals against moderator decisions (issue 16, members' own controls).

Revision ID: 0017_i16_appeals
Revises: 0017_i16_word_filters
Create Date: 2026-12-01 12:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_i16_appeals'
down_revision = '0017_i16_word_filters'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('appeals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('original_text', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('review_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('settled_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_appeals_author_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decision_id'], ['moderation_decisions.id'], name=op.f('fk_appeals_decision_id_moderation_decisions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_appeals_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['review_id'], ['moderation_decisions.id'], name=op.f('fk_appeals_review_id_moderation_decisions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appeals')),
    sa.UniqueConstraint('decision_id', name=op.f('uq_appeals_decision_id')),
    sa.UniqueConstraint('review_id', name=op.f('uq_appeals_review_id'))
    )
    with op.batch_alter_table('appeals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appeals_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appeals_post_id'), ['post_id'], unique=False)


def downgrade():
    with op.batch_alter_table('appeals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appeals_post_id'))
        batch_op.drop_index(batch_op.f('ix_appeals_author_id'))
    op.drop_table('appeals')
