"""The backbone as an ONNX Runtime session: the same network, exported once, with its attention fused.

Why: on our 2-core CPUs ONNX Runtime's fused attention, GELU and layer-norm
kernels run the unchanged fp32 network about 1.4 times (batches) to 1.6 times
(one post) faster than torch, with features equal to about 1e-6. The int8
variant (weights quantised per output channel, activations per batch) is faster
again; whether it is served is decided by what it costs in AUPRC (see the model
card).

Exporting, fusing and quantising take a few seconds, so the result is cached
under ``HARBOUR_MODEL_CACHE`` (default ``.cache/onnx`` in the repository), keyed
by the variant and the installed versions, and written atomically so several
workers can start at once.
"""
import hashlib
import logging
import os
import tempfile
import warnings
from pathlib import Path

import numpy as np
import torch

CACHE_SETTING = "HARBOUR_MODEL_CACHE"
DEFAULT_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "onnx"
OPSET = 17


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_SETTING) or DEFAULT_CACHE)


class OnnxEncoder:
    """Token ids and mask in, pooled features (numpy) out; built from a torch encoder on first use."""

    def __init__(self, encoder: torch.nn.Module, example: dict, *, variant: str, precision: str, threads: int):
        import onnxruntime

        path = _cached_model(encoder, example, variant, precision)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        # No busy-waiting between operators: with several workers (or tests) sharing two cores,
        # spinning threads steal the very cycles the other thread is waiting for.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def __call__(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> np.ndarray:
        feeds = {"input_ids": input_ids.numpy().astype(np.int64), "attention_mask": attention_mask.numpy().astype(np.int64)}
        return self._session.run(None, feeds)[0]


def _cached_model(encoder: torch.nn.Module, example: dict, variant: str, precision: str) -> Path:
    import onnxruntime

    key = hashlib.sha256(f"{variant}|{torch.__version__}|{onnxruntime.__version__}".encode()).hexdigest()[:16]
    target = cache_dir() / f"backbone-{key}.onnx"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent) as work:
            built = _build(encoder, example, precision, Path(work))
            os.replace(built, target)
    return target


def _build(encoder: torch.nn.Module, example: dict, precision: str, work: Path) -> Path:
    """Export with dynamic batch and length, fuse the BERT-style graph, and quantise when asked."""
    from onnxruntime.transformers import optimizer

    exported, fused = work / "exported.onnx", work / "fused.onnx"
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            encoder, (example["input_ids"], example["attention_mask"]), str(exported), dynamo=False,
            input_names=["input_ids", "attention_mask"], output_names=["pooled"], opset_version=OPSET,
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                          "pooled": {0: "batch"}},
        )
    config = encoder.transformer.config
    optimizer.optimize_model(str(exported), model_type="bert", num_heads=config.num_attention_heads,
                             hidden_size=config.hidden_size, opt_level=1).save_model_to_file(str(fused))
    if precision == "fp32":
        return fused
    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantised = work / "int8.onnx"
    logging.disable(logging.WARNING)  # the quantiser logs generic advice about image models on every call
    try:
        quantize_dynamic(str(fused), str(quantised), weight_type=QuantType.QInt8, per_channel=True,
                         extra_options={"DefaultTensorType": TensorProto.FLOAT})
    finally:
        logging.disable(logging.NOTSET)
    return quantised
