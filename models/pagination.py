"""One pagination helper for pages and the API, so no route repeats the arithmetic."""
from dataclasses import dataclass
from math import ceil
from typing import Any, Callable

from sqlalchemy import Select, func, select

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


def paginate(statement: Select, page: int, per_page: int) -> Page:
    """Run ``statement`` for one page; pages below 1 are treated as the first.

    A page with items that is not full is the last one, so its total is known without a
    second query: most threads fit on one page, and the count costs as much as the page.
    """
    page = max(1, page)
    offset = (page - 1) * per_page
    items = list(db.session.scalars(statement.limit(per_page).offset(offset)).all())
    if len(items) < per_page and (items or page == 1):
        total = offset + len(items)
    else:
        total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0
    return Page(items=items, page=page, per_page=per_page, total=total)
