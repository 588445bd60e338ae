"""Appeals: an author asks once, within 14 days, for a different moderator to look again at a decision;
the outcome reaches them and stays as a label for retraining."""
import json
from datetime import timedelta

import pytest

from models import AdminAudit, Appeal, ModerationDecision, Notification, Post, Role, db
from moderation.corpus import load_label_export

NOTE = "I only meant we could talk here on the forum, not anywhere else."


@pytest.fixture
def moderators(api, make_member):
    """"harbourmaster" decides; "lighthouse" is the other moderator an appeal goes to."""
    return {"first": api.as_member(make_member("harbourmaster", Role.MODERATOR)),
            "second": api.as_member(make_member("lighthouse", Role.MODERATOR))}


@pytest.fixture
def removed(member_api, moderators, texts):
    """A post by "river", held for contact details and removed by "harbourmaster"."""
    post = member_api("POST", "/boards/coping/threads", {"title": "Hi", "body": texts.CONTACT}).get_json()["post"]
    assert post["status"] == "held"
    item_id = _item_id(moderators["first"], post["id"])
    response = moderators["first"]("POST", f"/moderation/items/{item_id}/decision", {"decision": "remove"})
    assert response.status_code == 200, response.get_json()
    return post


def _item_id(caller, post_id) -> int:
    items = caller("GET", "/moderation/queue").get_json()["items"]
    return next(item["id"] for item in items if item["post_id"] == post_id)


def _queue_post_ids(caller) -> list[int]:
    return [item["post_id"] for item in caller("GET", "/moderation/queue").get_json()["items"]]


def test_an_author_appeals_once_and_it_becomes_an_appeal_item_for_another_moderator(
    member_api, moderators, removed, texts
):
    state = member_api("GET", f"/posts/{removed['id']}/appeal").get_json()
    assert state["can_appeal"] is True and state["decision"] == "remove" and "appeal" not in state
    response = member_api("POST", f"/posts/{removed['id']}/appeal", {"note": NOTE})
    assert response.status_code == 201
    appeal = response.get_json()
    assert appeal["decision"] == "remove" and appeal["outcome"] is None and texts.CONTACT in appeal["original_text"]
    assert removed["id"] not in _queue_post_ids(moderators["first"])  # not for the one who decided
    item_id = _item_id(moderators["second"], removed["id"])
    context = moderators["second"]("GET", f"/moderation/items/{item_id}").get_json()
    assert context["item"]["kind"] == "appeal"
    assert context["appeal"]["note"] == NOTE and context["appeal"]["decided_by"] == "harbourmaster"
    assert texts.CONTACT in context["appeal"]["original_text"]
    assert any(reason["source"] == "appeal" and reason["detail"] == NOTE for reason in context["item"]["reasons"])


def test_the_moderator_who_decided_cannot_claim_or_decide_the_appeal(member_api, moderators, removed):
    member_api("POST", f"/posts/{removed['id']}/appeal", {"note": NOTE})
    item_id = _item_id(moderators["second"], removed["id"])
    for path, body in ((f"/moderation/items/{item_id}/claim", None),
                       (f"/moderation/items/{item_id}/decision", {"decision": "approve"})):
        response = moderators["first"]("POST", path, body)
        assert response.status_code == 403, path
        error = response.get_json()["error"]
        assert error["code"] == "appeal_needs_another_moderator" and "another moderator" in error["message"]
    assert moderators["second"]("POST", f"/moderation/items/{item_id}/claim").status_code == 200


