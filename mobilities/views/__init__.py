"""The coordinator's mobility pages: the list of a project, the detail page, the form
with its live grant preview, and cancelling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from budget.adapters import mobility_input
from budget.rules import RuleError, overrun_warnings, quote_mobility
from budget.selectors import mobility_award_overruns, mobility_grant, participant_ordinal
from core import access
from core.confirmation import Confirmation, render_confirmation
from core.errors import errors_to_form
from core.listing import list_page
from core.money import money_text
from core.revisions import EditConflict
from projects.selectors import project_get

from .. import selectors, services
from ..forms import EuropassForm, MobilityFileForm, MobilityForm, MonitoringNoteForm
from ..history import mobility_history
from ..models import Mobility, MobilityGroup


@login_required
def mobility_list(request, pk: int):
    project = project_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    listing = list_page(
        selectors.mobility_list_for_project(project),
        request.GET,
        selectors.mobility_list_spec(project),
    )
    context = {
        "project": project,
        "listing": listing,
        "is_coordinator": access.is_coordinator(request.user, project.organisation_id),
    }
    return render(request, "mobilities/mobility_list.html", context)


@login_required
def mobility_detail(request, pk: int):
    mobility = selectors.mobility_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    organisation = mobility.project.organisation_id
    coordinator = access.is_coordinator(request.user, organisation)
    context = {
        "mobility": mobility,
        "project": mobility.project,
        "group_members": selectors.group_members(mobility),
        "grant": mobility_grant(mobility),
        "preparation": selectors.preparation_items(mobility),
        "monitoring_log": selectors.monitoring_log(mobility),
        "files": selectors.mobility_files(mobility),
        "history": mobility_history(mobility),
        "is_coordinator": coordinator,
        "sees_sensitive_data": access.can_see_sensitive_data(request.user, organisation),
        "note_form": MonitoringNoteForm() if coordinator else None,
        "file_form": MobilityFileForm() if coordinator else None,
        "europass_form": _europass_form(mobility) if coordinator else None,
        "today": timezone.localdate(),
    }
    return render(request, "mobilities/mobility_detail.html", context)


def _europass_form(mobility) -> EuropassForm | None:
    if not mobility.gets_europass:
        return None
    initial = {
        "europass_status": mobility.europass_status,
        "europass_issued_on": mobility.europass_issued_on,
    }
    return EuropassForm(initial=initial)


@login_required
def mobility_create(request, pk: int):
    project = project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    return _mobility_form(request, project, Mobility(project=project))


@login_required
def mobility_edit(request, pk: int):
    mobility = selectors.mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    return _mobility_form(request, mobility.project, mobility)


def _initial_from_group(request, project) -> dict:
    """Adding to a group: its activity, and the dates and place of its first member."""
    group_id = request.GET.get("group", "")
    if not group_id.isdigit():
        return {}
    group = MobilityGroup.objects.filter(project=project, pk=group_id).first()
    if group is None:
        return {}
    initial = {"group": group, "activity_type": group.activity_type}
    first = group.mobilities.order_by("number").first()
    if first:
        for name in (
            "host",
            "destination_city",
            "destination_country",
            "start_date",
            "end_date",
            "travel_days",
            "green_travel",
        ):
            initial[name] = getattr(first, name)
        initial["goals"] = list(first.goals.all())
    if request.GET.get("role") == "accompanying_person":
        initial["role"] = "accompanying_person"
    return initial


def _mobility_form(request, project, mobility: Mobility):
    initial = {} if mobility.pk else _initial_from_group(request, project)
    form = MobilityForm(request.POST or None, instance=mobility, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            mobility = _save(form, mobility)
        except ValidationError as error:
            errors_to_form(form, error)
        except EditConflict as conflict:  # saved by someone else since the form's check
            form.report_conflict(conflict)
        else:
            messages.success(request, _("The mobility was saved."))
            for warning in overrun_warnings(mobility_award_overruns(mobility), with_mobility=True):
                messages.warning(request, warning)
            return redirect("mobilities:mobility_detail", pk=mobility.pk)
    context = {
        "form": form,
        "project": project,
        "mobility": mobility,
        "preview": _preview(form) if request.method == "POST" else None,
    }
    return render(request, "mobilities/mobility_form.html", context)


def _save(form, mobility: Mobility) -> Mobility:
    goals = form.cleaned_data["goals"]
    if mobility.pk:
        return services.mobility_update(mobility=mobility, goals=goals, data=form.mobility_fields())
    return services.mobility_create(
        project=mobility.project, goals=goals, data=form.mobility_fields()
    )


@login_required
@require_POST
def mobility_preview(request, pk: int):
    """The grant the form's current values would give, or every rule they break."""
    project = project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    mobility = Mobility(project=project)
    mobility_id = request.POST.get("mobility_id", "")
    if mobility_id.isdigit():
        mobility = get_object_or_404(project.mobilities, pk=mobility_id)
    form = MobilityForm(request.POST, instance=mobility, project=project)
    return render(request, "mobilities/_grant_preview.html", {"preview": _preview(form)})


