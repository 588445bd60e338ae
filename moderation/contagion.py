"""The contagion guard's engine: which recent posts together form a burst of imitation or comparison.

Screening judges one post at a time, and cannot see members imitating each other,
comparing injuries, or taking up a "challenge" together. This module looks at the
posts of a sliding window as a whole. It is plain Python and numpy: the forum feeds
it the window's screened posts (their stored scores, rule findings and sentence
embeddings, so the model never runs again), and a backtest feeds it history.

Two posts are linked when

- both carry self-harm content (a score of at least ``SIGNAL_FLOOR``, or a rule
  finding) and their sentence embeddings are at least ``similarity`` alike: the
  same method, event or challenge, in any thread or board; or
- they are replies in the same thread that both carry an imitation signal
  (method details, numbers, injuries, encouragement or comparison): a thread
  where replies compare, however differently each one is worded.

A cluster is a connected group of linked posts with at least ``min_posts`` posts
from at least two authors, one of them or more carrying an imitation signal. So
members each writing about their own, different hard day do not cluster, nor
does one member posting often.
"""
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from datetime import datetime, timedelta
from typing import Iterable

import numpy as np

from moderation.taxonomy import CATEGORIES, IMITATION_CATEGORIES, SELF_HARM_CONTENT

# A category counts as a signal from this probability: well under the operating points, because a post the
# policy lets through with a note (or no note) is exactly what others read and imitate. The shipped model
# (42397fc6f3e6; 6eab9411cdf9 before it: 0.16, aeef8fc7fdfd: 0.14) scores the most implicit post about a self-harm
# "challenge" 0.11 for self-harm under its thread's title, so a floor of 0.2 would miss it (and this one is close:
# a model that scores it lower must lower the floor); the similarity and imitation tests, not this floor, keep
# ordinary posts out of clusters.
SIGNAL_FLOOR = 0.1
MIN_AUTHORS = 2
THREAD = "thread"  # every post in one thread: slow that thread
SPREAD = "spread"  # across threads: slow the boards it touches


@dataclass(frozen=True)
class Settings:
    """What admins tune: how far back the window reaches, how big a cluster must be, how alike its posts."""

    window_hours: float = 24
    min_posts: int = 3
    similarity: float = 0.55

    @property
    def window(self) -> timedelta:
        return timedelta(hours=self.window_hours)


@dataclass(frozen=True)
class RecentPost:
    """One screened post as the guard needs it: no rows, plain values (``embedding`` as ``pack`` made it)."""

    post_id: int
    thread_id: int
    board: str
    author_id: int
    created_at: datetime
    is_reply: bool
    scores: dict[str, float]
    rule_categories: tuple[str, ...] = ()
    embedding: bytes | None = field(default=None, repr=False)

    @cached_property
    def signals(self) -> frozenset[str]:
        return signals_of(self.scores, self.rule_categories)

    @cached_property
    def is_candidate(self) -> bool:
        return can_cluster(self.signals)

    @cached_property
    def imitates(self) -> bool:
        return bool(self.signals & set(IMITATION_CATEGORIES))

    @cached_property
    def vector(self) -> np.ndarray | None:
        """The embedding, unit length, or None when the post has none."""
        if not self.embedding:
            return None
        vector = unpack(self.embedding)
        norm = np.linalg.norm(vector)
        return vector / norm if norm > 0 else vector


@dataclass(frozen=True)
class Cluster:
    """Linked posts, oldest first; ``kind`` says whether it stays in one thread or spreads."""

    post_ids: tuple[int, ...]
    thread_ids: tuple[int, ...]
    boards: tuple[str, ...]
    categories: tuple[str, ...]
    started_at: datetime
    last_at: datetime

    @property
    def kind(self) -> str:
        return THREAD if len(self.thread_ids) == 1 else SPREAD

    def to_dict(self) -> dict:
        return {"kind": self.kind, "post_ids": list(self.post_ids), "thread_ids": list(self.thread_ids),
                "boards": list(self.boards), "categories": list(self.categories),
                "started_at": self.started_at.isoformat(), "last_at": self.last_at.isoformat()}


def pack(vector: np.ndarray) -> bytes:
    """A sentence embedding as compact bytes for storage: float16, 768 bytes for MiniLM's 384 dimensions."""
    return np.asarray(vector, dtype="<f2").tobytes()


def signals_of(scores: dict[str, float], rule_categories: Iterable[str]) -> frozenset[str]:
    """The categories the model (from ``SIGNAL_FLOOR``) or a rule found in a post."""
    scored = {c for c, score in scores.items() if score >= SIGNAL_FLOOR}
    return frozenset((scored | set(rule_categories)) & set(CATEGORIES))


def can_cluster(signals: frozenset[str]) -> bool:
    """Only a post with self-harm content can start or join a cluster."""
    return bool(signals & set(SELF_HARM_CONTENT))


