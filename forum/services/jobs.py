"""Starting admin jobs: check what was asked, store the job, hand it to the runner."""
from forum import jobs, tasks
from forum.services import InvalidInput
from models import RuleSetVersion, User
from models.jobs import Job, JobKind

DEFAULT_BACKTEST_LIMIT = 1000
MAX_BACKTEST_LIMIT = 100_000
MAX_DAYS = 365
RESCREEN_DAYS = 7
CONTAGION_BACKTEST_DAYS = 30


def start_backtest(actor: User, version: RuleSetVersion, *, limit=None, days=None) -> Job:
    """A backtest of ``version`` over the last ``limit`` screened posts or the last ``days`` days (not both).

    Any stored version compiles: drafts are validated whenever they are saved.
    """
    if limit is not None and days is not None:
        raise InvalidInput({"limit": "Choose a number of posts or a number of days, not both."})
    if days is not None:
        params = {"days": _whole_number(days, "days", MAX_DAYS)}
    else:
        params = {"limit": _whole_number(DEFAULT_BACKTEST_LIMIT if limit is None else limit, "limit", MAX_BACKTEST_LIMIT)}
    job = Job(kind=JobKind.BACKTEST.value, params={"ruleset_id": version.id, **params}, created_by=actor.id)
    return jobs.start(job, tasks.run_backtest)


def start_rescreen(actor: User, days: int = RESCREEN_DAYS) -> Job:
    """Re-screen the posts published in the last ``days`` days under the active rule set."""
    job = Job(kind=JobKind.RESCREEN.value, params={"days": _whole_number(days, "days", MAX_DAYS)}, created_by=actor.id)
    return jobs.start(job, tasks.run_rescreen)


def start_contagion_backtest(actor: User, days: int = CONTAGION_BACKTEST_DAYS) -> Job:
    """How many clusters the contagion guard, as set now, would have found in the last ``days`` days, and which."""
    job = Job(kind=JobKind.CONTAGION_BACKTEST.value, params={"days": _whole_number(days, "days", MAX_DAYS)},
              created_by=actor.id)
    return jobs.start(job, tasks.run_contagion_backtest)


def _whole_number(value, name: str, most: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= most:
        raise InvalidInput({name: f"Use a whole number from 1 to {most:,}."})
    return value
