"""Supervision: the supervisor role's assignments (users.supervisor_id), sessions, and weekly wellbeing check-ins.

Revision ID: 0016_i14_supervision
Revises: 0016_i14_coverage
Create Date: 2026-12-01 13:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_i14_supervision'
down_revision = '0016_i14_coverage'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supervisor_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_users_supervisor_id'), ['supervisor_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_users_supervisor_id_users'), 'users', ['supervisor_id'], ['id'],
                                    ondelete='SET NULL')
    op.create_table('supervision_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=False),
    sa.Column('supervisor_id', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('reminded_at', sa.DateTime(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_supervision_sessions_moderator_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['supervisor_id'], ['users.id'], name=op.f('fk_supervision_sessions_supervisor_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_sessions'))
    )
    with op.batch_alter_table('supervision_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_sessions_moderator_id'), ['moderator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_sessions_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_sessions_supervisor_id'), ['supervisor_id'], unique=False)
    op.create_table('wellbeing_check_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('heaviness', sa.Integer(), nullable=True),
    sa.Column('energy', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_wellbeing_check_ins_moderator_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wellbeing_check_ins')),
    sa.UniqueConstraint('moderator_id', 'week_start', name='uq_wellbeing_check_ins_moderator_week')
    )
    with op.batch_alter_table('wellbeing_check_ins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wellbeing_check_ins_moderator_id'), ['moderator_id'], unique=False)


def downgrade():
    with op.batch_alter_table('wellbeing_check_ins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wellbeing_check_ins_moderator_id'))
    op.drop_table('wellbeing_check_ins')
    with op.batch_alter_table('supervision_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_sessions_supervisor_id'))
        batch_op.drop_index(batch_op.f('ix_supervision_sessions_starts_at'))
        batch_op.drop_index(batch_op.f('ix_supervision_sessions_moderator_id'))
    op.drop_table('supervision_sessions')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_users_supervisor_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_users_supervisor_id'))
        batch_op.drop_column('supervisor_id')
