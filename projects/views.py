from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from core import access
from core.confirmation import Confirmation, render_confirmation, unconfirmed_deletions
from core.errors import errors_to_form
from core.listing import list_page
from core.revisions import EditConflict
from mobilities.selectors import mobility_list_for_host

from . import selectors, services
from .forms import ErasmusPlanForm, GoalFormSet, GoalTargetFormSet, PartnerForm, ProjectForm
from .models import ErasmusPlan, Goal, PartnerOrganisation, Project


def _coordinated(request):
    organisations = selectors.coordinated_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    return organisations


@login_required
def home(request):
    projects = selectors.project_list(request.user)
    context = {
        "projects": projects,
        "can_create": selectors.coordinated_organisations(request.user).exists(),
    }
    return render(request, "projects/home.html", context)


@login_required
def project_create(request):
    return _project_form(request, Project())


@login_required
def project_edit(request, pk: int):
    project = selectors.project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    return _project_form(request, project)


def _project_form(request, project: Project):
    organisations = _coordinated(request)
    form = ProjectForm(request.POST or None, instance=project, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_save(project=form.save(commit=False), awarded=form.awarded)
        except ValidationError as error:
            errors_to_form(form, error)
        except EditConflict as conflict:  # saved by someone else since the form's check
            form.report_conflict(conflict)
        else:
            messages.success(request, _("The project was saved."))
            return redirect("dashboard:project_detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
def plan_list(request):
    plans = selectors.plan_list(request.user)
    can_create = selectors.coordinated_organisations(request.user).exists()
    return render(request, "projects/plan_list.html", {"plans": plans, "can_create": can_create})


@login_required
def plan_detail(request, pk: int):
    plan = selectors.plan_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    context = {
        "plan": plan,
        "is_coordinator": access.is_coordinator(request.user, plan.organisation_id),
    }
    return render(request, "projects/plan_detail.html", context)


@login_required
def plan_create(request):
    return _plan_form(request, ErasmusPlan())


@login_required
def plan_edit(request, pk: int):
    plan = selectors.plan_get(request.user, pk)
    access.require_coordinator(request.user, plan.organisation_id)
    return _plan_form(request, plan)


def _plan_form(request, plan: ErasmusPlan):
    organisations = _coordinated(request)
    data = request.POST or None
    form = ErasmusPlanForm(data, instance=plan, organisations=organisations)
    goals = GoalFormSet(data, instance=plan, prefix="goals")
    deletions = []
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        deletions = unconfirmed_deletions(request, goals, _goal_deletion)
        if not deletions:
            plan = services.erasmus_plan_save(
                plan=form.save(commit=False),
                goals=goals.save(commit=False),
                removed_goals=goals.deleted_objects,
            )
            messages.success(request, _("The Erasmus plan was saved."))
            return redirect("projects:plan_detail", pk=plan.pk)
    context = {"form": form, "goals": goals, "plan": plan, "deletions": deletions}
    return render(request, "projects/plan_form.html", context)


def _goal_deletion(goal: Goal) -> str:
    return _(
        "Goal “%(goal)s”, its targets (%(targets)d) and its link to the mobilities serving "
        "it (%(mobilities)d)"
    ) % {"goal": goal, "targets": goal.targets.count(), "mobilities": goal.mobilities.count()}


@login_required
def goal_targets_edit(request, pk: int):
    goal = get_object_or_404(
        access.scope(Goal.objects.select_related("plan"), request.user, "plan__organisation"),
        pk=pk,
    )
    access.require_coordinator(request.user, goal.plan.organisation_id)
    targets = GoalTargetFormSet(request.POST or None, instance=goal, prefix="targets")
    deletions = []
    if request.method == "POST" and targets.is_valid():
        deletions = unconfirmed_deletions(request, targets, _target_deletion)
        if not deletions:
            services.goal_targets_save(
                goal=goal,
                targets=targets.save(commit=False),
                removed_targets=targets.deleted_objects,
            )
            messages.success(request, _("The targets were saved."))
            return redirect("projects:plan_detail", pk=goal.plan_id)
    context = {"goal": goal, "targets": targets, "deletions": deletions}
    return render(request, "projects/goal_targets_form.html", context)


def _target_deletion(target) -> str:
    if target.achieved_value is None:
        return _("Target “%(target)s”") % {"target": target}
    return _("Target “%(target)s” and the value achieved (%(achieved)s)") % {
        "target": target,
        "achieved": floatformat(target.achieved_value, "-2"),
    }


@login_required
def partner_list(request):
    partners = selectors.partner_list(request.user)
    listing = list_page(partners, request.GET, selectors.partner_list_spec(partners))
    context = {
        "listing": listing,
        "can_create": selectors.coordinated_organisations(request.user).exists(),
    }
    return render(request, "projects/partner_list.html", context)


@login_required
def partner_detail(request, pk: int):
    partner = selectors.partner_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    context = {
        "partner": partner,
        "mobilities": mobility_list_for_host(partner),
        "is_coordinator": access.is_coordinator(request.user, partner.organisation_id),
    }
    return render(request, "projects/partner_detail.html", context)


@login_required
def partner_create(request):
    return _partner_form(request, PartnerOrganisation())


@login_required
def partner_edit(request, pk: int):
    partner = selectors.partner_get(request.user, pk)
    access.require_coordinator(request.user, partner.organisation_id)
    return _partner_form(request, partner)


def _partner_form(request, partner: PartnerOrganisation):
    organisations = _coordinated(request)
    form = PartnerForm(request.POST or None, instance=partner, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.partner_save(partner=form.save(commit=False))
        except EditConflict as conflict:  # saved by someone else since the form's check
            form.report_conflict(conflict)
        else:
            messages.success(request, _("The partner organisation was saved."))
            return redirect("projects:partner_detail", pk=partner.pk)
    return render(request, "projects/partner_form.html", {"form": form, "partner": partner})


@login_required
@require_http_methods(["GET", "POST"])
def partner_delete(request, pk: int):
    """Asks first (GET); deletes on the POST, unless mobilities still refer to it."""
    partner = selectors.partner_get(request.user, pk)
    access.require_coordinator(request.user, partner.organisation_id)
    if request.method == "GET":
        mobilities = list(selectors.partner_mobilities(partner))
        return render_confirmation(request, _partner_delete_confirmation(partner, mobilities))
    if services.partner_delete(partner=partner):
        messages.success(
            request, _("The partner organisation %(name)s was deleted.") % {"name": partner.name}
        )
        return redirect("projects:partner_list")
    messages.error(request, _("This partner hosts or sends mobilities, so it cannot be deleted."))
    return redirect("projects:partner_detail", pk=partner.pk)


def _partner_delete_confirmation(partner: PartnerOrganisation, mobilities) -> Confirmation:
    confirmation = Confirmation(
        question=_("Delete the partner organisation %(name)s?") % {"name": partner.name},
        confirm_label=_("Delete the partner organisation"),
        cancel_url=reverse("projects:partner_detail", args=[partner.pk]),
        facts=[
            (_("Kind"), partner.get_kind_display()),
            (_("OID"), partner.oid or "—"),
            (_("City"), f"{partner.city}, {partner.country.name}"),
        ],
    )
    if mobilities:
        confirmation.refusal = _(
            "This partner hosts or sends mobilities, so it cannot be deleted: they are kept "
            "for the final report and audits."
        )
        count = len(mobilities)
        confirmation.blockers = [
            ngettext("%(count)d mobility: %(list)s", "%(count)d mobilities: %(list)s", count)
            % {"count": count, "list": ", ".join(m.reference for m in mobilities)}
        ]
        return confirmation
    confirmation.losses = [
        _("Its contact details and the state of the memorandum of understanding (%(mou)s).")
        % {"mou": partner.get_mou_status_display()}
    ]
    return confirmation
