"""Supervision notes: one private note per check-in request, between its supervisor and that moderator.

Revision ID: 0016_i14_notes
Revises: 0017_i16_appeals
Create Date: 2026-12-01 12:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_i14_notes'
down_revision = '0017_i16_appeals'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('supervision_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_supervision_notes_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['request_id'], ['supervision_requests.id'], name=op.f('fk_supervision_notes_request_id_supervision_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_notes')),
    sa.UniqueConstraint('request_id', name=op.f('uq_supervision_notes_request_id'))
    )
    with op.batch_alter_table('supervision_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_notes_author_id'), ['author_id'], unique=False)


def downgrade():
    with op.batch_alter_table('supervision_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_notes_author_id'))
    op.drop_table('supervision_notes')
