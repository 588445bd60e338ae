"""Classifier speed on 2 CPU threads, next to a naive baseline measured in the same run.

    python bench/classifier.py [--record]

Prints single-post latency (p50, p95) for a typical 60-word post and posts/s for
a batch of 1,000 real-length corpus posts, for Harbour's classifier (bf16,
traced, length-sorted batches, windows, head and normalisation included) and
for the naive baseline (the same backbone through transformers, fp32, one
post at a time, default settings), plus the ratio and resident memory after
loading. A row for the same classifier on a dynamic-int8 backbone shows the
faster alternative that was measured and not served (see moderation/backbone.py). ``--record`` also saves the lines to moderation/artifacts/benchmark.json
for the model card. Other processes on the machine disturb the figures, so the
load average is printed too.
"""
import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
THREADS = 2
os.environ.setdefault("HARBOUR_CLASSIFIER_THREADS", str(THREADS))

import torch  # noqa: E402

from moderation.backbone import Backbone, model_path  # noqa: E402
from moderation.classifier import ARTIFACT_DIR, TriggerClassifier  # noqa: E402
from moderation.corpus import load_corpus  # noqa: E402
from moderation.evaluate import BENCHMARK_FILE  # noqa: E402

SINGLE_RUNS = 200
BATCH_POSTS = 1000
TYPICAL_WORDS = 60


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def latencies_ms(score_one, post: str, runs: int = SINGLE_RUNS) -> tuple[float, float]:
    for _ in range(10):
        score_one(post)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        score_one(post)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), statistics.quantiles(samples, n=20)[18]


def posts_per_second(score_many, posts: list[str]) -> float:
    start = time.perf_counter()
    score_many(posts)
    return len(posts) / (time.perf_counter() - start)


class NaiveBaseline:
    """The same backbone as anyone would first run it: fp32, default settings, one post at a time."""

    def __init__(self):
        from transformers import AutoModel, AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(model_path(), local_files_only=True)
        self.model = AutoModel.from_pretrained(model_path(), local_files_only=True).eval()

    def embed(self, post: str) -> torch.Tensor:
        with torch.no_grad():
            encoded = self.tokenizer(post, truncation=True, return_tensors="pt")
            hidden = self.model(**encoded).last_hidden_state
            return hidden.mean(dim=1)

    def embed_each(self, posts: list[str]) -> None:
        for post in posts:
            self.embed(post)


def sample_posts() -> tuple[str, list[str]]:
    texts = [example.text for example in load_corpus()]
    typical = next(t for t in texts if len(t.split()) >= TYPICAL_WORDS)
    typical = " ".join(typical.split()[:TYPICAL_WORDS])
    return typical, random.Random(20250101).sample(texts, BATCH_POSTS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="save the figures for the model card")
    args = parser.parse_args()
    torch.set_num_threads(THREADS)
    typical, batch = sample_posts()

    start = time.perf_counter()
    classifier = TriggerClassifier.load()
    load_s, rss = time.perf_counter() - start, resident_mb()
    ours_p50, ours_p95 = latencies_ms(lambda post: classifier.score([post]), typical)
    ours_rate = posts_per_second(classifier.score, batch)

    int8 = TriggerClassifier.from_directory(ARTIFACT_DIR, Backbone("int8"))
    int8_p50, int8_p95 = latencies_ms(lambda post: int8.score([post]), typical)
    int8_rate = posts_per_second(int8.score, batch)
    del int8

    baseline = NaiveBaseline()
    base_p50, base_p95 = latencies_ms(baseline.embed, typical)
    base_rate = posts_per_second(baseline.embed_each, batch)

    words = sum(len(t.split()) for t in batch) / len(batch)
    lines = [
        f"model {classifier.version}, torch threads {torch.get_num_threads()}, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        f"typical post: {TYPICAL_WORDS} words; batch: {BATCH_POSTS} corpus posts, mean {words:.0f} words",
        f"{'':24}{'p50 ms':>9}{'p95 ms':>9}{'posts/s':>10}",
        f"{'naive baseline (fp32)':24}{base_p50:9.2f}{base_p95:9.2f}{base_rate:10.1f}",
        f"{'harbour classifier':24}{ours_p50:9.2f}{ours_p95:9.2f}{ours_rate:10.1f}",
        f"{'  same, int8 backbone':24}{int8_p50:9.2f}{int8_p95:9.2f}{int8_rate:10.1f}   (not served: costs AUPRC)",
        f"speed-up: single post {base_p50 / ours_p50:.2f}x, batch {ours_rate / base_rate:.2f}x",
        f"load {load_s:.1f} s (includes warm-up), resident memory after load {rss:.0f} MB",
    ]
    print("\n".join(lines))
    if args.record:
        BENCHMARK_FILE.write_text(json.dumps({"lines": lines}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
