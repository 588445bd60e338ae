"""The backbone as an ONNX Runtime session: the same network, exported once, with its operators fused.

Why: on our 2-core CPUs ONNX Runtime runs the unchanged fp32 network about 1.4
times (batches) to 1.6 times (one post) faster than torch, with features equal
to about 1e-6. The int8 variant (weights quantised per output channel,
activations per tensor as they run) is faster again; whether it is served is decided by what
it costs in AUPRC (see the model card).

Which fusions we keep was decided with ORT's own profiler (8 windows of 60
tokens, one thread): ONNX Runtime 1.32's fused ``SkipLayerNormalization`` took
11.2 of the network's 54 ms, against 2.5 ms for the plain ``Add`` and
``LayerNormalization`` it replaces, so it is switched off both when the graph
is optimised offline and when the session loads it. The network is exported
with eager attention, whose mask is a plain addition: torch's SDPA export adds
``IsNaN``/``Where`` guards that cost another 2 ms, and the fused ``Attention``
operator measured no faster than the unfused one. Together: 40 ms instead of 54.

Exporting, fusing and quantising take a few seconds, so the result is cached
under ``HARBOUR_MODEL_CACHE`` (default ``.cache/onnx`` in the repository), keyed
by the variant and the installed versions, and written atomically so several
workers can start at once.
"""
import hashlib
import logging
import os
import queue
import tempfile
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import torch

CACHE_SETTING = "HARBOUR_MODEL_CACHE"
DEFAULT_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "onnx"
OPSET = 17
# Part of the backbone variant: a different export gives different int8 features, and a head
# only fits the features it was trained on.
EXPORT_RECIPE = "r3"
SLOW_FUSIONS = ["SkipLayerNormFusion"]


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_SETTING) or DEFAULT_CACHE)


class OnnxEncoder:
    """Token windows in, every token's features (numpy) out; built from a torch encoder on first use.

    Each window runs on its own, never padded into a batch: int8 activations are quantised with
    one scale per tensor, so in a batch a window's features would depend on its neighbours (by as
    much as int8 differs from fp32), and a post scored alone, as screening does, would not get
    the features the head was trained and evaluated on.

    Speed comes from threads used two ways (outputs are bit-identical either way): a lone window
    (one short post) runs on a session with every thread, and many windows run in parallel on
    single-threaded sessions, one per thread, which measured 25% faster on our 2-core CPUs than
    one many-threaded session working through them or padded batches.
    """

    def __init__(self, encoder: torch.nn.Module, example: dict, *, variant: str, precision: str, threads: int):
        path = _cached_model(encoder, example, variant, precision)
        self._solo = _session(path, threads)
        self._solo_lock = threading.Lock()
        self._idle = queue.SimpleQueue()
        for _ in range(threads):
            self._idle.put(_session(path, 1))
        self._workers = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="harbour-onnx")

    def __call__(self, windows: list[list[int]]) -> list[np.ndarray]:
        if len(windows) == 1:
            with self._solo_lock:
                return [_run(self._solo, windows[0])]
        return list(self._workers.map(self._run_on_idle, windows))

    def _run_on_idle(self, window: list[int]) -> np.ndarray:
        session = self._idle.get()
        try:
            return _run(session, window)
        finally:
            self._idle.put(session)


def _session(path: Path, threads: int):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Threads busy-wait between operators only while a run lasts (0.8 ms off a lone post's 7), and
    # sleep as soon as it ends, so idle workers sharing two cores never steal each other's cycles.
    options.add_session_config_entry("session.intra_op.allow_spinning", "1")
    options.add_session_config_entry("session.force_spinning_stop", "1")
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"],
                                        disabled_optimizers=SLOW_FUSIONS)


def _run(session, window: list[int]) -> np.ndarray:
    input_ids = np.asarray([window], dtype=np.int64)
    return session.run(None, {"input_ids": input_ids, "attention_mask": np.ones_like(input_ids)})[0][0]


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
    """Export with dynamic batch and length, fuse the BERT-style graph (but for the slow fusions), and
    quantise when asked."""
    from onnxruntime.transformers import optimizer
    from onnxruntime.transformers.fusion_options import FusionOptions

    exported, fused = work / "exported.onnx", work / "fused.onnx"
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            encoder, (example["input_ids"], example["attention_mask"]), str(exported), dynamo=False,
            input_names=["input_ids", "attention_mask"], output_names=["states"], opset_version=OPSET,
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                          "states": {0: "batch", 1: "tokens"}},
        )
    config = encoder.transformer.config
    fusions = FusionOptions("bert")
    fusions.enable_skip_layer_norm = fusions.enable_bias_skip_layer_norm = fusions.enable_attention = False
    optimizer.optimize_model(str(exported), model_type="bert", num_heads=config.num_attention_heads,
                             hidden_size=config.hidden_size, opt_level=1,
                             optimization_options=fusions).save_model_to_file(str(fused))
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
