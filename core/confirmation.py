"""The page every destructive action shows first. A GET names the object, what will be
lost and what is kept, or why it cannot be done; the action itself is the POST of the
page's form, so asking works without JavaScript."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class Confirmation:
    question: str
    confirm_label: str
    cancel_url: str
    cancel_label: "StrOrPromise" = _("Cancel")
    facts: list[tuple[str, str]] = field(default_factory=list)
    losses: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    # Why the action is refused, and what stands in its way; nothing to confirm then.
    refusal: str = ""
    blockers: list[str] = field(default_factory=list)


def render_confirmation(request: HttpRequest, confirmation: Confirmation) -> HttpResponse:
    return render(request, "confirm.html", {"confirmation": confirmation})


# Rows ticked "Delete" in a formset: the page names them and asks again before saving.
CONFIRM_DELETIONS = "confirm_deletions"


_Record = TypeVar("_Record", bound=Model)
_Record_co = TypeVar("_Record_co", bound=Model, covariant=True)


class _RecordForm(Protocol[_Record_co]):
    """A form of a model formset: the record it edits."""

    @property
    def instance(self) -> _Record_co: ...


class _RecordFormSet(Protocol[_Record_co]):
    """A model formset, validated: the forms ticked "Delete"."""

    @property
    def deleted_forms(self) -> Sequence[_RecordForm[_Record_co]]: ...


def unconfirmed_deletions(
    request: HttpRequest,
    formset: _RecordFormSet[_Record],
    describe: Callable[[_Record], str] = str,
) -> list[str]:
    """What a valid formset would delete, while it was not sent with the button that
    confirms it; the page then names each, keeping everything typed, and asks again."""
    if request.POST.get(CONFIRM_DELETIONS):
        return []
    return [describe(form.instance) for form in formset.deleted_forms if form.instance.pk]
