"""Training before the queue: the gate on claims, completing the module, yearly refreshers, and admins' part."""
import re
from datetime import timedelta

import pytest

from models import AdminAudit, Role, TrainingCompletion, TrainingPage, User, db
from models.base import utcnow
from models.training import PageKind


@pytest.fixture
def held(member_api, texts):
    return member_api("POST", "/boards/coping/threads", {"title": "Hi", "body": texts.CONTACT}).get_json()["post"]


@pytest.fixture
def trainee(api, make_member):
    return api.as_member(make_member("newbie", Role.MODERATOR, trained=False))


def _item_id(caller) -> int:
    return caller("GET", "/moderation/queue").get_json()["items"][0]["id"]


def _right_answers(app) -> dict:
    with app.app_context():
        return {page.slug: next(i for i, c in enumerate(page.choices) if c["correct"])
                for page in TrainingPage.ordered(PageKind.SCENARIO)}


def test_claiming_or_deciding_before_training_is_refused_with_training_required(trainee, held):
    item_id = _item_id(trainee)  # the queue itself is open, so a trainee can see what waits
    for response in (trainee("POST", f"/moderation/items/{item_id}/claim"),
                     trainee("POST", f"/moderation/items/{item_id}/decision", {"decision": "approve"})):
        assert response.status_code == 403
        assert response.get_json()["error"]["code"] == "training_required"


def test_an_admin_records_training_done_elsewhere_and_the_claim_then_works(app, admin_api, trainee, held):
    item_id = _item_id(trainee)
    recorded = admin_api("POST", "/admin/members/newbie/training", {"completed": True})
    assert recorded.status_code == 200
    body = recorded.get_json()
    assert body["trained"] is True and body["state"] == "trained" and body["source"] == "recorded"
    assert trainee("POST", f"/moderation/items/{item_id}/claim").status_code == 200
    with app.app_context():
        entry = next(e for e in AdminAudit.newest_first() if e.action == "training.record")
        assert entry.actor.handle == "keeper" and entry.target == "member newbie" and '"trained": true' in entry.diff


def test_withdrawing_training_closes_the_gate_again(admin_api, moderator_api, held):
    assert admin_api("POST", "/admin/members/harbourmaster/training", {"completed": False}).get_json()["state"] == "untrained"
    refused = moderator_api("POST", f"/moderation/items/{_item_id(moderator_api)}/claim")
    assert refused.get_json()["error"]["code"] == "training_required"


def test_only_admins_record_training_and_only_for_moderators(admin_api, moderator_api, member_api, trainee):
    assert moderator_api("POST", "/admin/members/newbie/training", {"completed": True}).status_code == 403
    assert member_api("POST", "/admin/members/newbie/training", {"completed": True}).status_code == 403
    assert trainee("POST", "/admin/members/newbie/training", {"completed": True}).status_code == 403
    assert admin_api("POST", "/admin/members/nobody/training", {"completed": True}).status_code == 404
    assert admin_api("POST", "/admin/members/river/training", {"completed": True}).status_code == 422
    assert admin_api("POST", "/admin/members/newbie/training", {"completed": "yes"}).status_code == 422


def test_the_module_is_completed_by_answering_every_scenario_well(app, trainee, held):
    module = trainee("GET", "/training").get_json()
    assert module["status"]["state"] == "untrained"
    lessons = [page["slug"] for page in module["pages"] if page["kind"] == "lesson"]
    assert {"guidelines", "decisions", "crisis", "escalation", "yourself"} <= set(lessons)
    assert all("correct" not in str(page["choices"]) for page in module["pages"])  # answers stay on the server
    right = _right_answers(app)
    wrong = {slug: (index + 1) % 3 for slug, index in right.items()}
    failed = trainee("POST", "/training/answers", {"answers": wrong | {"scenario-crisis": "first"}}).get_json()
    assert failed["passed"] is False and failed["status"]["trained"] is False
    assert failed["results"]["scenario-crisis"] == {"correct": False, "why": "Choose one of the answers."}
    passed = trainee("POST", "/training/answers", {"answers": right}).get_json()
    assert passed["passed"] is True and passed["status"]["state"] == "trained" and passed["status"]["source"] == "module"
    assert trainee("POST", f"/moderation/items/{_item_id(trainee)}/claim").status_code == 200
    assert trainee("POST", "/training/answers", {"answers": "all of them"}).status_code == 422


def _backdate(app, handle, days):
    with app.app_context():
        completion = TrainingCompletion.latest(User.find_by_handle(handle))
        completion.completed_at = utcnow() - timedelta(days=days)
        db.session.commit()


def test_training_lasts_a_year_and_admins_see_who_is_due(app, admin_api, moderator_api, make_member, held):
    make_member("newbie", Role.MODERATOR, trained=False)
    make_member("lighthouse", Role.MODERATOR)
    _backdate(app, "harbourmaster", 366)
    _backdate(app, "lighthouse", 350)
    refused = moderator_api("POST", f"/moderation/items/{_item_id(moderator_api)}/claim")
    assert refused.get_json()["error"]["code"] == "training_required"
    people = {p["handle"]: p["state"] for p in admin_api("GET", "/admin/training").get_json()["people"]}
    assert people == {"newbie": "untrained", "harbourmaster": "overdue", "lighthouse": "due_soon", "keeper": "trained"}
    assert [p["handle"] for p in admin_api("GET", "/admin/training").get_json()["people"]][:2] == ["newbie", "harbourmaster"]
    assert moderator_api("GET", "/admin/training").status_code == 403


