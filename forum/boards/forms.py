from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from forum.messages import REPORT_REASON_LABELS

from models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH

BODY_HELP = "You can use Markdown: **bold**, *italics*, lists and links."


class ThreadForm(FlaskForm):
    title = StringField("Title", render_kw={"maxlength": TITLE_MAX_LENGTH, "required": True})
    body = TextAreaField(
        "Your post", description=BODY_HELP, render_kw={"maxlength": BODY_MAX_LENGTH, "rows": 10, "required": True}
    )


class PostForm(FlaskForm):
    body = TextAreaField(
        "Your reply", description=BODY_HELP, render_kw={"maxlength": BODY_MAX_LENGTH, "rows": 8, "required": True}
    )


class ReportForm(FlaskForm):
    reason = RadioField(
        "Why are you reporting this post?",
        choices=[SelectChoice(key, label) for key, label in REPORT_REASON_LABELS.items()],
    )
    note = TextAreaField("Anything else a moderator should know? (optional)", render_kw={"rows": 2, "maxlength": 1000})
