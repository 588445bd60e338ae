"""Keeping the help directory right: admins add, edit, re-verify and retire services, each audited.

A wrong number on a crisis panel is worse than none, so every field is checked
here before it can reach a member, and every change names who made it.
"""
import re
from datetime import date

from forum.services import InvalidInput
from models import AdminAudit, Resource, User, db
from models.audit import AuditAction
from models.resource import ALL_REGIONS, EDITABLE_FIELDS
from moderation.signposting import ResourceKey

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
NUMBER_PATTERN = re.compile(r"^\+?[0-9][0-9 ()-]{1,30}$")
KINDS = tuple(key.value for key in ResourceKey)
OPTIONAL_CONTACTS = ("phone", "text_number", "text_keyword", "chat_url", "website")
_TEXT_LIMITS = {"name": 120, "offer": 1000, "hours": 120, "text_keyword": 32, "chat_url": 255, "website": 255}


def add_resource(actor: User, fields: dict) -> Resource:
    _check(fields, required=("key", "name", "region", "categories"))
    if Resource.find_by_key(fields["key"]) is not None:
        raise InvalidInput({"key": "Another service already has this key."})
    resource = Resource(**{"offer": "", "hours": "", **fields}, last_verified=date.today())
    db.session.add(resource)
    AdminAudit.record(actor, AuditAction.RESOURCE_ADD, _target(resource), after=resource.to_dict())
    db.session.commit()
    return resource


def edit_resource(actor: User, resource: Resource, fields: dict) -> Resource:
    _check(fields, required=())
    other = Resource.find_by_key(fields["key"]) if "key" in fields else None
    if other is not None and other.id != resource.id:
        raise InvalidInput({"key": "Another service already has this key."})
    before = resource.to_dict()
    for name, value in fields.items():
        setattr(resource, name, value)
    AdminAudit.record(actor, AuditAction.RESOURCE_EDIT, _target(resource), before=before, after=resource.to_dict())
    db.session.commit()
    return resource


def verify_resource(actor: User, resource: Resource) -> Resource:
    """Record that an admin checked the service today (numbers, hours, still running)."""
    return _set(actor, resource, AuditAction.RESOURCE_VERIFY, last_verified=date.today())


def retire_resource(actor: User, resource: Resource) -> Resource:
    """Stop offering a service; the row stays so old pages can still be explained."""
    return _set(actor, resource, AuditAction.RESOURCE_RETIRE, retired=True)


def _set(actor: User, resource: Resource, action: AuditAction, **values) -> Resource:
    before = resource.to_dict()
    for name, value in values.items():
        setattr(resource, name, value)
    AdminAudit.record(actor, action, _target(resource), before=before, after=resource.to_dict())
    db.session.commit()
    return resource


def _target(resource: Resource) -> str:
    return f"resource {resource.key}"


def _check(fields: dict, *, required: tuple[str, ...]) -> None:
    """Field errors for unknown, missing or malformed values; blank optional contacts become None."""
    errors = {name: "This field is not part of a service." for name in set(fields) - set(EDITABLE_FIELDS)}
    errors.update({name: "This field is required." for name in required if name not in fields})
    for name in OPTIONAL_CONTACTS:
        if name in fields and isinstance(fields[name], str) and not fields[name].strip():
            fields[name] = None
    for name, value in fields.items():
        if name not in errors and (problem := _problem(name, value)):
            errors[name] = problem
    if errors:
        raise InvalidInput(errors)


def _problem(name: str, value) -> str | None:
    if name == "key":
        return None if isinstance(value, str) and KEY_PATTERN.match(value) else "Use 2 to 64 lowercase letters, digits or hyphens."
    if name == "region":
        return None if value in ALL_REGIONS else f"Use one of {', '.join(ALL_REGIONS)}."
    if name == "categories":
        if isinstance(value, list) and value and all(kind in KINDS for kind in value):
            return None
        return f"Choose one or more of {', '.join(KINDS)}."
    if name == "is_emergency":
        return None if isinstance(value, bool) else "This field must be true or false."
    if name == "position":
        return None if isinstance(value, int) and not isinstance(value, bool) else "This field must be a whole number."
    if value is None:
        return None if name in OPTIONAL_CONTACTS else "This field must be text."
    if not isinstance(value, str):
        return "This field must be text."
    if name == "name" and not value.strip():
        return "Give the service its name."
    if name in ("phone", "text_number") and not NUMBER_PATTERN.match(value.strip()):
        return "Write the number with digits, spaces and an optional leading +."
    if name in ("chat_url", "website") and not value.startswith("https://"):
        return "Use a full https:// address."
    if len(value) > _TEXT_LIMITS.get(name, 255):
        return f"Use at most {_TEXT_LIMITS.get(name, 255)} characters."
    return None
