"""Edits that cannot overwrite each other. A record edited in forms has a `revision`; every
save raises it by one with a compare-and-set (`UPDATE ... SET revision = n + 1 WHERE id = ...
AND revision = n`) in the save's transaction, before the row is written. An instance read
at an older revision therefore saves nothing and raises EditConflict, whichever path saves
it (forms, the admin, imports, services). Forms carry the revision they were opened at in a
hidden field; on a conflict they come back with the user's input and say who changed what
since, from the history."""

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, router, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .history import AnyField, Change, changes_since, record_at, value_text


class EditConflict(Exception):
    """`instance` was read at `seen`; the row is at `current` now (None: deleted)."""

    def __init__(self, instance: "RevisedModel", seen: int, current: int | None):
        super().__init__(f"{instance._meta.label} {instance.pk}: revision {seen}, now {current}")
        self.instance, self.seen, self.current = instance, seen, current


def current_revision(instance: "RevisedModel") -> int | None:
    rows = type(instance)._base_manager.filter(pk=instance.pk)
    return rows.values_list("revision", flat=True).first()


class RevisedModel(models.Model):
    revision = models.PositiveIntegerField(gettext_lazy("revision"), default=1, editable=False)

    if TYPE_CHECKING:
        # Every revised model keeps its history (`history = HistoricalRecords()`), which
        # tells a form who changed what since it was opened (django-simple-history is
        # untyped: its manager's records are read as core.history.HistoricalRecord).
        history: models.Manager[Any]

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            self._claim_revision(using)
            super().save(*args, **kwargs)

    def _claim_revision(self, using: str) -> None:
        """The compare-and-set: it also locks the row until the transaction ends, so of two
        saves from the same revision exactly one wins, on PostgreSQL as on SQLite."""
        seen = self.revision
        rows = type(self)._base_manager.using(using).filter(pk=self.pk, revision=seen)
        if not rows.update(revision=seen + 1):
            raise EditConflict(self, seen, current_revision(self))
        self.revision = seen + 1


CONFLICT = gettext_lazy(
    "Someone else saved this record after you opened the form, so your changes are not saved yet:"
)
OUT_OF_DATE = gettext_lazy(
    "This form was sent without the version it was opened at: check the values and save again."
)


if TYPE_CHECKING:
    _RevisedModelFormBase = forms.ModelForm[RevisedModel]
    _AdminBase = admin.ModelAdmin[models.Model]
else:
    _RevisedModelFormBase = forms.ModelForm
    _AdminBase = object  # the ModelAdmin the mixin is combined with


