"""The trigger-content classifier: a calibrated probability for every category, and why.

A frozen MiniLM backbone (``moderation.backbone``) turns each token window of
the normalised text, and each sentence within it, into features; a small
multi-label head, trained by ``python -m moderation train`` and committed in
``moderation/artifacts``, turns every row into one logit per category. A post
has two logits per category: its best window and its best sentence, so one
explicit sentence in a long post is not averaged away. A learned aggregator
(per category, a logistic combination of the two, fitted on real held-back
posts) turns them into a probability. The artefact also carries the operating
points, so thresholds travel with the weights they were chosen for.
"""
import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file

from moderation.backbone import Backbone, BackboneSpec, Pooled
from moderation.taxonomy import CATEGORIES
from moderation.text import normalise, normalise_with_offsets

ARTIFACT_DIR = Path(__file__).parent / "artifacts"
WEIGHTS_FILE = "head.safetensors"
MANIFEST_FILE = "model.json"
TEXTS_PER_CHUNK = 256
# explain(): words hidden at a time, how many variants at most, and how big a drop counts.
OCCLUSION_WORDS = 3
MAX_OCCLUSIONS = 64
MIN_SPAN_WEIGHT = 0.05
MAX_SPANS = 5
SENTENCE_ENDS = ".!?"
_WORD = re.compile(r"\S+")


class Head(torch.nn.Module):
    """Standardised features, a few differently-initialised members averaged, then the aggregator.

    Each member is one hidden layer (GELU) to one logit per category. Members are
    stored stacked, so all of them train and score in the same few batched
    matrix products; averaging them measurably steadies the rare categories
    (imminent risk above all) at almost no cost in speed.
    """

    def __init__(self, dimension: int, hidden_units: int, members: int, categories: int = len(CATEGORIES)):
        super().__init__()
        self.register_buffer("feature_mean", torch.zeros(dimension))
        self.register_buffer("feature_scale", torch.ones(dimension))
        self.register_buffer("calibration_weight", torch.tensor([[1.0, 0.0]]).repeat(categories, 1))
        self.register_buffer("calibration_bias", torch.zeros(categories))
        self.hidden_weight = torch.nn.Parameter(torch.zeros(members, dimension, hidden_units))
        self.hidden_bias = torch.nn.Parameter(torch.zeros(members, 1, hidden_units))
        self.output_weight = torch.nn.Parameter(torch.zeros(members, hidden_units, categories))
        self.output_bias = torch.nn.Parameter(torch.zeros(members, 1, categories))

    def initialise(self, generator: torch.Generator) -> None:
        """Uniform in +-1/sqrt(fan-in), as torch.nn.Linear starts, drawn from one seeded generator."""
        for weight, bias in ((self.hidden_weight, self.hidden_bias), (self.output_weight, self.output_bias)):
            bound = weight.shape[1] ** -0.5
            for tensor in (weight, bias):
                tensor.data.uniform_(-bound, bound, generator=generator)

    def standardise(self, features: torch.Tensor) -> torch.Tensor:
        return (features - self.feature_mean) / self.feature_scale

    def member_logits(self, standard: torch.Tensor) -> torch.Tensor:
        """Every member's logits for standardised windows: (members, windows, categories).

        ``standard`` is (windows, dimension), or (members, windows, dimension) when
        training gives each member its own dropout.
        """
        stacked = standard.expand(self.hidden_weight.shape[0], *standard.shape[-2:])
        hidden = torch.nn.functional.gelu(torch.baddbmm(self.hidden_bias, stacked, self.hidden_weight))
        return torch.baddbmm(self.output_bias, hidden, self.output_weight)

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        """Uncalibrated logits, one row per window or sentence."""
        return self.member_logits(self.standardise(features)).mean(dim=0)

    def probabilities(self, text_logits: torch.Tensor) -> torch.Tensor:
        """Each text's (best window, best sentence) logits, (texts, categories, 2), to probabilities."""
        return torch.sigmoid((text_logits * self.calibration_weight).sum(dim=-1) + self.calibration_bias)


def max_over_windows(window_logits: torch.Tensor, owner: torch.Tensor, texts: int) -> torch.Tensor:
    """Each text's highest logit per category across its windows (windows on the second-to-last axis)."""
    shape = (*window_logits.shape[:-2], texts, window_logits.shape[-1])
    index = owner.view(*[1] * (window_logits.dim() - 2), -1, 1).expand_as(window_logits)
    empty = torch.full(shape, -torch.inf)
    return empty.scatter_reduce(-2, index, window_logits, reduce="amax", include_self=False)


