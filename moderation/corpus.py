"""The labelled corpus: every ``*.jsonl`` in ``moderation/data/corpus``, read the same way everywhere.

Each line is ``{"text", "categories", "source", "split"}``, with an optional ``weight`` (default 1) for
curated hard examples that must count more than their number. The split is fixed
by a hash of the text when the corpus is written, so the held-out ``test``
rows stay held out however the files are regrouped; training uses ``train``,
calibration and operating points use ``dev``, and only evaluation reads
``test``.
"""
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from moderation.taxonomy import CATEGORIES, AppealOutcome

CORPUS_DIR = Path(__file__).parent / "data" / "corpus"
SPLITS = ("train", "dev", "test")
PUBLIC_SOURCE_PREFIX = "construct-tracker"
TEAM_SOURCE_PREFIX = "harbour-team"
LABELS_SOURCE = "moderator-labels:"


class CorpusError(ValueError):
    """A corpus line that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Example:
    """A labelled text. ``unknown`` categories carry no label at all (a weak label said nothing about
    them), and ``confidence`` is how much the known labels are trusted (1: a person's label)."""

    text: str
    categories: frozenset[str]
    source: str
    split: str
    unknown: frozenset[str] = frozenset()
    confidence: float = 1.0

    @property
    def is_public(self) -> bool:
        """Real posts from the construct-tracker package rather than ones the team wrote."""
        return self.source.startswith(PUBLIC_SOURCE_PREFIX)

    @property
    def is_team_written(self) -> bool:
        return self.source.startswith(TEAM_SOURCE_PREFIX)

    @property
    def is_hand_labelled_real(self) -> bool:
        """A real post a person labelled for every category (weak labels leave some unknown or trust them less)."""
        return self.is_public and not self.unknown and self.confidence == 1.0


def _parse(line: str, where: str, **fixed: str) -> Example:
    """One line as an example; ``fixed`` fields (source, split) replace the line's own."""
    try:
        row = {**json.loads(line), **fixed}
        example = Example(row["text"], frozenset(row["categories"]), row["source"], row["split"],
                          confidence=float(row.get("weight", 1.0)))
    except (ValueError, KeyError, TypeError) as error:
        raise CorpusError(f"{where}: {error}") from error
    unknown = example.categories - set(CATEGORIES)
    if unknown or example.split not in SPLITS:
        raise CorpusError(f"{where}: unknown categories {sorted(unknown)} or split {example.split!r}")
    return example


def load_corpus(directory: Path = CORPUS_DIR) -> list[Example]:
    """Every example in every corpus file, files in name order so training sees a stable order."""
    examples = []
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                examples.append(_parse(line, f"{path.name}:{number}"))
    return examples


def load_label_export(path: Path) -> list[Example]:
    """Moderator labels from ``flask labels export`` as training examples, named after their file.

    Decisions overturned on appeal are left out (the review that overturned them is
    in the export too). They only ever join the ``train`` split: dev and test stay the team's held-out
    corpus, so evaluations before and after stay comparable. The source names the
    export, so a model trained with it says which decisions it learned from.
    """
    path = Path(path)
    return [
        _parse(line, f"{path.name}:{number}", source=f"{LABELS_SOURCE}{path.name}", split="train")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip() and not _overturned(line)
    ]


def _overturned(line: str) -> bool:
    """A decision a second moderator overturned on appeal: its review is the label, not it."""
    try:
        return json.loads(line).get("appeal") == AppealOutcome.OVERTURNED.value
    except (ValueError, AttributeError):
        return False  # _parse reports the broken line


def in_split(examples: list[Example], split: str) -> list[Example]:
    return [example for example in examples if example.split == split]


def label_matrix(examples: list[Example]) -> np.ndarray:
    """One row per example, one 0/1 column per category in ``CATEGORIES`` order."""
    return np.array([[category in e.categories for category in CATEGORIES] for e in examples], dtype=np.float32)


def weight_matrix(examples: list[Example]) -> np.ndarray:
    """How much each label counts in training and measurement: 0 where unknown, else the confidence."""
    return np.array([[0.0 if category in e.unknown else e.confidence for category in CATEGORIES] for e in examples],
                    dtype=np.float32)
