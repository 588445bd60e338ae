"""Opted-out categories: the queue leaves them out only while another moderator on duty, without that
opt-out, can cover them; otherwise they are still offered."""
import pytest

from models import Role
from tests.forum.test_moderator_exposure import _queue_ids
from moderation.taxonomy import Category


@pytest.fixture
def lighthouse(api, make_member):
    return api.as_member(make_member("lighthouse", Role.MODERATOR))


def test_an_opted_out_category_goes_to_another_moderator_on_duty(moderator_api, lighthouse, make_item):
    eating, numbers = make_item(Category.DISORDERED_EATING), make_item(Category.NUMBERS)
    chosen = moderator_api("PUT", "/me/opt-outs", {"categories": ["disordered_eating"]})
    assert chosen.status_code == 200 and chosen.get_json() == {"categories": ["disordered_eating"], "covered_now": []}
    assert _queue_ids(moderator_api) == [eating, numbers]  # nobody else on duty: still offered
    lighthouse("PUT", "/me/duty", {"on_duty": True})
    assert moderator_api("GET", "/me/opt-outs").get_json()["covered_now"] == ["disordered_eating"]
    assert _queue_ids(moderator_api) == [numbers]
    assert _queue_ids(lighthouse) == [eating, numbers]


def test_no_cover_when_the_other_moderator_opted_out_too(moderator_api, lighthouse, make_item):
    eating = make_item(Category.DISORDERED_EATING)
    for caller in (moderator_api, lighthouse):
        caller("PUT", "/me/opt-outs", {"categories": ["disordered_eating"]})
    lighthouse("PUT", "/me/duty", {"on_duty": True})
    assert _queue_ids(moderator_api) == [eating]
    lighthouse("PUT", "/me/opt-outs", {"categories": []})
    assert _queue_ids(moderator_api) == []


def test_opt_outs_are_validated_and_members_have_none(member_api, moderator_api):
    bad = moderator_api("PUT", "/me/opt-outs", {"categories": ["eating"]})
    assert bad.status_code == 422 and "categories" in bad.get_json()["error"]["fields"]
    assert moderator_api("PUT", "/me/opt-outs", {"categories": "disordered_eating"}).status_code == 422
    assert moderator_api("PUT", "/me/opt-outs", []).status_code == 400
    assert member_api("GET", "/me/opt-outs").status_code == 403
    assert member_api("PUT", "/me/opt-outs", {"categories": []}).status_code == 403


def test_two_moderators_choices_never_hide_an_item_from_both(moderator_api, lighthouse, make_item):
    both = make_item(Category.DISORDERED_EATING, Category.SELF_HARM_MENTION)
    moderator_api("PUT", "/me/opt-outs", {"categories": ["disordered_eating"]})
    lighthouse("PUT", "/me/opt-outs", {"categories": ["self_harm_mention"]})
    for caller in (moderator_api, lighthouse):
        caller("PUT", "/me/duty", {"on_duty": True})
    assert _queue_ids(moderator_api) == [both] and _queue_ids(lighthouse) == [both]


def test_a_moderator_on_a_break_covers_nobody(moderator_api, lighthouse, make_item):
    eating = make_item(Category.DISORDERED_EATING)
    moderator_api("PUT", "/me/opt-outs", {"categories": ["disordered_eating"]})
    lighthouse("PUT", "/me/duty", {"on_duty": True})
    assert _queue_ids(moderator_api) == []
    lighthouse("POST", "/me/break")
    assert _queue_ids(moderator_api) == [eating]
    lighthouse("DELETE", "/me/break")
    assert _queue_ids(moderator_api) == []
