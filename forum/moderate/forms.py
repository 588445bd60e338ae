from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from forum.messages import DECISION_LABELS, GUIDELINE_REASONS
from moderation.taxonomy import CATEGORY_LABELS, SELF_HARM_CONTENT


class DecisionForm(FlaskForm):
    """One form, one submit button per decision; fields a decision does not need are ignored."""

    warnings = SelectMultipleField(
        "Content notes",
        choices=[SelectChoice(category, CATEGORY_LABELS[category]) for category in SELF_HARM_CONTENT],
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        validate_choice=False,
    )
    reason = SelectField(
        "Reason shown to the author",
        choices=[SelectChoice("", "No reason")] + [SelectChoice(key, text) for key, text in GUIDELINE_REASONS.items()],
        validate_choice=False,
    )
    body = TextAreaField("Edited post (for edit and approve)", render_kw={"rows": 6})
    note = TextAreaField("Private note for moderators", render_kw={"rows": 2})

    decisions = DECISION_LABELS
