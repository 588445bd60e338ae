"""The headline figures: real posts from sources the model never saw, with bootstrap intervals and baselines.

``moderation.real_data.held_out()`` gives whole communities and a whole forum that no model is trained,
calibrated or tuned on. Each figure comes with a 95% bootstrap interval (posts resampled with
replacement), beside the keyword baseline (``moderation.keywords``) and beside the model this issue
replaced, whose scores on exactly these posts are kept in ``PREVIOUS_SCORES`` (older code built it, so
today's cannot rerun it).
"""
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from moderation.corpus import Example, label_matrix, weight_matrix
from moderation.keywords import baseline_score
from moderation.metrics import average_precision, confusion, precision_recall
from moderation.real_data import EVERYDAY, text_key
from moderation.taxonomy import CATEGORIES, SELF_HARM_CONTENT, Category

PREVIOUS_SCORES = Path(__file__).parent / "data" / "public" / "previous_model_scores.json"
BOOTSTRAP_ROUNDS = 1000
BOOTSTRAP_SEED = 20250101
UNION = "any self-harm content"
IMMINENT = Category.IMMINENT_RISK.value
STB_SOURCE = "construct-tracker:stb:"
# What "near-certain" means for the calibration check on off-topic writing.
NEAR_CERTAIN = 0.9
_COLUMNS = [CATEGORIES.index(c) for c in SELF_HARM_CONTENT]


@dataclass(frozen=True)
class Scores:
    """Per post: the self-harm union and imminent-risk probability (what the card ranks by)."""

    union: np.ndarray
    imminent: np.ndarray

    @classmethod
    def of(cls, probabilities: np.ndarray) -> "Scores":
        return cls(probabilities[:, _COLUMNS].max(axis=1), probabilities[:, CATEGORIES.index(IMMINENT)])


def union_labels(examples: list[Example]) -> np.ndarray:
    """1 when any self-harm category is positive, 0 when all are known negatives, NaN when unknown."""
    labels, weights = label_matrix(examples)[:, _COLUMNS], weight_matrix(examples)[:, _COLUMNS]
    union = np.where((labels * (weights > 0)).max(axis=1) > 0, 1.0, np.nan)
    return np.where(np.isnan(union) & (weights > 0).all(axis=1), 0.0, union)


def bootstrap(scores: np.ndarray, labels: np.ndarray, rounds: int = BOOTSTRAP_ROUNDS) -> dict:
    """AUPRC with its 95% bootstrap interval."""
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    samples = [average_precision(scores[i], labels[i]) for i in
               (rng.integers(0, len(labels), len(labels)) for _ in range(rounds))]
    low, high = np.nanpercentile(samples, [2.5, 97.5])
    return {"auprc": round(average_precision(scores, labels), 4), "low": round(float(low), 4),
            "high": round(float(high), 4)}


def _subsets(examples: list[Example]) -> dict[str, np.ndarray]:
    stb = np.array([e.source.startswith(STB_SOURCE) for e in examples])
    return {"all held-out real posts": np.ones(len(examples), dtype=bool),
            "RallyPoint forum (suicidal thoughts and behaviours labels)": stb,
            "held-out Reddit communities": ~stb}


def previous_scores(examples: list[Example]) -> Scores | None:
    """The replaced model's scores on these posts, or None if any post was not scored by it."""
    if not PREVIOUS_SCORES.exists():
        return None
    stored = json.loads(PREVIOUS_SCORES.read_text(encoding="utf-8"))["scores"]
    rows = [stored.get(text_key(e.text)) for e in examples]
    if any(row is None for row in rows):
        return None
    return Scores(np.array([r[0] for r in rows]), np.array([r[1] for r in rows]))


def write_previous_scores(version: str, examples: list[Example], scores: Scores) -> None:
    """Keep a model's held-out scores, so the next model's card can compare on the same posts."""
    rows = {text_key(e.text): [round(float(u), 5), round(float(i), 5)]
            for e, u, i in zip(examples, scores.union, scores.imminent)}
    PREVIOUS_SCORES.write_text(json.dumps({"version": version, "scores": rows}) + "\n", encoding="utf-8")


