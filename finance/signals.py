"""What makes a mobility's payments change: its agreement signed (online, or its scan
kept), its grant recomputed, its participant's report, its proof of attendance
(schedule.schedule_sync decides)."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from budget.signals import grants_stored
from mobilities.models import Mobility, MobilityFile
from reporting.signals import agreement_signed

from .schedule import schedule_sync

WATCHED_FILES = {MobilityFile.Kind.ATTENDANCE_PROOF, MobilityFile.Kind.GRANT_AGREEMENT}


@receiver(agreement_signed)
def _agreement_signed(sender, agreement, **kwargs):
    schedule_sync(mobility_id=agreement.mobility_id)


def _sync_if_signed(mobility_id: int) -> None:
    """One query for a mobility without an agreement signed either way: nothing to do."""
    signed = Q(agreement_versions__signed_at__isnull=False) | Q(
        files__kind=MobilityFile.Kind.GRANT_AGREEMENT
    )
    if Mobility.objects.filter(signed, pk=mobility_id).exists():
        schedule_sync(mobility_id=mobility_id)


@receiver(post_save, sender=Mobility)
def _mobility_saved(sender, instance, created, raw=False, **kwargs):
    # The participant's report may have come in; a new mobility has no agreement yet.
    if not created and not raw:
        _sync_if_signed(instance.pk)


@receiver(grants_stored)
def _grants_stored(sender, mobility_ids, **kwargs):
    # An agreement signed on paper pays what the grant pays today: one query finds them.
    on_paper = Mobility.objects.filter(
        pk__in=mobility_ids, files__kind=MobilityFile.Kind.GRANT_AGREEMENT
    ).exclude(agreement_versions__isnull=False)
    for mobility_id in on_paper.values_list("pk", flat=True).distinct():
        schedule_sync(mobility_id=mobility_id)


@receiver([post_save, post_delete], sender=MobilityFile)
def _file_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.kind in WATCHED_FILES:
        _sync_if_signed(instance.mobility_id)
