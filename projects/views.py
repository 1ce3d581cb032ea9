from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mobilities.selectors import mobility_list_for_host

from . import access, selectors, services
from .dashboard import dashboard_html
from .forms import ErasmusPlanForm, GoalFormSet, GoalTargetFormSet, PartnerForm, ProjectForm
from .listing import list_page
from .models import ErasmusPlan, Goal, PartnerOrganisation, Project
from .page_cache import cached_project_page


def _coordinated(request):
    organisations = access.coordinated_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    return organisations


def add_form_errors(form, error: ValidationError) -> None:
    """A service's ValidationError shown next to the form's fields."""
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


@login_required
def home(request):
    projects = selectors.project_list(request.user)
    context = {
        "projects": projects,
        "can_create": access.coordinated_organisations(request.user).exists(),
    }
    return render(request, "projects/home.html", context)


@login_required
def project_detail(request, pk: int):
    # The cached page needs only the project's version; the rest is read on a miss.
    cached = selectors.project_version_get(request.user, pk)

    def context():
        project = selectors.project_get(request.user, pk)
        return {
            "project": project,
            "is_coordinator": access.is_coordinator(request.user, project.organisation_id),
            "dashboard_body": dashboard_html(project, timezone.localdate()),
        }

    return cached_project_page(
        request, "dashboard", cached, "projects/project_detail.html", context
    )


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
            add_form_errors(form, error)
        else:
            messages.success(request, _("The project was saved."))
            return redirect("project_detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
def plan_list(request):
    plans = selectors.plan_list(request.user)
    can_create = access.coordinated_organisations(request.user).exists()
    return render(request, "projects/plan_list.html", {"plans": plans, "can_create": can_create})


@login_required
def plan_detail(request, pk: int):
    plan = selectors.plan_get(request.user, pk)
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
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        plan = services.erasmus_plan_save(plan_form=form, goal_formset=goals)
        messages.success(request, _("The Erasmus plan was saved."))
        return redirect("plan_detail", pk=plan.pk)
    return render(request, "projects/plan_form.html", {"form": form, "goals": goals, "plan": plan})


@login_required
def goal_targets_edit(request, pk: int):
    goal = get_object_or_404(
        access.scope(Goal.objects.select_related("plan"), request.user, "plan__organisation"),
        pk=pk,
    )
    access.require_coordinator(request.user, goal.plan.organisation_id)
    targets = GoalTargetFormSet(request.POST or None, instance=goal, prefix="targets")
    if request.method == "POST" and targets.is_valid():
        services.goal_targets_save(target_formset=targets)
        messages.success(request, _("The targets were saved."))
        return redirect("plan_detail", pk=goal.plan_id)
    return render(request, "projects/goal_targets_form.html", {"goal": goal, "targets": targets})


@login_required
def partner_list(request):
    partners = selectors.partner_list(request.user)
    listing = list_page(partners, request.GET, selectors.partner_list_spec(partners))
    context = {
        "listing": listing,
        "can_create": access.coordinated_organisations(request.user).exists(),
    }
    return render(request, "projects/partner_list.html", context)


@login_required
def partner_detail(request, pk: int):
    partner = selectors.partner_get(request.user, pk)
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
        partner = services.partner_save(partner=form.save(commit=False))
        messages.success(request, _("The partner organisation was saved."))
        return redirect("partner_detail", pk=partner.pk)
    return render(request, "projects/partner_form.html", {"form": form, "partner": partner})


@login_required
@require_POST
def partner_delete(request, pk: int):
    partner = selectors.partner_get(request.user, pk)
    access.require_coordinator(request.user, partner.organisation_id)
    if services.partner_delete(partner):
        messages.success(request, _("The partner organisation was deleted."))
        return redirect("partner_list")
    messages.error(request, _("This partner hosts or sends mobilities, so it cannot be deleted."))
    return redirect("partner_detail", pk=partner.pk)
