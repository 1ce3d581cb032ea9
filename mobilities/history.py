"""A mobility's history: its own changes, and the files kept for it, uploaded and deleted."""

from django.utils.translation import gettext as _

from core.history import SHOWN, Change, history_of, who_did

from .models import Mobility, MobilityFile


def mobility_history(mobility: Mobility, *, shown: int = SHOWN) -> list[Change]:
    """The latest changes, newest first."""
    changes = history_of(mobility, shown=shown) + file_events(mobility, shown=shown)
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:shown]


def file_events(mobility: Mobility, *, shown: int = SHOWN) -> list[Change]:
    records = (
        MobilityFile.history.filter(mobility_id=mobility.pk, history_type__in=["+", "-"])
        .select_related("history_user")
        .order_by("-history_date")[:shown]
    )
    kinds = dict(MobilityFile.Kind.choices)
    events = []
    for record in records:
        values = {"name": record.original_name, "kind": kinds.get(record.kind, record.kind)}
        if record.history_type == "+":
            summary = _("File “%(name)s” (%(kind)s) uploaded") % values
        else:
            summary = _("File “%(name)s” (%(kind)s) deleted") % values
        who = who_did(record.history_user)
        events.append(Change(record.history_date, who, created=False, summary=summary))
    return events