def best_window_and_sentence(row_logits: torch.Tensor, owner: torch.Tensor, is_sentence: torch.Tensor,
                             texts: int) -> torch.Tensor:
    """(texts, categories, 2): each text's best window logit and best sentence logit per category.

    A text of one sentence has no sentence rows: its window is its sentence.
    """
    window = max_over_windows(row_logits[~is_sentence], owner[~is_sentence], texts)
    sentence = max_over_windows(row_logits[is_sentence], owner[is_sentence], texts)
    return torch.stack([window, torch.where(torch.isinf(sentence), window, sentence)], dim=-1)


@dataclass(frozen=True)
class Manifest:
    """What ``model.json`` holds: everything about the head except its tensors."""

    version: str
    backbone: str
    backbone_spec: BackboneSpec
    hidden_units: int
    members: int
    categories: tuple[str, ...]
    operating_points: dict[str, float]
    crisis_threshold: float
    training: dict

    @classmethod
    def read(cls, directory: Path) -> "Manifest":
        data = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
        spec = data["backbone_spec"]
        return cls(**{**data, "categories": tuple(data["categories"]),
                      "backbone_spec": BackboneSpec(**{**spec, "pooled": tuple(spec["pooled"])})})

    def check_backbone(self, directory: Path) -> None:
        """Raise ValueError when this code no longer produces the features the head was trained on.

        It needs only the manifest, so admins can see a refused artefact without building its backbone.
        """
        if self.backbone_spec.variant != self.backbone:
            raise ValueError(f"{directory} was trained on backbone features {self.backbone!r}, but this "
                             f"code produces {self.backbone_spec.variant!r}: retrain it with "
                             "python -m moderation train")


