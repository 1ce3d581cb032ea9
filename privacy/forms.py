"""The forms of the erasure pages: the reason of an erasure on request, and the
confirmation of a project's erasure after its retention period."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import REASON_MAX_LENGTH


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason of the erasure"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason of the erasure.")},
        help_text=_(
            "E.g. the date and form of the person's request. It is kept with the record of "
            "the erasure: do not write the person's name."
        ),
    )


class RetentionEraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked the list: erase this personal data of the project."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )
