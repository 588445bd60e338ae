"""Saving a member's own safety plan; there is deliberately no way to save anyone else's."""
from forum.services import InvalidInput
from models import SafetyPlan, User, db
from models.safety_plan import PLAN_SECTION_MAX_LENGTH, PLAN_SECTIONS


def save_safety_plan(owner: User, sections: dict[str, str]) -> SafetyPlan:
    """Change some or all sections of ``owner``'s plan, creating it the first time."""
    fields = {}
    for name, text in sections.items():
        if name not in PLAN_SECTIONS:
            fields[name] = "This is not part of a safety plan."
        elif not isinstance(text, str):
            fields[name] = "This field must be text."
        elif len(text) > PLAN_SECTION_MAX_LENGTH:
            fields[name] = f"Please keep this to {PLAN_SECTION_MAX_LENGTH:,} characters."
    if fields:
        raise InvalidInput(fields)
    plan = SafetyPlan.of(owner) or SafetyPlan(user_id=owner.id)
    for name, text in sections.items():
        setattr(plan, name, text.strip())
    db.session.add(plan)
    db.session.commit()
    return plan
