"""Reading preferences on the account page and in the API."""
import pytest

from models import User, WarningPreference
from moderation.taxonomy import CATEGORIES

ALL_COLLAPSED = {category: "collapse" for category in CATEGORIES}


def _choices(app, handle):
    with app.app_context():
        return WarningPreference.choices_for(User.find_by_handle(handle))


def _form(region="UK", **choices):
    return {"region": region, **ALL_COLLAPSED, **choices}


def test_the_account_page_offers_show_collapse_or_hide_for_every_note_with_collapse_chosen(member_client):
    page = member_client.get("/account").get_data(as_text=True)
    assert 'action="/account/reading"' in page
    for category in CATEGORIES:
        assert f'<input checked id="{category}-1" name="{category}" type="radio" value="collapse">' in page
        assert f'<input id="{category}-0" name="{category}" type="radio" value="show">' in page
        assert f'<input id="{category}-2" name="{category}" type="radio" value="hide">' in page
    assert "<legend>Self-harm</legend>" in page and "<legend>Suicidal thoughts</legend>" in page
    assert '<option selected value="UK">United Kingdom</option>' in page


def test_members_save_their_choices_and_region_and_see_them_again(app, member_client):
    response = member_client.post(
        "/account/reading", data=_form("IE", self_harm_mention="show", numbers="hide")
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/account#reading")
    choices = _choices(app, "willow")
    assert choices["self_harm_mention"] == "show" and choices["numbers"] == "hide"
    page = member_client.get("/account").get_data(as_text=True)
    assert '<input checked id="numbers-2" name="numbers" type="radio" value="hide">' in page
    assert '<option selected value="IE">Ireland</option>' in page
    assert 'href="tel:112"' in member_client.get("/help").get_data(as_text=True)


def test_an_invalid_choice_changes_nothing_and_says_so(app, member_client):
    response = member_client.post("/account/reading", data=_form(numbers="delete"))
    assert response.status_code == 422
    assert 'class="error"' in response.get_data(as_text=True)
    assert _choices(app, "willow") == {}


def test_the_reading_form_needs_a_csrf_token(make_app, make_member, log_in):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    log_in(client, make_member("willow"))
    assert client.post("/account/reading", data=_form()).status_code == 400


def test_saving_preferences_needs_a_login(client):
    response = client.post("/account/reading", data=_form())
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_api_returns_every_category_with_the_safe_default(member_api):
    response = member_api("GET", "/me/preferences")
    assert response.status_code == 200
    assert response.get_json() == {"warnings": ALL_COLLAPSED, "region": "UK"}


def test_the_api_changes_only_the_categories_sent(app, member_api):
    response = member_api("PUT", "/me/preferences", {"warnings": {"numbers": "hide"}, "region": "NZ"})
    assert response.status_code == 200
    assert response.get_json() == {"warnings": ALL_COLLAPSED | {"numbers": "hide"}, "region": "NZ"}
    response = member_api("PUT", "/me/preferences", {"warnings": {"self_harm_mention": "show"}})
    assert response.get_json()["warnings"]["numbers"] == "hide"
    assert response.get_json()["region"] == "NZ"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"warnings": {"numbers": "maybe"}}, "warnings.numbers"),
        ({"warnings": {"spiders": "hide"}}, "warnings.spiders"),
        ({"warnings": ["numbers"]}, "warnings"),
        ({"region": "Mars"}, "region"),
        ({"region": 7}, "region"),
        ({"theme": "dark"}, "theme"),
    ],
)
def test_the_api_refuses_invalid_preferences_with_422_and_changes_nothing(app, member_api, body, field):
    response = member_api("PUT", "/me/preferences", {"warnings": {"harassment": "hide"}, **body})
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert _choices(app, "river") == {}


def test_the_preferences_api_needs_a_token(api):
    assert api("GET", "/me/preferences").status_code == 401
    assert api("PUT", "/me/preferences", {"region": "UK"}).status_code == 401
