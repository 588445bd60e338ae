"""``python -m moderation train``: the head, its calibration and its operating points, reproducibly.

The backbone stays frozen, so training is: embed every corpus text once
(cached under ``.cache/embeddings``), fit the small
head on the train split, fit per-category Platt scaling on the dev split, and
choose each category's operating point on dev. Seeds, a fixed example order
and deterministic torch kernels make two runs write the same bytes.
"""
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import save_file

from moderation.backbone import Backbone
from moderation.classifier import ARTIFACT_DIR, MANIFEST_FILE, WEIGHTS_FILE, Head, Manifest, max_over_windows
from moderation.corpus import LABELS_SOURCE, Example, in_split, label_matrix, load_corpus
from moderation.taxonomy import CATEGORIES, Category
from moderation.text import normalise

CACHE_DIR = Path(__file__).resolve().parent.parent / ".cache" / "embeddings"
VERSION_PREFIX = "harbour-minilm-head"
CRISIS_RECALL_TARGET = 0.95


@dataclass(frozen=True)
class Settings:
    """Everything that decides the head; recorded in the manifest so a run can be repeated."""

    seed: int = 20250101
    # Ten narrow members rather than five wide ones: the same size and speed, and over three seeds
    # equal or better dev AUPRC in every summary, with less spread between seeds.
    hidden_units: int = 256
    members: int = 10
    epochs: int = 60
    batch_size: int = 64
    learning_rate: float = 1e-3
    weight_decay: float = 1e-2
    feature_dropout: float = 0.1


@dataclass(frozen=True)
class Embedded:
    """A set of examples as the head sees them: all windows' features plus who owns each window."""

    features: torch.Tensor
    owner: torch.Tensor
    labels: torch.Tensor

    @property
    def texts(self) -> int:
        return self.labels.shape[0]


def embed(backbone: Backbone, examples: list[Example], cache_dir: Path = CACHE_DIR) -> Embedded:
    """Features for every window of every (normalised) example.

    Cached as a whole, keyed by the backbone variant and every text in order, so a changed
    corpus or export is never mixed with stale features.
    """
    texts = [normalise(e.text) for e in examples]
    key = hashlib.sha256("\n".join([backbone.variant, *texts]).encode()).hexdigest()[:24]
    cache_path = cache_dir / f"{key}.npz"
    if cache_path.exists():
        with np.load(cache_path, allow_pickle=False) as cached:
            features, owner = cached["features"], cached["owner"]
    else:
        features, owner = backbone.features(texts)
        cache_dir.mkdir(parents=True, exist_ok=True)
        np.savez(cache_path, features=features, owner=owner)
    return Embedded(torch.from_numpy(features).float(), torch.from_numpy(owner), torch.from_numpy(label_matrix(examples)))


def _subset(data: Embedded, texts: torch.Tensor) -> Embedded:
    """The windows of some texts, renumbered so the subset's owners run 0..len(texts)-1."""
    keep = torch.isin(data.owner, texts)
    renumber = torch.full((data.texts,), -1, dtype=torch.long)
    renumber[texts] = torch.arange(len(texts))
    return Embedded(data.features[keep], renumber[data.owner[keep]], data.labels[texts])


def fit_head(train: Embedded, settings: Settings) -> Head:
    """All members trained together on standardised train features, each from its own initial weights
    and with its own dropout, on the multi-label loss of each text's max-over-windows logits (what
    serving computes).

    One thread: the matrices are small, and a second thread spin-waiting on a busy machine made
    training several times slower; it also keeps the result independent of the thread setting.
    """
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        return _fit_head(train, settings)
    finally:
        torch.set_num_threads(threads)


def _fit_head(train: Embedded, settings: Settings) -> Head:
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(settings.seed)
    generator = torch.Generator().manual_seed(settings.seed)
    head = Head(train.features.shape[1], settings.hidden_units, settings.members)
    head.initialise(generator)
    head.feature_mean.copy_(train.features.mean(dim=0))
    head.feature_scale.copy_(train.features.std(dim=0).clamp(min=1e-6))
    standard = Embedded(head.standardise(train.features), train.owner, train.labels)
    positives = train.labels.sum(dim=0).clamp(min=1)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=((train.texts - positives) / positives).sqrt())
    optimiser = torch.optim.AdamW(head.parameters(), lr=settings.learning_rate, weight_decay=settings.weight_decay)
    dropout = torch.nn.Dropout(settings.feature_dropout)
    head.train()
    for _ in range(settings.epochs):
        for batch in torch.randperm(standard.texts, generator=generator).split(settings.batch_size):
            part = _subset(standard, batch)
            windows = dropout(part.features.expand(settings.members, *part.features.shape))
            logits = max_over_windows(head.member_logits(windows), part.owner, part.texts)
            optimiser.zero_grad()
            (loss_fn(logits, part.labels.expand_as(logits)) * settings.members).backward()
            optimiser.step()
    return head.eval()


