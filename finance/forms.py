from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms import DATE_INPUT

from .models import Reduction

AMOUNT_ATTRS = {"inputmode": "decimal", "autocomplete": "off"}


def amount_field(label, *, required: bool = True) -> forms.DecimalField:
    # Localised: a Latvian coordinator types "560,50".
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0.01"),
        localize=True,
        widget=forms.TextInput(attrs=AMOUNT_ATTRS),
    )


class TransferForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE_INPUT)
    amount = amount_field(_("Amount (EUR)"))
    reference = forms.CharField(
        label=_("Reference"),
        max_length=140,
        help_text=_("The line of the bank statement, e.g. its transaction number."),
    )


class ReductionForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Reduction.Reason.choices)
    explanation = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the payments for the national agency."),
    )
    last_day = forms.DateField(
        label=_("Last day of the stay"),
        required=False,
        widget=DATE_INPUT,
        help_text=_(
            "When the stay ended early. Under force majeure the participant keeps the grant "
            "of the days spent, and the reduction is computed from this day."
        ),
    )
    amount = amount_field(_("Reduction (EUR)"), required=False)

    def clean(self):
        data = super().clean()
        force_majeure = data.get("reason") == Reduction.Reason.FORCE_MAJEURE
        if not force_majeure and not data.get("amount") and "amount" not in self.errors:
            self.add_error("amount", _("Give the amount to reduce."))
        return data
