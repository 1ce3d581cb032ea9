from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from core import access
from core.collation import latvian
from core.listing import Filter, ListSpec

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
        "name": (latvian("last_name"), latvian("first_name")),
        "kind": ("kind", latvian("last_name"), latvian("first_name")),
        "born": ("date_of_birth", latvian("last_name")),
        "mobilities": ("mobility_count", latvian("last_name")),
    },
    default_sort="name",
)


@dataclass
class ParticipantDeletion:
    """What deleting a participant would take with it, or what keeps them."""

    mobilities: list = field(default_factory=list)
    applications: int = 0
    portal_users: list[str] = field(default_factory=list)
    invitations: int = 0

    @property
    def refused(self) -> bool:
        return bool(self.mobilities or self.applications)


def participant_deletion(participant: Participant) -> ParticipantDeletion:
    mobilities = participant.mobilities.select_related("project").order_by("project_id", "number")
    return ParticipantDeletion(
        mobilities=list(mobilities),
        applications=participant.selection_applications.count(),
        portal_users=[
            account.user.get_username()
            for account in participant.portal_accounts.select_related("user")
        ],
        invitations=participant.portal_invitations.filter(
            used_at__isnull=True, revoked_at__isnull=True
        ).count(),
    )