def text_logits(head: Head, data: Embedded) -> torch.Tensor:
    with torch.no_grad():
        return max_over_windows(head(data.features), data.owner, data.texts)


def fit_calibration(head: Head, dev: Embedded, steps: int = 200) -> None:
    """Per-category Platt scaling on dev logits: a scale and a bias that make scores honest probabilities."""
    logits = text_logits(head, dev)
    scale = torch.ones(len(CATEGORIES), requires_grad=True)
    bias = torch.zeros(len(CATEGORIES), requires_grad=True)
    optimiser = torch.optim.LBFGS([scale, bias], max_iter=steps, line_search_fn="strong_wolfe")

    def closure():
        optimiser.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits * scale + bias, dev.labels)
        loss.backward()
        return loss

    optimiser.step(closure)
    head.calibration_scale.copy_(scale.detach().clamp(min=1e-3))
    head.calibration_bias.copy_(bias.detach())


def best_f1_threshold(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """The probability threshold with the best F1 (ties go to the higher, more precise threshold)."""
    best, best_f1 = 0.5, -1.0
    for threshold in np.unique(probabilities):
        predicted = probabilities >= threshold
        true_positives = float((predicted & (labels == 1)).sum())
        f1 = 2 * true_positives / max(float(predicted.sum() + labels.sum()), 1.0)
        if f1 >= best_f1:
            best, best_f1 = float(threshold), f1
    return best


def recall_threshold(probabilities: np.ndarray, labels: np.ndarray, recall: float) -> float:
    """The highest threshold that still catches ``recall`` of the positives."""
    positives = np.sort(probabilities[labels == 1])[::-1]
    if len(positives) == 0:
        return 0.5
    return float(positives[min(int(np.ceil(recall * len(positives))) - 1, len(positives) - 1)])


def _version(weights_file: Path) -> str:
    return f"{VERSION_PREFIX}-{hashlib.sha256(weights_file.read_bytes()).hexdigest()[:12]}"


def train(
    examples: list[Example] | None = None,
    out_dir: Path = ARTIFACT_DIR,
    *,
    settings: Settings = Settings(),
    backbone: Backbone | None = None,
) -> Manifest:
    """Fit, calibrate, choose operating points and write the artefact; returns its manifest."""
    examples = load_corpus() if examples is None else examples
    backbone = backbone or Backbone()
    train_data = embed(backbone, in_split(examples, "train"))
    dev_data = embed(backbone, in_split(examples, "dev"))
    head = fit_head(train_data, settings)
    fit_calibration(head, dev_data)
    dev_probabilities = head.probabilities(text_logits(head, dev_data)).numpy()
    dev_labels = dev_data.labels.numpy()
    operating_points = {
        category: round(best_f1_threshold(dev_probabilities[:, i], dev_labels[:, i]), 6)
        for i, category in enumerate(CATEGORIES)
    }
    imminent = CATEGORIES.index(Category.IMMINENT_RISK.value)
    crisis = recall_threshold(dev_probabilities[:, imminent], dev_labels[:, imminent], CRISIS_RECALL_TARGET)

    out_dir.mkdir(parents=True, exist_ok=True)
    weights_file = out_dir / WEIGHTS_FILE
    save_file({name: tensor.contiguous() for name, tensor in head.state_dict().items()}, weights_file)
    manifest = Manifest(
        version=_version(weights_file),
        backbone=backbone.variant,
        backbone_spec=backbone.spec,
        hidden_units=settings.hidden_units,
        members=settings.members,
        categories=CATEGORIES,
        operating_points=operating_points,
        crisis_threshold=round(crisis, 6),
        training={
            "settings": asdict(settings),
            "examples": {split: len(in_split(examples, split)) for split in ("train", "dev", "test")},
            "positives_in_train": dict(zip(CATEGORIES, map(int, train_data.labels.sum(dim=0)))),
            "crisis_recall_on_dev": CRISIS_RECALL_TARGET,
            "label_exports": sorted({e.source.split(":", 1)[1] for e in examples if e.source.startswith(LABELS_SOURCE)}),
        },
    )
    (out_dir / MANIFEST_FILE).write_text(json.dumps(asdict(manifest), indent=2) + "\n", encoding="utf-8")
    return manifest
