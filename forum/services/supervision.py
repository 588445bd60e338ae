"""Who supervises whom: admins assign moderators to a supervisor (audited); unassigned moderators are the admins'.

The privacy rules of supervision live here, so pages and the API ask the same
questions: ``supervises`` (notes, wellbeing trends, sessions: the moderator's
own supervisor only) and ``sees_load`` (check-in requests and recent load:
their supervisor, and every admin). ``on_call_for`` says who hears a
moderator's tap-out or check-in request.
"""
from sqlalchemy import select

from forum.services import InvalidInput, NotAllowed
from models import AdminAudit, DutyShift, Role, User, db
from models.audit import AuditAction


def assigned_supervisor(moderator: User) -> User | None:
    """The supervisor assigned, while they still are one (a changed role or a suspension hands back to the admins)."""
    chosen = moderator.supervisor
    return chosen if chosen is not None and chosen.is_supervisor and not chosen.is_suspended else None


def supervises(viewer: User, moderator: User) -> bool:
    """Whether ``viewer`` is this moderator's supervisor: the one assigned, or any admin while none is."""
    if not viewer.is_supervisor or viewer.id == moderator.id:
        return False
    chosen = assigned_supervisor(moderator)
    return viewer.is_admin if chosen is None else chosen.id == viewer.id


def sees_load(viewer: User, moderator: User) -> bool:
    """Requests and recent load: the moderator's supervisor, and admins (who see all)."""
    return viewer.is_admin or supervises(viewer, moderator)


def require_supervisor_of(viewer: User, moderator: User) -> None:
    if not supervises(viewer, moderator):
        raise NotAllowed("only this moderator's supervisor may do this")


def moderators_for(viewer: User) -> list[User]:
    """The moderators whose requests and load ``viewer`` sees: all of them for admins, their own for supervisors."""
    if not viewer.is_supervisor:
        raise NotAllowed("only supervisors and admins look after moderators")
    statement = select(User).where(User.role.in_([Role.MODERATOR.value, Role.ADMIN.value]), User.id != viewer.id)
    if not viewer.is_admin:
        statement = statement.where(User.supervisor_id == viewer.id)
    return list(db.session.scalars(statement.order_by(User.handle_key)))


def possible_supervisors() -> list[User]:
    """Everyone an admin may assign as a supervisor: supervisors and admins, not suspended."""
    statement = select(User).where(User.role.in_([Role.SUPERVISOR.value, Role.ADMIN.value]), User.suspended_at.is_(None))
    return list(db.session.scalars(statement.order_by(User.handle_key)))


def assign(actor: User, moderator: User, supervisor: User | None) -> None:
    """An admin assigns a moderator's supervisor, or clears it (then the admins supervise them). Audited."""
    if not actor.is_admin:
        raise NotAllowed("only admins assign supervisors")
    if not moderator.is_moderator:
        raise InvalidInput({"handle": "Only moderators and admins have a supervisor."})
    if supervisor is not None and (not supervisor.is_supervisor or supervisor.id == moderator.id):
        raise InvalidInput({"supervisor": "Choose a supervisor or an admin other than the moderator."})
    before = moderator.supervisor.handle if moderator.supervisor else None
    moderator.supervisor = supervisor
    AdminAudit.record(actor, AuditAction.SUPERVISOR_ASSIGN, f"member {moderator.handle}",
                      before={"supervisor": before}, after={"supervisor": supervisor.handle if supervisor else None})
    db.session.commit()


def assign_by_handle(actor: User, moderator: User, handle: str | None) -> User | None:
    """``assign`` for the page and the API, which name the supervisor by handle (None: back to the admins)."""
    supervisor = None
    if handle is not None:
        supervisor = User.find_by_handle(handle)
        if supervisor is None:
            raise InvalidInput({"supervisor": "No member has that handle."})
    assign(actor, moderator, supervisor)
    return supervisor


def on_call_for(moderator: User) -> list[User]:
    """Who hears this moderator's request: their supervisor; else supervisors and admins on duty; else every admin."""
    chosen = assigned_supervisor(moderator)
    if chosen is not None:
        return [chosen]
    on_duty = {shift.moderator_id for shift in DutyShift.on_duty_now()}
    statement = select(User).where(User.id != moderator.id, User.suspended_at.is_(None))
    people = [user for user in db.session.scalars(statement.where(User.id.in_(on_duty))) if user.is_supervisor]
    if people:
        return people
    admins = statement.where(User.role == Role.ADMIN.value)
    return list(db.session.scalars(admins.order_by(User.handle_key)))
