from functools import wraps

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from forum.lookups import queue_item_or_404
from forum.messages import APPEAL_OTHER_MODERATOR, DECISION_SHORTCUTS, ITEM_STATUS_LABELS, REPORT_REASON_LABELS
from forum.moderate import bp
from forum.moderate.forms import DecisionForm
from forum.rendering import highlight_spans
from forum.request_guard import page_number
from forum.services import InvalidInput, NotAllowed, queue
from forum.services.queue import AppealNeedsAnother, ItemConflict
from forum.services.queue_view import headline, item_context
from forum.services.screening import text_of
from forum.services.unanswered import unanswered_threads
from moderation.taxonomy import CATEGORIES, CATEGORY_LABELS, Decision
from models import Board, db, paginate

UNANSWERED_SHOWN = 20


def moderators_only(view):
    @login_required
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_moderator:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


@bp.get("/", endpoint="queue")
@moderators_only
def show_queue():
    filters = {name: request.args.get(name) or None for name in ("category", "board", "reason")}
    page = paginate(
        queue.waiting_for(current_user, **filters),
        page_number(),
        current_app.config["QUEUE_ITEMS_PER_PAGE"],
    )
    return render_template(
        "moderate/queue.html",
        page=page,
        counts=queue.counts_for(current_user),
        filters=filters,
        categories=CATEGORIES,
        category_labels=CATEGORY_LABELS,
        boards=Board.ordered(),
        report_reasons=REPORT_REASON_LABELS,
        headlines={item.id: headline(item) for item in page.items},
        unanswered=db.session.scalars(unanswered_threads().limit(UNANSWERED_SHOWN)).all(),
    )


@bp.get("/items/<int:item_id>")
@moderators_only
def item(item_id):
    context = item_context(queue_item_or_404(item_id), current_user)
    post = context.post
    return render_template(
        "moderate/item.html",
        context=context,
        item=context.item,
        post=post,
        highlighted=highlight_spans(text_of(post), context.spans),  # what was screened: an opening post with its title
        form=DecisionForm(warnings=post.warnings, body=post.body_markdown),
        category_labels=CATEGORY_LABELS,
        shortcuts=DECISION_SHORTCUTS,
        item_status_labels=ITEM_STATUS_LABELS,
        appeal_refusal=APPEAL_OTHER_MODERATOR,
        shown=request.args.get("shown") == "1",  # back from a reveal without JavaScript
    )


@bp.post("/items/<int:item_id>/claim")
@moderators_only
def claim(item_id):
    item = queue_item_or_404(item_id)
    try:
        queue.claim_item(item, current_user)
    except (ItemConflict, AppealNeedsAnother) as conflict:
        flash(str(conflict), "info")
    except NotAllowed:
        abort(403)
    return redirect(url_for("moderate.item", item_id=item.id))


@bp.post("/items/<int:item_id>/decision")
@moderators_only
def decide(item_id):
    item = queue_item_or_404(item_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    decision = request.form.get("decision", "")
    try:
        queue.apply_decision(
            item,
            current_user,
            decision,
            warnings=None if decision == Decision.APPROVE else form.warnings.data,
            body=form.body.data,
            reason=form.reason.data,
            note=form.note.data,
        )
    except (ItemConflict, AppealNeedsAnother) as conflict:
        flash(str(conflict), "info")
        return redirect(url_for("moderate.item", item_id=item.id))
    except NotAllowed:
        abort(403)
    except InvalidInput as error:
        for message in error.fields.values():
            flash(message, "info")
        return redirect(url_for("moderate.item", item_id=item.id))
    flash(f"Done: {form.decisions[decision]}.", "success")
    return redirect(url_for("moderate.queue"))
