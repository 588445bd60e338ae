"""Browser tests: Harbour served for real on 127.0.0.1 (a temporary database per test) and driven by
Debian's Chromium through Playwright for Python.

Playwright's own browser download cannot work offline, so the tests launch the system Chromium
(``/usr/bin/chromium``, or ``HARBOUR_CHROMIUM``). Where it or Playwright is missing, every browser test
is skipped with that reason, and the rest of the suite runs as usual.
"""
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from forum.services import accounts, screening, training
from models import Role

CHROMIUM = os.environ.get("HARBOUR_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).with_name("axe.min.js")
PASSWORD = "a calm harbour at dusk"
WAIT_MS = 15_000  # the longest any step may take: a busy CI machine screens a post in a few seconds


def _missing() -> str | None:
    """Why browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -r requirements.txt)"
    if not (os.access(CHROMIUM, os.X_OK) or shutil.which(CHROMIUM)):
        return f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason:
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


class LiveServer:
    """The app served by Werkzeug's threaded server (long-polling and WebSocket Socket.IO both work)."""

    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, name="harbour-live-server", daemon=True)
        self.thread.start()

    def member(self, handle: str, role: Role = Role.MEMBER) -> str:
        """A new account; moderators and admins come trained, as in the suite's ``make_member``."""
        with self.app.app_context():
            member = accounts.register_member(handle, PASSWORD, role=role)
            if member.is_moderator:
                training.record_elsewhere(None, member, True)
        return handle

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture
def live(browser, make_app):
    """Harbour on a free port with CSRF protection on, as members meet it, with the model loaded first
    (as the screening workers do at start-up), so no step waits for a cold start."""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        screening.live_classifier()
    server = LiveServer(app)
    yield server
    server.stop()


@pytest.fixture
def open_as(browser, live):
    """A fresh browser context (its own cookies and storage) logged in as ``handle``; closed afterwards."""
    contexts = []

    def open_page(handle: str | None, **options):
        context = browser.new_context(base_url=live.url, **options)
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        page = context.new_page()
        if handle:
            page.goto("/login")
            page.fill("input[name=handle]", handle)
            page.fill("input[name=password]", PASSWORD)
            page.click("form.form button[type=submit]")
            page.wait_for_url(lambda url: "/login" not in url)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def axe():
    """axe-core's violations on a page as it is now; open the page with ``bypass_csp=True`` so axe (vendored
    as axe.min.js, axe-core 4.14.1, MPL-2.0, licence beside it) can be injected past Harbour's CSP."""

    def violations(page) -> list[dict]:
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("async () => (await axe.run(document)).violations")
        return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]} for v in found]

    return violations
