"""Sample content shared by the tests: a calm post, the one extra rule that holds it, and what stand-in
classifiers need beside their scores."""
import numpy as np

# MiniLM's sentence embeddings have this many dimensions.
EMBEDDING_DIMENSIONS = 384


class ScoresOnly:
    """A stand-in classifier scores without a network, but the engine asks for scores and embeddings in one
    pass: its embeddings are zeros, so the contagion guard never links its posts."""

    def score_and_embed(self, texts):
        return self.score(texts), np.zeros((len(texts), EMBEDDING_DIMENSIONS), dtype=np.float32)


CALM_TEXT = "We watched a film on a rainy tuesday and the cat slept on my feet the whole time."
RAINY_RULE = {
    "id": "rainy_days",
    "kind": "phrase",
    "match": "rainy tuesday",
    "action": "hold",
    "categories": [],
    "reason": "It mentions rainy Tuesdays, which this test community asks a moderator to check.",
    "boards": [],
}
