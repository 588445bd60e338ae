"""Chaos: kill -9 web and screening workers while members post; then check nothing was lost or doubled.

    .venv/bin/python bench/chaos.py [--mode scaled|embedded] [--posters 6] [--posts 15] [--kills 8]

Members post over the API with an Idempotency-Key each, retrying the same key
after a dropped connection or a 5xx as any careful client would (at most 20
tries a post). Meanwhile a killer sends SIGKILL, every 1-2 s, to a gunicorn
worker (gunicorn starts a new one) or, in scaled mode, to an RQ screening worker
(restarted, as a supervisor would). Afterwards, with the sweep running every 2 s:
every accepted post exists with its words, none is pending, none is duplicated.
Exit status 1 if any of that fails. All traffic goes to 127.0.0.1; every loop is bounded.
"""
import argparse
import asyncio
import os
import random
import signal
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.httpload import Client  # noqa: E402
from bench.load import register  # noqa: E402
from bench.stack import Stack  # noqa: E402

TRIES = 20
SETTLE_S = 180
CHAOS_ENV = {"SCREENING_RECOVER_AFTER_S": "3", "SCREENING_SWEEP_INTERVAL_S": "2", "SCREENING_MAX_ATTEMPTS": "5",
             "SCREENING_WAIT_S": "1"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("scaled", "embedded"), default="scaled")
    parser.add_argument("--posters", type=int, default=6)
    parser.add_argument("--posts", type=int, default=15)
    parser.add_argument("--kills", type=int, default=8)
    args = parser.parse_args()
    stack = Stack(args.mode, 5303 if args.mode == "scaled" else 5304, extra_env=CHAOS_ENV)
    try:
        stack.start()
        tokens = [register(stack.port, f"chaos_{n}") for n in range(args.posters)]
        threads = [first_thread(stack.port, token) for token in tokens]
        accepted, kills, retries = asyncio.run(chaos(stack, tokens, threads, args))
        if args.mode == "scaled":
            while sum(w.poll() is None for w in stack.workers) < 2:  # bounded: two restarts at most
                stack.start_worker()
        return verify(stack, accepted, kills, retries, args)
    finally:
        stack.stop()


def first_thread(port: int, token: str) -> int:
    import requests

    response = requests.post(f"http://127.0.0.1:{port}/api/v1/boards/coping/threads",
                             json={"title": "Chaos", "body": "Checking in before the storm."},
                             headers={"Authorization": f"Bearer {token}"}, timeout=60)
    return response.json()["thread"]["id"]


async def chaos(stack: Stack, tokens, threads, args):
    accepted: dict[int, str] = {}
    kills: Counter = Counter()
    retries = [0]
    posting = [True]

    async def poster(token: str, thread_id: int, n: int):
        client = Client(stack.port, {"Authorization": f"Bearer {token}"})
        try:
            for i in range(args.posts):
                body = f"chaos {n}-{i} {uuid.uuid4().hex[:8]}: a calm note about the weather."
                key = uuid.uuid4().hex
                for attempt in range(TRIES):
                    try:
                        response = await client.request("POST", f"/api/v1/threads/{thread_id}/posts", {"body": body},
                                                        {"Idempotency-Key": key})
                    except (ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError):
                        response = None
                    if response is not None and response.status == 201:
                        accepted[response.json()["id"]] = body
                        break
                    retries[0] += 1
                    await client.close()
                    await asyncio.sleep(min(2.0, 0.1 * 2 ** attempt))
        finally:
            await client.close()

    async def killer():
        for _ in range(args.kills):
            await asyncio.sleep(random.uniform(1.0, 2.0))
            if not posting[0]:
                return
            screening = [w for w in stack.workers if w.poll() is None]
            if stack.mode == "scaled" and screening and random.random() < 0.5:
                victim = random.choice(screening)
                os.kill(victim.pid, signal.SIGKILL)
                victim.wait(10)
                stack.start_worker()
                kills["screening worker"] += 1
            elif stack.web_workers():
                os.kill(random.choice(stack.web_workers()), signal.SIGKILL)
                kills["web worker"] += 1

    async def posters():
        await asyncio.gather(*(poster(token, thread, n) for n, (token, thread) in enumerate(zip(tokens, threads))))
        posting[0] = False

    await asyncio.gather(posters(), killer())
    return accepted, kills, retries[0]


def verify(stack: Stack, accepted: dict[int, str], kills: Counter, retries: int, args) -> int:
    engine = sa.create_engine(stack.database_url())
    deadline = time.monotonic() + SETTLE_S
    started = time.monotonic()
    with engine.connect() as connection:
        while time.monotonic() < deadline:
            pending = connection.execute(sa.text("SELECT count(*) FROM posts WHERE status = 'pending'")).scalar()
            connection.rollback()
            if pending == 0:
                break
            time.sleep(0.5)
        settled_s = time.monotonic() - started
        rows = connection.execute(sa.text("SELECT id, body_markdown, status FROM posts WHERE body_markdown LIKE 'chaos %'")).all()
        unavailable = connection.execute(sa.text(
            "SELECT count(*) FROM screening_records WHERE CAST(findings AS TEXT) LIKE '%engine.unavailable%'"
        )).scalar()
    engine.dispose()
    stored = {row.id: row.body_markdown for row in rows}
    copies = Counter(row.body_markdown for row in rows)
    missing = [post_id for post_id, body in accepted.items() if stored.get(post_id) != body]
    duplicated = [body for body, count in copies.items() if count > 1]
    pending = [row.id for row in rows if row.status == "pending"]
    statuses = Counter(row.status for row in rows)
    wanted = args.posters * args.posts
    print(f"mode {stack.mode}: {len(accepted)} of {wanted} posts accepted, {retries} client retries, "
          f"kills: {dict(kills)}")
    print(f"after the storm: settled in {settled_s:.1f} s; statuses {dict(statuses)}; "
          f"{unavailable} held as screening unavailable")
    print(f"missing {len(missing)}, duplicated {len(duplicated)}, pending {len(pending)}")
    ok = not missing and not duplicated and not pending and len(accepted) == wanted
    print("PASS: every accepted post exists, none is pending, none is duplicated" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
