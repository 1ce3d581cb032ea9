from django import forms
from django.utils.translation import gettext_lazy as _

from projects.forms import DATE_INPUT

from .models import Recognition, UnitAssessment, UnitResult
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
