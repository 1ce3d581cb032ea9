"""Pages of data protection: a person's data as a file (the coordinator's participant page
and the portal), erasure with its confirmation page and result, the read log of sensitive
data, and the projects past their retention period. Every coordinator page is for the
organisation's coordinators only: viewers get 403, other organisations 404; portal users
reach only their own data."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from core.downloads import private_file
from core.errors import errors_to_form
from core.listing import list_page
from portal.selectors import portal_account_get
from projects.selectors import coordinated_organisations

from . import selectors, services
from .erasure import erasure_plan, erasure_scope, kept_text, removed_text
from .export import personal_data_export
from .forms import ErasureForm, RetentionEraseForm
from .models import DataExport, DataSubject


def _download(export) -> FileResponse:
    return private_file(export.handle, filename=export.filename, content_type="application/zip")


def _export(request, participant, subject: str, via: str) -> FileResponse:
    export = personal_data_export(participant, subject)
    services.data_export_record(
        participant=participant, subject=subject, via=via, user=request.user, export=export
    )
    return _download(export)


# The participant page


@login_required
@require_GET
def participant_export(request, pk: int, subject: str):
    participant = selectors.participant_for_coordinator(request.user, pk)
    return _export(request, participant, subject, DataExport.Via.WORKSPACE)


@login_required
@require_http_methods(["GET", "POST"])
def participant_erase(request, pk: int):
    participant = selectors.participant_for_coordinator(request.user, pk)
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure = services.participant_erase(
                participant=participant, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The participant's personal data was erased."))
            return redirect("privacy:privacy_erasure_detail", pk=erasure.pk)
    plan = erasure_plan(erasure_scope(participant))
    context = {
        "participant": participant,
        "form": form,
        "plan": plan,
        "removed": removed_text(plan.removed),
        "kept": kept_text(plan.kept),
        "earlier": selectors.erasures_of(participant.pk),
    }
    return render(request, "privacy/participant_erase.html", context)


@login_required
@require_GET
def erasure_detail(request, pk: int):
    erasure = selectors.erasure_for_coordinator(request.user, pk)
    context = {
        "erasure": erasure,
        "removed": removed_text(erasure.removed),
        "kept": kept_text(erasure.kept),
        "participant_exists": selectors.participant_names([erasure.participant_id]),
    }
    return render(request, "privacy/erasure_detail.html", context)


# The read log


def _access_log_page(request, organisation, participant=None):
    rows = selectors.access_log(organisation, participant.pk if participant else None)
    listing = list_page(rows.select_related("user"), request.GET, selectors.ACCESS_LOG_SPEC)
    names = selectors.participant_names(row.participant_id for row in listing.page)
    for row in listing.page:
        row.participant_name = names.get(row.participant_id, "")
    context = {"organisation": organisation, "participant": participant, "listing": listing}
    return render(request, "privacy/access_log.html", context)


@login_required
@require_GET
def access_log(request, pk: int):
    organisation = selectors.organisation_for_coordinator(request.user, pk)
    return _access_log_page(request, organisation)


@login_required
@require_GET
def participant_access_log(request, pk: int):
    participant = selectors.participant_for_coordinator(request.user, pk)
    return _access_log_page(request, participant.organisation, participant)


# Overview and retention


@login_required
@require_GET
def overview(request):
    organisations = list(coordinated_organisations(request.user))
    summaries = [
        {
            "organisation": organisation,
            "waiting": selectors.flags_for(organisation).filter(erased_at__isnull=True).count(),
            "erasures": selectors.erasures_for(organisation)[:10],
            "exports": selectors.exports_for(organisation)[:10],
        }
        for organisation in organisations
    ]
    return render(request, "privacy/overview.html", {"summaries": summaries})


@login_required
@require_http_methods(["GET", "POST"])
def retention(request, pk: int):
    organisation = selectors.organisation_for_coordinator(request.user, pk)
    if request.method == "POST":
        flagged = services.retention_sweep()
        mine = [flag for flag in flagged if flag.project.organisation_id == organisation.pk]
        text = ngettext(
            "Checked: %(n)d more project is past its retention period.",
            "Checked: %(n)d more projects are past their retention period.",
            len(mine),
        )
        messages.info(request, text % {"n": len(mine)})
        return redirect("privacy:privacy_retention", pk=organisation.pk)
    flags = list(selectors.flags_for(organisation))
    context = {
        "organisation": organisation,
        "retention_years": settings.AUDIT_RETENTION_YEARS,
        "waiting": [flag for flag in flags if not flag.is_erased],
        "erased": [flag for flag in flags if flag.is_erased],
    }
    return render(request, "privacy/retention.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def retention_erase(request, pk: int):
    flag = selectors.flag_for_coordinator(request.user, pk)
    organisation = flag.project.organisation
    if flag.is_erased:
        messages.info(request, _("The personal data of this project was already erased."))
        return redirect("privacy:privacy_retention", pk=organisation.pk)
    form = RetentionEraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            erasures = services.project_personal_data_erase(flag=flag, user=request.user)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            text = ngettext(
                "The personal data of %(project)s was erased (%(n)d participant).",
                "The personal data of %(project)s was erased (%(n)d participants).",
                len(erasures),
            )
            project = flag.project.grant_agreement_number
            messages.success(request, text % {"project": project, "n": len(erasures)})
            return redirect("privacy:privacy_retention", pk=organisation.pk)
    plan = services.retention_plan(flag)
    context = {
        "flag": flag,
        "organisation": organisation,
        "plan": plan,
        "removed": removed_text(plan.removed),
        "form": form,
    }
    return render(request, "privacy/retention_erase.html", context)


# The portal


@login_required
@require_GET
def portal_data(request):
    account = portal_account_get(request.user)
    return render(request, "privacy/portal_data.html", {"account": account})


@login_required
@require_GET
def portal_data_download(request):
    account = portal_account_get(request.user)
    subject = DataSubject.GUARDIAN if account.is_guardian else DataSubject.PARTICIPANT
    return _export(request, account.participant, subject, DataExport.Via.PORTAL)
