"""Short plain descriptions of each category: a prior anchored in what a post means, not in how we write.

A head trained on our data learns our data's surface as much as its content, and on real writing that is
not ours it did little better than a keyword list. How close a post's windows and sentences come, in the
backbone's own sentence-embedding space, to a few first-person descriptions of each category needs no
training at all; on the source-held-out real posts it ranked self-harm content better than the trained head
(any self-harm AUPRC 0.49 against 0.38). The classifier keeps both: the aggregator weighs each category's
best window, best sentence and best prototype similarity, fitted on real posts (``moderation.train``).

The descriptions were written by the team, and describe; none instructs. None repeats a regression-test example
(``tests/moderation/test_failure_classes.py``), so those tests still measure generalisation. Changing them
changes the model: retrain after any edit. Set v2 kept a new description only if it raised (one veteran's voice:
did not lower) the prior's own ranking of the real posts in the train and dev splits, never the held-out ones: more
descriptions are more things an ordinary distressed post can come close to, and most brief flat statements and
goodbyes tried lowered it.
"""
import numpy as np

from moderation.taxonomy import CATEGORIES, Category

PROTOTYPES: dict[str, tuple[str, ...]] = {
    Category.SELF_HARM_MENTION.value: (
        "I hurt myself on purpose", "I self-harmed again last night",
        "I relapsed after being clean from cutting for months", "the urge to self-harm is really strong",
        "I cut myself when everything gets too much", "I'm trying to stop self-harming but I keep going back to it",
        "I have scars on my arms from cutting"),
    Category.SUICIDAL_IDEATION.value: (
        "I want to die", "I want to kill myself", "I wish I wasn't alive anymore", "I keep thinking about suicide",
        "everyone would be better off without me", "I just want it all to end",
        "I've been having suicidal thoughts lately", "I survived a suicide attempt last year",
        "I'm so tired of being alive", "since I got out of the military I keep thinking about killing myself"),
    Category.IMMINENT_RISK.value: (
        "I am going to kill myself tonight", "I have a plan and a date to end my life", "this is my goodbye note",
        "I have the pills in front of me right now"),
    Category.METHOD_DETAIL.value: (
        "what is the most painless way to die", "which method would work to kill myself",
        "how many would it take to overdose", "how long would it take to die from that"),
    Category.GRAPHIC_INJURY.value: (
        "the cuts were deep and bleeding a lot", "my wounds needed stitches", "blood everywhere from the wound"),
    Category.NUMBERS.value: (
        "I lost ten pounds this week", "it needed twelve stitches", "I only ate 500 calories today"),
    Category.DISORDERED_EATING.value: (
        "I starve myself to lose weight", "I binged and then purged", "I'm scared of gaining weight and skip meals",
        "I count every calorie and feel guilty when I eat", "I want to be thinner no matter what it costs"),
    Category.ENCOURAGEMENT.value: (
        "you should just kill yourself", "go ahead and do it, nobody cares", "my scars are worse than yours",
        "self-harm is the only thing that works, you should try it"),
    Category.CONTACT_SHARING.value: (
        "message me on snapchat", "here is my phone number, text me", "add me on discord"),
    Category.HARASSMENT.value: (
        "you are a worthless idiot", "I hate people like you", "shut up, you disgusting loser"),
}


def prototype_texts() -> tuple[list[str], np.ndarray]:
    """Every description, and the index in ``CATEGORIES`` of the category each describes."""
    texts = [text for category in CATEGORIES for text in PROTOTYPES[category]]
    owners = [index for index, category in enumerate(CATEGORIES) for _ in PROTOTYPES[category]]
    return texts, np.array(owners, dtype=np.int64)
