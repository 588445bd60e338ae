from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from forum.auth import bp
from forum.auth.forms import LoginForm, PasswordForm, ReadingForm, RegisterForm
from forum.care.forms import BreakForm, WordFilterForm
from forum.messages import LOGGED_OUT, LOGGED_OUT_EVERYWHERE, PASSWORD_CHANGED, WORD_FILTER_DONE
from forum.ratelimits import handle_failures_limit, login_limit, refuse_credentials, register_limit
from forum.forms import show_errors
from forum.services import AccountSuspended, HandleTaken, InvalidInput, accounts
from forum.services.reading import reading_preferences, update_reading_preferences
from forum.services.unanswered import set_offers_support
from forum.sessions import end_session, start_session, unread_notifications
from moderation.taxonomy import APPEALABLE_DECISIONS
from models import ApiToken, BoardMute, Break, MemberMute, Notification, Post, ThreadMute, WordFilter, db


@bp.route("/register", methods=["GET", "POST"])
@register_limit
def register():
    if current_user.is_authenticated:
        return redirect(url_for("boards.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = accounts.register_member(form.handle.data, form.password.data)
        except HandleTaken:
            form.handle.errors = ["Someone already has that handle. Please try another."]
        except InvalidInput as error:
            show_errors(form, error)
        else:
            start_session(user)
            flash(f"Welcome to Harbour, {user.handle}. We're glad you're here.", "success")
            return redirect(url_for("boards.index"))
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@login_limit
@handle_failures_limit
def login():
    if current_user.is_authenticated:
        return redirect(url_for("boards.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.handle.data, form.password.data)
        except AccountSuspended as suspended:
            return render_template("auth/login.html", form=form, suspension=suspended.reason), 403
        if user is not None:
            start_session(user)
            return redirect(_safe_next() or url_for("boards.index"))
        refuse_credentials()
        form.password.errors = ["That handle and password don't match. Please try again."]
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    end_session()
    flash(LOGGED_OUT, "info")
    return redirect(url_for("boards.index"))


@bp.post("/account/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    accounts.sign_out_everywhere(current_user)
    end_session()
    flash(LOGGED_OUT_EVERYWHERE, "info")
    return redirect(url_for("auth.login"))


@bp.post("/account/password")
@login_required
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, form.current_password.data, form.new_password.data)
        except InvalidInput as error:
            show_errors(form, error)
        else:
            start_session(current_user)
            flash(PASSWORD_CHANGED, "success")
            return redirect(url_for("auth.account", _anchor="password"))
    return _account_page(password_form=form), 422


@bp.get("/account")
@login_required
def account():
    return _account_page()


@bp.post("/account/reading")
@login_required
def update_reading():
    form = ReadingForm()
    if not form.validate_on_submit():
        return _account_page(reading_form=form), 422
    update_reading_preferences(current_user, form.warning_choices(), form.region.data)
    flash("Your reading preferences are saved.", "success")
    return redirect(url_for("auth.account", _anchor="reading"))


@bp.post("/account/support")
@login_required
def update_support():
    set_offers_support(current_user, request.form.get("offers_support") == "y")
    flash("Thank you for being there for others." if current_user.offers_support else "Saved.", "success")
    return redirect(url_for("auth.account", _anchor="support"))


def _account_page(reading_form: ReadingForm | None = None, password_form: PasswordForm | None = None):
    if reading_form is None:
        preferences = reading_preferences(current_user)
        reading_form = ReadingForm(data={"region": preferences["region"], **preferences["warnings"]})
    return render_template(
        "auth/account.html",
        posts=Post.by_author(current_user),
        tokens=ApiToken.active_for(current_user),
        reading_form=reading_form,
        password_form=password_form or PasswordForm(),
        break_form=BreakForm(),
        pause=Break.active_for(current_user),
        board_mutes=BoardMute.of(current_user),
        thread_mutes=ThreadMute.of(current_user),
        member_mutes=MemberMute.of(current_user),
        word_filters=WordFilter.of(current_user),
        word_filter_form=WordFilterForm(),
        word_filter_done=WORD_FILTER_DONE,
    )


@bp.get("/notifications")
@login_required
def notifications():
    """Shows the newest notices, then marks them read so the header count clears."""
    notices = Notification.for_user(current_user.id)
    Notification.mark_all_read(current_user.id)
    db.session.commit()
    return render_template("auth/notifications.html", notifications=notices, appealable_kinds=APPEALABLE_DECISIONS)


@bp.app_context_processor
def header_counts():
    """Unread notices for everyone signed in, so the header can show them on every page."""
    if not current_user.is_authenticated:
        return {}
    return {"unread_notifications": unread_notifications(current_user)}


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id):
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)
    accounts.revoke_token(token)
    flash("That app token no longer works.", "info")
    return redirect(url_for("auth.account"))


def _safe_next() -> str | None:
    """Only follow ``next`` within this site, never to another host."""
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None
