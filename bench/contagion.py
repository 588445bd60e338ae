"""Contagion guard speed: the engine's work per screened post, and a 30-day backtest.

    python bench/contagion.py

The engine only (``moderation.contagion``), on SYNTHETIC posts: random unit embeddings of MiniLM's size
stored as float16 like screening stores them, and uniform-to-the-4th-power scores per category (mostly low,
some high), spread evenly over the time span. A live screening runs ``find_clusters`` once over its
window; a backtest runs ``replay`` over every post in the span. The database query in front of both is
not timed here (it reads one indexed window of screening records).
"""
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from moderation.contagion import RecentPost, Settings, find_clusters, pack, replay  # noqa: E402
from moderation.taxonomy import CATEGORIES  # noqa: E402

DIMENSIONS = 384
START = datetime(2026, 11, 1, tzinfo=timezone.utc)


def synthetic(posts: int, span: timedelta, seed: int = 7) -> list[RecentPost]:
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(posts, DIMENSIONS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    scores = rng.random((posts, len(CATEGORIES))) ** 4
    step = span / posts
    return [
        RecentPost(post_id=i, thread_id=int(rng.integers(posts // 5 + 1)), board=f"b{i % 6}", author_id=int(rng.integers(posts)),
                   created_at=START + step * i, is_reply=bool(i % 3), scores=dict(zip(CATEGORIES, map(float, scores[i]))),
                   embedding=pack(vectors[i]))
        for i in range(posts)
    ]


def timed(function, *args, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    settings = Settings()
    print("find_clusters over one 24-hour window (what each screened post with self-harm content costs):")
    for posts in (200, 1_000, 3_000):
        window = synthetic(posts, timedelta(hours=24))
        candidates = sum(post.is_candidate for post in window)
        print(f"  {posts:>6,} posts ({candidates:,} with self-harm content): {timed(find_clusters, window, settings) * 1000:8.1f} ms")
    for posts, days in ((3_000, 30), (10_000, 30)):
        history = synthetic(posts, timedelta(days=days))
        seconds = timed(replay, history, settings, repeat=1)
        print(f"replay (backtest) over {posts:,} posts in {days} days: {seconds:.1f} s")


if __name__ == "__main__":
    main()