class TriggerClassifier:
    """Load once per process with ``TriggerClassifier.load()``; ``score`` and ``explain`` are thread-safe."""

    _loaded: dict[Path, "TriggerClassifier"] = {}
    _loading = threading.Lock()

    def __init__(self, backbone: Backbone, head: Head, manifest: Manifest):
        if manifest.categories != CATEGORIES:
            raise ValueError(f"artefact categories {manifest.categories} do not match the taxonomy {CATEGORIES}")
        self.backbone = backbone
        self.head = head.eval()
        self.manifest = manifest
        self.version = manifest.version
        self.operating_points = dict(manifest.operating_points)
        self.crisis_threshold = manifest.crisis_threshold

    @classmethod
    def load(cls, path: Path | str | None = None) -> "TriggerClassifier":
        """The process-wide classifier for an artefact directory, loaded and warmed up on first use."""
        directory = Path(path or ARTIFACT_DIR).resolve()
        with cls._loading:
            if directory not in cls._loaded:
                classifier = cls.from_directory(directory)
                classifier.score(["warming up the classifier"])
                cls._loaded[directory] = classifier
            return cls._loaded[directory]

    @classmethod
    def from_directory(cls, directory: Path, backbone: Backbone | None = None) -> "TriggerClassifier":
        """A fresh, uncached classifier (training and evaluation build their own).

        Without a backbone given, the one the manifest names is built, and it must still produce the
        features the head was trained on: an artefact from an older export is refused, not misread.
        """
        manifest = Manifest.read(directory)
        if backbone is None:
            manifest.check_backbone(directory)
        tensors = load_file(directory / WEIGHTS_FILE)
        head = Head(tensors["feature_mean"].shape[0], manifest.hidden_units, manifest.members)
        head.load_state_dict(tensors)
        return cls(backbone or Backbone(manifest.backbone_spec), head, manifest)

    def text_logits(self, texts: list[str]) -> torch.Tensor:
        """Uncalibrated (best window, best sentence) logits per text, for already-normalised texts."""
        return self._logits(self.backbone.features(texts), len(texts))

    def _logits(self, pooled: Pooled, texts: int) -> torch.Tensor:
        with torch.inference_mode():
            return best_window_and_sentence(self.head(torch.from_numpy(pooled.features)), torch.from_numpy(pooled.owner),
                                            torch.from_numpy(pooled.is_sentence), texts)

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """Calibrated probabilities, one row per text, columns in ``CATEGORIES`` order."""
        return self._probabilities_and_embeddings(texts)[0]

    def score(self, texts: list[str]) -> list[dict[str, float]]:
        """Every category's probability in [0, 1] for each text."""
        return [dict(zip(CATEGORIES, map(float, row))) for row in self.probabilities(list(texts))]

    def score_and_embed(self, texts: list[str]) -> tuple[list[dict[str, float]], np.ndarray]:
        """``score``'s answer and each text's sentence embedding, from the same forward pass.

        The embedding is the backbone's last layer mean-pooled over the text's windows and L2-normalised
        (what all-MiniLM-L6-v2 calls a sentence embedding), one float32 row per text; screening keeps
        it so the contagion guard can compare recent posts without running the model again.
        """
        probabilities, embeddings = self._probabilities_and_embeddings(list(texts))
        return [dict(zip(CATEGORIES, map(float, row))) for row in probabilities], embeddings

    def _probabilities_and_embeddings(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        probabilities, embeddings = [], []
        for i in range(0, len(texts), TEXTS_PER_CHUNK):
            chunk = [normalise(t) for t in texts[i:i + TEXTS_PER_CHUNK]]
            pooled = self.backbone.features(chunk)
            probabilities.append(self.head.probabilities(self._logits(pooled, len(chunk))).numpy())
            windows = ~pooled.is_sentence
            embeddings.append(sentence_embeddings(pooled.features[windows], pooled.owner[windows], len(chunk),
                                                  self.backbone.spec.pooled))
        if not probabilities:
            dimension = self.backbone.dimension // len(self.backbone.spec.pooled)
            return np.zeros((0, len(CATEGORIES)), dtype=np.float32), np.zeros((0, dimension), dtype=np.float32)
        return np.concatenate(probabilities), np.concatenate(embeddings)

    def flagged(self, scores: dict[str, float]) -> list[str]:
        """Categories at or above their operating point (the crisis threshold is the policy's to apply)."""
        return [category for category in CATEGORIES if scores[category] >= self.operating_points[category]]

    def explain(self, text: str) -> dict[str, list[dict]]:
        """For each flagged category, the spans of the original text whose removal lowers its score most.

        Occlusion: hide a few words at a time, rescore every variant in one batch,
        and keep the spans with the biggest drop. It needs no gradients, so it
        works the same on the quantised backbone that serves scores.
        """
        normalised, offsets = normalise_with_offsets(text)
        words = [(m.start(), m.end()) for m in _WORD.finditer(normalised)]
        base = self.score([text])[0]
        flagged = self.flagged(base)
        if not flagged or not words:
            return {category: [] for category in flagged}
        size = max(OCCLUSION_WORDS, -(-len(words) // MAX_OCCLUSIONS))
        groups = _word_groups(normalised, words, size)
        variants = [normalised[:group[0][0]] + normalised[group[-1][1]:] for group in groups]
        with torch.inference_mode():
            occluded = self.head.probabilities(self.text_logits(variants)).numpy()
        explanation = {}
        for category in flagged:
            column = CATEGORIES.index(category)
            drops = [(base[category] - float(occluded[i, column]), group) for i, group in enumerate(groups)]
            strongest = sorted((d for d in drops if d[0] >= MIN_SPAN_WEIGHT), key=lambda d: -d[0])[:MAX_SPANS]
            explanation[category] = [_span(text, offsets, group, weight) for weight, group in strongest]
        return explanation



def sentence_embeddings(features: np.ndarray, owner: np.ndarray, texts: int, pooled: tuple[int, ...]) -> np.ndarray:
    """Each text's last-layer features averaged over its windows, L2-normalised (a text with no
    windows gets zeros). ``features`` concatenates the ``pooled`` layers, deepest last."""
    width = features.shape[1] // len(pooled)
    last = features[:, width * pooled.index(max(pooled)):][:, :width]
    sums = np.zeros((texts, width), dtype=np.float32)
    np.add.at(sums, owner, last)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)


def _word_groups(text: str, words: list[tuple[int, int]], size: int) -> list[list[tuple[int, int]]]:
    """Runs of up to ``size`` words that never cross the end of a sentence, so a highlighted span
    is the words that mattered rather than the tail of the sentence before them."""
    groups, current = [], []
    for word in words:
        current.append(word)
        if len(current) == size or text[word[1] - 1] in SENTENCE_ENDS:
            groups.append(current)
            current = []
    return groups + [current] if current else groups


def _span(original: str, offsets: list[int], group: list[tuple[int, int]], weight: float) -> dict:
    start, end = offsets[group[0][0]], offsets[group[-1][1] - 1] + 1
    return {"start": start, "end": end, "text": original[start:end], "weight": round(weight, 4)}
