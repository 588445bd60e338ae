"""The work behind admin jobs: plain functions of a job row, run by ``forum.jobs``.

Each reads what to do from ``job.params``, says how much there is in
``job.total``, reports progress as it goes and returns the result to store.
"""
from datetime import timedelta

from forum.services import posts, screening
from moderation.backtest import PastScreening, backtest
from moderation.verdict import ReviewContext
from models import RuleSetVersion, db
from models.base import utcnow
from models.queue import published_unjudged_since
from models.screening import latest_screenings

FLIPS_KEPT = 500  # the page lists flips one by one; more than this is a sign to narrow the draft first


def run_backtest(job, report_progress) -> dict:
    """The draft's backtest over the newest screening of the last ``limit`` posts or ``days`` days."""
    version = db.session.get(RuleSetVersion, job.params["ruleset_id"])
    since = utcnow() - timedelta(days=job.params["days"]) if job.params.get("days") else None
    history = [_past(row) for row in latest_screenings(limit=job.params.get("limit"), since=since)]
    job.total = len(history)
    db.session.commit()
    result = backtest(history, version.ruleset(), classifier=screening.live_classifier(), progress=report_progress)
    return result.to_dict(max_flips=FLIPS_KEPT)


def run_rescreen(job, report_progress) -> dict:
    """Screen the posts published in the last ``days`` days under the active rule set; count those queued."""
    published = published_unjudged_since(utcnow() - timedelta(days=job.params["days"]))
    job.total = len(published)
    db.session.commit()
    queued = []
    for done, post in enumerate(published, start=1):
        if posts.rescreen_published(post) is not None:
            queued.append(post.id)
        report_progress(done)
    return {"screened": len(published), "queued": len(queued), "queued_post_ids": queued}


def _past(row) -> PastScreening:
    return PastScreening(
        record_id=row.record_id,
        post_id=row.post_id,
        text=row.text,
        scores=row.scores,
        model_version=row.model_version,
        action=row.action,
        decision=row.decision,
        member_actions=tuple(rule["action"] for rule in row.member_rules),
        context=ReviewContext(board=row.board, board_strictness=row.board_strictness, is_reply=not row.is_opening),
    )
