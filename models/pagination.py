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
    """Run ``statement`` for one page; pages below 1 are treated as the first."""
    page = max(1, page)
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    items = db.session.scalars(statement.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(items=list(items), page=page, per_page=per_page, total=total or 0)
