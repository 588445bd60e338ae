"""The thread page's reply box and report forms are rendered once per app (forum/boards/blank_forms.py):
each view still carries its own tokens, and the forms work as written, CSRF checks on."""
import re

from models import Post, QueueItem, Thread, db
from tests.conftest import PASSWORD

BODY = "We baked bread at my nan's today and it actually rose. Small wins!"


def _tokens(page: str, name: str) -> list[str]:
    return re.findall(rf'name="{name}" type="hidden" value="([^"]+)"', page) or re.findall(
        rf'type="hidden" name="{name}" value="([^"]+)"', page)


def test_each_view_of_a_thread_gets_its_own_one_time_reply_token(member_client):
    member_client.post("/b/coping/new", data={"title": "Bread", "body": BODY})
    thread_id = re.search(r'href="/t/(\d+)"', member_client.get("/b/coping").get_data(as_text=True)).group(1)
    first, second = (member_client.get(f"/t/{thread_id}").get_data(as_text=True) for _ in range(2))
    assert _tokens(first, "submission_token") != _tokens(second, "submission_token")
    assert 'id="body"' in second and 'value="Post reply"' in second and 'name="content_notes"' in second


def test_a_reply_and_a_report_posted_from_the_pages_own_markup_pass_the_csrf_check(make_app, make_member):
    app = make_app(WTF_CSRF_ENABLED=True)
    author, reader = app.test_client(), app.test_client()
    for client, handle in ((author, "willow"), (reader, "maple")):
        login_page = client.get("/login").get_data(as_text=True)
        client.post("/login", data={"handle": make_member(handle), "password": PASSWORD,
                                    "csrf_token": _tokens(login_page, "csrf_token")[0]})
    compose = author.get("/b/coping/new").get_data(as_text=True)
    author.post("/b/coping/new", data={"title": "Bread", "body": BODY, "csrf_token": _tokens(compose, "csrf_token")[0]})
    with app.app_context():
        thread = db.session.scalar(db.select(Thread))
        post = db.session.scalar(db.select(Post))
        post.status = "published"  # a new member's first post waits for a moderator; this one was cleared
        db.session.commit()
        thread_id, post_id = thread.id, post.id

    page = author.get(f"/t/{thread_id}").get_data(as_text=True)
    reply = {"body": "Thank you all", "submission_token": _tokens(page, "submission_token")[0],
             "csrf_token": _tokens(page, "csrf_token")[0]}
    assert author.post(f"/t/{thread_id}/reply", data=reply).status_code == 302
    assert author.post(f"/t/{thread_id}/reply", data=reply | {"csrf_token": "forged"}).status_code == 400

    page = reader.get(f"/t/{thread_id}").get_data(as_text=True)
    report = re.search(rf'<form method="post" action="/p/{post_id}/report".*?</form>', page, re.S).group(0)
    token = _tokens(report, "csrf_token")[0]
    assert reader.post(f"/p/{post_id}/report", data={"reason": "worried", "csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Post.id))) == 2
        assert [reason.code for reason in db.session.scalar(db.select(QueueItem)).reasons] == ["worried"]
