"""One pagination helper for pages and the API, so no route repeats the arithmetic."""
from dataclasses import dataclass
from math import ceil
from typing import Any, Callable

from sqlalchemy import Select, bindparam, func, select

from models.base import db


@dataclass(frozen=True)
class Page:
    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    def meta(self) -> dict[str, int]:
        return {"page": self.page, "per_page": self.per_page, "total": self.total, "pages": self.pages}

    def to_dict(self, key: str, serialise: Callable[[Any], dict]) -> dict:
        return {key: [serialise(item) for item in self.items], "pagination": self.meta()}


PAGE_LIMIT = bindparam("page_limit")
PAGE_OFFSET = bindparam("page_offset")


def paged(statement: Select) -> Select:
    """``statement`` with its page's bounds as parameters, for statements built once per process: copying a
    statement to add bounds costs SQLAlchemy a new cache key, more than running a small query."""
    return statement.limit(PAGE_LIMIT).offset(PAGE_OFFSET)


def paginate(statement: Select, page: int, per_page: int, params: dict | None = None) -> Page:
    """Run ``statement`` for one page; pages below 1 are treated as the first. With ``params`` (the values
    of its parameters), ``statement`` was built ahead with ``paged``; without, the bounds are added here.

    A page with items that is not full is the last one, so its total is known without a
    second query: most threads fit on one page, and the count costs as much as the page.
    """
    page = max(1, page)
    offset = (page - 1) * per_page
    if params is None:
        bounded, unbounded = paged(statement), statement
    else:
        bounded, unbounded = statement, statement.limit(None).offset(None)
    values = (params or {}) | {"page_limit": per_page, "page_offset": offset}
    items = list(db.session.scalars(bounded, values).all())
    if len(items) < per_page and (items or page == 1):
        total = offset + len(items)
    else:
        total = db.session.scalar(select(func.count()).select_from(unbounded.order_by(None).subquery()), values) or 0
    return Page(items=items, page=page, per_page=per_page, total=total)
