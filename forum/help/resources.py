"""Crisis lines by region: a minimal, well-known start.

The reader-safety work replaces this with a verified resource directory;
deployers must check these details for their own community.
"""
from dataclasses import dataclass

from models.user import DEFAULT_REGION


@dataclass(frozen=True)
class CrisisLine:
    name: str
    offer: str
    how: str
    href: str


EMERGENCY = {
    "UK": CrisisLine(
        "Emergency services",
        "If you or someone else is in danger right now, or has hurt themselves badly.",
        "Call 999",
        "tel:999",
    ),
}

CRISIS_LINES = {
    "UK": [
        CrisisLine("Samaritans", "Someone to talk to, any time, day or night. Free.", "Call 116 123", "tel:116123"),
        CrisisLine("Shout", "Text support, any time, day or night. Free.", "Text SHOUT to 85258", "sms:85258"),
        CrisisLine(
            "Childline",
            "For anyone under 19. Free, and won't show on your phone bill.",
            "Call 0800 1111",
            "tel:08001111",
        ),
        CrisisLine("NHS 111", "Urgent help that isn't an emergency.", "Call 111", "tel:111"),
    ],
}


def for_region(region: str | None) -> tuple[str, CrisisLine, list[CrisisLine]]:
    """The region actually shown (UK when we have nothing for theirs), its emergency line and helplines."""
    shown = region if region in CRISIS_LINES else DEFAULT_REGION
    return shown, EMERGENCY[shown], CRISIS_LINES[shown]
