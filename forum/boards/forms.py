import secrets

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from forum.messages import REPORT_REASON_LABELS
from forum.services.posts import AUTHOR_NOTE_CHOICES
from moderation.taxonomy import CATEGORY_LABELS

from models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH

BODY_HELP = "You can use Markdown: **bold**, *italics*, lists and links."


def new_submission_token() -> str:
    """A fresh one-time key for a form shown once: posting twice from it (a retry, a double click) posts once."""
    return secrets.token_urlsafe(16)


class PostForm(FlaskForm):
    """A reply or an edit: the text, the author's own content notes, and a check that posts nothing."""

    body = TextAreaField(
        "Your reply", description=BODY_HELP, render_kw={"maxlength": BODY_MAX_LENGTH, "rows": 8, "required": True}
    )
    content_notes = SelectMultipleField(
        "Add a content note (optional)",
        description="Readers who prefer not to see this kind of post can choose to skip it.",
        choices=[SelectChoice(category, CATEGORY_LABELS[category]) for category in AUTHOR_NOTE_CHOICES],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    check = SubmitField("Check my post")
    submit = SubmitField("Post")
    submission_token = HiddenField(default=new_submission_token)


class ThreadForm(PostForm):
    title = StringField("Title", render_kw={"maxlength": TITLE_MAX_LENGTH, "required": True})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.body.label.text = "Your post"
        self.body.render_kw = self.body.render_kw | {"rows": 10}


class ReportForm(FlaskForm):
    reason = RadioField(
        "Why are you reporting this post?",
        choices=[SelectChoice(key, label) for key, label in REPORT_REASON_LABELS.items()],
    )
    note = TextAreaField("Anything else a moderator should know? (optional)", render_kw={"rows": 2, "maxlength": 1000})
