"""A moderator's own care on pages: revealing a post (which is what counts as exposure), their wellbeing page
with opted-out categories, a break that keeps their claims, tapping out, and "this one stayed with me"."""
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from forum.lookups import queue_item_or_404
from forum.messages import CHECK_IN_LABELS
from forum.moderate.routes import moderators_only
from forum.moderator_care import bp
from forum.services import InvalidInput, exposure, moderator_breaks, queue, queue_shield, tap_out
from forum.services.supervision_requests import own_requests
from moderation.taxonomy import CATEGORIES, CATEGORY_LABELS


@bp.post("/items/<int:item_id>/reveal")
@moderators_only
def reveal(item_id):
    """The item page's "show": JSON for its script; without JavaScript, back to the page with the post shown."""
    item = queue_item_or_404(item_id)
    exposure.record_reveal(current_user, item)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(suggest_break=exposure.current_load(current_user).soft_reached)
    return redirect(url_for("moderate.item", item_id=item.id, shown=1, _anchor="post-heading"))


@bp.post("/items/<int:item_id>/stayed-with-me")
@moderators_only
def stayed_with_me(item_id):
    item = queue_item_or_404(item_id)
    tap_out.stayed_with_me(current_user, item, (request.form.get("note") or "")[:2000] or None)
    flash("Thank you for saying so. Your supervisor will check in with you.", "success")
    return redirect(url_for("moderate.item", item_id=item.id))


@bp.get("/wellbeing")
@moderators_only
def wellbeing():
    return render_template(
        "moderator_care/wellbeing.html",
        figures=exposure.wellbeing(current_user),
        categories=CATEGORIES,
        category_labels=CATEGORY_LABELS,
        opted_out=queue_shield.opted_out(current_user),
        shield=queue_shield.shield_for(current_user),
        requests=own_requests(current_user)[:10],
        check_in_labels=CHECK_IN_LABELS,
    )


@bp.post("/opt-outs")
@moderators_only
def set_opt_outs():
    try:
        queue_shield.set_opt_outs(current_user, request.form.getlist("categories"))
    except InvalidInput:
        abort(400)
    flash("Saved. When someone else on duty can take those posts, the queue leaves them to them.", "success")
    return redirect(url_for("moderator_care.wellbeing"))


@bp.post("/break")
@moderators_only
def take_break():
    moderator_breaks.take_break(current_user)
    return redirect(url_for("moderator_care.on_break"))


@bp.get("/break")
@moderators_only
def on_break():
    running = moderator_breaks.running_break(current_user)
    if running is None:
        return redirect(url_for("moderate.queue"))
    return render_template("moderator_care/break.html", pause=running, held=queue.claims_of(current_user))


@bp.post("/break/end")
@moderators_only
def end_break():
    moderator_breaks.end_break(current_user)
    flash("Welcome back. Your claims are where you left them.", "success")
    return redirect(url_for("moderate.queue"))


@bp.post("/tap-out")
@moderators_only
def tap_out_now():
    done = tap_out.tap_out(current_user)
    flash(f"You've tapped out. {done.released} item(s) went back to the queue, and your supervisor knows.", "success")
    return redirect(url_for("moderator_care.support"))


@bp.get("/support")
@moderators_only
def support():
    """What tapping out leads to, and open at any time: the moderator's own safety plan and support lines."""
    plan, resources = tap_out.own_support(current_user)
    return render_template("moderator_care/support.html", plan=plan,
                           emergency=[r for r in resources if r.is_emergency],
                           lines=[r for r in resources if not r.is_emergency])
