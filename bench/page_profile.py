"""Server CPU per thread page, measured in one process with Flask's test client, next to the anchor's.

    .venv/bin/python bench/page_profile.py [--pages 300] [--rounds 3] [--postgres] [--profile] [--sort tottime] [--top 40]

Builds Harbour on a fresh, migrated SQLite file in a temporary folder (real screening), posts a
thread of 5 posts as bench/load.py does (the reader wrote them) and a thread of 20 posts by four
other members (each with its mute button and report form), logs the reader in through the login
form (CSRF on), and times --pages GETs of each thread page, then as many of the anchor page
(bench/anchor_app.py, 20 posts), for --rounds rounds, printing each page's cheapest round. CPU time
is the process's own (time.process_time), so other work on the machine moves it far less than wall
time. With --postgres, Harbour and the anchor each run on a throwaway database on this machine's
PostgreSQL, as in scaled mode (the database server's CPU is not counted: it is another process).
With --profile, cProfile runs over Harbour's pages instead and prints the top functions.
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
from bench.stack import PASSWORD, throwaway_database  # noqa: E402

WARM_PAGES = 20


def harbour_app(folder: Path, database_url: str | None = None):
    """Harbour on ``database_url`` (default: a SQLite file in ``folder``), screening inline and without rate limits."""
    os.environ["HARBOUR_INSTANCE_PATH"] = str(folder / "instance")
    from forum import create_app

    database_url = database_url or f"sqlite:///{folder / 'harbour.db'}"
    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench",
                       "RATELIMIT_ENABLED": False, "SCREENING_WORKERS": 0, "SCREENING_ON_RQ": False,
                       "REDIS_URL": None, "SCREENING_TIMEOUT_S": 60})


def harbour_client(folder: Path, database_url: str | None = None):
    """A logged-in test client on a seeded Harbour, the path of a 5-post thread its member wrote and the
    path of a 20-post thread by others."""
    from flask_migrate import upgrade

    from forum.seed import ensure_active_ruleset, ensure_default_boards, ensure_resources
    from forum.services import accounts, posts
    from sqlalchemy import update

    from models import Board, Post, PostStatus, db

    app = harbour_app(folder, database_url)
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
        others = [accounts.register_member(f"bench_member{n}", PASSWORD) for n in range(4)]
        busy, _ = posts.create_thread(Board.find_by_slug("coping"), others[0], "Evenings", BODY)
        for n in range(19):
            posts.create_reply(busy, others[n % 4], f"{BODY} ({n})")
        busy_path = f"/t/{busy.id}"
        # New members' posts wait for a moderator; these stand for members who have posted a while.
        db.session.execute(update(Post).where(Post.thread_id == busy.id).values(status=PostStatus.PUBLISHED.value))
        db.session.commit()
        db.session.remove()
    client = app.test_client()
    form = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    client.post("/login", data={"handle": "bench_reader", "password": PASSWORD, "csrf_token": csrf})
    return client, path, busy_path


def anchor_client(folder: Path, database_url: str | None = None):
    """The anchor page on ``database_url`` (default: a SQLite file in ``folder``), as Harbour is measured."""
    os.environ["ANCHOR_DATABASE_URL"] = database_url or f"sqlite:///{folder / 'anchor.db'}"
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
    parser.add_argument("--postgres", action="store_true", help="Harbour on PostgreSQL, as in scaled mode")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions for Harbour's page")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    if args.postgres:
        with throwaway_database("harbour_profile") as database_url, throwaway_database("anchor_profile") as anchor_url:
            profile(args, database_url, anchor_url)
    else:
        profile(args)


def profile(args, database_url: str | None = None, anchor_url: str | None = None) -> None:
    folder = Path(tempfile.mkdtemp(prefix="harbour-page-profile-"))
    client, path, busy_path = harbour_client(folder, database_url)
    anchor, anchor_path = anchor_client(folder, anchor_url)
    if args.profile:
        profiler = cProfile.Profile()
        cpu_ms_per_page(client, path, args.pages, profiler)
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
        return
    pages = {"thread page (5 own posts, as load.py)": (client, path),
             "thread page (20 posts by others)": (client, busy_path),
             "anchor page (20 posts)": (anchor, anchor_path)}
    rounds = [{name: cpu_ms_per_page(*page, args.pages) for name, page in pages.items()} for _ in range(args.rounds)]
    cheapest = {name: min(measured[name] for measured in rounds) for name in pages}
    anchor_ms = cheapest["anchor page (20 posts)"]
    print(f"load average: {os.getloadavg()}")
    for name, ms in cheapest.items():
        print(f"{name:38} {ms:6.2f} ms CPU/page   anchor/page {anchor_ms / ms:.2f}x")


if __name__ == "__main__":
    main()
