"""The page where an author asks another moderator to look again at a decision on their post."""
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from forum.care import bp
from forum.care.forms import AppealForm
from forum.forms import show_errors
from forum.messages import APPEAL_SENT
from forum.services import InvalidInput
from forum.services.appeals import AppealRefused, appeal_state, file_appeal
from models import Post


@bp.route("/p/<int:post_id>/appeal", methods=["GET", "POST"])
@login_required
def appeal(post_id):
    post = Post.find_visible(post_id, current_user) or abort(404)
    if post.author_id != current_user.id:
        abort(403)
    form = AppealForm()
    if form.validate_on_submit():
        try:
            file_appeal(post, current_user, form.note.data)
        except AppealRefused as refusal:
            flash(str(refusal), "info")
        except InvalidInput as error:
            show_errors(form, error)
            return render_template("care/appeal.html", post=post, state=appeal_state(post), form=form), 422
        else:
            flash(APPEAL_SENT, "success")
        return redirect(url_for("care.appeal", post_id=post.id))
    return render_template("care/appeal.html", post=post, state=appeal_state(post), form=form)
