"""The work behind admin jobs: plain functions of a job row, run by ``forum.jobs``.

Each reads what to do from ``job.params``, says how much there is in
``job.total``, reports progress as it goes and returns the result to store.
"""
from dataclasses import replace
from datetime import timedelta

from forum.services import contagion, posts, screening
from moderation.backtest import PastScreening, backtest
from moderation.contagion import pack, replay
from moderation.verdict import ReviewContext
from models import ContagionSettings, Post, RuleSetVersion, db
from models.contagion import recent_window
from models.base import utcnow
from models.queue import published_unjudged_since
from models.screening import latest_screenings

EMBED_BATCH = 64
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


def run_contagion_backtest(job, report_progress) -> dict:
    """The clusters the contagion guard, as admins set it now, would have found in the last ``days`` days.

    Posts screened before embeddings were stored are embedded here, in batches (their stored scores stand).
    """
    settings = ContagionSettings.effective()
    history = [contagion.as_recent(row) for row in recent_window(utcnow() - timedelta(days=job.params["days"]))]
    job.total = len(history)
    db.session.commit()
    unembedded = [i for i, post in enumerate(history) if post.embedding is None and post.is_candidate]
    for start in range(0, len(unembedded), EMBED_BATCH):
        batch = unembedded[start:start + EMBED_BATCH]
        texts = [screening.text_of(db.session.get(Post, history[i].post_id)) for i in batch]
        _, vectors = screening.live_classifier().score_and_embed(texts)
        for i, vector in zip(batch, vectors):
            history[i] = replace(history[i], embedding=pack(vector))
        report_progress(start + len(batch))
    clusters = replay(history, contagion.engine_settings(settings))
    report_progress(len(history))
    return {"days": job.params["days"], "settings": settings.to_dict(), "posts": len(history),
            "embedded_now": len(unembedded), "count": len(clusters), "clusters": [c.to_dict() for c in clusters]}


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
