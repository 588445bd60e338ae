"""Screening jobs: every accepted revision carries the job that will screen it.

Posts left pending before this revision (a crash between accepting and
screening) get a job for their newest revision here, so the recovery sweep
screens them too.

Revision ID: 0012_i12_screening_jobs
Revises: 0011_i14_duty_and_training
Create Date: 2026-12-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_i12_screening_jobs'
down_revision = '0011_i14_duty_and_training'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('screening_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('revision_id', sa.Integer(), nullable=False),
    sa.Column('established', sa.Boolean(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('worker', sa.String(length=120), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('touched_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_screening_jobs_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['record_id'], ['screening_records.id'], name=op.f('fk_screening_jobs_record_id_screening_records'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['revision_id'], ['post_revisions.id'], name=op.f('fk_screening_jobs_revision_id_post_revisions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_screening_jobs')),
    sa.UniqueConstraint('revision_id', name=op.f('uq_screening_jobs_revision_id'))
    )
    with op.batch_alter_table('screening_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_screening_jobs_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_screening_jobs_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_screening_jobs_touched_at'), ['touched_at'], unique=False)

    # Posts a crash left pending: a job for each one's newest revision, already stale, so the first sweep takes it.
    op.execute(sa.text(
        "INSERT INTO screening_jobs (post_id, revision_id, established, state, attempts, worker, last_error,"
        " created_at, touched_at)"
        " SELECT p.id, MAX(r.id), false, 'queued', 1, '', '', CURRENT_TIMESTAMP, p.created_at"
        " FROM posts p JOIN post_revisions r ON r.post_id = p.id WHERE p.status = 'pending' GROUP BY p.id, p.created_at"
    ))


def downgrade():
    with op.batch_alter_table('screening_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_screening_jobs_touched_at'))
        batch_op.drop_index(batch_op.f('ix_screening_jobs_state'))
        batch_op.drop_index(batch_op.f('ix_screening_jobs_post_id'))

    op.drop_table('screening_jobs')
