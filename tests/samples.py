"""Sample content shared by the admin tests: a calm post and the one extra rule that holds it."""

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
