from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms import DATE_INPUT

from .models import (
    CefrLevel,
    OlsAssessment,
    QuestionKind,
    Recognition,
    SurveyQuestion,
    UnitAssessment,
    UnitResult,
)
from .models.surveys import ANSWER_MAX_LENGTH, SCALE_MAX, SCALE_MIN
from .services import ASSESSMENT_FIELDS, RECOGNITION_FIELDS

NEEDED_WITH_A_RESULT = ("method", "assessed_by", "assessed_on")


class UnitAssessmentForm(forms.ModelForm):
    """One unit's assessment; left without a result, the unit is not assessed yet."""

    result = forms.ChoiceField(
        label=_("Result"),
        required=False,
        choices=[("", _("Not assessed yet")), *UnitResult.choices],
    )

    class Meta:
        model = UnitAssessment
        fields = ASSESSMENT_FIELDS
        widgets = {
            "assessed_on": DATE_INPUT,
            "mentor_assessment": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in NEEDED_WITH_A_RESULT:
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        if data.get("result"):
            for name in NEEDED_WITH_A_RESULT:
                if not data.get(name):
                    self.add_error(name, _("Needed with a result."))
        return data


class RecognitionForm(forms.ModelForm):
    class Meta:
        model = Recognition
        fields = RECOGNITION_FIELDS
        widgets = {"decided_on": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 2})}
        localized_fields = ["ecvet_points"]


class OlsAssessmentForm(forms.ModelForm):
    """Left without a level before, the participant has no OLS assessment."""

    class Meta:
        model = OlsAssessment
        fields = ["language", "level_before", "level_after"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].required = False


class SurveyQuestionForm(forms.ModelForm):
    class Meta:
        model = SurveyQuestion
        fields = ["position", "kind", "text_lv", "text_en", "required"]


class SurveyForm(forms.Form):
    """A questionnaire as the participant answers it: one field per question, named
    q<id>, labelled in the reader's language."""

    def __init__(self, questions, language: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"q{question.pk}"] = _survey_field(question, language)


def _survey_field(question, language: str) -> forms.Field:
    label = question.text(language)
    required = question.required
    if question.kind == QuestionKind.LANGUAGE_LEVEL:
        choices = [(level, _level_label(level)) for level in CefrLevel.values]
        return forms.ChoiceField(
            label=label, choices=choices, required=required, widget=forms.RadioSelect
        )
    if question.kind == QuestionKind.SCALE:
        choices = [(str(n), str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)]
        return forms.ChoiceField(
            label=label, choices=choices, required=required, widget=forms.RadioSelect
        )
    return forms.CharField(
        label=label,
        required=required,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


LEVEL_LABELS = {
    "A1": _("A1 – I understand and use everyday expressions"),
    "A2": _("A2 – I manage simple, routine tasks"),
    "B1": _("B1 – I manage most situations at work and when travelling"),
    "B2": _("B2 – I talk with native speakers without strain"),
    "C1": _("C1 – I use the language flexibly at work"),
    "C2": _("C2 – I understand practically everything"),
}


def _level_label(level: str):
    return LEVEL_LABELS[level]
