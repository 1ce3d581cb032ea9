from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms import DATE_INPUT

from .dissemination import EVENT_FIELDS, TRANSFER_FIELDS
from .models import (
    CefrLevel,
    DisseminationEvent,
    LearningTransfer,
    OlsAssessment,
    QuestionKind,
    Reach,
    Recognition,
    SurveyQuestion,
    UnitAssessment,
    UnitResult,
)
from .models.dissemination import MAX_AUDIENCE
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


class DisseminationEventForm(forms.ModelForm):
    """An event of the project: the mobility and the goal offered are the project's."""

    evidence_file = forms.FileField(
        label=_("Evidence file (a photo or a PDF: JPEG, PNG or PDF)"), required=False
    )

    evidence_url = forms.URLField(
        label=_("Link to the evidence"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=DisseminationEvent._meta.get_field("evidence_url").help_text,
    )

    class Meta:
        model = DisseminationEvent
        fields = EVENT_FIELDS
        widgets = {
            "held_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
            "audience_size": forms.NumberInput(
                attrs={"min": 1, "max": MAX_AUDIENCE, "inputmode": "numeric"}
            ),
            "reach": forms.RadioSelect,
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        mobility = self.fields["mobility"]
        mobility.queryset = project.mobilities.select_related("participant").order_by("number")
        mobility.label_from_instance = lambda m: f"{m.number} · {m.participant}"
        mobility.empty_label = _("— none —")
        goal = self.fields["goal"]
        goal.queryset = project.erasmus_plan.goals.order_by("number")
        goal.empty_label = _("— none —")
        self.fields["reach"].choices = Reach.choices  # two radio buttons, no empty one


class LearningTransferForm(forms.ModelForm):
    class Meta:
        model = LearningTransfer
        fields = TRANSFER_FIELDS
        widgets = {
            "applied_from": DATE_INPUT,
            "changes": forms.Textarea(attrs={"rows": 4}),
            "reached": forms.Textarea(attrs={"rows": 2}),
        }
