"""Members see and remove what Harbour holds about them: export, deletion, and nothing left behind."""
import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.services import breaks, community
from forum.services.member_data import MEMBER_COLUMNS, columns_pointing_at_users
from models import AdminAudit, Board, Notification, Post, RetainedPost, Role, Thread, User, db
from models.privacy import FORMER_MEMBER

PLAN = "Call my aunt Marigold; walk the dog by the canal"


def test_every_column_that_points_at_a_member_says_what_export_and_deletion_do(app):
    """A new table with a foreign key to users fails here until it is added to MEMBER_COLUMNS."""
    with app.app_context():
        assert columns_pointing_at_users() == set(MEMBER_COLUMNS)


@pytest.fixture
def river(app, member_api, make_member, api, texts):
    """The member "river" with something of every kind: posts and an edit, a reply from someone else,
    a crisis post, choices, a break, mutes, a safety plan, a notification and a report."""
    opening = member_api("POST", "/boards/coping/threads", {"title": "Rainy days", "body": texts.EVERYDAY}).get_json()
    member_api("PATCH", f"/posts/{opening['post']['id']}", {"body": texts.EVERYDAY + " Edited."})
    alone = member_api("POST", "/boards/hard-time/threads", {"title": "Just me", "body": "Quiet evening."}).get_json()
    crisis = member_api("POST", "/boards/hard-time/threads", {"title": "Tonight", "body": texts.CRISIS}).get_json()
    member_api("PUT", "/me/preferences", {"warnings": {"numbers": "hide"}, "region": "IE"})
    member_api("PUT", "/me/safety-plan", {"things_that_help": PLAN})
    maple = api.as_member(make_member("maple"))
    maple("POST", f"/threads/{opening['thread']['id']}/posts", {"body": "Same here, hang in there."})
    member_api("POST", f"/posts/{opening['post']['id'] + 0}/reports", {"reason": "worried"})
    with app.app_context():
        member = User.find_by_handle("river")
        breaks.take_break(member, next(iter(breaks.BREAK_LENGTHS)))
        breaks.mute_board(member, Board.find_by_slug("introductions"))
        db.session.add(Notification(user_id=member.id, kind="decision", message="Your post is up."))
        db.session.commit()
    return {"api": member_api, "opening": opening, "alone": alone, "crisis": crisis, "maple": maple}


def test_the_export_has_every_kind_of_data_and_no_secrets(river):
    export = river["api"]("GET", "/me/export").get_json()
    assert export["account"]["handle"] == "river"
    assert {"Your posts", "Every version of your posts", "Threads you started", "Your safety plan",
            "What you chose to see", "Your breaks", "Boards you muted", "Your notifications",
            "Posts you reported", "Your app tokens"} <= set(export)
    assert len(export["Your posts"]) == 3 and len(export["Every version of your posts"]) == 4
    assert export["Your safety plan"][0]["things_that_help"] == PLAN
    assert "token_hash" not in json.dumps(export)


def test_the_account_page_offers_a_readable_export_and_a_file(app, log_in, river, client):
    log_in(client, "river")
    assert "Download my data" in client.get("/account").get_data(as_text=True)
    page = client.get("/account/export").get_data(as_text=True)
    assert "Marigold" in page and "Rainy days" in page
    download = client.get("/account/export.json")
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert json.loads(download.data)["account"]["handle"] == "river"


def _everything_left_of(app, member_id: int, words: list[str]) -> list[str]:
    """Every row anywhere that still points at the member or holds one of their words."""
    found = []
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for row in db.session.execute(sa.select(table)).mappings():
                for (table_name, column_name) in MEMBER_COLUMNS:
                    if table_name == table.name and row[column_name] == member_id:
                        found.append(f"{table.name}.{column_name} -> member")
                text = json.dumps({k: str(v) for k, v in row.items()}).lower()
                found.extend(f"{table.name}: {word!r}" for word in words if word.lower() in text)
    return found


