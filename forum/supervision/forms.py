from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Optional

from forum.services.supervision_sessions import LENGTHS


class SessionForm(FlaskForm):
    starts_at = DateTimeLocalField("Starts (UTC)", format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired("Choose a day and time.")])
    minutes = IntegerField("Length (minutes)", default=45, validators=[DataRequired("Give a length in minutes.")],
                           description=f"From {LENGTHS[0]} to {LENGTHS[1]} minutes. The moderator is reminded a day before.")
    agenda = TextAreaField("Agenda (optional)", validators=[Optional()])


class AssignForm(FlaskForm):
    supervisor = SelectField("Supervisor", choices=[], validate_choice=False)


class AnswerForm(FlaskForm):
    note = TextAreaField("A private note (optional)", validators=[Optional()],
                         description="Only you and this moderator can read it: not other supervisors, not admins.")
