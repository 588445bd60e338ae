"""The trigger-content classifier: a calibrated probability for every category, and why.

A frozen MiniLM backbone (``moderation.backbone``) turns each token window of
the normalised text, and each sentence within it, into features; a small
multi-label head, trained by ``python -m moderation train`` and committed in
``moderation/artifacts``, turns every row into one logit per category. A post
has three pieces of evidence per category: its best window and its best
sentence, so one explicit sentence in a long post is not averaged away, and
how close its closest row comes to the category's plain descriptions
(``moderation.prototypes``), a prior that no training data can bend towards
our own writing style. A learned aggregator (per category, a logistic
combination of the three, fitted on real posts the head never trained on)
turns them into a probability. The artefact also carries the operating
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
# explain(): words hidden at a time, how many variants at most, and how big a drop in log-odds counts (0.2 is
# a drop of 0.05 in probability around 0.5; a near-certain score moves too little in probability to tell).
OCCLUSION_WORDS = 3
MAX_OCCLUSIONS = 64
MIN_SPAN_WEIGHT = 0.2
MAX_SPANS = 5
SENTENCE_ENDS = ".!?"
_WORD = re.compile(r"\S+")
# Cosine similarities lie in [-1, 1]; scaled, the prior is of the same size as the logits it is weighed with.
PRIOR_SCALE = 10.0
# What the head's tensors and aggregator look like; an artefact of another format is refused, not misread.
HEAD_FORMAT = "window-sentence-prior"
EVIDENCE = ("best window", "best sentence", "prototype prior")


class Head(torch.nn.Module):
    """Standardised features, a few differently-initialised members averaged, the prototype prior, then the
    aggregator.

    Each member is one hidden layer (GELU) to one logit per category. Members are
    stored stacked, so all of them train and score in the same few batched
    matrix products; averaging them measurably steadies the rare categories
    (imminent risk above all) at almost no cost in speed. ``prototypes`` are the
    unit sentence embeddings of the category descriptions, ``prototype_category``
    the category index of each.
    """

    def __init__(self, dimension: int, hidden_units: int, members: int, categories: int = len(CATEGORIES), *,
                 prototypes: int = 0, embedding_width: int = 0):
        super().__init__()
        self.register_buffer("feature_mean", torch.zeros(dimension))
        self.register_buffer("feature_scale", torch.ones(dimension))
        self.register_buffer("prototypes", torch.zeros(prototypes, embedding_width))
        self.register_buffer("prototype_category", torch.zeros(prototypes, dtype=torch.long))
        self.register_buffer("calibration_weight", torch.tensor([[1.0, 0.0, 0.0]]).repeat(categories, 1))
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

    def set_prototypes(self, vectors: np.ndarray, categories: np.ndarray) -> None:
        self.prototypes = torch.from_numpy(vectors).float()
        self.prototype_category = torch.from_numpy(categories).long()

    def prior(self, embeddings: torch.Tensor) -> torch.Tensor:
        """(rows, categories): each row's highest similarity to a category's descriptions, scaled (0 for a
        category without any). ``embeddings`` are the rows' unit sentence embeddings."""
        similarity = embeddings @ self.prototypes.T
        index = self.prototype_category.expand_as(similarity)
        prior = torch.zeros(similarity.shape[0], self.calibration_bias.shape[0])
        return prior.scatter_reduce(1, index, similarity, reduce="amax", include_self=False) * PRIOR_SCALE

    def probabilities(self, evidence: torch.Tensor) -> torch.Tensor:
        """Each text's evidence (best window, best sentence, prior), (texts, categories, 3), to probabilities."""
        return torch.sigmoid((evidence * self.calibration_weight).sum(dim=-1) + self.calibration_bias)


def max_over_windows(window_logits: torch.Tensor, owner: torch.Tensor, texts: int) -> torch.Tensor:
    """Each text's highest logit per category across its windows (windows on the second-to-last axis)."""
    shape = (*window_logits.shape[:-2], texts, window_logits.shape[-1])
    index = owner.view(*[1] * (window_logits.dim() - 2), -1, 1).expand_as(window_logits)
    empty = torch.full(shape, -torch.inf)
    return empty.scatter_reduce(-2, index, window_logits, reduce="amax", include_self=False)