def unpack(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<f2").astype(np.float32)


def find_clusters(posts: Iterable[RecentPost], settings: Settings) -> list[Cluster]:
    """The clusters among ``posts`` (the caller passes one window's worth), oldest first."""
    candidates = sorted((p for p in posts if p.is_candidate), key=lambda p: (p.created_at, p.post_id))
    parent = list(range(len(candidates)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def link(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    for i, j in _alike_pairs(candidates, settings.similarity):
        link(i, j)
    first_in_thread: dict[int, int] = {}
    for i, post in enumerate(candidates):
        if post.is_reply and post.imitates:
            link(i, first_in_thread.setdefault(post.thread_id, i))
    groups: dict[int, list[RecentPost]] = {}
    for i, post in enumerate(candidates):
        groups.setdefault(root(i), []).append(post)
    found = [_cluster_of(group) for group in groups.values() if _qualifies(group, settings)]
    return sorted(found, key=lambda cluster: (cluster.started_at, cluster.post_ids))


def match(found: list[Cluster], active: dict[int, frozenset[int]]) -> list[tuple[int | None, Cluster]]:
    """Pair each cluster found now with the active cluster it continues (the one sharing most posts), or None
    for a new one: a cluster keeps its identity, alert and actions while posts join it."""
    paired = []
    for cluster in found:
        members = set(cluster.post_ids)
        overlaps = [(len(members & posts), cluster_id) for cluster_id, posts in active.items() if members & posts]
        paired.append((max(overlaps)[1] if overlaps else None, cluster))
    return paired


def has_ended(last_at: datetime, now: datetime, settings: Settings) -> bool:
    """A cluster ends when its newest post has left the window."""
    return last_at <= now - settings.window


def replay(history: Iterable[RecentPost], settings: Settings) -> list[Cluster]:
    """The clusters the guard would have found over past posts, run as it runs live: after each post, the
    clusters in the window ending there; a cluster grows while posts join it and ends when the window passes."""
    posts = sorted(history, key=lambda p: (p.created_at, p.post_id))
    times = [post.created_at for post in posts]
    by_id = {post.post_id: post for post in posts}
    active: dict[int, frozenset[int]] = {}
    last_at: dict[int, datetime] = {}
    every: dict[int, frozenset[int]] = {}
    for index, post in enumerate(posts):
        if not post.is_candidate:
            continue
        now = post.created_at
        for cluster_id in [c for c in active if has_ended(last_at[c], now, settings)]:
            del active[cluster_id]
        start = bisect_right(times, now - settings.window)
        if not _links_back(post, posts[start:index], settings):
            continue  # a post linked to nothing cannot start or grow a cluster: the window's clusters stand
        for cluster_id, cluster in match(find_clusters(posts[start:index + 1], settings), active):
            cluster_id = len(every) if cluster_id is None else cluster_id
            active[cluster_id] = every[cluster_id] = every.get(cluster_id, frozenset()) | set(cluster.post_ids)
            last_at[cluster_id] = max(last_at.get(cluster_id, cluster.last_at), cluster.last_at)
    return [_cluster_of([by_id[i] for i in sorted(ids, key=lambda i: (by_id[i].created_at, i))])
            for ids in every.values()]


def _links_back(post: RecentPost, earlier: list[RecentPost], settings: Settings) -> bool:
    """Whether ``post`` links to any earlier candidate, by the same two rules as ``find_clusters``."""
    earlier = [other for other in earlier if other.is_candidate]
    if post.is_reply and post.imitates and any(
            o.thread_id == post.thread_id and o.is_reply and o.imitates for o in earlier):
        return True
    vectors = [other.vector for other in earlier if other.vector is not None]
    if post.vector is None or not vectors:
        return False
    return bool((np.stack(vectors) @ post.vector >= settings.similarity).any())


def _alike_pairs(candidates: list[RecentPost], similarity: float) -> list[tuple[int, int]]:
    """Index pairs of candidates whose embeddings are at least ``similarity`` alike (cosine)."""
    embedded = [i for i, post in enumerate(candidates) if post.vector is not None]
    if len(embedded) < 2:
        return []
    vectors = np.stack([candidates[i].vector for i in embedded])
    rows, columns = np.nonzero(np.triu(vectors @ vectors.T >= similarity, k=1))
    return [(embedded[r], embedded[c]) for r, c in zip(rows.tolist(), columns.tolist())]


def _qualifies(group: list[RecentPost], settings: Settings) -> bool:
    return (len(group) >= settings.min_posts and len({p.author_id for p in group}) >= MIN_AUTHORS
            and any(p.imitates for p in group))


def _cluster_of(group: list[RecentPost]) -> Cluster:
    signals = set().union(*(p.signals for p in group)) & set(IMITATION_CATEGORIES)
    return Cluster(
        post_ids=tuple(p.post_id for p in group),
        thread_ids=tuple(dict.fromkeys(p.thread_id for p in group)),
        boards=tuple(dict.fromkeys(p.board for p in group)),
        categories=tuple(c for c in CATEGORIES if c in signals),
        started_at=group[0].created_at,
        last_at=group[-1].created_at,
    )
