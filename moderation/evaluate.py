"""``python -m moderation evaluate``: measure the committed model on the held-out test split, write the card.

Everything here reads only the ``test`` split, which training never sees. It
also scores the team's test posts with the same head on the unhurried backbone's
features (plain torch, fp32), so the card can say how far the served speed-ups
move the figures. The team-written test posts and the real ones in the test
split are reported apart; real labels that a source left unknown are never
counted. The card's headline figures, though, come from real posts held out by
source (``moderation.real_eval``), never trained on.
Every evaluation it writes names the model version it measured.
"""
import html
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from moderation.backbone import Backbone, BackboneSpec
from moderation.classifier import ARTIFACT_DIR, TriggerClassifier
from moderation.corpus import Example, in_split, label_matrix, weight_matrix
from moderation.metrics import average_precision, confusion, precision_recall, roc_auc
from moderation.real_data import held_out, training_examples
from moderation.real_eval import Scores, held_out_report, render, union_labels, write_previous_scores
from moderation.taxonomy import CATEGORIES, SELF_HARM_CONTENT, Category

# The backbone as it comes, in plain torch fp32: what the served speed-ups are measured against.
REFERENCE_SPEC = BackboneSpec(runtime="torch", precision="fp32", pooled=(3, 6))

MODEL_CARD = Path(__file__).parent / "MODEL_CARD.md"
BENCHMARK_FILE = ARTIFACT_DIR / "benchmark.json"
EVALUATION_FILE = "evaluation.json"
TEMPLATE = Path(__file__).parent / "MODEL_CARD.template.md"
WORST_ERRORS = 20
QUOTE_CHARACTERS = 160
UNION = "any self-harm content"
CRISIS = "imminent_risk at the crisis threshold"


@dataclass(frozen=True)
class Scored:
    """Test examples with their labels, which labels are known, and the model's probabilities (rows aligned)."""

    examples: list[Example]
    labels: np.ndarray
    known: np.ndarray
    probabilities: np.ndarray

    def where(self, keep: np.ndarray) -> "Scored":
        return Scored([e for e, k in zip(self.examples, keep) if k], self.labels[keep], self.known[keep],
                      self.probabilities[keep])


def score_examples(classifier: TriggerClassifier, examples: list[Example]) -> Scored:
    return Scored(examples, label_matrix(examples), weight_matrix(examples) > 0,
                  classifier.probabilities([e.text for e in examples]))


def _union(matrix: np.ndarray) -> np.ndarray:
    return matrix[:, [CATEGORIES.index(c) for c in SELF_HARM_CONTENT]].max(axis=1)


def category_rows(scored: Scored, operating_points: dict[str, float], crisis_threshold: float) -> list[dict]:
    """AUPRC, ROC-AUC and the confusion at the operating point, per category, for imminent risk at the
    crisis threshold, and for the self-harm union (at the lowest of its categories' operating points);
    each over the posts whose label for it is known."""
    imminent = CATEGORIES.index(Category.IMMINENT_RISK.value)
    columns = [(c, scored.probabilities[:, i], scored.labels[:, i], scored.known[:, i], operating_points[c])
               for i, c in enumerate(CATEGORIES)]
    columns.append((CRISIS, scored.probabilities[:, imminent], scored.labels[:, imminent], scored.known[:, imminent],
                    crisis_threshold))
    union = union_labels(scored.examples)
    columns.append((UNION, _union(scored.probabilities), np.nan_to_num(union), ~np.isnan(union),
                    min(operating_points[c] for c in SELF_HARM_CONTENT)))
    rows = []
    for name, scores, labels, known, threshold in columns:
        scores, labels = scores[known], labels[known]
        counts = confusion(scores, labels, threshold)
        precision, recall = precision_recall(counts)
        rows.append({
            "category": name, "positives": int(labels.sum()), "auprc": average_precision(scores, labels),
            "roc_auc": roc_auc(scores, labels), "threshold": threshold, "precision": precision, "recall": recall,
            **counts,
        })
    return rows


def worst_errors(scored: Scored, operating_points: dict[str, float], count: int = WORST_ERRORS) -> list[dict]:
    """The most confident mistakes: missed positives with the lowest scores, false alarms with the highest."""
    errors = []
    for i, example in enumerate(scored.examples):
        for j, category in enumerate(CATEGORIES):
            probability, actual = float(scored.probabilities[i, j]), bool(scored.labels[i, j])
            if scored.known[i, j] and (probability >= operating_points[category]) != actual:
                errors.append({"category": category, "kind": "missed" if actual else "false alarm",
                               "probability": probability, "margin": abs(float(actual) - probability),
                               "source": example.source, "text": example.text})
    return sorted(errors, key=lambda e: -e["margin"])[:count]


