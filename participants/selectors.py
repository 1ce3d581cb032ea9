from projects import access

from .models import Participant


def participant_get(user, pk: int) -> Participant:
    return access.get_for_user(Participant.objects.select_related("organisation"), user, pk=pk)
