"""What a request may carry before any view sees it, so hostile input is a 4xx and never a 500.

- Ids in URLs fit the database's integer column (larger ones are simply not found: a bounded URL
  converter would not do, as werkzeug answers 405 when a converter refuses a value).
- Page numbers stay within ``MAX_PAGE`` (an offset past the database's integer range is an error there).
- Text anywhere in a request (path, query, form, JSON) holds no NUL and no unpaired surrogate: neither
  can be stored (PostgreSQL refuses NUL; nothing can encode a lone surrogate) nor means anything.
- JSON nested too deeply to parse is a bad request rather than a ``RecursionError``.
"""
from flask import Flask, abort, request
from flask.json.provider import DefaultJSONProvider

from forum.services import InvalidInput

ID_MAX = 2**31 - 1  # INTEGER on PostgreSQL; SQLite is wider, and no id gets near either
MAX_PAGE = 100_000
UNSTORABLE = "This text has characters Harbour can't store (a NUL or a broken character). Please remove them."


class BoundedJSONProvider(DefaultJSONProvider):
    """JSON too deep for the parser's recursion is invalid JSON, like any other that cannot be read."""

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError as error:
            raise ValueError("JSON nested too deeply") from error


def page_number() -> int:
    """The ``page`` query argument; below 1 is the first page, beyond ``MAX_PAGE`` no page at all."""
    page = request.args.get("page", 1, type=int)
    if page > MAX_PAGE:
        if request.path.startswith("/api/"):
            raise InvalidInput({"page": f"Use a page number from 1 to {MAX_PAGE:,}."})
        abort(404)
    return max(1, page)


def reject_unstorable_input():
    """Before every request: ids beyond any id are not found; NUL bytes or lone surrogates anywhere are
    refused with the field named."""
    if request.url_rule is None:
        return  # no route matched: routing's own 404 or 405 follows
    if not storable(request.path) or any(
        isinstance(value, int) and value > ID_MAX for value in (request.view_args or {}).values()
    ):
        abort(404)  # no id is that large, and no slug or handle holds such characters: nothing is there
    for source in (request.args, request.form):
        for name, value in source.items(multi=True):
            if not (storable(name) and storable(value)):
                _refuse(name)
    if request.is_json:
        data = request.get_json(silent=True)
        for name, value in data.items() if isinstance(data, dict) else [("body", data)]:
            if not (storable(name) and _all_storable(value)):
                _refuse(name)


def storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _all_storable(value) -> bool:
    """Every string inside ``value``, walked without recursion so depth costs nothing."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if not storable(item):
                return False
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return True


def _refuse(name: str):
    field = name if storable(name) else "request"
    if request.blueprint == "api":
        raise InvalidInput({field: UNSTORABLE})
    abort(400, UNSTORABLE)


def init_app(app: Flask) -> None:
    app.json = BoundedJSONProvider(app)
    app.before_request(reject_unstorable_input)
