from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, RadioField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, InputRequired

from forum.forms import show_errors
from forum.messages import CHOICE_LABELS, REGION_NAMES
from forum.services import InvalidInput
from forum.services.accounts import check_new_credentials
from models.user import HANDLE_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH
from moderation.reading import DEFAULT_CHOICE
from moderation.taxonomy import CATEGORIES, CATEGORY_LABELS


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


class ReadingForm(FlaskForm):
    """Reading preferences: a region for help services and a choice per content note."""

    region = SelectField(
        "Show help services for",
        choices=[SelectChoice(code, name) for code, name in REGION_NAMES.items()],
        description="Used for the Get help now page and for support shown with posts.",
    )

    def warning_fields(self) -> list:
        return [self[category] for category in CATEGORIES]

    def warning_choices(self) -> dict[str, str]:
        return {field.name: field.data for field in self.warning_fields()}


for _category in CATEGORIES:
    _label = CATEGORY_LABELS[_category]
    setattr(
        ReadingForm,
        _category,
        RadioField(
            _label[0].upper() + _label[1:],
            choices=[SelectChoice(value, words) for value, words in CHOICE_LABELS],
            default=DEFAULT_CHOICE,
        ),
    )


class PasswordForm(FlaskForm):
    current_password = PasswordField(
        "Your current password",
        validators=[DataRequired("Please enter your current password.")],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        "New password",
        validators=[DataRequired("Please choose a new password.")],
        render_kw={"minlength": PASSWORD_MIN_LENGTH, "maxlength": PASSWORD_MAX_LENGTH, "autocomplete": "new-password"},
        description=f"At least {PASSWORD_MIN_LENGTH} characters.",
    )
    confirm = PasswordField(
        "Type the new password again",
        validators=[EqualTo("new_password", "The two passwords don't match.")],
        render_kw={"autocomplete": "new-password"},
    )
