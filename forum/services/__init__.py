"""Thin services that turn requests from pages, the API and commands into rows.

Views stay HTTP-only: they call these functions and map the exceptions below to
form errors or JSON errors.
"""


class InvalidInput(ValueError):
    """Input a member can fix; ``fields`` maps each field to a kind message."""

    def __init__(self, fields: dict[str, str]):
        super().__init__("; ".join(f"{name}: {message}" for name, message in fields.items()))
        self.fields = fields


def window_length(value, *, field: str, default: int, maximum: int, unit: str) -> int:
    """A report's window (weeks, days) from a query string or JSON: 1 to ``maximum``, else a clear 422."""
    if value is None or value == "":
        return default
    try:
        length = int(value)
    except (TypeError, ValueError):
        length = 0
    if not 1 <= length <= maximum:
        raise InvalidInput({field: f"Choose from 1 to {maximum} {unit}."})
    return length


class HandleTaken(ValueError):
    """Another member already has this handle (compared case-insensitively)."""


class NotAllowed(PermissionError):
    """The member may not do this to this object."""


class AccountSuspended(PermissionError):
    """The member's account is suspended by an admin; ``reason`` says why, for them to read."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class AlreadySubmitted(Exception):
    """This submission's one-time key was used before: ``post`` is what it stored, shown again instead."""

    def __init__(self, post):
        super().__init__(f"already submitted as post {post.id}")
        self.post = post


class SlowedDown(Exception):
    """A slow mode (the contagion guard) asks this member to wait ``retry_after_s`` seconds before posting here."""

    def __init__(self, message: str, retry_after_s: int):
        super().__init__(message)
        self.message = message
        self.retry_after_s = retry_after_s
