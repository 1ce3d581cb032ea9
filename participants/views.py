from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mobilities.selectors import mobility_list_for_participant
from projects import access
from projects.listing import list_page
from projects.views import add_form_errors

from . import selectors, services
from .forms import ParticipantForm
from .history import participant_history
from .models import Participant


@login_required
def participant_list(request):
    listing = list_page(
        selectors.participant_list(request.user), request.GET, selectors.PARTICIPANT_LIST_SPEC
    )
    context = {
        "listing": listing,
        "can_create": access.coordinated_organisations(request.user).exists(),
    }
    return render(request, "participants/participant_list.html", context)


@login_required
def participant_detail(request, pk: int):
    participant = selectors.participant_get(request.user, pk)
    sensitive = access.can_see_sensitive_data(request.user, participant.organisation_id)
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
    return _participant_form(request, participant)


def _participant_form(request, participant: Participant):
    organisations = access.coordinated_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = ParticipantForm(request.POST or None, instance=participant, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.participant_save(participant=form.save(commit=False))
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("The participant was saved."))
            return redirect("participant_detail", pk=participant.pk)
    context = {"form": form, "participant": participant}
    return render(request, "participants/participant_form.html", context)


@login_required
@require_POST
def participant_delete(request, pk: int):
    participant = selectors.participant_get(request.user, pk)
    access.require_coordinator(request.user, participant.organisation_id)
    if services.participant_delete(participant):
        messages.success(request, _("The participant was deleted."))
        return redirect("participant_list")
    messages.error(request, _("This participant has mobilities, so they cannot be deleted."))
    return redirect("participant_detail", pk=participant.pk)
