"""Starting and stopping Harbour stacks on 127.0.0.1 for the benches: embedded or scaled, each on fresh data.

Embedded: gunicorn (2 workers x 8 threads) on a fresh SQLite file, screening
threads in each web worker. Scaled: the same gunicorn on a fresh PostgreSQL
database, two ``flask worker`` processes on Redis under a private queue prefix.
Every wait here is bounded.
"""
import os
import signal
import subprocess
import tempfile
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
import redis
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
POSTGRES = "postgresql://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/0"
START_TIMEOUT_S = 180
PASSWORD = "a calm harbour at dusk"


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return float("nan")


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time these processes have used so far (their threads included)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def create_database(name: str) -> None:
    """A new, empty database called ``name`` on this machine's PostgreSQL."""
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(name: str) -> None:
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def postgres_url(name: str) -> str:
    """SQLAlchemy's URL for the database ``name`` on this machine's PostgreSQL."""
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


@contextmanager
def throwaway_database(prefix: str = "harbour_bench"):
    """The SQLAlchemy URL of a new, empty PostgreSQL database, dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    create_database(name)
    try:
        yield postgres_url(name)
    finally:
        drop_database(name)


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(child) for child in found]


class Stack:
    """One Harbour deployment; ``start()``, use ``port``, then ``stop()``."""

    def __init__(self, mode: str, port: int, *, workers: int = 2, worker_nice: int = 0, extra_env: dict | None = None):
        self.mode, self.port, self.worker_count, self.worker_nice = mode, port, workers, worker_nice
        self.instance = Path(tempfile.mkdtemp(prefix=f"harbour-bench-{mode}-"))
        self.database = f"harbour_bench_{uuid.uuid4().hex[:8]}"
        self.prefix = f"bench-{uuid.uuid4().hex[:8]}:"
        self.env = os.environ | {
            "HARBOUR_INSTANCE_PATH": str(self.instance),
            "SECRET_KEY": "bench-secret",
            "RATELIMIT_ENABLED": "0",
            "HARBOUR_CLASSIFIER_THREADS": "1",
            "HARBOUR_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "2",
            "HARBOUR_WEB_THREADS": "8",
            "PYTHONPATH": str(ROOT),
        } | (extra_env or {})
        if mode == "scaled":
            self.env |= {"DATABASE_URL": f"{POSTGRES}/{self.database}", "REDIS_URL": REDIS_URL,
                         "RQ_QUEUE_PREFIX": self.prefix}
        else:
            self.env.pop("DATABASE_URL", None)
            self.env.pop("REDIS_URL", None)
        self.web: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []
        self.log = open(self.instance / "stack.log", "w")

    def start(self) -> "Stack":
        if self.mode == "scaled":
            create_database(self.database)
        self._flask("init")
        for _ in range(self.worker_count if self.mode == "scaled" else 0):
            self.start_worker()
        self.web = self._spawn([PYTHON, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "wsgi:app"])
        self._wait_until_up()
        return self

    def start_worker(self) -> subprocess.Popen:
        niceness = ["--nice", str(self.worker_nice)] if self.worker_nice else []
        worker = self._spawn([PYTHON, "-m", "flask", "--app", "wsgi", "worker", *niceness])
        self.workers.append(worker)
        return worker

    def web_workers(self) -> list[int]:
        return children(self.web.pid) if self.web else []

    def memory(self) -> dict[str, list[float]]:
        return {
            "web workers": [rss_mb(pid) for pid in self.web_workers()],
            "screening workers": [rss_mb(w.pid) for w in self.workers if w.poll() is None],
        }

    def database_url(self) -> str:
        if self.mode == "scaled":
            return postgres_url(self.database)
        return f"sqlite:///{self.instance / 'harbour.db'}"

    def stop(self) -> None:
        for process in [self.web, *self.workers]:
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGKILL if process in self.workers else signal.SIGTERM)
        for process in [self.web, *self.workers]:
            if process is not None:
                try:
                    process.wait(15)
                except subprocess.TimeoutExpired:
                    process.kill()
        for pid in self.web_workers():
            os.kill(pid, signal.SIGKILL)
        if self.mode == "scaled":
            drop_database(self.database)
            client = redis.Redis.from_url(REDIS_URL)
            for key in list(client.scan_iter(f"*{self.prefix}*", count=1000))[:10_000]:
                client.delete(key)
        self.log.close()

    def _flask(self, *args) -> None:
        subprocess.run([PYTHON, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, env=self.env, check=True,
                       stdout=self.log, stderr=subprocess.STDOUT, timeout=START_TIMEOUT_S)

    def _spawn(self, command: list[str]) -> subprocess.Popen:
        return subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"the {self.mode} stack did not answer within {START_TIMEOUT_S} s; see {self.log.name}")
