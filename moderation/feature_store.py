"""Backbone features for training texts, kept per text so a retrain embeds only what is new.

Embedding the real corpus takes minutes on a CPU while fitting the head takes far less, and the backbone is
frozen: so every text's rows (windows and sentences) are stored once per backbone variant, keyed by a hash of
the normalised text, under ``.cache/embeddings``. A changed export is a new variant, so stale features are
never mixed in.
"""
import hashlib
from pathlib import Path

import numpy as np

from moderation.backbone import Pooled

CACHE_DIR = Path(__file__).resolve().parent.parent / ".cache" / "embeddings"


class FeatureStore:
    """Every text's feature rows ever embedded with one backbone variant, in one file."""

    def __init__(self, path: Path):
        self.path = path
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if path.exists():
            with np.load(path, allow_pickle=False) as stored:
                keys, counts = stored["keys"], stored["counts"]
                features, is_sentence = stored["features"], stored["is_sentence"]
            bounds = np.r_[0, np.cumsum(counts)]
            for key, start, end in zip(keys, bounds[:-1], bounds[1:]):
                self._rows[str(key)] = (features[start:end], is_sentence[start:end])

    @classmethod
    def for_variant(cls, variant: str, cache_dir: Path = CACHE_DIR) -> "FeatureStore":
        return cls(cache_dir / f"{hashlib.sha256(variant.encode()).hexdigest()[:16]}.npz")

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]

    def __contains__(self, key: str) -> bool:
        return key in self._rows

    def add(self, texts: list[str], pooled: Pooled) -> None:
        for index, text in enumerate(texts):
            mine = pooled.owner == index
            self._rows[self.key(text)] = (pooled.features[mine], pooled.is_sentence[mine])

    def save(self) -> None:
        keys = list(self._rows)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(self.path, keys=np.array(keys), counts=np.array([len(self._rows[k][0]) for k in keys]),
                 features=np.concatenate([self._rows[k][0] for k in keys]),
                 is_sentence=np.concatenate([self._rows[k][1] for k in keys]))

    def rows(self, texts: list[str]) -> Pooled:
        parts = [self._rows[self.key(text)] for text in texts]
        owner = np.concatenate([np.full(len(features), i, dtype=np.int64) for i, (features, _) in enumerate(parts)])
        return Pooled(np.concatenate([features for features, _ in parts]), owner,
                      np.concatenate([sentence for _, sentence in parts]))
