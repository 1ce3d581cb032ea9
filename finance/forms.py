from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from budget.choices import BudgetCategory
from projects.forms import DATE_INPUT

from .models import Cost, Reduction

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


class CostForm(forms.Form):
    mobility = forms.ModelChoiceField(
        label=_("Mobility"),
        queryset=None,
        required=False,
        empty_label=_("— the project as a whole —"),
    )
    kind = forms.ChoiceField(label=_("What"), choices=Cost.Kind.choices)
    category = forms.ChoiceField(
        label=_("Budget category"),
        required=False,
        help_text=_(
            "Leave empty for the usual one: tickets are travel, accommodation "
            "individual support, and so on."
        ),
    )
    supplier = forms.CharField(label=_("Supplier"), max_length=200)
    invoice_number = forms.CharField(label=_("Invoice number"), max_length=100, required=False)
    invoice_date = forms.DateField(label=_("Invoice date"), widget=DATE_INPUT)
    amount = amount_field(_("Amount"))
    currency = forms.CharField(
        label=_("Currency"),
        max_length=3,
        initial="EUR",
        help_text=_("The three letters of the invoice's currency: EUR, GBP, SEK…"),
    )
    exchange_rate = forms.DecimalField(
        label=_("Exchange rate (per 1 EUR)"),
        required=False,
        max_digits=14,
        decimal_places=6,
        min_value=Decimal("0.000001"),
        localize=True,
        widget=forms.TextInput(attrs=AMOUNT_ATTRS),
        help_text=_(
            "For another currency: how much of it one euro bought on the day you choose "
            "(the European Central Bank's rate, for example). Not needed for euros."
        ),
    )
    paid_on = forms.DateField(
        label=_("Paid on"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Leave empty while the invoice is not paid."),
    )
    invoice = forms.FileField(label=_("Invoice (PDF, JPEG or PNG)"), required=False)
    proof_of_payment = forms.FileField(
        label=_("Proof of payment (PDF, JPEG or PNG)"), required=False
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        mobilities = project.mobilities.select_related("participant").order_by("number")
        self.fields["mobility"].queryset = mobilities
        self.fields["mobility"].label_from_instance = lambda m: f"{m.number} · {m.participant}"
        self.fields["category"].choices = [
            ("", _("As usual for what it is")),
            *BudgetCategory.choices,
        ]

    def clean_currency(self):
        currency = self.cleaned_data["currency"].strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise forms.ValidationError(_("Give the currency as three letters, e.g. EUR."))
        return currency

    def clean(self):
        data = super().clean()
        currency, rate = data.get("currency"), data.get("exchange_rate")
        if currency and currency != "EUR" and not rate and "exchange_rate" not in self.errors:
            self.add_error(
                "exchange_rate",
                _("Give the rate of %(currency)s to the euro on the day you choose.")
                % {"currency": currency},
            )
        if currency == "EUR":
            data["exchange_rate"] = Decimal("1")
        return data


class FinanceRulesForm(forms.Form):
    organisational_support_limit_percent = forms.IntegerField(
        label=_("Organisational support the school may use (percentage of its income)"),
        min_value=0,
        max_value=100,
        help_text=_(
            "A rule of the project's quality standards, not of the Programme Guide: a "
            "warning appears when the school's costs of organisational support exceed it."
        ),
    )
    transfer_out_limit_percent = forms.IntegerField(
        label=_("At most this share of a category's award may move to other categories (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_(
            "A project setting: the domain reference states no such limit. Enter the one of "
            "your grant agreement, or leave it empty when it has none."
        ),
    )
    transfer_in_limit_percent = forms.IntegerField(
        label=_("A category may grow by at most this share of its award through transfers (%)"),
        required=False,
        min_value=0,
        max_value=1000,
        help_text=_(
            "A project setting: the domain reference states no such limit. Enter the one of "
            "your grant agreement, or leave it empty when it has none."
        ),
    )

    FIELDS = (
        "organisational_support_limit_percent",
        "transfer_out_limit_percent",
        "transfer_in_limit_percent",
    )
