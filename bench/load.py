"""Load on 127.0.0.1: a bare Flask + SQLAlchemy anchor page, then Harbour embedded, then Harbour scaled.

    .venv/bin/python bench/load.py [--seconds 10] [--clients 20] [--posts 20] [--mode embedded|scaled]

Each stack is started fresh (gunicorn, 2 workers x 8 threads; scaled mode adds
two RQ screening workers on this machine's PostgreSQL and Redis) and measured:
  - the thread page (logged in, 5 posts): throughput and p50/p95 with --clients readers for --seconds;
  - post -> verdict on an otherwise idle stack: --posts posts one after another (API POST, then GET
    until the verdict is stored);
  - sustained posts/s: 4 posters for --seconds;
  - scaled only: the thread page again while posts arrive at 10/s;
  - resident memory of every web and screening worker.
The anchor page renders 20 posts and is measured like the thread page, on each mode's own
database: a SQLite file for embedded mode, PostgreSQL for scaled mode, so a mode's share of
its anchor measures Harbour's page and not a database in the process against one across a
socket (scaled mode's share of the SQLite anchor is printed too). Every loop is
bounded by a count and a deadline. Other processes on this machine disturb the figures:
the load average is printed with them, and page views also report the server's CPU time
per request, which other work moves far less than throughput.
"""
import argparse
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.httpload import Client, Timings, hammer  # noqa: E402
from bench.stack import PASSWORD, PYTHON, ROOT, Stack, children, cpu_seconds, throwaway_database  # noqa: E402

BODY = "Small win today: I went for a walk by the river and it helped a bit. How is everyone doing?"
VERDICT_WAIT_S = 30
MODES = {"embedded": 5301, "scaled": 5302}  # and the port each is served on
WORKER_NICE = 0
READER_AGENT = "harbour-bench-reader"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--mode", choices=MODES, action="append", help="measure only this mode (default: both)")
    parser.add_argument("--worker-nice", type=int, default=WORKER_NICE,
                        help="scaled mode: the screening workers' --nice (as scripts/start --scaled runs them)")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}  ({os.cpu_count()} cores, shared with other work)")

    modes = args.mode or list(MODES)
    sqlite_file = Path(tempfile.mkdtemp(prefix="harbour-anchor-")) / "anchor.db"
    anchors = {"embedded": measure_anchor(args, f"sqlite:///{sqlite_file}")}
    print(f"anchor page (SQLite)      {anchors['embedded'].summary()}")
    if "scaled" in modes:
        with throwaway_database("harbour_anchor") as database_url:
            anchors["scaled"] = measure_anchor(args, database_url)
        print(f"anchor page (PostgreSQL)  {anchors['scaled'].summary()}")
    results = {}
    for mode in modes:
        stack = Stack(mode, MODES[mode], worker_nice=args.worker_nice)
        try:
            stack.start()
            results[mode] = measure(stack, args)
        finally:
            stack.stop()
        report(mode, results[mode], anchors)
    print(f"load average after: {os.getloadavg()}")


def measure_anchor(args, database_url: str) -> Timings:
    """The anchor page on ``database_url`` (SQLAlchemy's URL), under the same gunicorn and load as Harbour's page."""
    env = os.environ | {"ANCHOR_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    subprocess.run([PYTHON, "-c", "import bench.anchor_app"], env=env, cwd=ROOT, check=True)  # builds the table once
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "/dev/null", "-w", "2", "-k", "gthread", "--threads", "8", "-b", "127.0.0.1:5300",
         "bench.anchor_app:app"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: requests.get("http://127.0.0.1:5300/", timeout=2).status_code == 200, 60)
        asyncio.run(hammer(5300, "/", clients=2, seconds=1))
        return measured(children(server.pid), hammer(5300, "/", clients=args.clients, seconds=args.seconds))
    finally:
        server.terminate()
        server.wait(15)


