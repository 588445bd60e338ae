"""The one entry point: ``flask --app wsgi ...``, ``gunicorn wsgi:app`` or ``python wsgi.py``."""
import os

from forum import create_app, workers
from forum.extensions import socketio

app = create_app()

if __name__ == "__main__":
    workers.start(app)  # screening threads and the recovery sweep, at start-up rather than on the first post
    socketio.run(
        app,
        host=os.environ.get("HARBOUR_HOST", "127.0.0.1"),
        port=int(os.environ.get("HARBOUR_PORT", "5000")),
        allow_unsafe_werkzeug=True,
    )
