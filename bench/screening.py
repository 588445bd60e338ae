"""Screening overhead: submit-to-stored-verdict through the post service, next to the classifier alone.

    python bench/screening.py

On a temporary SQLite database (migrated, default boards, one member), each of
the same corpus posts is timed twice on 2 torch threads: once through the
classifier alone (``score([text])``), then through ``posts.create_reply`` -
durable accept, screening with the real classifier and rules, screening record
and any queue item committed. Prints p50/p95 latency for both, the screening
record's own engine time, the median per-post difference, and sustained
posts/s through the service in one process (a second pass over the same posts).
Other processes on the machine disturb the figures, so the load average is
printed too.
"""
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
THREADS = 2
os.environ.setdefault("HARBOUR_CLASSIFIER_THREADS", str(THREADS))

import torch  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from forum import create_app  # noqa: E402
from forum.seed import ensure_default_boards  # noqa: E402
from forum.services import accounts, posts  # noqa: E402
from moderation.classifier import TriggerClassifier  # noqa: E402
from moderation.corpus import load_corpus  # noqa: E402
from models import Board, ScreeningRecord, db  # noqa: E402

POSTS = 24


def percentiles(samples_ms: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples_ms, n=20)
    return statistics.median(samples_ms), cuts[18]


def timed_ms(action, text: str) -> float:
    start = time.perf_counter()
    action(text)
    return (time.perf_counter() - start) * 1000


def in_fresh_thread(action):
    """Run ``action`` the way ``review_or_hold`` runs the engine: in a new thread, waited on.

    On this busy machine torch runs noticeably slower in the main thread than in
    a new one, so timing the classifier in the main thread would flatter screening.
    """

    def run(text: str) -> None:
        worker = threading.Thread(target=action, args=(text,))
        worker.start()
        worker.join()

    return run


def main() -> None:
    torch.set_num_threads(THREADS)
    texts = random.Random(20261125).sample([example.text for example in load_corpus()], POSTS)
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.db'}",
                "SECRET_KEY": "bench",
                "RATELIMIT_ENABLED": False,
                "REDIS_URL": None,
                "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
            }
        )
        with app.app_context():
            upgrade()
            ensure_default_boards()
            member = accounts.register_member("bench_member", "a calm harbour at dusk")
            classifier = TriggerClassifier.load()
            thread, _ = posts.create_thread(Board.find_by_slug("coping"), member, "Bench", "warming up the service")

            score_alone = in_fresh_thread(lambda text: classifier.score([text]))
            for text in texts:  # the traced network is slow on the first call at each new length: keep that out
                score_alone(text)
            model_ms, service_ms = [], []
            for text in texts:  # interleaved, so both columns see the same machine load
                model_ms.append(timed_ms(score_alone, text))
                service_ms.append(timed_ms(lambda text: posts.create_reply(thread, member, text), text))
            engine_ms = [record.latency_ms for record in db.session.scalars(db.select(ScreeningRecord))][1:]
            start = time.perf_counter()
            for text in texts:
                posts.create_reply(thread, member, text)
            rate = len(texts) / (time.perf_counter() - start)

    words = sum(len(text.split()) for text in texts) / len(texts)
    rows = [
        ("classifier alone", model_ms),
        ("engine (review_or_hold)", engine_ms),
        ("submit -> stored verdict", service_ms),
    ]
    print(f"model {classifier.version}, torch threads {torch.get_num_threads()}, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{POSTS} corpus posts, mean {words:.0f} words, SQLite, one process")
    print(f"{'':28}{'p50 ms':>9}{'p95 ms':>9}")
    for name, samples in rows:
        p50, p95 = percentiles(samples)
        print(f"{name:28}{p50:9.1f}{p95:9.1f}")
    overhead = statistics.median(s - m for s, m in zip(service_ms, model_ms))
    print(f"median per-post overhead of the post service over the classifier alone: {overhead:.1f} ms")
    print(f"sustained through the post service: {rate:.1f} posts/s")


if __name__ == "__main__":
    main()
