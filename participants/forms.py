from django import forms
from django.utils.translation import gettext_lazy as _

from core.revisions import RevisedModelForm
from core.sections import field_names, form_sections
from projects.forms import DATE_INPUT, OrganisationChoiceMixin

from .fields import SECTIONS as PARTICIPANT_SECTIONS
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
        fields = field_names(PARTICIPANT_SECTIONS)
        widgets = {
            "date_of_birth": DATE_INPUT,
            "graduation_date": DATE_INPUT,
            "support_needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_organisations(organisations)
        self.fields["kind"].widget.attrs["data-kind-switch"] = ""

    SECTIONS = form_sections(PARTICIPANT_SECTIONS)

    def section(self, name):
        return [self[field] for field in self.SECTIONS[name]]
