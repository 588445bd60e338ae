"""Error pages for members and JSON errors for the API and JSON requests, chosen by the request.

Blueprint handlers never see 404s for unknown URLs or 405s, so the choice is
made here, once, for the whole app. A page's script that sends JSON (the
compose form's live check) gets the API's error shape too.
"""
from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from forum.api.errors import error_response


def handle_http_error(error: HTTPException):
    if request.path.startswith("/api/") or request.is_json:
        return error_response(error.code, error.description)
    return render_template("errors/error.html", status=error.code), error.code


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
