from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from core import access
from core.confirmation import Confirmation, render_confirmation
from core.errors import errors_to_form
from core.listing import list_page
from core.revisions import EditConflict
from mobilities.selectors import mobility_list_for_participant
from projects.selectors import coordinated_organisations

from . import selectors, services
from .forms import ParticipantForm
from .history import participant_history
from .models import Participant
from .signals import sensitive_data_announce, shown_fields

# Sensitive data the participant page shows (to coordinators); the form also shows the
# national ID. Each showing is logged (privacy app), one row per page view.
SHOWN_ON_PAGE = ("fewer_opportunities_categories", "support_needs")

KEPT = gettext_lazy(
    "This participant cannot be deleted: their mobilities and selection applications are "
    "kept for the final report and audits."
)


@login_required
def participant_list(request):
    listing = list_page(
        selectors.participant_list(request.user), request.GET, selectors.PARTICIPANT_LIST_SPEC
    )
    context = {
        "listing": listing,
        "can_create": coordinated_organisations(request.user).exists(),
    }
    return render(request, "participants/participant_list.html", context)


@login_required
def participant_detail(request, pk: int):
    participant = selectors.participant_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    sensitive = access.can_see_sensitive_data(request.user, participant.organisation_id)
    if sensitive:
        on_page = SHOWN_ON_PAGE if participant.fewer_opportunities else ()
        shown = [(participant, shown_fields(participant, (*on_page, "iban")))]
        sensitive_data_announce(user=request.user, where="participant_detail", shown=shown)
    context = {
        "participant": participant,
        "mobilities": mobility_list_for_participant(participant),
        "sees_sensitive_data": sensitive,
        "is_coordinator": sensitive,
        "history": participant_history(participant, sensitive=sensitive),
    }
    return render(request, "participants/participant_detail.html", context)


@login_required
def participant_create(request):
    return _participant_form(request, Participant())


@login_required
def participant_edit(request, pk: int):
    participant = selectors.participant_get(request.user, pk)
    access.require_coordinator(request.user, participant.organisation_id)
    if request.method == "GET":
        shown = [(participant, shown_fields(participant))]
        sensitive_data_announce(user=request.user, where="participant_form", shown=shown)
    return _participant_form(request, participant)


def _participant_form(request, participant: Participant):
    organisations = coordinated_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = ParticipantForm(request.POST or None, instance=participant, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.participant_save(participant=form.save(commit=False))
        except ValidationError as error:
            errors_to_form(form, error)
        except EditConflict as conflict:  # saved by someone else since the form's check
            form.report_conflict(conflict)
        else:
            messages.success(request, _("The participant was saved."))
            return redirect("participants:participant_detail", pk=participant.pk)
    context = {"form": form, "participant": participant}
    return render(request, "participants/participant_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def participant_delete(request, pk: int):
    """Asks first (GET), naming what goes with the participant; deletes on the POST."""
    participant = selectors.participant_get(request.user, pk)
    access.require_coordinator(request.user, participant.organisation_id)
    if request.method == "GET":
        deletion = selectors.participant_deletion(participant)
        return render_confirmation(request, _delete_confirmation(participant, deletion))
    if services.participant_delete(participant=participant):
        messages.success(
            request, _("The participant %(name)s was deleted.") % {"name": participant.full_name}
        )
        return redirect("participants:participant_list")
    messages.error(request, KEPT)
    return redirect("participants:participant_detail", pk=participant.pk)


def _delete_confirmation(participant: Participant, deletion) -> Confirmation:
    confirmation = Confirmation(
        question=_("Delete the participant %(name)s?") % {"name": participant.full_name},
        confirm_label=_("Delete the participant"),
        cancel_url=reverse("participants:participant_detail", args=[participant.pk]),
        facts=[
            (_("Kind"), participant.get_kind_display()),
            (_("Date of birth"), date_format(participant.date_of_birth, "SHORT_DATE_FORMAT")),
            (_("E-mail"), participant.email or "—"),
        ],
    )
    if deletion.refused:
        confirmation.refusal = KEPT
        confirmation.blockers = _deletion_blockers(deletion)
        return confirmation
    confirmation.losses = [
        _(
            "Their personal data: identity and contact details, learner or staff details, "
            "the guardian's details and any fewer-opportunities details."
        )
    ]
    if deletion.portal_users:
        confirmation.losses.append(
            _("Portal access of %(users)s.") % {"users": ", ".join(deletion.portal_users)}
        )
    if deletion.invitations:
        confirmation.losses.append(
            ngettext(
                "%(count)d portal invitation not used yet.",
                "%(count)d portal invitations not used yet.",
                deletion.invitations,
            )
            % {"count": deletion.invitations}
        )
    return confirmation


def _deletion_blockers(deletion) -> list[str]:
    blockers = []
    if deletion.mobilities:
        count = len(deletion.mobilities)
        blockers.append(
            ngettext("%(count)d mobility: %(list)s", "%(count)d mobilities: %(list)s", count)
            % {"count": count, "list": ", ".join(m.reference for m in deletion.mobilities)}
        )
    if deletion.applications:
        blockers.append(
            ngettext(
                "%(count)d selection application.",
                "%(count)d selection applications.",
                deletion.applications,
            )
            % {"count": deletion.applications}
        )
    return blockers
