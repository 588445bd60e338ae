"""gunicorn settings for Harbour's web processes: ``gunicorn -c gunicorn.conf.py wsgi:app``.

Flask-SocketIO runs in threading mode, so workers are ``gthread``: each request
and each open WebSocket holds one thread (moderators' queue pages, and for at most
a minute a member's page waiting for a post's verdict), so HARBOUR_WEB_THREADS
bounds both. Browsers connect to Socket.IO over
WebSocket only (no long-polling), so a connection never moves between workers
and no sticky sessions are needed; with REDIS_URL set the Redis message queue
carries every emit between web workers and from the RQ workers.

Each worker builds its own app after the fork (no ``preload_app``), so no
database connection or thread is shared across processes; ``post_worker_init``
starts the worker's recovery sweep (and, in embedded mode, its screening threads).
"""
import os

bind = os.environ.get("HARBOUR_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("HARBOUR_WEB_THREADS", "16"))
timeout = 60
graceful_timeout = 10
keepalive = 5
accesslog = os.environ.get("HARBOUR_ACCESS_LOG") or None
errorlog = "-"


def post_worker_init(worker):
    from forum import workers as screening_workers

    screening_workers.start(worker.wsgi)
