"""``python -m moderation train | evaluate | score``: the classifier's command line.

``score`` reads JSONL on standard input and writes one JSONL line per input
line, keeping every input field and adding ``categories`` and
``model_version``. Lines are batched while more input is already waiting, so a
file streams through fast and an interactive pipe still answers line by line.
A line that is not a JSON object with a text field gets an ``error`` field
instead, and the stream goes on.
"""
import argparse
import json
import select
import sys
from pathlib import Path
from typing import IO, Iterator

SCORE_BATCH = 64


def _waiting(stream: IO[str]) -> bool:
    """Whether more input can be read without blocking (so it is worth batching)."""
    try:
        return bool(select.select([stream], [], [], 0)[0])
    except (ValueError, OSError, TypeError):
        return True


def _batches(stream: IO[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for line in stream:
        batch.append(line)
        if len(batch) >= size or not _waiting(stream):
            yield batch
            batch = []
    if batch:
        yield batch


def _parse(line: str, text_field: str) -> tuple[dict, str | None]:
    """The record to echo and its text, or a record carrying an ``error`` and no text."""
    if not line.strip():
        return {"error": "empty line: expected a JSON object"}, None
    try:
        record = json.loads(line)
    except ValueError as error:
        return {"error": f"invalid JSON: {error}"}, None
    if not isinstance(record, dict):
        return {"error": "each line must be a JSON object"}, None
    text = record.get(text_field)
    if not isinstance(text, str):
        return {**record, "error": f"field {text_field!r} must be a string"}, None
    return record, text


def score_stream(source: IO[str], sink: IO[str], text_field: str = "text", batch_size: int = SCORE_BATCH) -> None:
    from moderation.classifier import TriggerClassifier

    classifier = TriggerClassifier.load()
    for lines in _batches(source, batch_size):
        parsed = [_parse(line, text_field) for line in lines]
        texts = [text for _, text in parsed if text is not None]
        scores = iter(classifier.score(texts))
        for record, text in parsed:
            if text is not None:
                record = {**record, "categories": next(scores)}
            sink.write(json.dumps({**record, "model_version": classifier.version}, ensure_ascii=False) + "\n")
        sink.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m moderation", description="Harbour's trigger-content classifier")
    commands = parser.add_subparsers(dest="command", required=True)
    train_command = commands.add_parser("train", help="train the head and write moderation/artifacts")
    train_command.add_argument("--labels", type=Path, nargs="+", default=[], metavar="FILE",
                               help="moderator label exports (flask labels export) to add to the train split")
    train_command.add_argument("--out", type=Path, metavar="DIR",
                               help="write the artefact here instead (a candidate, e.g. instance/models/NAME)")
    evaluate = commands.add_parser("evaluate", help="measure on the test split and write the model card")
    evaluate.add_argument("--card", type=Path, help="where to write the model card")
    evaluate.add_argument("--artifact", type=Path, metavar="DIR",
                          help="evaluate the model in DIR and write DIR/evaluation.json instead of the card")
    evaluate.add_argument("--record-previous", action="store_true",
                          help="keep this model's held-out scores, so the next model's card compares with it")
    score = commands.add_parser("score", help="score JSONL from standard input")
    score.add_argument("--text-field", default="text", help="the field holding the text (default: text)")
    args = parser.parse_args(argv)

    if args.command == "train":
        from moderation.corpus import load_corpus, load_label_export
        from moderation.real_data import training_examples
        from moderation.train import train

        labels = [example for path in args.labels for example in load_label_export(path)]
        examples = training_examples(load_corpus() + labels)
        manifest = train(examples, args.out) if args.out else train(examples)
        print(json.dumps({"version": manifest.version, "operating_points": manifest.operating_points,
                          "crisis_threshold": manifest.crisis_threshold}, indent=2))
    elif args.command == "evaluate":
        from moderation.evaluate import MODEL_CARD, evaluate_and_write_card, evaluate_artifact

        print(evaluate_artifact(args.artifact) if args.artifact else
              evaluate_and_write_card(args.card or MODEL_CARD, record_previous=args.record_previous))
    else:
        score_stream(sys.stdin, sys.stdout, args.text_field)
    return 0


if __name__ == "__main__":
    sys.exit(main())
