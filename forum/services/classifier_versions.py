"""Classifier versions for admins: the committed model, candidates in the instance folder, activation.

A candidate is an artefact directory under ``<instance>/models/NAME/``. It can be
activated only once ``python -m moderation evaluate --artifact`` has written its
``evaluation.json``, so no model goes live without its figures having been shown.
"""
import json
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from forum.services import InvalidInput
from models import AdminAudit, ModelActivation, User, db
from models.audit import AuditAction

# The classifier's modules load torch; the forum imports them only when an admin asks about models.

NOTE_MAX_LENGTH = 2000
COMMITTED = "committed"
TARGET = "classifier"


@dataclass(frozen=True)
class ModelVersion:
    """One artefact directory as the admin page shows it; ``evaluation`` is None until it is evaluated,
    ``refusal`` says why the classifier would refuse to load it (None: it would not)."""

    name: str
    directory: Path
    version: str
    evaluation: dict | None
    refusal: str | None = None

    @property
    def is_committed(self) -> bool:
        return self.name == COMMITTED

    @property
    def evaluated_version(self) -> str | None:
        """The model version the evaluation says it measured (None: no evaluation, or it does not say)."""
        return (self.evaluation or {}).get("version")

    @property
    def evaluation_is_stale(self) -> bool:
        """Its evaluation.json measured another model (or does not say which): its figures are not this one's."""
        return self.evaluation is not None and self.evaluated_version != self.version


def committed() -> ModelVersion:
    from moderation.classifier import ARTIFACT_DIR

    return _read(COMMITTED, ARTIFACT_DIR)


def candidates() -> list[ModelVersion]:
    """Every readable artefact directory in the instance folder, by name; broken ones are left out."""
    from moderation.classifier import MANIFEST_FILE

    folder = candidates_folder()
    if not folder.is_dir():
        return []
    found = [_read(path.name, path) for path in sorted(folder.iterdir()) if (path / MANIFEST_FILE).is_file()]
    return [candidate for candidate in found if candidate is not None]


def candidates_folder() -> Path:
    return Path(current_app.instance_path) / "models"


def live() -> ModelVersion:
    """The version screening uses now: the latest activation's, or the committed one."""
    activation = ModelActivation.latest()
    if activation is None or activation.directory is None:
        return committed()
    directory = Path(activation.directory)
    return _read(directory.name, directory) or ModelVersion(directory.name, directory, activation.version, None)


def live_directory() -> Path | None:
    """The artefact directory to screen with (None: the committed one); one small query."""
    activation = ModelActivation.latest()
    return Path(activation.directory) if activation and activation.directory else None


def activate(actor: User, name: str | None, note: str) -> ModelActivation:
    """Make the candidate ``name`` live, or the committed model when ``name`` is None.

    Only evaluated candidates can go live; the audit entry records the versions before and after.
    """
    note = (note or "").strip()
    if not note:
        raise InvalidInput({"note": "Say in a sentence why this change is being made."})
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidInput({"note": f"Use at most {NOTE_MAX_LENGTH} characters."})
    if name is None:
        chosen, directory = committed(), None
    else:
        chosen = next((c for c in candidates() if c.name == name), None)
        if chosen is None:
            raise InvalidInput({"candidate": f"No candidate model named {name!r} in {candidates_folder()}."})
        if chosen.evaluation is None:
            raise InvalidInput({"candidate": f"{name} has no evaluation.json; evaluate it before activating."})
        if chosen.evaluation_is_stale:
            raise InvalidInput({"candidate": f"{name}'s evaluation.json measured {chosen.evaluated_version or 'an unnamed model'}, "
                                             f"not {chosen.version}; evaluate it again before activating."})
        if chosen.refusal:
            raise InvalidInput({"candidate": f"{name} cannot be loaded: {chosen.refusal}"})
        directory = str(chosen.directory.resolve())
    before = live()
    activation = ModelActivation(version=chosen.version, directory=directory, activated_by=actor.id, note=note)
    db.session.add(activation)
    AdminAudit.record(actor, AuditAction.MODEL_ACTIVATE, TARGET, note=note,
                      before={"version": before.version, "directory": _shown(before)},
                      after={"version": chosen.version, "directory": directory})
    db.session.commit()
    return activation


def comparison(current: ModelVersion, candidate: ModelVersion) -> list[dict]:
    """Per category: the current and candidate test figures and the candidate's difference."""
    mine, theirs = (current.evaluation or {}).get("test", {}), (candidate.evaluation or {}).get("test", {})
    rows = []
    for category in list(mine) + [c for c in theirs if c not in mine]:
        row = {"category": category}
        for metric in ("auprc", "precision", "recall"):
            now, then = mine.get(category, {}).get(metric), theirs.get(category, {}).get(metric)
            row[metric] = {"current": now, "candidate": then,
                           "difference": then - now if _number(now) and _number(then) else None}
        rows.append(row)
    return rows


def explain_failure(error: Exception) -> str:
    """How a model that cannot load is explained, alike on held posts and on the admin page."""
    return f"{type(error).__name__}: {error}"


def _read(name: str, directory: Path) -> ModelVersion | None:
    from moderation.classifier import MANIFEST_FILE
    from moderation.evaluate import EVALUATION_FILE

    try:
        version = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        evaluation = json.loads((directory / EVALUATION_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        evaluation = None
    return ModelVersion(name, directory, version, evaluation if isinstance(evaluation, dict) else None,
                        _refusal(directory))


def _refusal(directory: Path) -> str | None:
    """Found from the manifest alone: building a backbone for every candidate would stall the page."""
    from moderation.classifier import Manifest

    try:
        Manifest.read(directory).check_backbone(directory)
    except (OSError, ValueError, KeyError, TypeError) as error:
        return explain_failure(error)
    return None


def _shown(version: ModelVersion) -> str | None:
    return None if version.is_committed else str(version.directory.resolve())


def _number(value) -> bool:
    """NaN (a category with no positives) has no meaningful difference."""
    return isinstance(value, (int, float)) and value == value
