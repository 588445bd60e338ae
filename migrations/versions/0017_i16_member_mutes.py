"""Members muting other members (issue 16, members' own controls).

Revision ID: 0017_i16_member_mutes
Revises: 0016_i14_supervision
Create Date: 2026-12-01 12:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_i16_member_mutes'
down_revision = '0016_i14_supervision'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('member_mutes',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('muted_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_member_mutes_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['muted_id'], ['users.id'], name=op.f('fk_member_mutes_muted_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'muted_id', name=op.f('pk_member_mutes'))
    )
    with op.batch_alter_table('member_mutes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_mutes_muted_id'), ['muted_id'], unique=False)


def downgrade():
    with op.batch_alter_table('member_mutes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_mutes_muted_id'))
    op.drop_table('member_mutes')
