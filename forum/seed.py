"""Default boards and the demo community, added only where missing so both can run again."""
import json
import secrets
from datetime import date
from pathlib import Path

from forum import demo_content
from forum.services import accounts, posts
from forum.services.rulesets import target_of
from models import AdminAudit, Board, Resource, RuleSetStatus, RuleSetVersion, Thread, User, db
from models.training import TrainingPage
from models.audit import AuditAction
from models.base import utcnow
from moderation.rules import DEFAULT_PATH

RESOURCES_FILE = Path(__file__).resolve().parent / "data" / "resources.json"
TRAINING_FILE = Path(__file__).resolve().parent / "data" / "training.json"

DEFAULT_BOARDS = [
    ("introductions", "Introductions", "Say hello and tell us a little about yourself, if you want to."),
    ("hard-time", "Having a hard time", "A place to talk when things are tough. Take it at your own pace."),
    ("coping", "Coping strategies", "Things that help: distractions, grounding, routines and self-care."),
    ("recovery", "Recovery and wins", "Share progress, big or small. Every step counts."),
    ("creative", "Creative corner", "Drawings described, poems, music, writing and making things."),
    ("off-topic", "Off-topic", "Games, shows, pets, school and everything else."),
]

BOARD_GUIDELINES = (
    "Be kind. Use a content note if your post could be hard to read. "
    "No method details, no descriptions of injuries, no numbers."
)


def ensure_default_boards() -> int:
    """Add any default board that is missing; returns how many were added."""
    added = 0
    for position, (slug, name, description) in enumerate(DEFAULT_BOARDS):
        if Board.find_by_slug(slug) is None:
            db.session.add(
                Board(slug=slug, name=name, description=description, guidelines=BOARD_GUIDELINES, position=position)
            )
            added += 1
    db.session.commit()
    return added


def ensure_resources(path: Path = RESOURCES_FILE) -> tuple[int, int]:
    """Add missing services from the directory file and refresh those it has re-verified.

    A row is replaced only when the file's ``last_verified`` is newer, so a
    deployer's own corrections in the database survive the next ``init``.
    Returns (added, updated).
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    added = updated = 0
    for position, entry in enumerate(data["resources"]):
        fields = {"last_verified": data["last_verified"], **entry, "position": position}
        fields["last_verified"] = date.fromisoformat(fields["last_verified"])
        resource = db.session.scalar(db.select(Resource).where(Resource.key == entry["key"]))
        if resource is None:
            db.session.add(Resource(**fields))
            added += 1
        elif resource.last_verified < fields["last_verified"]:
            for name, value in fields.items():
                setattr(resource, name, value)
            updated += 1
    db.session.commit()
    return added, updated


def ensure_active_ruleset() -> bool:
    """Store the shipped default as the first active version when none is active; True if it did."""
    if RuleSetVersion.active() is not None:
        return False
    document = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    version = RuleSetVersion(
        number=RuleSetVersion.next_number(),
        status=RuleSetStatus.ACTIVE.value,
        document=document,
        note="The rule set Harbour ships with.",
        activated_at=utcnow(),
    )
    db.session.add(version)
    db.session.flush()
    AdminAudit.record(None, AuditAction.RULESET_ACTIVATE, target_of(version), note=version.note, after=document)
    db.session.commit()
    return True


def ensure_training_module(path: Path = TRAINING_FILE) -> int:
    """Add the shipped training pages that are missing; an admin's edits are never overwritten. Returns how many."""
    added = 0
    for position, entry in enumerate(json.loads(path.read_text(encoding="utf-8"))["pages"]):
        if TrainingPage.find(entry["slug"]) is None:
            db.session.add(TrainingPage(slug=entry["slug"], position=position, kind=entry["kind"], title=entry["title"],
                                        body_markdown=entry["body"], choices=entry.get("choices", [])))
            added += 1
    db.session.commit()
    return added


def seed_demo_community() -> int:
    """Demo members (with random passwords nobody knows) and their threads; returns threads added."""
    added = 0
    for conversation in demo_content.CONVERSATIONS:
        board = Board.find_by_slug(conversation.board)
        opener, title, body = conversation.opening
        if _thread_exists(board, title):
            continue
        thread, _ = posts.create_thread(board, _demo_member(opener), title, body, established=True)
        for handle, reply in conversation.replies:
            posts.create_reply(thread, _demo_member(handle), reply, established=True)
        added += 1
    return added


def _thread_exists(board: Board, title: str) -> bool:
    return db.session.scalar(db.select(Thread.id).where(Thread.board_id == board.id, Thread.title == title)) is not None


def _demo_member(handle: str) -> User:
    return User.find_by_handle(handle) or accounts.register_member(handle, secrets.token_urlsafe(24))
