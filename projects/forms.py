"""Forms of the coordinator's pages for plans, goals, projects and partners."""

from decimal import Decimal

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from budget.choices import BudgetCategory
from budget.rules import DEFAULT_INDIVIDUAL_SUPPORT_RATES
from core.dates import default_project_period
from core.revisions import RevisedModelForm

from .models import RATE_FIELDS, ErasmusPlan, Goal, GoalTarget, PartnerOrganisation, Project


class DateInput(forms.DateInput):
    """A date typed and shown as the portal's language writes it (01.03.2027. in Latvian,
    01/03/2027 in English), whatever the browser's language: a browser's date picker
    follows the browser's locale, where 01.03.2027 typed in an English browser became
    3 January. The first of DATE_INPUT_FORMATS (erasmus_portal/formats/) is the one
    shown; ISO dates are read too."""

    input_type = "text"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", gettext("dd/mm/yyyy"))
        context["widget"]["attrs"].setdefault("autocomplete", "off")
        return context


DATE_INPUT = DateInput()


class OrganisationChoiceMixin:
    """The organisation field offers the organisations the user coordinates, and
    disappears when there is only one."""

    def limit_organisations(self, organisations):
        field = self.fields["organisation"]
        field.queryset = organisations
        if self.instance.pk:
            field.disabled = True
        elif len(organisations) == 1:
            # The only choice: not asked, and not taken from the request either.
            self.initial["organisation"] = organisations[0].pk
            field.disabled = True
            field.widget = forms.HiddenInput()


class ErasmusPlanForm(OrganisationChoiceMixin, forms.ModelForm):
    class Meta:
        model = ErasmusPlan
        fields = ["organisation", "title", "start_year", "end_year"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_organisations(organisations)


class BaseGoalFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        deleted = {form.instance.pk for form in self.deleted_forms if form.instance.pk}
        stranded = _served_only_by(deleted) if deleted else []
        if stranded:
            raise forms.ValidationError(
                ngettext(
                    "%(count)d mobility would serve no goal of the plan: %(list)s. "
                    "Give it another goal first.",
                    "%(count)d mobilities would serve no goal of the plan: %(list)s. "
                    "Give them another goal first.",
                    len(stranded),
                )
                % {"count": len(stranded), "list": ", ".join(m.reference for m in stranded)}
            )


def _served_only_by(goal_ids: set[int]) -> list:
    """The mobilities whose every goal is among `goal_ids`: every mobility serves one."""
    mobilities = Goal.mobilities.field.model.objects
    serving = mobilities.filter(goals__in=goal_ids).distinct().select_related("project")
    return [
        mobility
        for mobility in serving.prefetch_related("goals").order_by("project_id", "number")
        if all(goal.pk in goal_ids for goal in mobility.goals.all())
    ]


GoalFormSet = inlineformset_factory(
    ErasmusPlan,
    Goal,
    formset=BaseGoalFormSet,
    fields=["number", "title", "description"],
    extra=1,
    max_num=10,
    validate_max=True,
    can_delete=True,
    widgets={"description": forms.Textarea(attrs={"rows": 3})},
)

GoalTargetFormSet = inlineformset_factory(
    Goal,
    GoalTarget,
    fields=["indicator", "target_value", "unit", "year", "measure", "achieved_value"],
    extra=1,
    can_delete=True,
)


def _new_project(project: Project | None) -> Project:
    """A new project: the latest call, its default period; the rates are the model's
    documented defaults."""
    project = project or Project()
    project.call_year = project.call_year or max(DEFAULT_INDIVIDUAL_SUPPORT_RATES)
    start, end = default_project_period(project.call_year)
    project.start_date = project.start_date or start
    project.end_date = project.end_date or end
    return project


class ProjectForm(OrganisationChoiceMixin, RevisedModelForm):
    """A project with its grant agreement: rates per day and awarded amounts."""

    class Meta:
        model = Project
        fields = [
            "organisation",
            "erasmus_plan",
            "grant_agreement_number",
            "call_year",
            "start_date",
            "end_date",
            "status",
            *RATE_FIELDS,
        ]
        widgets = {"start_date": DATE_INPUT, "end_date": DATE_INPUT}

    def __init__(self, *args, organisations, instance=None, **kwargs):
        if instance is None or instance.pk is None:
            instance = _new_project(instance)
        super().__init__(*args, instance=instance, **kwargs)
        self.limit_organisations(organisations)
        self.fields["erasmus_plan"].queryset = ErasmusPlan.objects.filter(
            organisation__in=organisations
        )
        awarded = {}
        if self.instance.pk:
            awarded = {a.category: a.amount for a in self.instance.awarded_amounts.all()}
        for category, label in BudgetCategory.choices:
            self.fields[f"awarded_{category}"] = forms.DecimalField(
                label=label,
                min_value=Decimal("0"),
                max_digits=12,
                decimal_places=2,
                required=False,
                initial=awarded.get(category),
            )

    @property
    def awarded(self) -> dict[str, Decimal]:
        return {
            category: self.cleaned_data[f"awarded_{category}"]
            for category in BudgetCategory.values
            if self.cleaned_data.get(f"awarded_{category}") is not None
        }

    def main_fields(self):
        names = [
            "organisation",
            "erasmus_plan",
            "grant_agreement_number",
            "call_year",
            "start_date",
            "end_date",
            "status",
        ]
        return [self[name] for name in names]

    def rate_fields(self):
        return [self[name] for name in RATE_FIELDS]

    def awarded_fields(self):
        return [self[f"awarded_{category}"] for category in BudgetCategory.values]


class PartnerForm(OrganisationChoiceMixin, RevisedModelForm):
    class Meta:
        model = PartnerOrganisation
        fields = [
            "organisation",
            "name",
            "kind",
            "oid",
            "country",
            "city",
            "address",
            "contact_name",
            "contact_email",
            "contact_phone",
            "mou_status",
            "mou_signed_on",
        ]
        widgets = {"mou_signed_on": DATE_INPUT}
        help_texts = {"oid": _("The organisation ID in the EU's Organisation Registration.")}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_organisations(organisations)
