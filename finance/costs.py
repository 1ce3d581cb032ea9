"""Recording the school's real costs: each with its supplier, date, amount and currency
(converted to euros at the rate the coordinator gives, never fetched), paid or not, and
its invoice and proof of payment (checked like every upload, mobilities/uploads.py).
Files are written before the transaction and removed if the row cannot be saved."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.money import round_half_up
from mobilities.uploads import checked_content_type

from .models import Cost

# The budget category a kind of cost usually comes out of, when none is given.
DEFAULT_CATEGORY = {
    Cost.Kind.TICKETS: "travel",
    Cost.Kind.ACCOMMODATION: "individual_support",
    Cost.Kind.SUBSISTENCE: "individual_support",
    Cost.Kind.INSURANCE: "organisational_support",
    Cost.Kind.COURSE_FEES: "course_fees",
    Cost.Kind.LANGUAGE_COURSE: "linguistic_support",
    Cost.Kind.VISA: "exceptional_costs",
    Cost.Kind.STAFF_TIME: "organisational_support",
    Cost.Kind.OTHER: "organisational_support",
}
FIELDS = (
    "mobility",
    "kind",
    "category",
    "supplier",
    "invoice_number",
    "invoice_date",
    "amount",
    "currency",
    "exchange_rate",
    "paid_on",
    "note",
)
FILES = {"invoice": "invoice_name", "proof_of_payment": "proof_of_payment_name"}


def _checked(upload, field: str) -> None:
    try:
        checked_content_type(upload)
    except ValidationError as error:
        raise ValidationError({field: error.message_dict["file"]}) from None


def cost_save(*, cost: Cost, data: Mapping[str, Any], files: Mapping[str, Any], user) -> Cost:
    """Create or change a cost from `data` (FIELDS) and `files` (new uploads of FILES);
    ValidationError naming the field otherwise."""
    for name in FIELDS:
        if name in data:
            setattr(cost, name, data[name])
    if data.get("mobility") is not None and data["mobility"].project_id != cost.project_id:
        raise ValidationError({"mobility": _("The mobility is not of this project.")})
    cost.currency = (cost.currency or "EUR").strip().upper()
    if cost.currency == "EUR":
        cost.exchange_rate = 1
    if not cost.category:
        cost.category = DEFAULT_CATEGORY[cost.kind]
    if cost.exchange_rate and cost.amount:
        cost.amount_eur = round_half_up(cost.amount / cost.exchange_rate)
    if cost.pk is None:
        cost.recorded_by = user
    uploads = {name: upload for name, upload in files.items() if name in FILES and upload}
    for name, upload in uploads.items():
        _checked(upload, name)
    cost.full_clean(exclude=list(FILES))
    replaced = {name: getattr(cost, name).name for name in uploads if getattr(cost, name)}
    written = []
    for name, upload in uploads.items():
        getattr(cost, name).save(upload.name or "upload", upload, save=False)
        setattr(cost, FILES[name], (upload.name or "")[-255:])
        written.append(getattr(cost, name))
    cost._history_user = user
    try:
        with transaction.atomic():
            cost.save()
    except BaseException:
        for stored in written:
            stored.storage.delete(stored.name)
        raise
    storage = Cost._meta.get_field("invoice").storage
    for old in replaced.values():
        transaction.on_commit(lambda old=old: storage.delete(old))
    return cost


@transaction.atomic
def cost_delete(*, cost: Cost, user) -> None:
    """Delete a cost recorded by mistake; its files go once the row is gone for good."""
    names = [getattr(cost, name).name for name in FILES if getattr(cost, name)]
    storage = Cost._meta.get_field("invoice").storage
    cost._history_user = user
    cost.delete()
    for name in names:
        transaction.on_commit(lambda name=name: storage.delete(name))
