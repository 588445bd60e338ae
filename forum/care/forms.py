from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import InputRequired

from forum.messages import BREAK_LENGTH_LABELS, WORD_FILTER_CHOICE_LABELS
from models.safety_plan import PLAN_SECTION_MAX_LENGTH
from moderation.reading import Choice
from models.appeals import NOTE_MAX_LENGTH
from moderation.word_filters import PHRASE_MAX_LENGTH


def _section(label: str, description: str) -> TextAreaField:
    return TextAreaField(label, description=description, render_kw={"maxlength": PLAN_SECTION_MAX_LENGTH, "rows": 4})


class SafetyPlanForm(FlaskForm):
    """The five parts of a safety plan, in the order people usually work through them."""

    warning_signs = _section(
        "Signs a hard time might be starting",
        "Thoughts, feelings or situations that tell you things are getting harder.",
    )
    things_that_help = _section(
        "Things I can do that help",
        "Things that calm you or take your mind somewhere else: music, a walk, a shower, a favourite show.",
    )
    people_and_places = _section(
        "People and places that help",
        "Friends, family or places where you feel safer or less alone.",
    )
    professionals = _section(
        "Professionals I can contact",
        "Your doctor, a counsellor, a school nurse or a helpline, with their numbers if you like.",
    )
    safer_surroundings = _section(
        "Making where I am safer",
        "Small steps that make your surroundings safer for you, and who could help with them.",
    )


class BreakForm(FlaskForm):
    length = RadioField(
        "How long would you like a break for?",
        choices=[SelectChoice(value, words) for value, words in BREAK_LENGTH_LABELS.items()],
        default="1d",
        validators=[InputRequired("Please choose how long your break should be.")],
    )


class WordFilterForm(FlaskForm):
    """One word or phrase a member would rather not see; the service checks it (``forum.services.word_filters``)."""

    phrase = StringField(
        "A word or phrase", render_kw={"maxlength": PHRASE_MAX_LENGTH, "autocomplete": "off"},
        description="Matched as a whole word, in any capitals, in posts and thread titles.",
    )
    choice = RadioField(
        "Posts and titles with it are", default=Choice.COLLAPSE.value,
        choices=[SelectChoice(value, words) for value, words in WORD_FILTER_CHOICE_LABELS.items()],
    )


class AppealForm(FlaskForm):
    note = TextAreaField(
        "Why would you like another look?",
        description="A few words for the moderator who looks again, such as what you meant or what was missed.",
        render_kw={"maxlength": NOTE_MAX_LENGTH, "rows": 4},
    )