def test_deleting_and_removing_posts_leaves_only_the_crisis_post_as_a_hidden_safety_record(
    app, river, client, log_in, password, texts
):
    with app.app_context():
        member = User.find_by_handle("river")
        member_id = member.id
        community.set_member_role(None, member, Role.MODERATOR, note="river asked to help moderate")
    response = river["api"]("DELETE", "/me", {"password": password, "posts": "remove"})
    assert response.status_code == 200 and response.get_json()["deleted"] is True

    assert river["api"]("GET", "/me/preferences").status_code == 401
    assert log_in(client, "river").status_code == 200  # refused: the handle logs nobody in
    maple = river["maple"]
    thread = maple("GET", f"/threads/{river['opening']['thread']['id']}").get_json()
    assert thread["thread"]["author"] == FORMER_MEMBER and "Rainy days" not in json.dumps(thread)
    assert [post["author"] for post in thread["posts"]] == [FORMER_MEMBER, "maple"]  # maple's reply stays
    assert maple("GET", f"/threads/{river['alone']['thread']['id']}").status_code == 404
    assert maple("GET", f"/posts/{river['crisis']['post']['id']}").status_code == 404

    kept = _everything_left_of(app, member_id, ["river", PLAN, texts.EVERYDAY, "Rainy days", "Quiet evening"])
    assert kept == []
    with app.app_context():
        assert [(e.target, e.note) for e in AdminAudit.newest_first(1)] == [
            ("member former member", "former member asked to help moderate")
        ]
        retained = db.session.get(Post, river["crisis"]["post"]["id"])
        assert retained.author.handle == FORMER_MEMBER and retained.status in ("held", "removed")
        assert retained.screenings and db.session.get(RetainedPost, retained.id) is not None


def test_deleting_and_keeping_posts_shows_them_as_former_member(app, river, password, texts):
    with app.app_context():
        member_id = User.find_by_handle("river").id
    river["api"]("DELETE", "/me", {"password": password, "posts": "keep_anonymous"})
    post = river["maple"]("GET", f"/posts/{river['opening']['post']['id']}").get_json()
    assert post["author"] == FORMER_MEMBER and "Edited" in post["body_html"]
    assert _everything_left_of(app, member_id, ["river", PLAN]) == []


def test_a_wrong_password_or_choice_deletes_nothing(river):
    refused = river["api"]("DELETE", "/me", {"password": "not my password", "posts": "shred"})
    assert refused.status_code == 422 and set(refused.get_json()["error"]["fields"]) == {"password", "posts"}
    assert river["api"]("GET", "/me/export").status_code == 200


def test_deleting_from_the_page_confirms_kindly_and_ends_every_copy_of_the_session(app, member_client, password):
    copy = app.test_client()
    copy.set_cookie("session", member_client.get_cookie("session").value)
    page = member_client.get("/account/delete").get_data(as_text=True)
    assert "welcome back any time" in page and "days" in page
    wrong = member_client.post("/account/delete", data={"posts": "remove", "password": "nope nope nope"})
    assert "isn&#39;t your password" in wrong.get_data(as_text=True)
    done = member_client.post("/account/delete", data={"posts": "remove", "password": password}, follow_redirects=True)
    assert "Your account is deleted" in done.get_data(as_text=True)
    assert copy.get("/account").status_code == 302
    with app.app_context():
        assert User.find_by_handle("willow") is None


def test_the_only_admin_cannot_delete_their_account(admin_api, password):
    refused = admin_api("DELETE", "/me", {"password": password, "posts": "remove"})
    assert refused.status_code == 422 and "only admin" in refused.get_json()["error"]["fields"]["account"]


def test_the_privacy_page_states_the_retention_admins_set(admin_client, client):
    assert "for 365 days" in client.get("/privacy").get_data(as_text=True)
    admin_client.post("/admin/privacy", data={"retention_days": "90"})
    page = client.get("/privacy").get_data(as_text=True)
    assert "for 90 days" in page and "Nobody but you can see your safety plan" in page


def test_kept_safety_records_are_purged_when_their_time_is_up(app, river, password):
    river["api"]("DELETE", "/me", {"password": password, "posts": "remove"})
    crisis_id = river["crisis"]["post"]["id"]
    with app.app_context():
        record = db.session.get(RetainedPost, crisis_id)
        record.kept_until -= timedelta(days=400)
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["purge-safety-records"])
    assert "Purged 1" in result.output
    with app.app_context():
        assert db.session.get(Post, crisis_id) is None
        assert db.session.scalar(sa.select(Thread).where(Thread.title == "Tonight")) is None
