from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, InputRequired

from forum.forms import show_errors
from forum.services import InvalidInput
from forum.services.accounts import check_new_credentials
from models.user import HANDLE_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH


class RegisterForm(FlaskForm):
    handle = StringField(
        "Choose a handle",
        validators=[DataRequired("Please choose a handle.")],
        render_kw={"maxlength": HANDLE_MAX_LENGTH, "autocomplete": "username", "autocapitalize": "none"},
        description="3 to 24 letters, numbers, hyphens or underscores. Please don't use your real name.",
    )
    password = PasswordField(
        "Choose a password",
        validators=[DataRequired("Please choose a password.")],
        render_kw={"minlength": PASSWORD_MIN_LENGTH, "maxlength": PASSWORD_MAX_LENGTH, "autocomplete": "new-password"},
        description=f"At least {PASSWORD_MIN_LENGTH} characters.",
    )
    confirm = PasswordField(
        "Type the password again",
        validators=[EqualTo("password", "The two passwords don't match.")],
        render_kw={"autocomplete": "new-password"},
    )
    accept_guidelines = BooleanField(
        "I have read the community guidelines and will follow them",
        validators=[InputRequired("Please read and accept the guidelines to join.")],
    )

    def validate(self, extra_validators=None) -> bool:
        """Also apply the account rules, so every problem shows on the first try."""
        valid = super().validate(extra_validators)
        try:
            check_new_credentials(self.handle.data, self.password.data)
        except InvalidInput as error:
            show_errors(self, error)
            return False
        return valid


class LoginForm(FlaskForm):
    handle = StringField(
        "Handle",
        validators=[DataRequired("Please enter your handle.")],
        render_kw={"autocomplete": "username", "autocapitalize": "none"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired("Please enter your password.")],
        render_kw={"autocomplete": "current-password"},
    )
