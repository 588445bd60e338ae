"""Write the compact extracts of the public datasets in moderation/data/public/ (run once; output committed).

    python scripts/extract_public_data.py GOEMOTIONS_TRAIN_TSV DAVIDSON_LABELED_DATA_CSV

Sources (licences and commits in moderation/MODEL_CARD.template.md):
- GoEmotions Reddit comments (data/original/train.tsv of github.com/monologg/GoEmotions-pytorch, a copy of
  google-research/goemotions): a seeded sample of 12,000 comments, text only.
- Davidson et al. (2017) hate speech and offensive language tweets (data/labeled_data.csv of
  github.com/t-davidson/hate-speech-and-offensive-language, MIT): every hate-speech and "neither" tweet and a
  seeded sample of 4,000 offensive ones, with the annotators' majority class.
Lines the holdout guard flags are dropped afterwards by ``moderation.real_data`` (EXCLUDED_FILE).
"""
import csv
import json
import random
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "moderation" / "data" / "public"
SEED = 20250101
GOEMOTIONS_SAMPLE = 12_000
OFFENSIVE_SAMPLE = 4_000


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


def main(goemotions_tsv: str, davidson_csv: str) -> None:
    comments = [line.split("\t")[0].strip() for line in Path(goemotions_tsv).read_text(encoding="utf-8").splitlines()]
    comments = sorted({c for c in comments if c})
    _write(OUT / "goemotions_comments.jsonl",
           [{"text": t} for t in random.Random(SEED).sample(comments, GOEMOTIONS_SAMPLE)])
    with open(davidson_csv, encoding="utf-8") as handle:
        tweets = [(row["tweet"], int(row["class"])) for row in csv.DictReader(handle)]
    offensive = [t for t in tweets if t[1] == 1]
    kept = [t for t in tweets if t[1] != 1] + random.Random(SEED).sample(offensive, OFFENSIVE_SAMPLE)
    _write(OUT / "davidson_tweets.jsonl", [{"text": " ".join(t.split()), "class": c} for t, c in kept])


if __name__ == "__main__":
    main(*sys.argv[1:3])
