from flask_wtf import FlaskForm
from wtforms import BooleanField, FloatField, HiddenField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional

from forum.services.directory import KINDS
from models import Role
from models.resource import ALL_REGIONS


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token travels."""


class DraftForm(FlaskForm):
    document = TextAreaField(
        "Rule-set document (JSON)",
        validators=[DataRequired("The document cannot be empty.")],
        render_kw={"rows": 30, "spellcheck": "false", "class": "code"},
        description="Problems are listed by field path, e.g. rules[2].match.",
    )


class TryForm(FlaskForm):
    text = TextAreaField("Text to try", validators=[DataRequired("Paste some text to try.")], render_kw={"rows": 5})
    board = StringField("Board slug (optional)", validators=[Optional()])


class ActivateForm(FlaskForm):
    note = StringField(
        "Change note",
        validators=[DataRequired("Say in a sentence why this change is being made.")],
        description="Recorded in the audit log with the diff.",
    )
    rescreen = BooleanField("Re-screen the last week's published posts under this version and queue any it holds")


class BacktestForm(FlaskForm):
    limit = IntegerField("Newest screened posts", validators=[Optional()], default=1000)
    days = IntegerField("Or every post screened in the last … days", validators=[Optional()],
                        description="When given, days win over the number of posts.")


class ResourceForm(FlaskForm):
    key = StringField("Key", validators=[DataRequired()], description="Lowercase, e.g. uk-samaritans. Unique.")
    name = StringField("Name", validators=[DataRequired()])
    offer = TextAreaField("What they offer", render_kw={"rows": 2})
    region = SelectField("Region", choices=list(ALL_REGIONS))
    categories = SelectMultipleField("Shown for", choices=list(KINDS), validators=[DataRequired()])
    phone = StringField("Phone")
    text_number = StringField("Text number")
    text_keyword = StringField("Text keyword")
    chat_url = StringField("Chat address (https://)")
    website = StringField("Website (https://)")
    hours = StringField("Hours")
    is_emergency = BooleanField("Emergency number (shown first)")
    position = IntegerField("Position in its region", default=0)

    def fields_for_service(self) -> dict:
        """Fields left out of the request arrive as None; the service reads blank text as "not offered"."""
        return {name: "" if value is None else value for name, value in self.data.items() if name != "csrf_token"}


class BoardForm(FlaskForm):
    slug = StringField("Address", description="Lowercase letters, digits and hyphens; cannot change later.")
    name = StringField("Name", validators=[DataRequired("Give the board a name.")])
    description = TextAreaField("Description", render_kw={"rows": 2})
    guidelines = TextAreaField("Guidelines", render_kw={"rows": 4})
    strictness = SelectField("Strictness", description="A level from the active rule set; thresholds scale with it.")


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=[role.value for role in Role])


class SuspendForm(FlaskForm):
    reason = StringField("Reason", validators=[DataRequired("Say why, in words the member will read.")])


class ModelActivateForm(FlaskForm):
    """Make a candidate classifier live; an empty candidate means the committed model."""

    candidate = HiddenField()
    note = StringField(
        "Change note",
        validators=[DataRequired("Say in a sentence why this model should screen posts.")],
        description="Recorded in the audit log with the versions before and after.",
    )


class TrainingPageForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired("Give the page a title.")])
    body = TextAreaField("Text (Markdown)", validators=[DataRequired("The page needs some text.")], render_kw={"rows": 16})
    choices = TextAreaField(
        "Choices (JSON, scenarios only)",
        render_kw={"rows": 14, "spellcheck": "false", "class": "code"},
        description='A list of {"text", "correct", "why"}; exactly one is correct. Describe, never instruct.',
    )


class RetentionForm(FlaskForm):
    retention_days = IntegerField(
        "Keep a deleted member's safety records for (days)",
        validators=[DataRequired("Give a number of days.")],
        description="Crisis posts, their screening and the decisions on them. The privacy page tells members this number.",
    )


class ContagionForm(FlaskForm):
    """The contagion guard's settings; the service checks the ranges and explains what is wrong."""

    enabled = BooleanField("Look for clusters of posts imitating or comparing")
    window_hours = IntegerField("Window (hours)", validators=[DataRequired("Give a number of hours.")],
                                description="Posts this recent are compared with each other; a cluster ends when its newest post is older.")
    min_posts = IntegerField("Posts that make a cluster", validators=[DataRequired("Give a number of posts.")],
                             description="From at least two members.")
    similarity = FloatField("How alike posts must be (0.3 to 0.95)", validators=[DataRequired("Give a number.")],
                            description="Cosine similarity of the posts' sentence embeddings; higher finds fewer, tighter clusters.")
    slow_mode = BooleanField("Slow the thread or boards of a new cluster")
    slow_mode_minutes = IntegerField("Slow mode: one post per member every … minutes", validators=[DataRequired("Give a number of minutes.")])
    hold_joining = BooleanField("Hold posts that join an active cluster for a moderator")


class ContagionBacktestForm(FlaskForm):
    days = IntegerField("Days of posts", validators=[DataRequired("Give a number of days.")], default=30)
class CareLimitsForm(FlaskForm):
    """Field names match ``care_limits.set_limits`` so its errors land on them."""

    soft = IntegerField("Suggest a break after this many heavy posts since the last break",
                        validators=[DataRequired("Give a number.")],
                        description="Only posts a moderator chose to see count.")
    hard = IntegerField("Stop offering crisis and graphic posts after this many heavy posts in a shift",
                        validators=[DataRequired("Give a number.")],
                        description="Only while someone else on duty can take them; otherwise the supervisor is asked to check in.")
    break_minutes = IntegerField("A suggested break lasts (minutes)", validators=[DataRequired("Give a number.")])


class TargetsForm(FlaskForm):
    crisis_minutes = IntegerField("A crisis item is decided within (minutes)",
                                  validators=[DataRequired("Give a number of minutes.")])
    held_hours = IntegerField("Any held post is decided within (hours)", validators=[DataRequired("Give a number of hours.")])
    first_reply_hours = IntegerField("A new member's first thread has a reply within (hours)",
                                     validators=[DataRequired("Give a number of hours.")])
    warn_percent = IntegerField("Alert when this much of the time has gone (percent)",
                                validators=[DataRequired("Give a percentage.")],
                                description="Moderators on duty get a live alert; with nobody on duty, the outbox sends it.")
