"""The anchor for bench/load.py: a bare Flask + SQLAlchemy page rendering 20 posts, nothing else.

    gunicorn -w 2 -k gthread --threads 8 bench.anchor_app:app   (ANCHOR_DATABASE_URL: SQLAlchemy's URL)

It shows what this machine gives a minimal page of the same shape as a thread page,
so Harbour's thread page throughput can be quoted as a share of it. It runs on
the database of the mode it is compared with (a SQLite file for embedded mode,
PostgreSQL for scaled mode), so the share measures Harbour's page, not the
difference between a database in the process and one across a socket.
"""
import os

from flask import Flask, render_template_string
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Text, select
from sqlalchemy.orm import Mapped, mapped_column

db = SQLAlchemy()
PAGE = """<!doctype html><html><body><h1>Anchor</h1><ol>
{% for post in posts %}<li><b>{{ post.author }}</b><div>{{ post.body }}</div></li>{% endfor %}
</ol></body></html>"""


class AnchorPost(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    author: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["ANCHOR_DATABASE_URL"]
    db.init_app(app)
    with app.app_context():
        db.create_all()  # a throwaway benchmark table, not Harbour's schema
        if db.session.scalar(select(AnchorPost.id).limit(1)) is None:
            db.session.add_all(AnchorPost(author=f"member{n}", body="A calm post about bread. " * 8) for n in range(20))
            db.session.commit()

    @app.get("/")
    def page():
        return render_template_string(PAGE, posts=db.session.scalars(select(AnchorPost).limit(20)).all())

    return app


app = create_app() if os.environ.get("ANCHOR_DATABASE_URL") else None