def reference_classifier(classifier: TriggerClassifier) -> TriggerClassifier:
    """The served head on the reference backbone's features: what int8 ONNX Runtime changes."""
    return TriggerClassifier(Backbone(REFERENCE_SPEC), classifier.head, classifier.manifest)


def held_out_figures(classifier: TriggerClassifier, *, record_previous: bool = False) -> dict:
    """The source-held-out report; ``record_previous`` also keeps this model's scores for the next card."""
    examples = held_out()
    scores = Scores.of(classifier.probabilities([e.text for e in examples]))
    report = held_out_report(examples, scores, crisis_threshold=classifier.crisis_threshold,
                             flag_threshold=min(classifier.operating_points[c] for c in SELF_HARM_CONTENT))
    if record_previous:
        write_previous_scores(classifier.version, examples, scores)
    return report


def evaluate(classifier: TriggerClassifier | None = None, examples: list[Example] | None = None,
             *, with_reference: bool = True, record_previous: bool = False) -> dict:
    """All figures for the card, as plain data; without the reference head (a training run) when the
    caller only needs the summary."""
    classifier = classifier or TriggerClassifier.load()
    examples = training_examples() if examples is None else examples
    test = in_split(examples, "test")
    points = (classifier.operating_points, classifier.crisis_threshold)
    scored = score_examples(classifier, test)
    team = scored.where(np.array([e.is_team_written for e in test]))
    public = scored.where(np.array([not e.is_team_written for e in test]))
    report = {
        "version": classifier.version,
        "manifest": classifier.manifest,
        "test_examples": len(team.examples),
        "public_examples": len(public.examples),
        "rows": category_rows(team, *points),
        "public_rows": category_rows(public, *points),
        "worst_errors": worst_errors(scored, classifier.operating_points),
        "aggregator_weights": classifier.head.calibration_weight.tolist(),
        "held_out": held_out_figures(classifier, record_previous=record_previous),
    }
    if with_reference:
        reference = reference_classifier(classifier)
        report["reference_rows"] = category_rows(score_examples(reference, team.examples), *points)
    return report


def _figure(value: float) -> str:
    return "n/a" if value != value else f"{value:.3f}"


def _metrics_table(rows: list[dict]) -> str:
    lines = ["| category | positives | AUPRC | ROC-AUC | threshold | precision | recall | TP | FP | FN | TN |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['category']} | {r['positives']} | {_figure(r['auprc'])} | {_figure(r['roc_auc'])} | "
                     f"{r['threshold']:.3f} | {_figure(r['precision'])} | {_figure(r['recall'])} | "
                     f"{r['tp']} | {r['fp']} | {r['fn']} | {r['tn']} |")
    return "\n".join(lines)


def _speed_up_cost_table(served: list[dict], reference: list[dict]) -> str:
    lines = ["| category | AUPRC served | AUPRC reference (torch fp32) | difference |", "|---|---|---|---|"]
    for s, f in zip(served, reference):
        lines.append(f"| {s['category']} | {_figure(s['auprc'])} | {_figure(f['auprc'])} | "
                     f"{s['auprc'] - f['auprc']:+.4f} |")
    return "\n".join(lines)


def _quote(text: str) -> str:
    """A short, inert excerpt: cut, one line, no markup, so a table cannot render anything from the corpus."""
    flat = " ".join(text.split())
    cut = flat if len(flat) <= QUOTE_CHARACTERS else flat[:QUOTE_CHARACTERS].rsplit(" ", 1)[0] + " …"
    return html.escape(cut).replace("|", "&#124;").replace("*", "&#42;").replace("_", "&#95;")


def _errors_table(errors: list[dict]) -> str:
    lines = ["| # | category | error | probability | source | excerpt |", "|---|---|---|---|---|---|"]
    for number, e in enumerate(errors, start=1):
        lines.append(f"| {number} | {e['category']} | {e['kind']} | {e['probability']:.3f} | {e['source']} | "
                     f"{_quote(e['text'])} |")
    return "\n".join(lines)


def _calibration_table(weights: list[list[float]], calibration: dict) -> str:
    lines = [f"Calibrated on {calibration['texts']} texts ({calibration['real_texts']} of them hand-labelled real "
             "posts).", "", "| category | window | sentence | prior | positives | real positives |",
             "|---|---|---|---|---|---|"]
    for category, row in zip(CATEGORIES, weights):
        lines.append(f"| {category} | " + " | ".join(f"{w:.3f}" for w in row) +
                     f" | {calibration['positives'][category]} | {calibration['real_positives'][category]} |")
    return "\n".join(lines)


