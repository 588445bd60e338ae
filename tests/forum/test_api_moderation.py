"""The moderator queue through /api/v1: reports, claims, every decision, and who may do what."""
import pytest

from models import AdminAudit, ModerationDecision, Notification, Post, PostRevision, Role, User, db


@pytest.fixture
def held(member_api, texts):
    """A post by "river" held for sharing contact details."""
    return member_api("POST", "/boards/coping/threads", {"title": "Hi", "body": texts.CONTACT}).get_json()["post"]


@pytest.fixture
def crisis(member_api, texts):
    return member_api("POST", "/boards/hard-time/threads", {"title": "Bye", "body": texts.CRISIS}).get_json()["post"]


def _queue(caller, query=""):
    response = caller("GET", f"/moderation/queue{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _item_id(caller, post_id) -> int:
    return next(item["id"] for item in _queue(caller)["items"] if item["post_id"] == post_id)


def test_the_queue_puts_crisis_first_then_worry_then_oldest(
    api, member_api, moderator_api, make_member, texts, held, crisis
):
    everyday = member_api("POST", "/boards/coping/threads", {"title": "Bread", "body": texts.EVERYDAY}).get_json()
    reporter = api.as_member(make_member("maple"))
    assert reporter("POST", f"/posts/{everyday['post']['id']}/reports", {"reason": "worried"}).status_code == 201
    queue = _queue(moderator_api)
    assert [i["post_id"] for i in queue["items"]] == [crisis["id"], everyday["post"]["id"], held["id"]]
    assert [i["priority"] for i in queue["items"]] == ["crisis", "worry", "routine"]
    assert queue["counts"] == {"crisis": 1, "worry": 1, "routine": 1}
    first = queue["items"][0]
    assert {"id", "post_id", "priority", "reason", "categories", "claimed_by"} <= set(first)
    assert "imminent_risk" in first["categories"] and first["claimed_by"] is None


def test_the_queue_filters_by_category_board_and_reason(moderator_api, held, crisis):
    assert [i["post_id"] for i in _queue(moderator_api, "?category=imminent_risk")["items"]] == [crisis["id"]]
    assert [i["post_id"] for i in _queue(moderator_api, "?board=coping")["items"]] == [held["id"]]
    assert [i["post_id"] for i in _queue(moderator_api, "?reason=builtin.contact.invitation")["items"]] == [held["id"]]


def test_members_get_403_on_every_moderation_route(member_api, held):
    assert member_api("GET", "/moderation/queue").status_code == 403
    assert member_api("POST", "/moderation/items/1/claim").status_code == 403
    assert member_api("POST", "/moderation/items/1/decision", {"decision": "approve"}).status_code == 403


def test_moderation_routes_need_a_token(api):
    assert api("GET", "/moderation/queue").status_code == 401


def test_a_claim_is_exclusive_until_it_expires(app, api, moderator_api, make_member, held):
    item_id = _item_id(moderator_api, held["id"])
    other = api.as_member(make_member("lighthouse", Role.MODERATOR))
    claimed = moderator_api("POST", f"/moderation/items/{item_id}/claim")
    assert claimed.status_code == 200 and claimed.get_json()["claimed_by"] == "harbourmaster"
    refused = other("POST", f"/moderation/items/{item_id}/claim")
    assert refused.status_code == 409
    assert other("POST", f"/moderation/items/{item_id}/decision", {"decision": "approve"}).status_code == 409
    assert moderator_api("POST", f"/moderation/items/{item_id}/claim").status_code == 200  # renewing is fine

    app.config["QUEUE_CLAIM_SECONDS"] = 0
    moderator_api("POST", f"/moderation/items/{item_id}/claim")  # a claim that lapses at once
    app.config["QUEUE_CLAIM_SECONDS"] = 600
    assert other("POST", f"/moderation/items/{item_id}/claim").get_json()["claimed_by"] == "lighthouse"
    assert moderator_api("POST", f"/moderation/items/{item_id}/claim").status_code == 409


def _claims_audited(app) -> list[tuple[str, str, str]]:
    with app.app_context():
        return [(e.actor.handle, e.target, e.note) for e in AdminAudit.newest_first() if e.action == "queue.claim"]


def test_a_won_claim_is_audited_once_and_a_lost_or_renewed_one_not_at_all(app, api, moderator_api, make_member, held):
    item_id = _item_id(moderator_api, held["id"])
    other = api.as_member(make_member("lighthouse", Role.MODERATOR))
    moderator_api("POST", f"/moderation/items/{item_id}/claim")
    assert other("POST", f"/moderation/items/{item_id}/claim").status_code == 409
    moderator_api("POST", f"/moderation/items/{item_id}/claim")
    claimed = ("harbourmaster", f"queue item {item_id}", f"post {held['id']}")
    assert _claims_audited(app) == [claimed]

    app.config["QUEUE_CLAIM_SECONDS"] = 0
    moderator_api("POST", f"/moderation/items/{item_id}/claim")  # a claim that lapses at once
    app.config["QUEUE_CLAIM_SECONDS"] = 600
    assert other("POST", f"/moderation/items/{item_id}/claim").status_code == 200
    assert _decide(other, held["id"], decision="approve").status_code == 200
    assert _claims_audited(app) == [("lighthouse", *claimed[1:]), claimed]


def test_deciding_an_unclaimed_item_audits_the_claim_it_takes(app, moderator_api, held):
    assert _decide(moderator_api, held["id"], decision="approve").status_code == 200
    assert [handle for handle, *_ in _claims_audited(app)] == ["harbourmaster"]


def test_unknown_items_are_404(moderator_api):
    assert moderator_api("POST", "/moderation/items/999/claim").status_code == 404
    assert moderator_api("POST", "/moderation/items/999/decision", {"decision": "approve"}).status_code == 404


def _decide(caller, post_id, **payload):
    return caller("POST", f"/moderation/items/{_item_id(caller, post_id)}/decision", payload)


def _notices(app, handle="river"):
    with app.app_context():
        return [n.message for n in Notification.for_user(User.find_by_handle(handle).id)]


def test_approving_publishes_the_post_notifies_the_author_and_labels_the_screening(
    app, api, moderator_api, make_member, held
):
    response = _decide(moderator_api, held["id"], decision="approve", note="checked: a game handle, harmless")
    assert response.status_code == 200
    body = response.get_json()
    assert body["post"]["status"] == "published" and body["item"]["status"] == "resolved"
    assert body["decision"]["status_before"] == "held" and body["decision"]["status_after"] == "published"
    assert api.as_member(make_member("maple"))("GET", f"/posts/{held['id']}").status_code == 200
    assert _notices(app) == ["Good news: a moderator has approved your post and it's up now."]
    with app.app_context():
        decision = db.session.scalar(db.select(ModerationDecision))
        post = db.session.get(Post, held["id"])
        assert decision.screening_record_id == post.latest_screening.id
        assert decision.moderator.handle == "harbourmaster" and decision.note.startswith("checked")
    assert _queue(moderator_api)["items"] == []


def test_approving_with_a_warning_sets_the_content_notes(moderator_api, held):
    bad = _decide(moderator_api, held["id"], decision="approve_with_warning", warnings=["not_a_category"])
    assert bad.status_code == 422 and "warnings" in bad.get_json()["error"]["fields"]
    response = _decide(moderator_api, held["id"], decision="approve_with_warning", warnings=["self_harm_mention"])
    assert response.get_json()["post"]["warnings"] == ["self_harm_mention"]
    assert response.get_json()["decision"]["warnings_after"] == ["self_harm_mention"]


def test_edit_and_approve_keeps_a_moderator_revision(app, moderator_api, held):
    assert _decide(moderator_api, held["id"], decision="edit_and_approve").status_code == 422
    response = _decide(moderator_api, held["id"], decision="edit_and_approve", body="If you want to talk, I'm here x")
    assert response.get_json()["post"]["status"] == "published"
    with app.app_context():
        revisions = db.session.scalars(db.select(PostRevision).where(PostRevision.post_id == held["id"])).all()
        assert [r.editor.handle for r in revisions] == ["river", "harbourmaster"]
        assert db.session.get(Post, held["id"]).body_markdown == "If you want to talk, I'm here x"


def test_returning_to_the_author_explains_the_guideline(app, member_api, moderator_api, held):
    response = _decide(moderator_api, held["id"], decision="return_to_author", reason="contact_sharing")
    assert response.get_json()["post"]["status"] == "needs_edit"
    (notice,) = _notices(app)
    assert notice.startswith("A moderator has returned your post") and "conversations stay on Harbour" in notice
    assert member_api("GET", f"/posts/{held['id']}").get_json()["status"] == "needs_edit"


def test_removing_tells_the_author_which_guideline_and_hides_the_post(app, api, moderator_api, make_member, held):
    assert _decide(moderator_api, held["id"], decision="remove", reason="no_such_reason").status_code == 422
    assert _decide(moderator_api, held["id"], decision="remove", reason="contact_sharing").status_code == 200
    assert _notices(app)[0].startswith("A moderator has removed your post.")
    assert api.as_member(make_member("maple"))("GET", f"/posts/{held['id']}").status_code == 404


def test_escalating_hands_the_item_to_admins(api, moderator_api, make_member, held):
    response = _decide(moderator_api, held["id"], decision="escalate", note="not sure, safeguarding?")
    assert response.get_json()["item"]["status"] == "escalated"
    assert _queue(moderator_api)["items"] == []
    admin = api.as_member(make_member("keeper", Role.ADMIN))
    (item,) = _queue(admin)["items"]
    assert "escalate" not in item["available_decisions"] and "approve" in item["available_decisions"]
    assert moderator_api("POST", f"/moderation/items/{item['id']}/claim").status_code == 403
    assert admin("POST", f"/moderation/items/{item['id']}/decision", {"decision": "remove"}).status_code == 200


def test_a_decided_item_cannot_be_decided_again(moderator_api, held):
    item_id = _item_id(moderator_api, held["id"])
    moderator_api("POST", f"/moderation/items/{item_id}/decision", {"decision": "approve"})
    again = moderator_api("POST", f"/moderation/items/{item_id}/decision", {"decision": "remove"})
    assert again.status_code == 409
    assert moderator_api("POST", f"/moderation/items/{item_id}/claim").status_code == 409


def test_an_unknown_decision_is_422(moderator_api, held):
    response = _decide(moderator_api, held["id"], decision="shrug")
    assert response.status_code == 422 and "decision" in response.get_json()["error"]["fields"]


def test_reporting_twice_files_one_report_and_one_reason(app, api, member_api, moderator_api, make_member, texts):
    post = member_api("POST", "/boards/coping/threads", {"title": "Bread", "body": texts.EVERYDAY}).get_json()["post"]
    reporter = api.as_member(make_member("maple"))
    first = reporter("POST", f"/posts/{post['id']}/reports", {"reason": "unkind", "note": "felt pointed"})
    second = reporter("POST", f"/posts/{post['id']}/reports", {"reason": "other"})
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.get_json() == {"post_id": post["id"], "reason": "unkind", "created": False}
    (item,) = _queue(moderator_api)["items"]
    assert item["reason"] == "unkind" and item["priority"] == "routine"
    assert [r["code"] for r in item["reasons"]] == ["unkind"]


def test_reports_need_a_known_reason_and_a_visible_post(api, member_api, make_member, held):
    reporter = api.as_member(make_member("maple"))
    assert reporter("POST", f"/posts/{held['id']}/reports", {"reason": "unkind"}).status_code == 404
    assert member_api("POST", f"/posts/{held['id']}/reports", {"reason": "because"}).status_code == 422
    assert member_api("POST", "/posts/999/reports", {"reason": "unkind"}).status_code == 404


def test_a_reported_post_stays_up_when_its_author_edits_it_kindly(api, member_api, moderator_api, make_member, texts):
    post = member_api("POST", "/boards/coping/threads", {"title": "Bread", "body": texts.EVERYDAY}).get_json()["post"]
    api.as_member(make_member("maple"))("POST", f"/posts/{post['id']}/reports", {"reason": "other"})
    edited = member_api("PATCH", f"/posts/{post['id']}", {"body": texts.EVERYDAY + " Sorry if that came out wrong."})
    assert edited.get_json()["status"] == "published"
    (item,) = _queue(moderator_api)["items"]
    assert item["kind"] == "report"


def test_a_reported_post_edited_into_contact_sharing_is_held_until_a_moderator_decides(
    api, member_api, moderator_api, make_member, texts
):
    post = member_api("POST", "/boards/coping/threads", {"title": "Bread", "body": texts.EVERYDAY}).get_json()["post"]
    api.as_member(make_member("maple"))("POST", f"/posts/{post['id']}/reports", {"reason": "other"})
    assert member_api("PATCH", f"/posts/{post['id']}", {"body": texts.CONTACT}).get_json()["status"] == "held"
    assert member_api("PATCH", f"/posts/{post['id']}", {"body": texts.EVERYDAY}).get_json()["status"] == "held"
    (item,) = _queue(moderator_api)["items"]
    assert item["kind"] == "screening"
    assert {"other", "builtin.contact.invitation"} <= {r["code"] for r in item["reasons"]}
