"""Resource directory: helplines, text lines and emergency numbers by region.

Revision ID: 0003_resources
Revises: 0002_screening
Create Date: 2026-11-25 18:26:16.553568

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_resources'
down_revision = '0002_screening'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('resources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('offer', sa.Text(), nullable=False),
    sa.Column('region', sa.String(length=8), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('text_number', sa.String(length=32), nullable=True),
    sa.Column('text_keyword', sa.String(length=32), nullable=True),
    sa.Column('chat_url', sa.String(length=255), nullable=True),
    sa.Column('website', sa.String(length=255), nullable=True),
    sa.Column('hours', sa.String(length=120), nullable=False),
    sa.Column('is_emergency', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('last_verified', sa.Date(), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resources')),
    sa.UniqueConstraint('key', name=op.f('uq_resources_key'))
    )
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resources_region'), ['region'], unique=False)



def downgrade():
    with op.batch_alter_table('resources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resources_region'))

    op.drop_table('resources')
