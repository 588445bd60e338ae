"""Templates take a plain copy of the app's Jinja globals when they first load (forum/templating.py)."""
import pytest


def test_every_global_registered_while_the_app_is_built_reaches_imported_macros(app):
    with app.test_request_context("/"):
        module = app.jinja_env.get_template("boards/_content_note.html").make_module()
        loaded = app.jinja_env.get_template("base.html").globals
    assert set(app.jinja_env.globals) <= set(loaded)
    assert {"url_for", "csrf_token", "title_display", "Display", "field_markup"} <= set(loaded)
    assert callable(module.post_body)


def test_no_global_can_be_added_once_the_app_has_served_a_request(app, client):
    """The copy is safe because Flask refuses setup calls after the first request."""
    client.get("/")
    with pytest.raises(AssertionError, match="first request"):
        app.add_template_global(len, "late_global")
