"""Backtest speed: a draft rule set re-decided over 10,000 stored screenings.

    python bench/backtest.py

Seeds a temporary SQLite database (migrated, default boards and rule set) with
10,000 posts, one screening record each and a moderator decision on every
fifth. The texts are corpus posts; the stored per-category scores are
SYNTHETIC (uniform to the 10th power: mostly near 0, a few high, like real ones) and carry the live model's
version, so the backtest reuses them, exactly as it does for records the live
model scored, and the classifier never runs. Then times the backtest task the
admin job runs (query, rules and policy per post, progress commits) with a
draft that lowers the warn thresholds. Prints the time and what the draft changed.
"""
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from forum import create_app, tasks  # noqa: E402
from forum.seed import ensure_active_ruleset, ensure_default_boards  # noqa: E402
from forum.services import accounts, rulesets  # noqa: E402
from moderation.classifier import TriggerClassifier  # noqa: E402
from moderation.corpus import load_corpus  # noqa: E402
from moderation.taxonomy import CATEGORIES, DECISIONS  # noqa: E402
from models import (  # noqa: E402
    Board, Job, ModerationDecision, Post, PostRevision, QueueItem, Role, RuleSetVersion, ScreeningRecord, Thread, db,
)
from models.base import utcnow  # noqa: E402

POSTS = 10_000
DECIDED_EVERY = 5


def seed(classifier_version: str) -> None:
    rng = random.Random(20261126)
    texts = [example.text for example in load_corpus()]
    author = accounts.register_member("bench_member", "a calm harbour at dusk")
    moderator = accounts.register_member("bench_moderator", "a calm harbour at dusk", role=Role.MODERATOR)
    board = Board.find_by_slug("coping")
    thread = Thread(board=board, author=author, title="Bench")
    db.session.add(thread)
    db.session.flush()
    now = utcnow()
    ids = range(1, POSTS + 1)
    db.session.execute(insert(Post), [
        {"id": i, "thread_id": thread.id, "author_id": author.id, "body_markdown": rng.choice(texts),
         "status": "published", "is_opening": i == 1, "created_at": now - timedelta(minutes=i)} for i in ids
    ])
    db.session.execute(insert(PostRevision), [
        {"id": i, "post_id": i, "editor_id": author.id, "body_markdown": db.session.get(Post, i).body_markdown}
        for i in ids
    ])
    db.session.execute(insert(ScreeningRecord), [
        {"id": i, "post_id": i, "revision_id": i, "action": rng.choice(["publish"] * 6 + ["warn", "warn", "hold", "edit"]),
         "scores": {c: round(rng.random() ** 10, 4) for c in CATEGORIES}, "model_version": classifier_version,
         "ruleset_version": "default-1", "latency_ms": 20.0, "created_at": now - timedelta(minutes=i)} for i in ids
    ])
    decided = [i for i in ids if i % DECIDED_EVERY == 0]
    db.session.execute(insert(QueueItem), [
        {"id": i, "post_id": i, "kind": "screening", "status": "resolved", "priority": 0} for i in decided
    ])
    db.session.execute(insert(ModerationDecision), [
        {"item_id": i, "post_id": i, "screening_record_id": i, "moderator_id": moderator.id,
         "decision": rng.choice(DECISIONS), "status_before": "held", "status_after": "published"} for i in decided
    ])
    db.session.commit()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.db'}",
            "SECRET_KEY": "bench",
            "RATELIMIT_ENABLED": False,
            "REDIS_URL": None,
            "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        })
        with app.app_context():
            upgrade()
            ensure_default_boards()
            ensure_active_ruleset()
            classifier = TriggerClassifier.load()
            seed(classifier.version)
            admin = accounts.register_member("bench_admin", "a calm harbour at dusk", role=Role.ADMIN)
            draft = rulesets.create_draft(admin, RuleSetVersion.active())
            document = dict(draft.document)
            document["thresholds"] = {category: {action: round(threshold * 0.8, 3) for action, threshold in by_action.items()}
                                      for category, by_action in document["thresholds"].items()}
            rulesets.update_draft(admin, draft, document)
            job = Job(kind="backtest", params={"ruleset_id": draft.id, "limit": POSTS}, created_by=admin.id)
            db.session.add(job)
            db.session.commit()

            def report_progress(done: int) -> None:
                job.done = done
                db.session.commit()

            start = time.perf_counter()
            result = tasks.run_backtest(job, report_progress)
            elapsed = time.perf_counter() - start

    print(f"model {classifier.version}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{result['total']:,} stored screenings (synthetic scores, corpus texts), SQLite, "
          f"{result['decided']:,} with a moderator decision, {result['rescored']} rescored")
    print(f"backtest of a draft with every threshold at 0.8x: {elapsed:.2f} s "
          f"({result['total'] / elapsed:,.0f} posts/s)")
    print(f"{result['changed']:,} posts change action: "
          + ", ".join(f"{c['from']}->{c['to']} {c['count']:,}" for c in result["changes"]))


if __name__ == "__main__":
    main()
