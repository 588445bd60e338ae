"""The help directory, boards and members on admin pages; the services check and audit every change."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from forum.admin import bp
from forum.admin.forms import ActionForm, BoardForm, ResourceForm, RoleForm, SuspendForm
from forum.forms import show_errors
from forum.services import InvalidInput, community, directory
from models import Board, Resource, Role, User, db

FOLLOW_RULE_SET = ""


@bp.route("/resources", methods=["GET", "POST"])
def resources():
    form = ResourceForm()
    if form.validate_on_submit():
        try:
            directory.add_resource(current_user, form.fields_for_service())
        except InvalidInput as error:
            show_errors(form, error)
        else:
            flash("Service added.", "success")
            return redirect(url_for("admin.resources"))
    return render_template("admin/resources.html", services=Resource.directory(), form=form, action_form=ActionForm())


@bp.route("/resources/<int:resource_id>", methods=["GET", "POST"])
def resource(resource_id):
    service = db.get_or_404(Resource, resource_id)
    form = ResourceForm(obj=service)
    if form.validate_on_submit():
        try:
            directory.edit_resource(current_user, service, form.fields_for_service())
        except InvalidInput as error:
            show_errors(form, error)
        else:
            flash("Service saved.", "success")
            return redirect(url_for("admin.resources"))
    return render_template("admin/resource.html", service=service, form=form)


@bp.post("/resources/<int:resource_id>/<any(verify, retire):change>")
def change_resource(resource_id, change):
    service = db.get_or_404(Resource, resource_id)
    if ActionForm().validate_on_submit():
        (directory.verify_resource if change == "verify" else directory.retire_resource)(current_user, service)
        flash(f"{service.name}: {'checked today' if change == 'verify' else 'retired'}.", "success")
    return redirect(url_for("admin.resources"))


@bp.route("/boards", methods=["GET", "POST"])
@bp.route("/boards/<int:board_id>", methods=["GET", "POST"])
def boards(board_id=None):
    board = db.get_or_404(Board, board_id) if board_id else None
    form = BoardForm(obj=board)
    form.strictness.choices = [(FOLLOW_RULE_SET, "Follow the rule set"), *((l, l) for l in community.strictness_levels())]
    if form.validate_on_submit():
        fields = {name: form[name].data for name in ("name", "description", "guidelines")}
        fields["strictness"] = form.strictness.data or None
        try:
            if board:
                community.edit_board(current_user, board, **fields)
            else:
                community.create_board(current_user, form.slug.data, **fields)
        except InvalidInput as error:
            show_errors(form, error)
        else:
            flash("Board saved.", "success")
            return redirect(url_for("admin.boards"))
    return render_template("admin/boards.html", boards=Board.ordered(), board=board, form=form)


@bp.get("/members")
def members():
    return render_template(
        "admin/members.html", people=User.by_handle(), role_form=RoleForm(), suspend_form=SuspendForm(), action_form=ActionForm()
    )


@bp.post("/members/<int:user_id>/role")
def change_role(user_id):
    member, form = db.get_or_404(User, user_id), RoleForm()
    if form.validate_on_submit():
        _apply(community.set_member_role, member, Role(form.role.data), done=f"{member.handle} is now {form.role.data}.")
    return redirect(url_for("admin.members"))


@bp.post("/members/<int:user_id>/suspend")
def suspend(user_id):
    member, form = db.get_or_404(User, user_id), SuspendForm()
    if form.validate_on_submit():
        _apply(community.suspend_member, member, form.reason.data, done=f"{member.handle} is suspended.")
    else:
        flash("Give a reason to suspend a member.", "info")
    return redirect(url_for("admin.members"))


@bp.post("/members/<int:user_id>/reinstate")
def reinstate(user_id):
    member = db.get_or_404(User, user_id)
    if ActionForm().validate_on_submit():
        _apply(community.reinstate_member, member, done=f"{member.handle} can log in again.")
    return redirect(url_for("admin.members"))


def _apply(change, member: User, *arguments, done: str) -> None:
    try:
        change(current_user, member, *arguments)
    except InvalidInput as error:
        flash(" ".join(error.fields.values()), "info")
    else:
        flash(done, "success")
