from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from mobilities.selectors import mobility_list_for_participant
from projects import access

from . import selectors


@login_required
def participant_detail(request, pk: int):
    participant = selectors.participant_get(request.user, pk)
    context = {
        "participant": participant,
        "mobilities": mobility_list_for_participant(participant),
        "sees_sensitive_data": access.can_see_sensitive_data(
            request.user, participant.organisation_id
        ),
    }
    return render(request, "participants/participant_detail.html", context)