def test_overturning_republishes_the_post_and_tells_the_author(app, member_api, moderators, removed):
    member_api("POST", f"/posts/{removed['id']}/appeal", {"note": NOTE})
    item_id = _item_id(moderators["second"], removed["id"])
    response = moderators["second"]("POST", f"/moderation/items/{item_id}/decision", {"decision": "approve"})
    assert response.status_code == 200 and response.get_json()["post"]["status"] == "published"
    with app.app_context():
        appeal = db.session.scalar(db.select(Appeal))
        assert appeal.outcome == "overturned" and appeal.review.moderator.handle == "lighthouse"
        notice = db.session.scalars(db.select(Notification).order_by(Notification.id.desc())).first()
        assert notice.kind == "appeal_overturned" and "agreed with you" in notice.message
        audit = db.session.scalar(db.select(AdminAudit).where(AdminAudit.action == "appeal.settle"))
        assert audit.actor.handle == "lighthouse" and "overturned" in audit.note
    state = member_api("GET", f"/posts/{removed['id']}/appeal").get_json()
    assert state["appeal"]["outcome"] == "overturned" and state["can_appeal"] is False


def test_upholding_keeps_the_post_removed_and_tells_the_author(app, member_api, moderators, removed):
    member_api("POST", f"/posts/{removed['id']}/appeal", {"note": NOTE})
    item_id = _item_id(moderators["second"], removed["id"])
    moderators["second"]("POST", f"/moderation/items/{item_id}/decision", {"decision": "remove"})
    with app.app_context():
        assert db.session.get(Post, removed["id"]).status == "removed"
        notice = db.session.scalars(db.select(Notification).order_by(Notification.id.desc())).first()
        assert notice.kind == "appeal_upheld" and "the decision stays" in notice.message
    again = member_api("POST", f"/posts/{removed['id']}/appeal", {"note": "Please look once more."})
    assert again.status_code == 409  # the review is final: one appeal per decision


def test_a_second_appeal_against_the_same_decision_is_409(member_api, removed):
    assert member_api("POST", f"/posts/{removed['id']}/appeal", {"note": NOTE}).status_code == 201
    response = member_api("POST", f"/posts/{removed['id']}/appeal", {"note": "Again"})
    assert response.status_code == 409 and "already appealed" in response.get_json()["error"]["message"]


def test_the_window_closes_after_fourteen_days(app, member_api, removed):
    with app.app_context():
        decision = db.session.scalar(db.select(ModerationDecision))
        decision.created_at = decision.created_at - timedelta(days=14, minutes=1)
        db.session.commit()
    assert member_api("GET", f"/posts/{removed['id']}/appeal").get_json()["can_appeal"] is False
    response = member_api("POST", f"/posts/{removed['id']}/appeal", {"note": NOTE})
    assert response.status_code == 409 and "14 days" in response.get_json()["error"]["message"]


def test_only_the_author_may_appeal(api, make_member, moderators, removed):
    assert moderators["second"]("POST", f"/posts/{removed['id']}/appeal", {"note": NOTE}).status_code == 403
    stranger = api.as_member(make_member("maple"))
    assert stranger("POST", f"/posts/{removed['id']}/appeal", {"note": NOTE}).status_code == 404  # they can't see it
    assert api("POST", f"/posts/{removed['id']}/appeal", {"note": NOTE}).status_code == 401


def test_a_published_post_has_nothing_to_appeal_and_others_may_not_look(api, member_api, make_member, texts):
    post = member_api("POST", "/boards/coping/threads", {"title": "Bread", "body": texts.EVERYDAY}).get_json()["post"]
    response = member_api("POST", f"/posts/{post['id']}/appeal", {"note": NOTE})
    assert response.status_code == 409
    assert api.as_member(make_member("maple"))("GET", f"/posts/{post['id']}/appeal").status_code == 403


@pytest.mark.parametrize("body", [{}, {"note": ""}, {"note": "   "}, {"note": 5}, {"note": "x" * 501}])
def test_an_appeal_needs_a_short_note(member_api, removed, body):
    response = member_api("POST", f"/posts/{removed['id']}/appeal", body)
    assert response.status_code == 422 and "note" in response.get_json()["error"]["fields"]


