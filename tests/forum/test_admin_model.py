"""The classifier page: a candidate goes live only through an admin, after its figures are shown."""
import json
import shutil
from pathlib import Path

import pytest
from markupsafe import Markup

from forum.services import posts
from models import AdminAudit, Board, ModelActivation, Role, ScreeningRecord, User, db
from moderation.classifier import ARTIFACT_DIR
from moderation.taxonomy import Action

CANDIDATE_VERSION = "harbour-minilm-head-candidate1"
COMMITTED_VERSION = json.loads((ARTIFACT_DIR / "model.json").read_text(encoding="utf-8"))["version"]


def _candidate(app, name: str, *, evaluated: bool = True) -> Path:
    """A copy of the committed artefact under a new version; evaluated with AUPRC 0.5 everywhere."""
    directory = Path(app.instance_path) / "models" / name
    shutil.copytree(ARTIFACT_DIR, directory)
    (directory / "evaluation.json").unlink()
    manifest = json.loads((directory / "model.json").read_text(encoding="utf-8"))
    (directory / "model.json").write_text(json.dumps({**manifest, "version": f"harbour-minilm-head-{name}"}))
    if evaluated:
        test = {"self_harm_mention": {"auprc": 0.5, "precision": 0.6, "recall": 0.7}}
        (directory / "evaluation.json").write_text(json.dumps({"version": f"harbour-minilm-head-{name}", "test": test}))
    return directory


def _from_an_older_backbone(directory: Path) -> None:
    """What an artefact trained before the backbone's export changed looks like to today's code."""
    manifest = json.loads((directory / "model.json").read_text(encoding="utf-8"))
    manifest["backbone"] = manifest["backbone"].replace("onnxruntime-", "onnxruntime-r0-")
    (directory / "model.json").write_text(json.dumps(manifest))


def _screened_version(app) -> str:
    return _screening_of_a_new_post(app).model_version


def _screening_of_a_new_post(app) -> ScreeningRecord:
    with app.app_context():
        thread, post = posts.create_thread(Board.find_by_slug("coping"), User.find_by_handle("keeper"),
                                           "A quiet evening", "We watched a film and the cat slept on my feet.")
        record = db.session.scalars(db.select(ScreeningRecord).where(ScreeningRecord.post_id == post.id)
                                    .order_by(ScreeningRecord.id.desc())).first()
        db.session.expunge(record)
        return record


def test_the_page_shows_each_candidates_figures_beside_the_live_ones(app, admin_client):
    _candidate(app, "candidate1")
    committed = json.loads((ARTIFACT_DIR / "evaluation.json").read_text(encoding="utf-8"))
    html = admin_client.get("/admin/model").get_data(as_text=True)
    assert f"Live: {COMMITTED_VERSION}" in html and CANDIDATE_VERSION in html
    live_auprc = committed["test"]["self_harm_mention"]["auprc"]
    assert f"<td>{live_auprc:.3f}</td><td>0.500</td><td>{0.5 - live_auprc:+.3f}</td>" in html
    assert "Activate candidate1" in html
    assert 'href="/admin/model"' in admin_client.get("/admin/").get_data(as_text=True)


def test_a_candidate_without_an_evaluation_cannot_be_activated(app, admin_client):
    _candidate(app, "unmeasured", evaluated=False)
    html = admin_client.get("/admin/model").get_data(as_text=True)
    assert "harbour-minilm-head-unmeasured" in html and "Not evaluated" in html
    assert "Activate unmeasured" not in html
    response = admin_client.post("/admin/model/activate", data={"candidate": "unmeasured", "note": "try it"})
    assert response.status_code == 422 and "evaluate it before activating" in response.get_data(as_text=True)
    with app.app_context():
        assert ModelActivation.latest() is None


def test_the_committed_models_evaluation_names_the_model_that_ships():
    committed = json.loads((ARTIFACT_DIR / "evaluation.json").read_text(encoding="utf-8"))
    assert committed["version"] == COMMITTED_VERSION


def test_an_evaluation_of_another_version_is_flagged_and_cannot_be_activated(app, admin_client):
    directory = _candidate(app, "restamped")
    evaluation = json.loads((directory / "evaluation.json").read_text(encoding="utf-8"))
    (directory / "evaluation.json").write_text(json.dumps({**evaluation, "version": "harbour-minilm-head-older"}))
    html = admin_client.get("/admin/model").get_data(as_text=True)
    assert "These figures belong to another model" in html
    assert "<code>harbour-minilm-head-older</code>, but this model is <code>harbour-minilm-head-restamped</code>" in html
    assert "Activate restamped" not in html
    response = admin_client.post("/admin/model/activate", data={"candidate": "restamped", "note": "try it"})
    assert response.status_code == 422 and "evaluate it again before activating" in response.get_data(as_text=True)
    with app.app_context():
        assert ModelActivation.latest() is None


