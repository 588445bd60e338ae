"""Members' personal word filters (issue 16, members' own controls).

Revision ID: 0017_i16_word_filters
Revises: 0017_i16_member_mutes
Create Date: 2026-12-01 12:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_i16_word_filters'
down_revision = '0017_i16_member_mutes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('word_filters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('phrase', sa.String(length=60), nullable=False),
    sa.Column('phrase_key', sa.String(length=240), nullable=False),
    sa.Column('choice', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_word_filters_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_word_filters')),
    sa.UniqueConstraint('user_id', 'phrase_key', name='uq_word_filters_user_id_phrase_key')
    )
    with op.batch_alter_table('word_filters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_word_filters_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('word_filters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_word_filters_user_id'))
    op.drop_table('word_filters')
