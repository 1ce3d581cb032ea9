from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from projects import access
from projects.listing import Filter, ListSpec

from .models import Participant


def participant_get(user, pk: int) -> Participant:
    return access.get_for_user(Participant.objects.select_related("organisation"), user, pk=pk)


def participant_list(user) -> QuerySet[Participant]:
    return (
        access.scope(Participant.objects.all(), user)
        .select_related("organisation")
        .annotate(mobility_count=Count("mobilities"))
    )


PARTICIPANT_LIST_SPEC = ListSpec(
    search_fields=("first_name", "last_name", "email", "qualification", "position", "city"),
    filters={
        "kind": Filter(_("Kind"), "kind", Participant.Kind.choices),
        "status": Filter(_("Learner status"), "learner_status", Participant.LearnerStatus.choices),
        "fewer": Filter(
            _("Fewer opportunities"),
            lambda qs, v: qs.filter(fewer_opportunities=v == "yes"),
            [("yes", _("Yes")), ("no", _("No"))],
        ),
    },
    sorts={
        "name": ("last_name", "first_name"),
        "kind": ("kind", "last_name", "first_name"),
        "born": ("date_of_birth", "last_name"),
        "mobilities": ("mobility_count", "last_name"),
    },
    default_sort="name",
)