def held_out_report(examples: list[Example], scores: Scores, *, crisis_threshold: float,
                    flag_threshold: float) -> dict:
    """Every held-out figure as plain data: per subset, the union AUPRC (model, keyword baseline,
    previous model), imminent risk ranked against the STB labels, the crisis point, and how off-topic
    posts are scored."""
    union = union_labels(examples)
    keyword = np.array([baseline_score(e.text) for e in examples])
    previous = previous_scores(examples)
    stored_version = json.loads(PREVIOUS_SCORES.read_text(encoding="utf-8"))["version"] if previous else None
    report = {"posts": len(examples), "previous_version": stored_version, "subsets": {}}
    for name, keep in _subsets(examples).items():
        known = keep & ~np.isnan(union)
        labels = union[known].astype(bool)
        row = {"posts": int(known.sum()), "positives": int(labels.sum()),
               "model": bootstrap(scores.union[known], labels), "keyword": bootstrap(keyword[known], labels)}
        if previous:
            row["previous"] = bootstrap(previous.union[known], labels)
        counts = confusion(scores.union[known], labels, flag_threshold)
        row["at_threshold"] = {"threshold": flag_threshold, **dict(zip(("precision", "recall"), precision_recall(counts))),
                               **counts}
        report["subsets"][name] = row
    stb = _subsets(examples)["RallyPoint forum (suicidal thoughts and behaviours labels)"] & ~np.isnan(union)
    labels = union[stb].astype(bool)
    crisis = confusion(scores.imminent[stb], labels, crisis_threshold)
    report["imminent_vs_stb"] = {
        "model": bootstrap(scores.imminent[stb], labels),
        **({"previous": bootstrap(previous.imminent[stb], labels)} if previous else {}),
        "crisis": {"threshold": crisis_threshold, **dict(zip(("precision", "recall"), precision_recall(crisis))),
                   **crisis},
    }
    everyday = np.array([e.source.rsplit(":", 1)[-1] in EVERYDAY for e in examples])
    off_topic = scores.union[everyday]
    report["off_topic"] = {
        "posts": int(everyday.sum()), "max": round(float(off_topic.max()), 4) if len(off_topic) else None,
        "p99": round(float(np.percentile(off_topic, 99)), 4) if len(off_topic) else None,
        "near_certain": int((off_topic >= NEAR_CERTAIN).sum()),
        "flagged": int((off_topic >= flag_threshold).sum()),
        "crisis": int((scores.imminent[everyday] >= crisis_threshold).sum()),
        **({"previous_near_certain": int((previous.union[everyday] >= NEAR_CERTAIN).sum())} if previous else {}),
    }
    return report


def _interval(figure: dict | None) -> str:
    return "n/a" if not figure else f"{figure['auprc']:.3f} [{figure['low']:.3f}, {figure['high']:.3f}]"


def render(report: dict, version: str) -> str:
    """The card's headline section: tables in markdown."""
    previous = report.get("previous_version") or "not recorded"
    lines = [f"Model `{version}`; {report['posts']} posts; previous model `{previous}`. "
             "AUPRC with a 95% bootstrap interval (1000 resamples of the posts).", "",
             "| held-out set | posts | positives | this model | keyword baseline | previous model |",
             "|---|---|---|---|---|---|"]
    for name, row in report["subsets"].items():
        lines.append(f"| {name} | {row['posts']} | {row['positives']} | {_interval(row['model'])} | "
                     f"{_interval(row['keyword'])} | {_interval(row.get('previous'))} |")
    imminent = report["imminent_vs_stb"]
    crisis = imminent["crisis"]
    off = report["off_topic"]
    lines += ["", f"`imminent_risk` ranked against the RallyPoint suicidal thoughts and behaviours labels: "
              f"this model {_interval(imminent['model'])}, previous model {_interval(imminent.get('previous'))}. "
              f"At the crisis threshold {crisis['threshold']:.3f}: precision {_figure(crisis['precision'])}, "
              f"recall {_figure(crisis['recall'])} ({crisis['tp']} of {crisis['tp'] + crisis['fn']} STB posts, "
              f"{crisis['fp']} other posts).", "",
              f"Off-topic writing ({off['posts']} posts of the held-out everyday communities): highest self-harm "
              f"score {off['max']}, 99th percentile {off['p99']}; {off['near_certain']} at or above {NEAR_CERTAIN} "
              f"(previous model: {off.get('previous_near_certain', 'n/a')}), {off['flagged']} at or above the flag "
              f"threshold, {off['crisis']} at or above the crisis threshold."]
    return "\n".join(lines)


def _figure(value: float) -> str:
    return "n/a" if value != value else f"{value:.3f}"
