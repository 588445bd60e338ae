"""The one entry point: ``flask --app wsgi ...``, ``gunicorn wsgi:app`` or ``python wsgi.py``."""
import os

from forum import create_app
from forum.extensions import socketio
from forum.services.screening import warm_in_background

app = create_app()

if __name__ == "__main__":
    warm_in_background(app)  # a served process only: commands like `flask init` never load the model
    socketio.run(
        app,
        host=os.environ.get("HARBOUR_HOST", "127.0.0.1"),
        port=int(os.environ.get("HARBOUR_PORT", "5000")),
        allow_unsafe_werkzeug=True,
    )
