"""Which kinds of offline help a verdict points to.

Only the mapping from what a post is about to resource keys lives here; the
directory of actual services (names, numbers, regions) is looked up by these
keys elsewhere, so the engine never needs to know a phone number.
"""
from enum import Enum

from moderation.taxonomy import Action, Category


class ResourceKey(str, Enum):
    """Kinds of service in the resource directory.

    ``LGBTQ`` is never produced by a verdict (no category implies it); it exists
    so the directory can say which services are run for LGBTQ+ young people,
    who are more likely to self-harm, and the help page can show them.
    """

    CRISIS = "crisis"
    SELF_HARM = "self_harm"
    EATING = "eating"
    YOUNG_PEOPLE = "young_people"
    LGBTQ = "lgbtq"


_KEYS_BY_CATEGORY: dict[str, tuple[ResourceKey, ...]] = {
    Category.IMMINENT_RISK: (ResourceKey.CRISIS,),
    Category.SUICIDAL_IDEATION: (ResourceKey.CRISIS,),
    Category.SELF_HARM_MENTION: (ResourceKey.SELF_HARM,),
    Category.METHOD_DETAIL: (ResourceKey.SELF_HARM,),
    Category.GRAPHIC_INJURY: (ResourceKey.SELF_HARM,),
    Category.NUMBERS: (ResourceKey.SELF_HARM,),
    Category.ENCOURAGEMENT: (ResourceKey.SELF_HARM,),
    Category.DISORDERED_EATING: (ResourceKey.EATING,),
}


def signposts_for(categories, action: str) -> list[str]:
    """Resource keys for the flagged categories, most urgent first.

    A crisis verdict always leads with crisis lines, whatever fired it, and any
    signposting ends with general support for young people, Harbour's members.
    """
    keys: list[ResourceKey] = [ResourceKey.CRISIS] if action == Action.CRISIS else []
    for category in categories:
        keys.extend(_KEYS_BY_CATEGORY.get(category, ()))
    if keys:
        keys.append(ResourceKey.YOUNG_PEOPLE)
    ordered = sorted(set(keys), key=list(ResourceKey).index)
    return [key.value for key in ordered]
