"""axe-core finds no accessibility violations on the main pages members, moderators and admins use."""
import re

import pytest

from forum.services import posts, supervision
from models import Board, Role, User

CRISIS = "I've written my goodbye letters and I'm going to end it tonight."


@pytest.fixture
def community(live):
    """A thread, a held crisis post and the people who see them."""
    with live.app.app_context():
        author = User.find_by_handle(live.member("willow"))
        thread, _ = posts.create_thread(Board.find_by_slug("coping"), author, "Grounding that works",
                                        "Five things I can see, four I can touch. It pulls me back.")
        _, crisis = posts.create_thread(Board.find_by_slug("hard-time"), author, "Tonight", CRISIS)
        return {"thread": thread.id, "crisis": crisis.id}


def _check(open_as, axe, handle, paths):
    page = open_as(handle, bypass_csp=True)
    found = {}
    for path in paths:
        page.goto(path)
        violations = axe(page)
        if violations:
            found[path] = violations
    assert found == {}


def test_member_pages_have_no_axe_violations(live, open_as, axe, community):
    _check(open_as, axe, "willow", [
        "/", "/b/coping", f"/t/{community['thread']}", "/b/coping/new", "/help", "/account", "/safety-plan",
        "/safety-plan/edit", f"/crisis/{community['crisis']}", "/notifications", "/unanswered",
    ])


def test_moderator_pages_have_no_axe_violations(live, open_as, axe, community):
    moderator = live.member("harbourmaster", Role.MODERATOR)
    with live.app.app_context():
        from models import QueueItem, db

        item_id = db.session.scalar(db.select(QueueItem.id))
    _check(open_as, axe, moderator, ["/moderate/", f"/moderate/items/{item_id}", "/moderate/supervision",
                                     "/moderate/wellbeing", "/moderate/support"])


def test_supervisor_pages_have_no_axe_violations(live, open_as, axe, community):
    moderator = live.member("harbourmaster", Role.MODERATOR)
    supervisor = live.member("sage", Role.SUPERVISOR)
    with live.app.app_context():
        supervision.assign(User.find_by_handle(live.member("keeper", Role.ADMIN)), User.find_by_handle(moderator),
                           User.find_by_handle(supervisor))
    _check(open_as, axe, supervisor, ["/supervision/", f"/supervision/moderators/{moderator}"])


def test_admin_pages_have_no_axe_violations(live, open_as, axe, community):
    admin = live.member("keeper", Role.ADMIN)
    page = open_as(admin, bypass_csp=True)
    page.goto("/admin/")
    links = page.locator("nav.admin-nav a, .admin-nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    paths = ["/admin/"] + [href for href in links if href and re.match(r"^/admin/", href)]
    _check(open_as, axe, admin, list(dict.fromkeys(paths)))
