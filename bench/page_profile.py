"""Server CPU per thread page, measured in one process with Flask's test client, next to the anchor's.

    .venv/bin/python bench/page_profile.py [--pages 300] [--rounds 3] [--profile] [--sort tottime] [--top 40]

Builds Harbour on a fresh, migrated SQLite file in a temporary folder (real screening), posts a
thread of 5 posts as bench/load.py does (the reader wrote them), logs the reader in through the
login form (CSRF on), and times --pages GETs of the thread page, then as many of the anchor page
(bench/anchor_app.py, 20 posts), for --rounds rounds, printing each page's cheapest round. CPU time
is the process's own (time.process_time), so other work on the machine moves it far less than wall
time. With --profile, cProfile runs over Harbour's pages instead and prints the top functions.
"""
import argparse
import cProfile
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import BODY  # noqa: E402
from bench.stack import PASSWORD  # noqa: E402

WARM_PAGES = 20


def harbour_client(folder: Path):
    """A logged-in test client on a seeded Harbour and the path of a 5-post thread its member wrote."""
    os.environ["HARBOUR_INSTANCE_PATH"] = str(folder / "instance")
    from flask_migrate import upgrade

    from forum import create_app
    from forum.seed import ensure_active_ruleset, ensure_default_boards, ensure_resources
    from forum.services import accounts, posts
    from models import Board, db

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'harbour.db'}", "SECRET_KEY": "bench",
                      "RATELIMIT_ENABLED": False, "SCREENING_WORKERS": 0, "SCREENING_ON_RQ": False,
                      "REDIS_URL": None, "SCREENING_TIMEOUT_S": 60})
    with app.app_context():
        upgrade()
        ensure_default_boards()
        ensure_resources()
        ensure_active_ruleset()
        reader = accounts.register_member("bench_reader", PASSWORD)
        thread, _ = posts.create_thread(Board.find_by_slug("coping"), reader, "Walks", BODY)
        for n in range(4):
            posts.create_reply(thread, reader, f"{BODY} ({n})")
        path = f"/t/{thread.id}"
        db.session.remove()
    client = app.test_client()
    form = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    client.post("/login", data={"handle": "bench_reader", "password": PASSWORD, "csrf_token": csrf})
    return client, path


def anchor_client(folder: Path):
    os.environ["ANCHOR_DATABASE"] = str(folder / "anchor.db")
    from bench.anchor_app import create_app

    return create_app().test_client(), "/"


def cpu_ms_per_page(client, path: str, pages: int, profiler: cProfile.Profile | None = None) -> float:
    for _ in range(WARM_PAGES):
        assert client.get(path).status_code == 200
    started = time.process_time()
    if profiler:
        profiler.enable()
    for _ in range(pages):
        response = client.get(path)
        assert response.status_code == 200, response.status_code
    if profiler:
        profiler.disable()
    return (time.process_time() - started) * 1000 / pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions for Harbour's page")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="harbour-page-profile-"))
    client, path = harbour_client(folder)
    anchor, anchor_path = anchor_client(folder)
    if args.profile:
        profiler = cProfile.Profile()
        cpu_ms_per_page(client, path, args.pages, profiler)
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
        return
    rounds = [(cpu_ms_per_page(client, path, args.pages), cpu_ms_per_page(anchor, anchor_path, args.pages))
              for _ in range(args.rounds)]
    harbour_ms, anchor_ms = min(h for h, _ in rounds), min(a for _, a in rounds)
    print(f"load average: {os.getloadavg()}")
    print(f"thread page (5 posts, logged in) {harbour_ms:6.2f} ms CPU/page")
    print(f"anchor page (20 posts)           {anchor_ms:6.2f} ms CPU/page   ratio {anchor_ms / harbour_ms:.2f}x")


if __name__ == "__main__":
    main()
