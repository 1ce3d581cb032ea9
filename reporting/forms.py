from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import (
    MOBILITY_KINDS,
    NARRATIVE_MAX_LENGTH,
    DocumentKind,
    DocumentLanguage,
    GrantAgreementTerms,
    LearningAgreementDetails,
)


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

    def __init__(self, *args, kinds=MOBILITY_KINDS, **kwargs):
        kwargs.setdefault("initial", {"language": _default_language()})
        super().__init__(*args, **kwargs)
        labels = dict(DocumentKind.choices)
        self.fields["kind"].choices = [(kind, labels[kind]) for kind in kinds]


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


class FinalReportAnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=NARRATIVE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": _(
                "An answer has at most %(limit_value)d characters (it has %(show_value)d)."
            )
        },
    )