def test_appeal_outcomes_are_in_the_label_export_and_training_drops_the_overturned_decision(
    app, member_api, moderators, removed, tmp_path
):
    member_api("POST", f"/posts/{removed['id']}/appeal", {"note": NOTE})
    item_id = _item_id(moderators["second"], removed["id"])
    moderators["second"]("POST", f"/moderation/items/{item_id}/decision", {"decision": "approve"})
    out = tmp_path / "labels.jsonl"
    result = app.test_cli_runner().invoke(args=["labels", "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    first, review = [json.loads(line) for line in out.read_text().splitlines()]
    assert (first["decision"], first["appeal"], first["appeal_review"]) == ("remove", "overturned", None)
    assert (review["decision"], review["appeal"], review["appeal_review"]) == ("approve", None, "overturned")
    assert [example.categories for example in load_label_export(out)] == [frozenset()]  # only the review


def test_appeals_are_in_the_authors_export(member_api, removed):
    member_api("POST", f"/posts/{removed['id']}/appeal", {"note": NOTE})
    rows = member_api("GET", "/me/export").get_json()["Your appeals"]
    assert [row["note"] for row in rows] == [NOTE]


def test_the_appeal_page_files_an_appeal_and_shows_its_state(app, client, log_in, removed, texts):
    log_in(client, "river")
    notices = client.get("/notifications").get_data(as_text=True)
    assert f'href="/p/{removed["id"]}/appeal"' in notices
    page = client.get(f"/p/{removed['id']}/appeal").get_data(as_text=True)
    assert "Ask for another look" in page and 'name="note"' in page
    assert client.post(f"/p/{removed['id']}/appeal", data={"note": ""}).status_code == 422
    response = client.post(f"/p/{removed['id']}/appeal", data={"note": NOTE})
    assert response.status_code == 302
    page = client.get(f"/p/{removed['id']}/appeal").get_data(as_text=True)
    assert "A different moderator" in page and 'name="note"' not in page
    client.post(f"/p/{removed['id']}/appeal", data={"note": "again"})
    assert "already appealed" in client.get(f"/p/{removed['id']}/appeal").get_data(as_text=True)


def test_the_appeal_page_is_only_for_the_author(app, client, log_in, make_member, removed):
    log_in(client, make_member("harbourmaster2", Role.MODERATOR))
    assert client.get(f"/p/{removed['id']}/appeal").status_code == 403
    assert client.post(f"/p/{removed['id']}/appeal", data={"note": NOTE}).status_code == 403


def test_the_deciding_moderator_sees_why_they_cannot_take_the_appeal_on_the_page(
    app, member_api, moderators, removed, log_in
):
    member_api("POST", f"/posts/{removed['id']}/appeal", {"note": NOTE})
    item_id = _item_id(moderators["second"], removed["id"])
    page_client = app.test_client()
    log_in(page_client, "harbourmaster")
    page = page_client.get(f"/moderate/items/{item_id}").get_data(as_text=True)
    assert "another moderator needs to look at this one" in page and NOTE in page
    response = page_client.post(f"/moderate/items/{item_id}/claim")
    assert response.status_code == 302
    assert "another moderator needs to look" in page_client.get(f"/moderate/items/{item_id}").get_data(as_text=True)


def test_editing_the_post_withdraws_an_open_appeal_and_takes_it_off_the_queue(app, member_api, moderators, removed,
                                                                              texts):
    member_api("POST", f"/posts/{removed['id']}/appeal", {"note": NOTE})
    assert removed["id"] in _queue_post_ids(moderators["second"])
    assert member_api("PATCH", f"/posts/{removed['id']}", {"body": texts.EVERYDAY}).status_code == 200
    state = member_api("GET", f"/posts/{removed['id']}/appeal").get_json()
    assert state["appeal"]["outcome"] == "withdrawn" and state["can_appeal"] is False
    assert removed["id"] not in _queue_post_ids(moderators["second"])
