"""The single post service: text is stored as pending with its screening job, then a worker screens it."""
import pytest

from forum.services import InvalidInput, NotAllowed, posts, screening_jobs
from models import Board, JobState, Post, PostStatus, ScreeningJob, User, db
from moderation.policy import UNAVAILABLE_RULE_ID


@pytest.fixture
def seen_by_worker(monkeypatch):
    """Record what the screening worker is handed, with the status and job stored at that moment."""
    seen = []
    original = screening_jobs.screen_revision

    def spy(post, revision, *, established):
        stored = db.session.scalar(db.select(Post.status).where(Post.id == post.id))
        job = ScreeningJob.for_revision(revision.id)
        seen.append((post.id, stored, [r.body_markdown for r in post.revisions], job.state))
        return original(post, revision, established=established)

    monkeypatch.setattr(screening_jobs, "screen_revision", spy)
    return seen


def test_every_kind_of_submission_is_stored_pending_with_its_job_before_a_worker_screens_it(river_and_maple, seen_by_worker):
    thread, opening = posts.create_thread(river_and_maple["board"], river_and_maple["river"], "Title", "First")
    reply = posts.create_reply(thread, river_and_maple["maple"], "Second")
    posts.edit_post(opening, river_and_maple["river"], "First, edited")
    running = JobState.RUNNING.value
    assert seen_by_worker == [
        (opening.id, PostStatus.PENDING.value, ["First"], running),
        (reply.id, PostStatus.PENDING.value, ["Second"], running),
        (opening.id, PostStatus.PENDING.value, ["First", "First, edited"], running),
    ]
    assert opening.status == reply.status == PostStatus.PUBLISHED.value


def test_text_and_its_job_are_kept_when_screening_fails(river_and_maple, monkeypatch):
    def broken(post, revision, *, established):
        raise RuntimeError("the engine fell over")

    monkeypatch.setattr(screening_jobs, "screen_revision", broken)
    _, post = posts.create_thread(river_and_maple["board"], river_and_maple["river"], "Title", "Please keep me")
    assert post.body_markdown == "Please keep me"
    assert post.status == PostStatus.PENDING.value
    job = ScreeningJob.for_revision(post.revisions[-1].id)
    assert job.state == JobState.QUEUED.value
    assert "the engine fell over" in job.last_error


def test_the_opening_post_is_marked_and_replies_are_not(river_and_maple):
    thread, opening = posts.create_thread(river_and_maple["board"], river_and_maple["river"], "Title", "First")
    reply = posts.create_reply(thread, river_and_maple["maple"], "Second")
    assert opening.is_opening and not reply.is_opening
    assert thread.posts == [opening, reply]


def test_publishing_a_reply_moves_the_thread_up_the_board(river_and_maple):
    older, _ = posts.create_thread(river_and_maple["board"], river_and_maple["river"], "Older", "First")
    newer, _ = posts.create_thread(river_and_maple["board"], river_and_maple["river"], "Newer", "Second")
    posts.create_reply(older, river_and_maple["maple"], "Bump")
    titles = [t.title for t in db.session.scalars(older.in_board(river_and_maple["board"], river_and_maple["river"]))]
    assert titles == ["Older", "Newer"]


def test_only_authors_can_edit(river_and_maple):
    _, opening = posts.create_thread(river_and_maple["board"], river_and_maple["river"], "Title", "First")
    with pytest.raises(NotAllowed):
        posts.edit_post(opening, river_and_maple["maple"], "Not mine")
    assert [r.body_markdown for r in opening.revisions] == ["First"]


def test_titles_and_bodies_are_checked_and_nothing_is_stored_when_invalid(river_and_maple):
    with pytest.raises(InvalidInput) as error:
        posts.create_thread(river_and_maple["board"], river_and_maple["river"], "", " ")
    assert set(error.value.fields) == {"title", "body"}
    assert db.session.scalar(db.select(Post)) is None


def test_stored_html_is_sanitised_and_raw_markdown_is_kept(river_and_maple):
    _, post = posts.create_thread(river_and_maple["board"], river_and_maple["river"], "T", "**hi** <script>x</script>")
    assert post.body_markdown == "**hi** <script>x</script>"
    assert post.body_html == "<p><strong>hi</strong> &lt;script&gt;x&lt;/script&gt;</p>"


def test_new_members_are_held_but_the_operators_established_demo_members_are_not(make_app, make_member):
    app = make_app(SCREENING_RULESET_OVERRIDES={})  # the shipped rule set: a member's first posts are held
    make_member("fern")
    with app.app_context():
        board, fern = Board.find_by_slug("coping"), User.find_by_handle("fern")
        _, new_member_post = posts.create_thread(board, fern, "Hello", "My dog is asleep upside down again.")
        _, demo_post = posts.create_thread(board, fern, "Pets", "My cat sat on my homework.", established=True)
        assert new_member_post.status == PostStatus.HELD.value
        assert demo_post.status == PostStatus.PUBLISHED.value


def test_a_post_is_held_when_the_activated_model_cannot_load(river_and_maple, monkeypatch, tmp_path):
    from forum.services import classifier_versions

    monkeypatch.setattr(classifier_versions, "live_directory", lambda: tmp_path / "vanished-candidate")
    _, post = posts.create_thread(river_and_maple["board"], river_and_maple["river"], "Pets", "My cat sat on my homework.")
    assert post.status == PostStatus.HELD.value
    assert post.screenings[-1].findings[0]["rule_id"] == UNAVAILABLE_RULE_ID
