"""The account and token operations of /api/v1, success and error paths."""
def test_registering_returns_the_new_members_id_and_handle(api, password):
    response = api("POST", "/users", {"handle": "Sky_Walker", "password": password})
    assert response.status_code == 201
    body = response.get_json()
    assert body["handle"] == "Sky_Walker"
    assert isinstance(body["id"], int)


def test_a_handle_taken_in_any_letter_case_is_a_409(api, make_member, password):
    make_member("Sky")
    response = api("POST", "/users", {"handle": "sKY", "password": password})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "conflict"
    assert "handle" in response.get_json()["error"]["fields"]


def test_short_passwords_and_bad_handles_get_field_errors(api):
    response = api("POST", "/users", {"handle": "a b", "password": "short"})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid_input"
    assert set(error["fields"]) == {"handle", "password"}


def test_missing_and_non_text_fields_get_field_errors(api):
    response = api("POST", "/users", {"handle": 42})
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {
        "handle": "This field must be text.",
        "password": "This field is required.",
    }


def test_malformed_json_is_a_400_in_the_error_shape(client):
    response = client.post("/api/v1/users", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.get_json() == {
        "error": {"code": "bad_request", "message": "The request body must be a JSON object.", "fields": {}}
    }


def test_a_json_array_is_not_an_object(api, password):
    assert api("POST", "/users", ["river", password]).status_code == 400


def test_a_token_is_issued_for_the_right_password_only(api, make_member, password):
    make_member("river")
    good = api("POST", "/tokens", {"handle": "RIVER", "password": password})
    assert good.status_code == 201
    assert len(good.get_json()["token"]) > 30
    bad = api("POST", "/tokens", {"handle": "river", "password": "not the password"})
    assert bad.status_code == 401
    assert bad.get_json()["error"]["code"] == "unauthorized"
    unknown = api("POST", "/tokens", {"handle": "nobody", "password": password})
    assert unknown.status_code == 401


def test_revoking_the_current_token_stops_it_working(member_api):
    assert member_api("GET", "/boards/introductions/threads").status_code == 200
    assert member_api("DELETE", "/tokens/current").status_code == 204
    after = member_api("GET", "/boards/introductions/threads")
    assert after.status_code == 401
    assert after.headers["WWW-Authenticate"].startswith("Bearer")


def test_revoking_needs_a_token(api):
    assert api("DELETE", "/tokens/current").status_code == 401


def test_tokens_are_stored_only_as_hashes(app, member_api):
    from models import ApiToken, db

    with app.app_context():
        stored = db.session.scalars(db.select(ApiToken.token_hash)).all()
    assert member_api.token not in stored
    assert len(stored) == 1 and len(stored[0]) == 64


def test_a_tokens_last_use_is_noted_at_most_once_a_minute(app, member_api):
    from datetime import timedelta

    from models import ApiToken, db
    from models.token import LAST_USE_RESOLUTION

    def last_used():
        with app.app_context():
            return db.session.scalar(db.select(ApiToken.last_used_at))

    assert member_api("GET", "/boards/introductions/threads").status_code == 200
    first = last_used()
    assert first is not None
    assert member_api("GET", "/boards/introductions/threads").status_code == 200
    assert last_used() == first  # a second call within the minute writes nothing
    with app.app_context():
        db.session.execute(db.update(ApiToken).values(last_used_at=first - LAST_USE_RESOLUTION - timedelta(seconds=1)))
        db.session.commit()
    assert member_api("GET", "/boards/introductions/threads").status_code == 200
    assert last_used() > first - timedelta(seconds=1)
