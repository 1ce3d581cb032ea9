from django import forms
from django.utils.translation import gettext_lazy as _

from core.revisions import AdminRevisedModelForm, RevisedModelForm
from core.sections import field_names, form_sections
from participants.models import Participant
from projects.forms import DATE_INPUT
from projects.models import PartnerOrganisation

from .fields import SECTIONS as MOBILITY_SECTIONS
from .models import (
    EuropassStatus,
    Mobility,
    MobilityFile,
    MobilityGroup,
    MonitoringNote,
    PreparationItem,
)
from .validation import goal_problems


class MobilityGoalsFormMixin:
    """Goals are many-to-many, so the model's clean() cannot see them: the form checks
    that the mobility serves at least one goal of its project's Erasmus plan."""

    def clean(self):
        cleaned = super().clean()
        project = cleaned.get("project") or getattr(self.instance, "project", None)
        if project is not None and "goals" in self.fields:
            for field, message in goal_problems(project, list(cleaned.get("goals") or [])):
                self.add_error(field, message)
        return cleaned


class DestinationFromHostFormMixin:
    """The destination may be left empty when a host is chosen: it is where the host is
    (the form's script fills it in as the host is picked; this is for the form without
    script, and the admin's)."""

    DESTINATION = ("destination_city", "destination_country")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.DESTINATION:
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        host = cleaned.get("host")
        for name in self.DESTINATION:
            if name not in self.fields or cleaned.get(name) or name in self.errors:
                continue
            if host is not None:
                cleaned[name] = host.country.code if name == "destination_country" else host.city
            if not cleaned.get(name):
                self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned


class MobilityAdminForm(
    DestinationFromHostFormMixin, MobilityGoalsFormMixin, AdminRevisedModelForm
):
    """The admin builds the fields from its fieldsets."""


MONEY_INPUT = forms.NumberInput(attrs={"step": "0.01", "min": "0"})


class HostSelect(forms.Select):
    """Each host carries its city and country code, which the form's script copies into
    the destination as the host is picked (static/js/mobility-form.js)."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-fills-destination": "", **(attrs or {})}, choices)

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        host = getattr(value, "instance", None)
        if host is not None:
            option["attrs"]["data-city"] = host.city
            option["attrs"]["data-country"] = host.country.code
        return option


class MobilityForm(DestinationFromHostFormMixin, MobilityGoalsFormMixin, RevisedModelForm):
    """A mobility of one project: every choice is limited to the project's organisation."""

    SECTIONS = form_sections(MOBILITY_SECTIONS)

    class Meta:
        model = Mobility
        fields = field_names(MOBILITY_SECTIONS)
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "host": HostSelect,
            "goals": forms.CheckboxSelectMultiple,
            "short_duration_justification": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "expensive_travel_real_cost": MONEY_INPUT,
            "financial_guarantee": MONEY_INPUT,
            "visa_and_medical": MONEY_INPUT,
            "inclusion_support_real_costs": MONEY_INPUT,
        }

    def __init__(self, *args, project, instance=None, **kwargs):
        if instance is None or instance.pk is None:
            # A new mobility usually leaves from the school, with two travel days.
            instance = instance or Mobility(project=project)
            instance.origin_city = instance.origin_city or project.organisation.city
            instance.origin_country = instance.origin_country or project.organisation.country
            instance.travel_days = instance.travel_days or 2
        super().__init__(*args, instance=instance, **kwargs)
        self.instance.project = project
        organisation = project.organisation_id
        self.fields["participant"].queryset = Participant.objects.filter(
            organisation_id=organisation
        )
        partners = PartnerOrganisation.objects.filter(organisation_id=organisation)
        self.fields["host"].queryset = partners
        self.fields["sending_partner"].queryset = partners
        self.fields["group"].queryset = MobilityGroup.objects.filter(project=project)
        self.fields["goals"].queryset = project.erasmus_plan.goals.all()
        # The mixin explains the rule (at least one goal of the plan) better than "required".
        self.fields["goals"].required = False

    def section(self, name):
        return [self[field] for field in self.SECTIONS[name]]

    def mobility_fields(self) -> dict:
        """The cleaned values the mobility services take, goals apart."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "goals"}


class MobilityGroupForm(forms.ModelForm):
    class Meta:
        model = MobilityGroup
        fields = ["name", "activity_type", "common_programme"]
        widgets = {"common_programme": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project


class PreparationItemForm(forms.ModelForm):
    class Meta:
        model = PreparationItem
        fields = ["kind", "title", "due_date", "owner", "status", "note"]
        widgets = {"due_date": DATE_INPUT, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class MonitoringNoteForm(forms.ModelForm):
    class Meta:
        model = MonitoringNote
        fields = ["written_on", "text"]
        widgets = {"written_on": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 3})}


class MobilityFileForm(forms.ModelForm):
    class Meta:
        model = MobilityFile
        fields = ["kind", "file"]
        labels = {"file": _("File (PDF, JPEG or PNG)")}


class EuropassForm(forms.Form):
    """A learner's Europass Mobility: where it stands, and the day it was issued."""

    europass_status = forms.ChoiceField(
        label=_("Europass Mobility"),
        choices=EuropassStatus.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        error_messages={"invalid_choice": _("Choose not started, requested or issued.")},
    )
    europass_issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DATE_INPUT)