def test_the_live_models_stale_evaluation_is_flagged_on_the_page(app, admin_client, monkeypatch):
    from forum.services import classifier_versions

    live = classifier_versions.committed()
    stale = classifier_versions.ModelVersion(live.name, live.directory, live.version,
                                             {**live.evaluation, "version": "harbour-minilm-head-older"})
    monkeypatch.setattr(classifier_versions, "committed", lambda: stale)
    html = admin_client.get("/admin/model").get_data(as_text=True)
    assert "These figures belong to another model" in html and "python -m moderation evaluate</code>" in html


def test_activation_needs_a_note_and_a_real_candidate(app, admin_client):
    _candidate(app, "candidate1")
    assert admin_client.post("/admin/model/activate", data={"candidate": "candidate1", "note": ""}).status_code == 422
    assert admin_client.post("/admin/model/activate", data={"candidate": "../..", "note": "x"}).status_code == 422
    with app.app_context():
        assert ModelActivation.latest() is None


def test_activating_a_candidate_screens_new_posts_with_it_and_returning_restores_the_committed_model(app, admin_client):
    directory = _candidate(app, "candidate1")
    assert _screened_version(app) == COMMITTED_VERSION

    response = admin_client.post("/admin/model/activate", data={"candidate": "candidate1", "note": "better recall"})
    assert response.status_code == 302
    with app.app_context():
        activation = ModelActivation.latest()
        assert (activation.version, activation.directory, activation.note) == (
            CANDIDATE_VERSION, str(directory.resolve()), "better recall")
        assert activation.activated_by == User.find_by_handle("keeper").id
        entry = AdminAudit.newest_first(1)[0]
        assert (entry.action, entry.target, entry.note) == ("model.activate", "classifier", "better recall")
        assert CANDIDATE_VERSION in entry.diff
    assert _screened_version(app) == CANDIDATE_VERSION
    html = admin_client.get("/admin/model").get_data(as_text=True)
    assert f"Live: {CANDIDATE_VERSION}" in html and "cannot load" not in html

    response = admin_client.post("/admin/model/activate", data={"candidate": "", "note": "back to the known one"})
    assert response.status_code == 302
    with app.app_context():
        assert ModelActivation.latest().directory is None
        assert ModelActivation.latest().version == COMMITTED_VERSION
    assert _screened_version(app) == COMMITTED_VERSION


def test_the_committed_model_loads_so_the_page_shows_no_warning(app, admin_client):
    html = admin_client.get("/admin/model").get_data(as_text=True)
    assert f"Live: {COMMITTED_VERSION}" in html
    assert "admin-alert" not in html and "cannot load" not in html


@pytest.mark.parametrize("break_it, reason", [
    (shutil.rmtree, "FileNotFoundError: "),
    (_from_an_older_backbone, "ValueError: "),
], ids=["folder deleted", "older backbone"])
def test_the_page_warns_that_every_post_is_held_while_the_activated_model_cannot_load(
        app, admin_client, break_it, reason):
    directory = _candidate(app, "candidate1")
    _candidate(app, "candidate2")
    assert admin_client.post("/admin/model/activate", data={"candidate": "candidate1", "note": "try it"}).status_code == 302
    break_it(directory)

    held = _screening_of_a_new_post(app)
    assert held.action == Action.HOLD.value
    html = admin_client.get("/admin/model").get_data(as_text=True)
    banner = html[html.index('class="admin-alert"'):html.index("<h2>Candidates</h2>")]
    assert "every new post is being held" in banner and CANDIDATE_VERSION in banner
    escaped = banner.split('<pre class="code">', 1)[1].split("</pre>", 1)[0]
    assert "&#39;" in escaped and "'" not in escaped
    shown = Markup(escaped).unescape()
    assert shown.startswith(reason) and str(directory.resolve()) in shown
    assert shown in held.explanation_for_moderators
    assert "Activate another evaluated candidate below, or return to the committed model" in banner
    assert "Return to the committed model" in html and "Activate candidate2" in html


def test_a_candidate_from_an_older_backbone_is_listed_as_refused_and_cannot_be_activated(app, admin_client):
    _from_an_older_backbone(_candidate(app, "oldexport"))
    html = admin_client.get("/admin/model").get_data(as_text=True)
    assert "harbour-minilm-head-oldexport" in html and "Cannot be activated" in html and "retrain it" in html
    assert "Activate oldexport" not in html and "admin-alert" not in html
    response = admin_client.post("/admin/model/activate", data={"candidate": "oldexport", "note": "try it"})
    assert response.status_code == 422 and "cannot be loaded" in response.get_data(as_text=True)
    with app.app_context():
        assert ModelActivation.latest() is None


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_members_and_moderators_are_refused(app, client, make_member, log_in, role):
    _candidate(app, "candidate1")
    log_in(client, make_member("sky", role))
    assert client.get("/admin/model").status_code == 403
    assert client.post("/admin/model/activate", data={"candidate": "candidate1", "note": "x"}).status_code == 403
    with app.app_context():
        assert ModelActivation.latest() is None