def measure(stack: Stack, args) -> dict:
    port = stack.port
    token = register(port, "bench_reader")
    thread_id = post_thread(port, token, posts=5)
    reader = log_in(port, "bench_reader")
    page = f"/t/{thread_id}"
    other_thread = post_thread(port, token, posts=1)
    asyncio.run(hammer(port, page, clients=2, seconds=1, headers=reader))  # warm templates, caches
    results = {"page": measured(stack.web_workers(), hammer(port, page, clients=args.clients, seconds=args.seconds,
                                                            headers=reader))}
    results["verdict"] = asyncio.run(post_to_verdict(port, token, other_thread, args.posts))
    results["sustained"] = asyncio.run(sustained_posts(port, token, other_thread, posters=4, seconds=args.seconds))
    if stack.mode == "scaled":
        results["page_while_posting"] = asyncio.run(
            page_while_posting(port, page, reader, token, other_thread, args, rate=10)
        )
    results["memory"] = stack.memory()
    return results


def measured(server_pids: list[int], load) -> Timings:
    """Run ``load`` (a ``hammer``) and note the CPU the server's processes spent meanwhile."""
    before = cpu_seconds(server_pids)
    timings = asyncio.run(load)
    timings.server_cpu_s = cpu_seconds(server_pids) - before
    return timings


def report(mode: str, results: dict, anchors: dict[str, Timings]) -> None:
    """``anchors``: the anchor on each mode's database; scaled mode is also set beside the SQLite one."""
    page, anchor = results["page"], anchors[mode]
    print(f"{mode:8} thread page {page.summary()}   {page.per_second / anchor.per_second:.2f}x the anchor's"
          f" throughput on the same database, {anchor.cpu_ms_per_request / page.cpu_ms_per_request:.2f}x by server"
          f" CPU per page")
    if mode != "embedded":
        print(f"{mode:8} thread page {page.per_second / anchors['embedded'].per_second:.2f}x the SQLite anchor's"
              f" throughput")
    verdict = results["verdict"]
    print(f"{mode:8} post->verdict (idle) p50 {verdict.percentile(0.5):6.1f} ms  p95 {verdict.percentile(0.95):6.1f} ms"
          f"  ({len(verdict.latencies)} posts)")
    sustained = results["sustained"]
    print(f"{mode:8} sustained posts {sustained['posts_per_s']:.1f} posts/s accepted, {sustained['screened_per_s']:.1f}"
          f" posts/s with verdicts (4 posters, {sustained['posts']} posts)")
    if "page_while_posting" in results:
        reading, posting = results["page_while_posting"]
        print(f"{mode:8} thread page while posting at {posting:.1f}/s {reading.summary()}")
    for role, sizes in results["memory"].items():
        if sizes:
            print(f"{mode:8} RSS {role}: " + ", ".join(f"{size:.0f} MB" for size in sizes))


def register(port: int, handle: str) -> str:
    """A member and their token; in scaled mode sign-up waits (at most 3 minutes) for a worker to check the name."""
    base = f"http://127.0.0.1:{port}/api/v1"
    for _ in range(90):
        signed_up = requests.post(f"{base}/users", json={"handle": handle, "password": PASSWORD}, timeout=60)
        if signed_up.status_code != 422 or "couldn't check" not in signed_up.text:
            break
        time.sleep(2)
    signed_up.raise_for_status()
    response = requests.post(f"{base}/tokens", json={"handle": handle, "password": PASSWORD}, timeout=30)
    response.raise_for_status()
    return response.json()["token"]


def log_in(port: int, handle: str) -> dict[str, str]:
    """The headers a browser signed in as ``handle`` sends: its cookies, and the User-Agent it logged in with.

    Flask-Login marks a session not fresh when the agent differs from the one at login, and then re-signs the
    cookie on every answer; a browser keeps both, so the readers here do too.
    """
    session = requests.Session()
    session.headers["User-Agent"] = READER_AGENT
    page = session.get(f"http://127.0.0.1:{port}/login", timeout=30).text
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    session.post(f"http://127.0.0.1:{port}/login", data={"handle": handle, "password": PASSWORD, "csrf_token": csrf},
                 timeout=30).raise_for_status()
    cookie = "; ".join(f"{name}={value}" for name, value in session.cookies.items())
    return {"Cookie": cookie, "User-Agent": READER_AGENT}