def text_evidence(head: Head, features: torch.Tensor, embeddings: torch.Tensor, owner: torch.Tensor,
                  is_sentence: torch.Tensor, texts: int) -> torch.Tensor:
    """(texts, categories, 3): each text's best window logit, best sentence logit and highest prior.

    A text of one sentence has no sentence rows: its window is its sentence.
    """
    row_logits = head(features)
    window = max_over_windows(row_logits[~is_sentence], owner[~is_sentence], texts)
    sentence = max_over_windows(row_logits[is_sentence], owner[is_sentence], texts)
    prior = max_over_windows(head.prior(embeddings), owner, texts)
    return torch.stack([window, torch.where(torch.isinf(sentence), window, sentence), prior], dim=-1)


def last_layer(features: np.ndarray, pooled: tuple[int, ...]) -> np.ndarray:
    """The last layer's part of each row; ``features`` concatenates the ``pooled`` layers."""
    width = features.shape[1] // len(pooled)
    return features[:, width * pooled.index(max(pooled)):][:, :width]


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to length one (a row of zeros stays zeros)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def row_embeddings(features: np.ndarray, pooled: tuple[int, ...]) -> np.ndarray:
    """Each row's sentence embedding: the last layer's mean over that window or sentence, unit length."""
    return unit_rows(last_layer(features, pooled))


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
    head_format: str = "window-sentence"

    @classmethod
    def read(cls, directory: Path) -> "Manifest":
        data = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
        spec = data["backbone_spec"]
        return cls(**{**data, "categories": tuple(data["categories"]),
                      "backbone_spec": BackboneSpec(**{**spec, "pooled": tuple(spec["pooled"])})})

    def check_head_format(self, directory: Path) -> None:
        """Raise ValueError when the head was written in a form this code no longer reads."""
        if self.head_format != HEAD_FORMAT:
            raise ValueError(f"{directory} holds a head of format {self.head_format!r}, but this code reads "
                             f"{HEAD_FORMAT!r}: retrain it with python -m moderation train")

    def check_backbone(self, directory: Path) -> None:
        """Raise ValueError when this code can no longer read the head, or no longer produces the features it
        was trained on.

        It needs only the manifest, so admins can see a refused artefact without building its backbone.
        """
        self.check_head_format(directory)
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
        else:
            manifest.check_head_format(directory)
        tensors = load_file(directory / WEIGHTS_FILE)
        head = Head(tensors["feature_mean"].shape[0], manifest.hidden_units, manifest.members,
                    prototypes=tensors["prototypes"].shape[0], embedding_width=tensors["prototypes"].shape[1])
        head.load_state_dict(tensors)
        return cls(backbone or Backbone(manifest.backbone_spec), head, manifest)

    def evidence(self, texts: list[str]) -> torch.Tensor:
        """Each text's uncalibrated evidence (see ``text_evidence``), for already-normalised texts."""
        return self._evidence(self.backbone.features(texts), len(texts))

    def _evidence(self, pooled: Pooled, texts: int) -> torch.Tensor:
        embeddings = row_embeddings(pooled.features, self.backbone.spec.pooled)
        with torch.inference_mode():
            return text_evidence(self.head, torch.from_numpy(pooled.features), torch.from_numpy(embeddings),
                                 torch.from_numpy(pooled.owner), torch.from_numpy(pooled.is_sentence), texts)

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
            probabilities.append(self.head.probabilities(self._evidence(pooled, len(chunk))).numpy())
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
        and keep the spans with the biggest drop in log-odds (a span's ``weight``). It needs no gradients,
        so it works the same on the quantised backbone that serves scores.
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
            occluded = self.head.probabilities(self.evidence(variants)).numpy()
        explanation = {}
        for category in flagged:
            column = CATEGORIES.index(category)
            drops = [(_log_odds(base[category]) - _log_odds(float(occluded[i, column])), group)
                     for i, group in enumerate(groups)]
            strongest = sorted((d for d in drops if d[0] >= MIN_SPAN_WEIGHT), key=lambda d: -d[0])[:MAX_SPANS]
            explanation[category] = [_span(text, offsets, group, weight) for weight, group in strongest]
        return explanation



def sentence_embeddings(features: np.ndarray, owner: np.ndarray, texts: int, pooled: tuple[int, ...]) -> np.ndarray:
    """Each text's last-layer features averaged over its windows, L2-normalised (a text with no
    windows gets zeros)."""
    last = last_layer(features, pooled)
    sums = np.zeros((texts, last.shape[1]), dtype=np.float32)
    np.add.at(sums, owner, last)
    return unit_rows(sums)


def _log_odds(probability: float) -> float:
    clipped = min(max(probability, 1e-6), 1 - 1e-6)
    return float(np.log(clipped / (1 - clipped)))


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
