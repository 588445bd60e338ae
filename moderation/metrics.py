"""Ranking and threshold metrics in plain numpy (no scikit-learn in the serving image)."""
import numpy as np


def average_precision(scores: np.ndarray, labels: np.ndarray) -> float:
    """Area under the precision-recall curve, as the mean precision at each positive (AUPRC)."""
    labels = np.asarray(labels, dtype=bool)
    if not labels.any():
        return float("nan")
    order = np.argsort(-np.asarray(scores), kind="stable")
    hits = labels[order]
    precision_at = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(precision_at[hits].mean())


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Chance that a random positive outranks a random negative (ties count half)."""
    labels = np.asarray(labels, dtype=bool)
    positives, negatives = np.asarray(scores)[labels], np.sort(np.asarray(scores)[~labels])
    if len(positives) == 0 or len(negatives) == 0:
        return float("nan")
    below = np.searchsorted(negatives, positives, side="left")
    tied = np.searchsorted(negatives, positives, side="right") - below
    return float((below + tied / 2).sum() / (len(positives) * len(negatives)))


def confusion(scores: np.ndarray, labels: np.ndarray, threshold: float) -> dict[str, int]:
    predicted, actual = np.asarray(scores) >= threshold, np.asarray(labels, dtype=bool)
    return {
        "tp": int((predicted & actual).sum()),
        "fp": int((predicted & ~actual).sum()),
        "fn": int((~predicted & actual).sum()),
        "tn": int((~predicted & ~actual).sum()),
    }


def precision_recall(counts: dict[str, int]) -> tuple[float, float]:
    flagged, positives = counts["tp"] + counts["fp"], counts["tp"] + counts["fn"]
    return (counts["tp"] / flagged if flagged else float("nan"), counts["tp"] / positives if positives else float("nan"))