class RevisedModelForm(_RevisedModelFormBase):
    """A model form that saves against the revision it was opened at (`seen_revision`,
    hidden). A mismatch, found here or by the save itself, becomes `conflict`: what others
    changed meanwhile. The form then comes back based on the current revision, so that
    saving again after a review goes through: a field only the others changed shows their
    value, a field both changed keeps the input and says what the others put there."""

    seen_revision = forms.CharField(widget=forms.HiddenInput, required=False)
    # Without it (a page from before, a script) nothing says what an edit was based on.
    requires_revision = True
    conflict_hidden_fields: tuple[str, ...] = ()
    _data_is_copy = False  # once the submitted data was copied, to be changed (_mutable_data)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen_revision"].initial = self.instance.revision
        self.conflict: list[str] = []

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        # A clean() that returns None leaves cleaned_data as it was, as in Django's forms.
        sent = (self.cleaned_data if cleaned is None else cleaned).get("seen_revision") or ""
        seen = int(sent) if sent.isdigit() else None
        current = current_revision(self.instance)
        if seen is None:
            if self.requires_revision:
                self._rebase(current)
                raise ValidationError(OUT_OF_DATE, code="out_of_date")
            return cleaned
        if current is not None and seen != current:
            raise self._conflict_error(EditConflict(self.instance, seen, current))
        self.instance.revision = seen
        return cleaned

    def report_conflict(self, conflict: EditConflict) -> None:
        """For a conflict the save found: the form shows it as if its own check had."""
        self.add_error(None, self._conflict_error(conflict))

    def _conflict_error(self, conflict: EditConflict) -> ValidationError:
        """What others saved since the form was opened; the form is rebased past it."""
        self.conflict = conflict_lines(conflict, hidden=self.conflict_hidden_fields)
        if conflict.current is not None:
            self._merge(conflict.seen)
        self._rebase(conflict.current)
        return ValidationError([CONFLICT, *self.conflict], code="edit_conflict")

    def _merge(self, seen: int) -> None:
        before = record_at(self.instance, seen)
        if before is None:
            return
        now = type(self.instance)._base_manager.get(pk=self.instance.pk)
        cleaned: dict[str, Any] = getattr(self, "cleaned_data", {})
        for name, field in self._merged_fields():
            theirs, old = field.value_from_object(now), getattr(before, field.attname)
            if name not in cleaned or theirs == old:
                continue
            mine = cleaned[name]
            mine = mine.pk if isinstance(mine, models.Model) else mine
            if mine == old:
                self._set_data(name, theirs)
            elif mine != theirs:
                message = _("Changed meanwhile to %(value)s; your value is kept: check it.")
                self.add_error(name, message % {"value": value_text(now, field)})

    def _merged_fields(self) -> Iterator[tuple[str, AnyField]]:
        """The form's fields stored in the record's own row (not many-to-many ones)."""
        kept = {f.attname for f in self.instance.history.model._meta.concrete_fields}
        for name, form_field in self.fields.items():
            try:
                field = self.instance._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not isinstance(field, models.Field):  # a relation's other side: not concrete
                continue
            stored = field.concrete and not field.many_to_many and field.attname in kept
            if stored and not form_field.disabled:
                yield name, field

    def _set_data(self, name: str, value: object) -> None:
        """The form shows `value` for `name`, as a browser would have sent it."""
        field, key = self.fields[name], self.add_prefix(name)
        data = self._mutable_data()
        if isinstance(field.widget, forms.CheckboxInput):
            data.setlist(key, ["on"] if value else [])
            return
        shown = field.widget.format_value(field.prepare_value(value))
        data.setlist(key, shown if isinstance(shown, list) else ["" if shown is None else shown])

    def _rebase(self, revision: int | None) -> None:
        if revision is None or not self.is_bound:
            return
        self._mutable_data()[self.add_prefix("seen_revision")] = str(revision)

    def _mutable_data(self) -> QueryDict:
        """The submitted data, as a copy the form may change (once copied, kept)."""
        if self._data_is_copy and isinstance(self.data, QueryDict):
            return self.data
        if isinstance(self.data, QueryDict):
            data = self.data.copy()
        else:
            data = QueryDict(mutable=True)
            for key, value in self.data.items():
                data.setlist(key, list(value) if isinstance(value, list | tuple) else [value])
        self.data, self._data_is_copy = data, True
        return data


def conflict_lines(conflict: EditConflict, *, hidden: tuple[str, ...] = ()) -> list[str]:
    """One sentence per field someone changed since `conflict.seen`, oldest first."""
    if conflict.current is None:
        return [_("It was deleted in the meantime.")]
    changes = changes_since(conflict.instance, conflict.seen, hidden=hidden)
    lines = [
        _("%(who)s changed %(field)s from %(old)s to %(new)s %(when)s.")
        % {"who": change.who, "field": capfirst(label), "old": old, "new": new, **_when(change)}
        for change in changes
        for label, old, new in change.fields
    ]
    if lines or not changes:
        return lines or [_("Someone saved it in the meantime.")]
    # Saved without a change of the fields shown (e.g. only its goals).
    return [_("%(who)s saved it %(when)s.") % {"who": changes[-1].who, **_when(changes[-1])}]


def _when(change: Change) -> dict[str, str]:
    local = timezone.localtime(change.when)
    if local.date() == timezone.localdate():
        return {"when": _("at %(time)s") % {"time": date_format(local, "TIME_FORMAT")}}
    return {
        "when": _("on %(day)s at %(time)s")
        % {
            "day": date_format(local, "SHORT_DATE_FORMAT"),
            "time": date_format(local, "TIME_FORMAT"),
        }
    }


class AdminRevisedModelForm(RevisedModelForm):
    # The admin's pages send the revision; a script posting to the admin may not, and is
    # then checked only against the revision read in its own request.
    requires_revision = False


class RevisionAdminMixin(_AdminBase):
    """A ModelAdmin of a revised model, with an AdminRevisedModelForm: the form refuses a
    page opened at an older revision; a save that loses the race after that check is
    reported as such (the admin's view runs in one transaction, so nothing is saved)."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict as conflict:
            message = " ".join([str(CONFLICT), *conflict_lines(conflict)])
            self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
