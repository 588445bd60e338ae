"""The OpenAPI document validates and describes exactly the routes the app serves."""
import re

from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from models import Role

IMPLICIT_METHODS = {"HEAD", "OPTIONS"}


def _openapi_path(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)


def test_the_document_is_valid_openapi(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    validate(response.get_json())


def test_every_api_route_and_method_is_documented_and_nothing_else(app, client):
    served = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1"):
            path = _openapi_path(rule.rule)
            served.setdefault(path, set()).update(m.lower() for m in rule.methods - IMPLICIT_METHODS)
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    documented = {path: {key for key in operations if key != "parameters"} for path, operations in paths.items()}
    assert documented == served


def test_documented_error_statuses_use_the_error_schema(client):
    document = client.get("/api/v1/openapi.json").get_json()
    for name, response in document["components"]["responses"].items():
        assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}, name



def _resolve(node, document):
    """The node with every local $ref replaced by what it points to."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = document
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            return _resolve(target, document)
        return {key: _resolve(value, document) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(item, document) for item in node]
    return node


def _assert_documented(document, method, path, response):
    documented = _resolve(document["paths"][path][method]["responses"][str(response.status_code)], document)
    if "content" in documented:
        OAS30Validator(documented["content"]["application/json"]["schema"]).validate(response.get_json())
    else:
        assert not response.data


def test_real_responses_match_their_documented_schemas(client, api, make_member, password):
    document = client.get("/api/v1/openapi.json").get_json()

    def check(method, template, path=None, json=None, caller=api):
        response = caller(method.upper(), (path or template).removeprefix("/api/v1"), json)
        _assert_documented(document, method, template, response)
        return response

    check("post", "/api/v1/users", json={"handle": "fern", "password": password})
    check("post", "/api/v1/users", json={"handle": "FERN", "password": password})
    check("post", "/api/v1/users", json={"handle": "x", "password": "short"})
    check("post", "/api/v1/tokens", json={"handle": "fern", "password": "wrong password"})
    token = check("post", "/api/v1/tokens", json={"handle": "fern", "password": password}).get_json()["token"]
    fern = type(api)(api.client, token)
    check("get", "/api/v1/boards")
    created = check(
        "post", "/api/v1/boards/{slug}/threads", "/api/v1/boards/coping/threads", {"title": "Hi", "body": "Hello"}, fern
    ).get_json()
    thread_id, post_id = created["thread"]["id"], created["post"]["id"]
    check("get", "/api/v1/boards/{slug}/threads", "/api/v1/boards/coping/threads", caller=fern)
    check("get", "/api/v1/boards/{slug}/threads", "/api/v1/boards/nowhere/threads", caller=fern)
    check("get", "/api/v1/threads/{thread_id}", f"/api/v1/threads/{thread_id}", caller=fern)
    check("post", "/api/v1/threads/{thread_id}/posts", f"/api/v1/threads/{thread_id}/posts", {"body": "Reply"}, fern)
    check("post", "/api/v1/threads/{thread_id}/posts", f"/api/v1/threads/{thread_id}/posts", {"body": ""}, fern)
    check("get", "/api/v1/posts/{post_id}", f"/api/v1/posts/{post_id}", caller=fern)
    check("patch", "/api/v1/posts/{post_id}", f"/api/v1/posts/{post_id}", {"body": "Edited"}, fern)
    other = api.as_member(make_member("maple"))
    check("patch", "/api/v1/posts/{post_id}", f"/api/v1/posts/{post_id}", {"body": "Not mine"}, other)
    check("get", "/api/v1/posts/{post_id}", f"/api/v1/posts/{post_id}")
    check("delete", "/api/v1/tokens/current", caller=fern)


def test_the_callers_own_routes_answer_as_documented(client, member_api, api):
    document = client.get("/api/v1/openapi.json").get_json()
    calls = [
        (member_api, "get", "/api/v1/me/preferences", None),
        (member_api, "put", "/api/v1/me/preferences", {"warnings": {"numbers": "hide"}, "region": "AU"}),
        (member_api, "put", "/api/v1/me/preferences", {"region": "Mars"}),
        (api, "get", "/api/v1/me/preferences", None),
        (member_api, "get", "/api/v1/me/safety-plan", None),
        (member_api, "put", "/api/v1/me/safety-plan", {"things_that_help": "Music"}),
        (member_api, "get", "/api/v1/me/safety-plan", None),
        (member_api, "put", "/api/v1/me/safety-plan", {"diary": "x"}),
        (api, "put", "/api/v1/me/safety-plan", {"things_that_help": "Music"}),
    ]
    for caller, method, path, body in calls:
        _assert_documented(document, method, path, caller(method.upper(), path.removeprefix("/api/v1"), body))


def test_the_admin_routes_answer_as_documented(client, api, make_member):
    document = client.get("/api/v1/openapi.json").get_json()
    admin = api.as_member(make_member("keeper", Role.ADMIN))
    member = api.as_member(make_member("sky"))
    draft_id = admin("POST", "/admin/rulesets", {"from": "active"}).get_json()["id"]
    resource = {"key": "uk-test", "name": "Test", "region": "UK", "categories": ["crisis"], "phone": "111"}
    calls = [
        (admin, "get", "/api/v1/admin/rulesets", None),
        (member, "get", "/api/v1/admin/rulesets", None),
        (admin, "post", "/api/v1/admin/rulesets", {"from": draft_id}),
        (admin, "get", "/api/v1/admin/rulesets/{version_id}", None),
        (admin, "put", "/api/v1/admin/rulesets/{version_id}", {"document": {"thresholds": {"numbers": {"hold": 0.4}}}}),
        (admin, "put", "/api/v1/admin/rulesets/{version_id}", {"document": {"thresholds": {"numbers": {"hold": 4}}}}),
        (admin, "post", "/api/v1/admin/rulesets/{version_id}/try", {"text": "Had a calm day at the beach."}),
        (admin, "post", "/api/v1/admin/rulesets/{version_id}/activate", {"note": "Stricter about numbers"}),
        (admin, "post", "/api/v1/admin/rulesets/{version_id}/activate", {"note": "Again"}),
        (admin, "post", "/api/v1/admin/resources", resource),
        (admin, "post", "/api/v1/admin/resources", {**resource, "key": "uk-test-2", "region": "Mars"}),
        (admin, "get", "/api/v1/admin/resources", None),
        (admin, "patch", "/api/v1/admin/resources/{resource_id}", {"verified": True}),
        (admin, "delete", "/api/v1/admin/resources/{resource_id}", None),
    ]
    resource_id = None
    for caller, method, template, body in calls:
        path = template.replace("{version_id}", str(draft_id)).replace("{resource_id}", str(resource_id))
        response = caller(method.upper(), path.removeprefix("/api/v1"), body)
        _assert_documented(document, method, template, response)
        if template == "/api/v1/admin/resources" and response.status_code == 201:
            resource_id = response.get_json()["id"]


def test_the_moderator_care_routes_answer_as_documented(client, api, make_member):
    document = client.get("/api/v1/openapi.json").get_json()
    admin = api.as_member(make_member("keeper", Role.ADMIN))
    moderator = api.as_member(make_member("harbourmaster", Role.MODERATOR))
    trainee = api.as_member(make_member("newbie", Role.MODERATOR, trained=False))
    member = api.as_member(make_member("sky"))
    calls = [
        (moderator, "get", "/api/v1/me/duty", None),
        (moderator, "put", "/api/v1/me/duty", {"on_duty": True}),
        (moderator, "put", "/api/v1/me/duty", {"on_duty": 1}),
        (trainee, "put", "/api/v1/me/duty", {"on_duty": True}),
        (member, "put", "/api/v1/me/duty", {"on_duty": True}),
        (admin, "get", "/api/v1/admin/duty", None),
        (trainee, "get", "/api/v1/training", None),
        (trainee, "post", "/api/v1/training/answers", {"answers": {"scenario-crisis": 1}}),
        (trainee, "post", "/api/v1/training/answers", {"answers": []}),
        (admin, "get", "/api/v1/admin/training", None),
        (admin, "post", "/api/v1/admin/members/{handle}/training", {"completed": True}),
        (admin, "post", "/api/v1/admin/members/{handle}/training", {"completed": None}),
        (moderator, "post", "/api/v1/admin/members/{handle}/training", {"completed": True}),
        (admin, "put", "/api/v1/admin/training/pages/{slug}", {"title": "Welcome aboard"}),
        (admin, "put", "/api/v1/admin/training/pages/{slug}", {"title": ""}),
    ]
    for caller, method, template, body in calls:
        path = template.replace("{handle}", "newbie").replace("{slug}", "welcome")
        response = caller(method.upper(), path.removeprefix("/api/v1"), body)
        _assert_documented(document, method, template, response)
