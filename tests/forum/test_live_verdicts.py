"""Authors hear their own posts' verdicts live over Socket.IO, and nobody else hears them."""
from forum.extensions import socketio
from forum.live import MEMBERS_NAMESPACE
from forum.services import posts, screening_jobs
from models import Board, ScreeningJob, User, db


def _verdicts(socket) -> list[dict]:
    return [event["args"][0] for event in socket.get_received(MEMBERS_NAMESPACE) if event["name"] == "verdict"]


def test_the_author_hears_the_verdict_when_it_lands_and_others_do_not(app, member_client, make_member, log_in, texts):
    make_member("river")
    other = app.test_client()
    log_in(other, "river")
    author_socket = socketio.test_client(app, namespace=MEMBERS_NAMESPACE, flask_test_client=member_client)
    other_socket = socketio.test_client(app, namespace=MEMBERS_NAMESPACE, flask_test_client=other)
    assert author_socket.is_connected(MEMBERS_NAMESPACE) and other_socket.is_connected(MEMBERS_NAMESPACE)
    with app.app_context():
        board, willow = Board.find_by_slug("coping"), User.find_by_handle("willow")
        _, calm = posts.create_thread(board, willow, "Bread", texts.EVERYDAY)
        _, crisis = posts.create_thread(Board.find_by_slug("hard-time"), willow, "Tonight", texts.CRISIS)
        calm_id, crisis_id = calm.id, crisis.id
    assert _verdicts(author_socket) == [{"post_id": calm_id, "crisis": False}, {"post_id": crisis_id, "crisis": True}]
    assert _verdicts(other_socket) == []


def test_a_verdict_stored_twice_is_told_once(app, member_client, texts):
    """The job's second run stores nothing, so it announces nothing either."""
    author_socket = socketio.test_client(app, namespace=MEMBERS_NAMESPACE, flask_test_client=member_client)
    with app.app_context():
        _, post = posts.create_thread(Board.find_by_slug("coping"), User.find_by_handle("willow"), "Bread", texts.EVERYDAY)
        job_id = db.session.scalar(db.select(ScreeningJob.id).where(ScreeningJob.post_id == post.id))
        assert not screening_jobs.run(job_id)
    assert len(_verdicts(author_socket)) == 1


def test_signed_out_visitors_cannot_join(app, client):
    assert not socketio.test_client(app, namespace=MEMBERS_NAMESPACE, flask_test_client=client).is_connected(
        MEMBERS_NAMESPACE
    )
