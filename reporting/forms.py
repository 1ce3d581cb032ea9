from django import forms
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from budget.choices import Handling

from .models import (
    IN_KIND_NOTE_MAX_LENGTH,
    MOBILITY_KINDS,
    DocumentKind,
    DocumentLanguage,
    GrantAgreementTerms,
    LearningAgreementDetails,
    LearningOutcomeUnit,
)
from .models.documents import section_limit
from .share import EDITABLE_HEADS, default_note


def _default_language() -> str:
    language = (get_language() or "lv")[:2]
    return language if language in DocumentLanguage.values else DocumentLanguage.LATVIAN


class DocumentRequestForm(forms.Form):
    """Which document, in which language; `kinds` limits the documents offered."""

    kind = forms.ChoiceField(
        label=_("Document"),
        error_messages={"invalid_choice": _("Choose one of the documents offered.")},
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=DocumentLanguage.choices,
        error_messages={"invalid_choice": _("Choose Latvian or English.")},
    )

    def __init__(self, *args, kinds=MOBILITY_KINDS, early_issue=False, **kwargs):
        kwargs.setdefault("initial", {"language": _default_language()})
        super().__init__(*args, **kwargs)
        labels = dict(DocumentKind.choices)
        self.fields["kind"].choices = [(kind, labels[kind]) for kind in kinds]
        if early_issue:
            # One mobility's certificate of attendance, before its end date.
            self.fields["issue_early"] = forms.BooleanField(
                label=_("Issue the certificate of attendance before the end date"),
                help_text=_(
                    "Only for a completed mobility (the participant came back early). "
                    "The portal records that you confirmed it."
                ),
                required=False,
            )


class GrantAgreementTermsForm(forms.ModelForm):
    class Meta:
        model = GrantAgreementTerms
        fields = [
            "prefinancing_percent",
            "prefinancing_days_before_departure",
            "balance_days_after_report",
            "representative_name",
            "representative_position",
        ]


class LearningAgreementDetailsForm(forms.ModelForm):
    class Meta:
        model = LearningAgreementDetails
        fields = [
            "learning_outcomes",
            "sending_mentor_name",
            "sending_mentor_contact",
            "host_mentor_name",
            "host_mentor_contact",
            "sending_responsibilities",
            "host_responsibilities",
            "learner_responsibilities",
            "insurance",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "learning_outcomes",
                "sending_responsibilities",
                "host_responsibilities",
                "learner_responsibilities",
                "insurance",
            )
        }


class LearningOutcomeUnitForm(forms.ModelForm):
    # Which of the agreement's units the row is (empty for a new one): the unit keeps its
    # assessment when its text changes or the units before it are removed.
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = LearningOutcomeUnit
        fields = ["title", "outcomes", "assessment", "assessed_by", "ecvet_points"]
        widgets = {
            "outcomes": forms.Textarea(attrs={"rows": 3}),
            "assessment": forms.Textarea(attrs={"rows": 2}),
        }


# One empty row to add a unit each time; a ticked "Delete" removes one.
LearningOutcomeUnitFormSet = forms.formset_factory(
    LearningOutcomeUnitForm, extra=1, can_delete=True, max_num=20, validate_max=True
)


def unit_formset(units, data=None):
    initial = [
        {field: getattr(unit, field) for field in ("id", *LearningOutcomeUnitForm.Meta.fields)}
        for unit in units
    ]
    return LearningOutcomeUnitFormSet(data, initial=initial, prefix="units")


def unit_rows(formset) -> list[dict]:
    """The units kept, in the order of the form, without the deleted and empty rows."""
    return [
        {field: form.cleaned_data[field] for field in ("id", *LearningOutcomeUnitForm.Meta.fields)}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class FinalReportAnswerForm(forms.Form):
    """The answer to one question, at most the question's limit of characters; the page
    counts them as the coordinator types (static/js/char-count.js)."""

    def __init__(self, *args, section: str, **kwargs):
        super().__init__(*args, **kwargs)
        limit = section_limit(section)
        self.fields["text"] = forms.CharField(
            label=_("Answer"),
            required=False,
            max_length=limit,
            widget=forms.Textarea(attrs={"rows": 6, "data-limit": str(limit)}),
            error_messages={
                "max_length": ngettext_lazy(
                    "An answer has at most %(limit_value)d character (it has %(show_value)d).",
                    "An answer has at most %(limit_value)d characters (it has %(show_value)d).",
                    "limit_value",
                )
            },
        )
        self.limit = limit

    def count(self) -> int:
        """The characters of the answer as it stands in the form."""
        value = self["text"].value() or ""
        return len(str(value))

class GrantShareForm(forms.Form):
    """Who receives each part of the grant: for the project (`base` None), or for one
    mobility, where an empty choice keeps the project's rule (`base`, per head)."""

    def __init__(self, *args, rules, base=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_mobility = base is not None
        labels = dict(Handling.choices)
        for head in EDITABLE_HEADS:
            choices = list(Handling.choices)
            if self.for_mobility:
                project_label = labels[base[head.value].handling]
                choices = [("", _("As the project: %(rule)s") % {"rule": project_label}), *choices]
            rule = rules[head.value]
            self.fields[head.value] = forms.ChoiceField(
                label=head.label,
                choices=choices,
                required=not self.for_mobility,
                initial=rule.handling if (rule.overridden or not self.for_mobility) else "",
                error_messages={
                    "invalid_choice": _(
                        "Choose paid to the participant, provided in kind or kept."
                    ),
                    "required": _("Choose paid to the participant, provided in kind or kept."),
                },
            )
            self.fields[f"{head.value}_note"] = forms.CharField(
                label=_("What is provided: %(part)s") % {"part": head.label},
                required=False,
                max_length=IN_KIND_NOTE_MAX_LENGTH,
                initial=rule.note if (rule.overridden or not self.for_mobility) else "",
                widget=forms.TextInput(attrs={"placeholder": default_note(head.value)}),
                error_messages={"max_length": _("Say what is provided in at most 300 characters.")},
            )

    def rows(self):
        """(head label, choice field, note field) per part, for the template's table."""
        return [
            (head.label, self[head.value], self[f"{head.value}_note"]) for head in EDITABLE_HEADS
        ]

    def rules(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            head.value: (data.get(head.value) or "", data.get(f"{head.value}_note") or "")
            for head in EDITABLE_HEADS
        }
