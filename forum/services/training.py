"""The training gate: nobody claims queue items (or goes on duty) before training, refreshed yearly.

Completion is recorded when a moderator answers every scenario question well,
or when an admin records training done elsewhere; admins also edit the
module's pages. Both admin changes are audited.
"""
from forum.services import InvalidInput, NotAllowed
from models import AdminAudit, User, db
from models.audit import AuditAction
from models.base import isoformat, utcnow
from models.training import DUE_SOON, CompletionSource, PageKind, TrainingCompletion, TrainingPage

TITLE_MAX_LENGTH = 200


class TrainingRequired(NotAllowed):
    """The moderator has not completed training, or their yearly refresher is overdue."""


def is_trained(member: User) -> bool:
    completion = TrainingCompletion.latest(member)
    return completion is not None and completion.is_current


def require_training(member: User) -> None:
    if not is_trained(member):
        raise TrainingRequired("complete moderator training first")


def status(member: User) -> dict:
    """``{trained, state, completed_at, due_at, source}``; state is trained, due_soon, overdue or untrained."""
    completion = TrainingCompletion.latest(member)
    if completion is None:
        state = "untrained"
    elif not completion.is_current:
        state = "overdue"
    elif completion.due_at - utcnow() < DUE_SOON:
        state = "due_soon"
    else:
        state = "trained"
    return {
        "handle": member.handle,
        "trained": state in ("trained", "due_soon"),
        "state": state,
        "completed_at": isoformat(completion.completed_at) if completion else None,
        "due_at": isoformat(completion.due_at) if completion else None,
        "source": completion.source if completion else None,
    }


def roster() -> list[dict]:
    """Every moderator and admin with their training state, those needing it first."""
    order = {"untrained": 0, "overdue": 1, "due_soon": 2, "trained": 3}
    people = [status(member) for member in User.by_handle() if member.is_moderator]
    return sorted(people, key=lambda entry: order[entry["state"]])


def needing_attention() -> list[dict]:
    """Who is untrained, overdue or due within DUE_SOON: what the admin overview points to."""
    return [entry for entry in roster() if entry["state"] != "trained"]


def check_answers(member: User, answers: dict) -> dict:
    """Mark each scenario's chosen answer; when every one is right, record completion.

    ``answers`` maps a scenario's slug to the index of the chosen choice.
    Returns ``{"passed": bool, "results": {slug: {"correct", "why"}}}``.
    """
    if not isinstance(answers, dict):
        raise InvalidInput({"answers": "Give an object of scenario to chosen answer."})
    results = {}
    for page in TrainingPage.ordered(PageKind.SCENARIO):
        chosen = answers.get(page.slug)
        if not isinstance(chosen, int) or isinstance(chosen, bool) or not 0 <= chosen < len(page.choices):
            results[page.slug] = {"correct": False, "why": "Choose one of the answers."}
            continue
        choice = page.choices[chosen]
        results[page.slug] = {"correct": bool(choice["correct"]), "why": choice["why"]}
    passed = bool(results) and all(result["correct"] for result in results.values())
    if passed:
        db.session.add(TrainingCompletion(user_id=member.id, source=CompletionSource.MODULE.value))
        db.session.commit()
    return {"passed": passed, "results": results}


def record_elsewhere(actor: User, member: User, completed: bool) -> dict:
    """An admin records training done elsewhere, or withdraws it so the module is asked for again."""
    if not member.is_moderator:
        raise InvalidInput({"handle": "Only moderators and admins take moderator training."})
    before = status(member)
    if completed:
        db.session.add(TrainingCompletion(user_id=member.id, source=CompletionSource.RECORDED.value,
                                          recorded_by_id=actor.id if actor else None))
        action = AuditAction.TRAINING_RECORD
    else:
        for completion in db.session.scalars(
            db.select(TrainingCompletion).where(TrainingCompletion.user_id == member.id,
                                                TrainingCompletion.withdrawn_at.is_(None))
        ):
            completion.withdrawn_at = utcnow()
        action = AuditAction.TRAINING_WITHDRAW
    db.session.flush()
    after = status(member)
    AdminAudit.record(actor, action, f"member {member.handle}", before=before, after=after)
    db.session.commit()
    return after


def edit_page(actor: User, page: TrainingPage, fields: dict) -> TrainingPage:
    """Change a page's title, body or (for a scenario) choices; checked and audited."""
    title = fields.get("title", page.title)
    body = fields.get("body", page.body_markdown)
    choices = fields.get("choices", page.choices)
    errors = {}
    if not isinstance(title, str) or not title.strip() or len(title) > TITLE_MAX_LENGTH:
        errors["title"] = f"Give the page a title of at most {TITLE_MAX_LENGTH} characters."
    if not isinstance(body, str) or not body.strip():
        errors["body"] = "The page needs some text."
    if page.kind == PageKind.SCENARIO and not _valid_choices(choices):
        errors["choices"] = 'Give at least two choices, each {"text", "correct", "why"}, exactly one of them correct.'
    unknown = set(fields) - {"title", "body", "choices"}
    errors.update({name: "This field is not part of a training page." for name in unknown})
    if errors:
        raise InvalidInput(errors)
    before = _page_dict(page)
    page.title, page.body_markdown = title.strip(), body
    if page.kind == PageKind.SCENARIO:
        page.choices = [{"text": c["text"], "correct": c["correct"], "why": c["why"]} for c in choices]
    AdminAudit.record(actor, AuditAction.TRAINING_EDIT, f"training page {page.slug}", before=before,
                      after=_page_dict(page))
    db.session.commit()
    return page


def _valid_choices(choices) -> bool:
    if not isinstance(choices, list) or len(choices) < 2:
        return False
    for choice in choices:
        if not (isinstance(choice, dict) and isinstance(choice.get("text"), str) and choice["text"].strip()
                and isinstance(choice.get("correct"), bool) and isinstance(choice.get("why"), str)):
            return False
    return sum(choice["correct"] for choice in choices) == 1


def _page_dict(page: TrainingPage) -> dict:
    return {"title": page.title, "body": page.body_markdown, "choices": page.choices}

