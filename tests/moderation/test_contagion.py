"""The contagion guard's engine on a seeded day of posts, scored and embedded by the real classifier."""
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from moderation.classifier import TriggerClassifier
from moderation.contagion import SPREAD, THREAD, RecentPost, Settings, find_clusters, match, pack, replay, unpack
from moderation.review import review

START = datetime(2026, 11, 30, 8, 0, tzinfo=timezone.utc)
SETTINGS = Settings(window_hours=24, min_posts=3, similarity=0.55)


@pytest.fixture(scope="module")
def classifier():
    return TriggerClassifier.load()


class Day:
    """Builds RecentPosts from real scores and embeddings, one post every ``step`` minutes."""

    def __init__(self, classifier, step_minutes=20):
        self.classifier, self.step, self.posts = classifier, timedelta(minutes=step_minutes), []

    def add(self, text, *, thread, author, reply=True, board="coping", at=None):
        [scores], embeddings = self.classifier.score_and_embed([text])
        post = RecentPost(post_id=len(self.posts) + 1, thread_id=thread, board=board, author_id=author,
                          created_at=at or START + self.step * len(self.posts), is_reply=reply, scores=scores,
                          embedding=pack(embeddings[0]))
        self.posts.append(post)
        return post


def seeded_day(classifier, history):
    day = Day(classifier)
    burst = [day.add(text, thread=10 + i, author=100 + i, reply=False, board=("coping", "recovery")[i % 2])
             for i, text in enumerate(history.BURST)]
    day.add(history.COMPARING_OPENING, thread=50, author=200, reply=False)
    comparing = [day.add(text, thread=50, author=201 + i) for i, text in enumerate(history.COMPARING)]
    day.add(history.SUPPORTIVE, thread=50, author=300)
    for i, text in enumerate(history.DISTRESSED):
        day.add(text, thread=60 + i, author=400 + i, reply=False)
        day.add(history.SUPPORTIVE, thread=60 + i, author=500 + i)
    for i, text in enumerate(history.EVERYDAY):
        day.add(text, thread=80 + i, author=600 + i, reply=False)
    return day.posts, burst, comparing


def test_a_burst_about_one_challenge_and_a_thread_of_comparisons_cluster_and_nothing_else_does(
    classifier, contagion_history
):
    posts, burst, comparing = seeded_day(classifier, contagion_history)
    clusters = find_clusters(posts, SETTINGS)
    assert [set(c.post_ids) for c in clusters] == [{p.post_id for p in burst}, {p.post_id for p in comparing}]
    spread, thread = clusters
    assert spread.kind == SPREAD and spread.boards == ("coping", "recovery")
    assert thread.kind == THREAD and thread.thread_ids == (50,)
    assert "encouragement" in thread.categories


def test_distressed_posts_about_different_things_never_cluster_however_many(classifier, contagion_history):
    day = Day(classifier)
    for round_ in range(3):
        for i, text in enumerate(contagion_history.DISTRESSED + contagion_history.EVERYDAY):
            day.add(text, thread=1000 + 20 * round_ + i, author=round_ * 50 + i, reply=False)
    assert find_clusters(day.posts, SETTINGS) == []


def test_a_cluster_needs_the_admins_size_and_more_than_one_author(classifier, contagion_history):
    day = Day(classifier)
    burst = [day.add(text, thread=1, author=7, reply=False) for text in contagion_history.BURST]
    assert find_clusters(burst, SETTINGS) == []  # one member posting often is not imitation
    others = [day.add(text, thread=2 + i, author=20 + i, reply=False) for i, text in enumerate(contagion_history.BURST)]
    assert find_clusters(others[:2], SETTINGS) == []
    assert len(find_clusters(others, Settings(min_posts=4))) == 1
    assert find_clusters(others, Settings(min_posts=5)) == []


def test_an_existing_cluster_is_continued_by_the_found_cluster_sharing_its_posts(classifier, contagion_history):
    posts, burst, comparing = seeded_day(classifier, contagion_history)
    found = find_clusters(posts, SETTINGS)
    active = {7: frozenset(p.post_id for p in burst[:3])}
    assert [cluster_id for cluster_id, _ in match(found, active)] == [7, None]


def test_replay_finds_each_cluster_once_and_a_new_one_after_the_window_has_passed(classifier, contagion_history):
    day = Day(classifier, step_minutes=30)
    for i, text in enumerate(contagion_history.BURST):
        day.add(text, thread=10 + i, author=100 + i, reply=False)
    later = START + timedelta(days=3)
    for i, text in enumerate(contagion_history.BURST):
        day.add(text, thread=30 + i, author=300 + i, reply=False, at=later + timedelta(minutes=30 * i))
    for i, text in enumerate(contagion_history.EVERYDAY):
        day.add(text, thread=90 + i, author=900 + i, reply=False, at=START + timedelta(hours=i))
    clusters = replay(day.posts, SETTINGS)
    assert [c.post_ids for c in clusters] == [(1, 2, 3, 4), (5, 6, 7, 8)]
    assert clusters[1].started_at == later


def test_screening_returns_the_sentence_embedding_it_scored_with(classifier, contagion_history):
    text = contagion_history.BURST[0]
    verdict = review(text, classifier=classifier)
    scores, embeddings = classifier.score_and_embed([text])
    assert verdict.categories == pytest.approx(scores[0])
    assert verdict.embedding == pack(embeddings[0])
    assert len(verdict.embedding) == 2 * 384  # float16
    vector = unpack(verdict.embedding)
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-2)
    assert "embedding" not in verdict.to_dict()


def test_embeddings_of_a_batch_match_each_text_alone(classifier, contagion_history):
    texts = contagion_history.BURST[:2] + ["", "a" * 5000]
    _, together = classifier.score_and_embed(texts)
    alone = np.concatenate([classifier.score_and_embed([t])[1] for t in texts])
    assert together.shape == (4, 384)
    assert np.allclose(together, alone, atol=1e-4)