def post_thread(port: int, token: str, posts: int) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    base = f"http://127.0.0.1:{port}/api/v1"
    created = requests.post(f"{base}/boards/coping/threads", json={"title": "Walks", "body": BODY}, headers=headers,
                            timeout=60).json()
    thread_id = created["thread"]["id"]
    for n in range(posts - 1):
        requests.post(f"{base}/threads/{thread_id}/posts", json={"body": f"{BODY} ({n})"}, headers=headers, timeout=60)
    return thread_id


async def post_and_wait(client: Client, token: str, thread_id: int, body: str) -> float | None:
    """Milliseconds from sending the post to its stored verdict (None: no verdict within VERDICT_WAIT_S)."""
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex}
    started = time.perf_counter()
    response = await client.request("POST", f"/api/v1/threads/{thread_id}/posts", {"body": body}, headers)
    if response.status != 201:
        return None
    post = response.json()
    deadline = time.monotonic() + VERDICT_WAIT_S
    while post["status"] == "pending" and time.monotonic() < deadline:
        await asyncio.sleep(0.005)
        post = (await client.request("GET", f"/api/v1/posts/{post['id']}", headers=headers)).json()
    return (time.perf_counter() - started) * 1000 if post["status"] != "pending" else None


async def post_to_verdict(port: int, token: str, thread_id: int, count: int) -> Timings:
    client, timings = Client(port), Timings()
    try:
        for n in range(count):
            latency = await post_and_wait(client, token, thread_id, f"{BODY} idle {n}")
            if latency is None:
                timings.errors += 1
            else:
                timings.latencies.append(latency)
    finally:
        await client.close()
    return timings


async def sustained_posts(port: int, token: str, thread_id: int, *, posters: int, seconds: float) -> dict:
    accepted, screened, deadline = [0], [0], time.monotonic() + seconds

    async def poster(n: int):
        client = Client(port)
        try:
            for i in range(10_000):
                if time.monotonic() >= deadline:
                    return
                latency = await post_and_wait(client, token, thread_id, f"{BODY} sustained {n}-{i}")
                accepted[0] += 1
                screened[0] += latency is not None
        finally:
            await client.close()

    started = time.monotonic()
    await asyncio.gather(*(poster(n) for n in range(posters)))
    elapsed = time.monotonic() - started
    return {"posts": accepted[0], "posts_per_s": accepted[0] / elapsed, "screened_per_s": screened[0] / elapsed}


async def page_while_posting(port, page, reader, token, thread_id, args, *, rate: float):
    """Readers on the thread page while posts arrive at ``rate`` per second; returns (page timings, posts/s)."""
    sent, deadline = [0], time.monotonic() + args.seconds

    async def steady_poster():
        free = asyncio.Queue()
        for _ in range(8):
            free.put_nowait(Client(port))
        tasks = []

        async def one(n: int):
            client = await free.get()
            try:
                await post_and_wait(client, token, thread_id, f"{BODY} steady {n}")
            finally:
                free.put_nowait(client)

        for n in range(int(rate * args.seconds) + 1):
            if time.monotonic() >= deadline:
                break
            if not free.empty():  # all 8 posters busy: this tick's post is skipped, and the rate shows it
                tasks.append(asyncio.create_task(one(n)))
                sent[0] += 1
            await asyncio.sleep(1 / rate)
        await asyncio.gather(*tasks)
        while not free.empty():
            await free.get_nowait().close()

    started = time.monotonic()
    reading, _ = await asyncio.gather(
        hammer(port, page, clients=args.clients, seconds=args.seconds, headers=reader), steady_poster()
    )
    return reading, sent[0] / (time.monotonic() - started)


def wait_for(check, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError("the anchor server did not start")


if __name__ == "__main__":
    main()
