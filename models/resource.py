"""The directory of offline help: helplines, text lines and emergency numbers by region.

Rows are loaded from ``forum/data/resources.json`` by ``flask init``; retired
services stay in the table (so links in old pages can be explained) but are
never offered.
"""
import re
from datetime import date

from sqlalchemy import JSON, Date, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db

REGIONS = ("UK", "IE", "US", "CA", "AU", "NZ")
FALLBACK_REGION = "INTL"
ALL_REGIONS = REGIONS + (FALLBACK_REGION,)
EDITABLE_FIELDS = (
    "key", "name", "offer", "region", "categories", "phone", "text_number", "text_keyword",
    "chat_url", "website", "hours", "is_emergency", "position",
)


def _dialable(number: str) -> str:
    """Digits (and a leading +) of a number as written, for ``tel:`` and ``sms:`` links."""
    return re.sub(r"(?!^\+)[^0-9]", "", number.strip())


class Resource(db.Model):
    __tablename__ = "resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    offer: Mapped[str] = mapped_column(Text, default="")
    region: Mapped[str] = mapped_column(String(8), index=True)
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    phone: Mapped[str | None] = mapped_column(String(32))
    text_number: Mapped[str | None] = mapped_column(String(32))
    text_keyword: Mapped[str | None] = mapped_column(String(32))
    chat_url: Mapped[str | None] = mapped_column(String(255))
    website: Mapped[str | None] = mapped_column(String(255))
    hours: Mapped[str] = mapped_column(String(120), default="")
    is_emergency: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    last_verified: Mapped[date] = mapped_column(Date)
    retired: Mapped[bool] = mapped_column(default=False)

    @property
    def phone_href(self) -> str | None:
        return f"tel:{_dialable(self.phone)}" if self.phone else None

    @property
    def text_href(self) -> str | None:
        return f"sms:{_dialable(self.text_number)}" if self.text_number else None

    @classmethod
    def directory(cls) -> list["Resource"]:
        """Every service, retired ones last, for the admins who keep the directory."""
        return list(db.session.scalars(select(cls).order_by(cls.retired, cls.region, cls.position, cls.id)))

    @classmethod
    def find_by_key(cls, key: str) -> "Resource | None":
        return db.session.scalar(select(cls).where(cls.key == key))

    @classmethod
    def in_region(cls, region: str) -> list["Resource"]:
        """Every service offered in ``region``, emergency numbers first."""
        statement = (
            select(cls)
            .where(cls.region == region, cls.retired.is_(False))
            .order_by(cls.is_emergency.desc(), cls.position, cls.id)
        )
        return list(db.session.scalars(statement))

    @classmethod
    def for_signposts(cls, keys, region: str) -> list["Resource"]:
        """Services for each signpost key in ``region``, emergency numbers first.

        A key the region has nothing for falls back to the international list,
        so a reader is never left with an empty panel. The directory is small,
        so categories are matched here rather than in JSON-specific SQL.
        """
        local, fallback = cls.in_region(region), cls.in_region(FALLBACK_REGION)
        chosen: list[Resource] = []
        for key in keys:
            serving = [r for r in local if key in r.categories] or [r for r in fallback if key in r.categories]
            chosen.extend(r for r in serving if r not in chosen)
        return sorted(chosen, key=lambda r: not r.is_emergency)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            **{name: getattr(self, name) for name in EDITABLE_FIELDS},
            "last_verified": self.last_verified.isoformat(),
            "retired": self.retired,
        }
