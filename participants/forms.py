from django import forms
from django.utils.translation import gettext_lazy as _

from core.revisions import RevisedModelForm
from projects.forms import DATE_INPUT, OrganisationChoiceMixin

from .models import FewerOpportunitiesCategory, Participant


def categories_field() -> forms.MultipleChoiceField:
    """The fewer-opportunities categories as checkboxes, stored as a JSON list."""
    return forms.MultipleChoiceField(
        label=_("fewer-opportunities categories"),
        choices=FewerOpportunitiesCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ParticipantForm(OrganisationChoiceMixin, RevisedModelForm):
    fewer_opportunities_categories = categories_field()

    class Meta:
        model = Participant
        fields = [
            "organisation",
            "kind",
            "first_name",
            "last_name",
            "date_of_birth",
            "gender",
            "nationality",
            "national_id",
            "email",
            "phone",
            "city",
            "address",
            "iban",
            "vet_programme",
            "qualification",
            "eqf_level",
            "learner_status",
            "graduation_date",
            "compulsory_service_months",
            "position",
            "employment_documented",
            "guardian_name",
            "guardian_email",
            "guardian_phone",
            "fewer_opportunities",
            "fewer_opportunities_categories",
            "support_needs",
        ]
        widgets = {
            "date_of_birth": DATE_INPUT,
            "graduation_date": DATE_INPUT,
            "support_needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_organisations(organisations)
        self.fields["kind"].widget.attrs["data-kind-switch"] = ""

    SECTIONS = {
        "person": [
            "organisation",
            "kind",
            "first_name",
            "last_name",
            "date_of_birth",
            "gender",
            "nationality",
            "national_id",
            "email",
            "phone",
            "city",
            "address",
            "iban",
        ],
        "learner": [
            "vet_programme",
            "qualification",
            "eqf_level",
            "learner_status",
            "graduation_date",
            "compulsory_service_months",
        ],
        "staff": ["position", "employment_documented"],
        "guardian": ["guardian_name", "guardian_email", "guardian_phone"],
        "fewer_opportunities": [
            "fewer_opportunities",
            "fewer_opportunities_categories",
            "support_needs",
        ],
    }

    def section(self, name):
        return [self[field] for field in self.SECTIONS[name]]
