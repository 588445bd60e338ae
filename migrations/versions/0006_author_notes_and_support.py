"""Authors' own content notes on posts, and members who offer to answer unanswered threads.

Revision ID: 0006_author_notes_support
Revises: 0005_crisis_outbox
Create Date: 2026-12-02 10:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_author_notes_support'
down_revision = '0005_crisis_outbox'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('author_notes', sa.JSON(), server_default='[]', nullable=False))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('offers_support', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('offers_support')
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_column('author_notes')