def record_benchmark(version: str, lines: list[str], path: Path = BENCHMARK_FILE) -> None:
    """Keep ``bench/classifier.py``'s figures for the card, with the model they were measured on."""
    path.write_text(json.dumps({"version": version, "lines": lines}, indent=2) + "\n", encoding="utf-8")


def benchmark_section(version: str, path: Path = BENCHMARK_FILE) -> str:
    """The speed figures ``bench/classifier.py --record`` saved, with a plain warning when they were measured
    on another model than ``version``: a card must not pass off an older model's speed as this one's."""
    if not path.exists():
        return "_No benchmark recorded yet: run `python bench/classifier.py --record`._"
    recorded = json.loads(path.read_text(encoding="utf-8"))
    block = "```\n" + "\n".join(recorded["lines"]) + "\n```"
    measured = recorded.get("version")
    if measured == version:
        return block
    return (f"_These figures were measured on `{measured or 'a model the record does not name'}`, not on `{version}`: "
            "run `python bench/classifier.py --record` again._\n\n" + block)


def render_card(report: dict) -> str:
    manifest = report["manifest"]
    points = "\n".join(f"| {c} | {manifest.operating_points[c]:.3f} |" for c in CATEGORIES)
    return TEMPLATE.read_text(encoding="utf-8").format(
        version=report["version"],
        backbone=manifest.backbone,
        runtime=manifest.backbone_spec.runtime,
        precision=manifest.backbone_spec.precision,
        pooled=" and ".join(map(str, manifest.backbone_spec.pooled)),
        members=manifest.members,
        hidden_units=manifest.hidden_units,
        team_weight=manifest.training["settings"]["team_weight"],
        split_sizes=", ".join(f"{split} {n}" for split, n in manifest.training["examples"].items()),
        test_examples=report["test_examples"],
        public_examples=report["public_examples"],
        metrics=_metrics_table(report["rows"]),
        public_metrics=_metrics_table(report["public_rows"]),
        speed_up_cost=_speed_up_cost_table(report["rows"], report["reference_rows"]),
        operating_points=points,
        crisis_threshold=manifest.crisis_threshold,
        crisis_rule=manifest.training["crisis_point"]["rule"],
        crisis_precision=manifest.training["crisis_point"]["precision"],
        crisis_recall=manifest.training["crisis_point"]["recall"],
        crisis_positives=manifest.training["crisis_point"]["positives"],
        calibration=_calibration_table(report["aggregator_weights"], manifest.training["calibration"]),
        label_exports=", ".join(manifest.training.get("label_exports") or []) or "none",
        worst_errors=_errors_table(report["worst_errors"]),
        benchmark=benchmark_section(report["version"]),
        held_out=render(report["held_out"], report["version"]),
        quote_limit=QUOTE_CHARACTERS,
    )


def summary(report: dict) -> dict:
    """The figures an admin compares before activating a model: test-split AUPRC, precision and recall,
    and the source-held-out headline; ``version`` names the model they were measured on."""
    return {
        "version": report["version"],
        "held_out": {name: row["model"] for name, row in report["held_out"]["subsets"].items()},
        "test": {r["category"]: {"auprc": round(r["auprc"], 4), "precision": round(r["precision"], 4),
                                 "recall": round(r["recall"], 4)} for r in report["rows"]},
        "public_test_auprc": {r["category"]: round(r["auprc"], 4) for r in report["public_rows"] if r["positives"]},
    }


def evaluate_and_write_card(path: Path = MODEL_CARD, *, record_previous: bool = False) -> str:
    """Evaluate the committed model, write the card and the ``evaluation.json`` beside the model (both
    stamped with its version), and return a short summary for the terminal."""
    report = evaluate(record_previous=record_previous)
    path.write_text(render_card(report), encoding="utf-8")
    text = _write_evaluation(ARTIFACT_DIR, report)
    return json.dumps({**json.loads(text), "card": str(path)}, indent=2)


def evaluate_artifact(directory: Path) -> str:
    """Evaluate the model in ``directory`` and write its summary beside it as ``evaluation.json``,
    which the admin model page reads; the model card is left alone."""
    return _write_evaluation(directory, evaluate(TriggerClassifier.from_directory(directory), with_reference=False))


def _write_evaluation(directory: Path, report: dict) -> str:
    text = json.dumps(summary(report), indent=2)
    (directory / EVALUATION_FILE).write_text(text + "\n", encoding="utf-8")
    return text