def test_admins_edit_the_module_and_each_edit_is_audited(app, admin_api, moderator_api):
    edited = admin_api("PUT", "/admin/training/pages/welcome", {"title": "Welcome aboard"})
    assert edited.status_code == 200 and edited.get_json()["title"] == "Welcome aboard"
    choices = [{"text": "Approve", "correct": True, "why": "Fine."}, {"text": "Remove", "correct": True, "why": "No."}]
    bad = admin_api("PUT", "/admin/training/pages/scenario-numbers", {"choices": choices})
    assert bad.status_code == 422 and "choices" in bad.get_json()["error"]["fields"]
    assert admin_api("PUT", "/admin/training/pages/welcome", {"colour": "blue"}).status_code == 422
    assert admin_api("PUT", "/admin/training/pages/nowhere", {"title": "x"}).status_code == 404
    assert moderator_api("PUT", "/admin/training/pages/welcome", {"title": "Mine"}).status_code == 403
    with app.app_context():
        [entry] = [e for e in AdminAudit.newest_first() if e.action == "training.edit"]
        assert entry.target == "training page welcome" and "Welcome aboard" in entry.diff


def test_the_shipped_scenarios_describe_and_never_give_numbers(app):
    with app.app_context():
        pages = TrainingPage.ordered()
        assert len([p for p in pages if p.kind == "scenario"]) >= 3
        for page in (p for p in pages if p.kind == "scenario"):
            assert not re.search(r"\d", page.body_markdown + str(page.choices)), page.slug
            assert sum(choice["correct"] for choice in page.choices) == 1


@pytest.fixture
def trainee_page(app, make_member, log_in):
    client = app.test_client()
    log_in(client, make_member("newbie", Role.MODERATOR, trained=False))
    return client


def test_on_pages_a_trainee_is_sent_to_training_and_completes_it(app, trainee_page, held):
    queue = trainee_page.get("/moderate/").get_data(as_text=True)
    assert "complete moderator training" in queue and "Go on duty" not in queue
    item_id = re.search(r'/moderate/items/(\d+)', queue).group(1)
    sent = trainee_page.get(f"/moderate/items/{item_id}")
    assert sent.status_code == 302 and sent.headers["Location"] == "/moderate/training"
    assert trainee_page.post(f"/moderate/items/{item_id}/claim").headers["Location"] == "/moderate/training"
    index = trainee_page.get("/moderate/training").get_data(as_text=True)
    assert "/moderate/training/crisis" in index and "Scenario questions" in index
    lesson = trainee_page.get("/moderate/training/crisis").get_data(as_text=True)
    assert "A crisis post, step by step" in lesson and "<ol>" in lesson
    assert trainee_page.get("/moderate/training/nowhere").status_code == 404
    retry = trainee_page.post("/moderate/training/scenarios", data={"scenario-crisis": "0"}).get_data(as_text=True)
    assert "need another look" in retry and "Choose one of the answers." in retry
    done = trainee_page.post("/moderate/training/scenarios", data=_right_answers(app), follow_redirects=True)
    assert "Training complete" in done.get_data(as_text=True) and "Go on duty" in done.get_data(as_text=True)
    assert trainee_page.get(f"/moderate/items/{item_id}").status_code == 200


def test_the_admin_training_page_lists_who_is_due_and_records_and_edits(app, admin_client, make_member):
    make_member("newbie", Role.MODERATOR, trained=False)
    page = admin_client.get("/admin/training").get_data(as_text=True)
    assert "Not trained" in page and "/admin/training/pages/scenario-crisis" in page
    admin_client.post("/admin/training/newbie/record")
    assert re.search(r'class="training-trained">\s*<td>newbie</td>', admin_client.get("/admin/training").get_data(as_text=True))
    form = admin_client.get("/admin/training/pages/scenario-crisis").get_data(as_text=True)
    assert "Describe, never instruct" in form
    broken = admin_client.post("/admin/training/pages/scenario-crisis",
                               data={"title": "A goodbye", "body": "Text", "choices": "[not json"})
    assert "not valid JSON" in broken.get_data(as_text=True)
    saved = admin_client.post("/admin/training/pages/welcome", data={"title": "Hello", "body": "New words"})
    assert saved.status_code == 302
    with app.app_context():
        assert TrainingPage.find("welcome").body_markdown == "New words"


def test_the_admin_overview_names_who_needs_training_or_a_refresher(app, admin_client, make_member):
    make_member("newbie", Role.MODERATOR, trained=False)
    make_member("lighthouse", Role.MODERATOR)
    make_member("steady", Role.MODERATOR)
    _backdate(app, "lighthouse", 350)
    overview = admin_client.get("/admin/").get_data(as_text=True)
    notice = overview[overview.index('class="training-due"'):overview.index("Crisis escalations")]
    assert "newbie (not trained)" in notice and "lighthouse (refresher due soon, due " in notice
    assert "steady" not in notice and "keeper" not in notice