def _preview(form) -> dict:
    if not form.is_valid():
        errors = [
            (form.fields[name].label if name in form.fields else "", message)
            for name, messages_ in form.errors.items()
            for message in messages_
        ]
        return {"errors": errors}
    mobility = form.instance
    if mobility.status == Mobility.Status.CANCELLED:
        return {"cancelled": True}
    try:
        grant = quote_mobility(
            mobility_input(mobility),
            call_year=mobility.project.call_year,
            rates=mobility.project.individual_support_rates,
            ordinal_in_activity=participant_ordinal(mobility),
        )
    except RuleError as error:
        return {"errors": [("", p.message) for p in error.problems]}
    overruns = mobility_award_overruns(mobility, grant.amounts)
    return {"grant": grant, "over_award": overrun_warnings(overruns, with_mobility=True)}


@login_required
@require_http_methods(["GET", "POST"])
def mobility_cancel(request, pk: int):
    """Asks first (GET), naming the grant it releases; cancels on the POST."""
    mobility = selectors.mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    if request.method == "GET":
        return render_confirmation(request, _cancel_confirmation(mobility))
    if mobility.status != Mobility.Status.CANCELLED:
        services.mobility_cancel(mobility=mobility)
    messages.success(request, _("The mobility was cancelled; its record is kept."))
    return redirect("mobilities:mobility_detail", pk=mobility.pk)


def _cancel_confirmation(mobility: Mobility) -> Confirmation:
    confirmation = Confirmation(
        question=_("Cancel the mobility %(reference)s?") % {"reference": mobility.reference},
        confirm_label=_("Cancel the mobility"),
        cancel_url=mobility.get_absolute_url(),
        cancel_label=_("Keep the mobility"),
        facts=[
            (_("Participant"), str(mobility.participant)),
            (_("Activity"), mobility.get_activity_type_display()),
            (_("To"), f"{mobility.destination_city}, {mobility.destination_country.name}"),
            (
                _("Dates"),
                f"{date_format(mobility.start_date, 'SHORT_DATE_FORMAT')} – "
                f"{date_format(mobility.end_date, 'SHORT_DATE_FORMAT')}",
            ),
        ],
        kept=[
            _("The record is kept, cancelled, for the final report and audits."),
            _("A grant agreement already signed stays signed."),
        ],
    )
    if mobility.status == Mobility.Status.CANCELLED:
        confirmation.refusal = _("This mobility is cancelled already.")
        return confirmation
    confirmation.losses = [
        _("A grant agreement sent for signing and not signed yet is withdrawn."),
    ]
    grant = getattr(mobility, "grant", None)  # the stored grant, if the engine stored one
    if grant is not None and grant.total:
        confirmation.losses.insert(
            0,
            _("Its grant of %(amount)s EUR is no longer planned in the budget.")
            % {"amount": money_text(grant.total)},
        )
    return confirmation
