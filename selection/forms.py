"""Forms of the selection pages. Every rule is checked again by the services and the
models; the forms say it next to the field it is about."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from budget.choices import ActivityType
from participants.models import SelectionApplication, SelectionCall, SelectionCriterion
from projects.forms import DATE_INPUT

from . import selectors
from .services import MOBILITY_PLAN_FIELDS, CriterionChange

PLACES_MESSAGES = {
    "min_value": _("A call has at least 1 place."),
    "max_value": _("A call has at most 1000 places."),
}
# A withdrawal is recorded on its own page, once the selection is decided.
DECISION_CHOICES = [
    ("", _("Not decided yet")),
    *(
        choice
        for choice in SelectionApplication.Decision.choices
        if choice[0] != SelectionApplication.Decision.WITHDRAWN
    ),
]


class CallForm(forms.ModelForm):
    activity_types = forms.MultipleChoiceField(
        label=_("Activity types"),
        choices=ActivityType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The activities this call selects participants for."),
        error_messages={"required": _("Choose at least one activity type.")},
    )

    class Meta:
        model = SelectionCall
        fields = ["title", "activity_types", "description", "opens_on", "closes_on", "places"]
        widgets = {
            "opens_on": DATE_INPUT,
            "closes_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "description": _("What the mobility offers and who may apply, as published."),
            "places": _("How many participants the call selects."),
        }
        error_messages = {"places": PLACES_MESSAGES}

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        others = SelectionCall.objects.filter(project_id=self.instance.project_id, title=title)
        if others.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("This project already has a call with this title."))
        return title

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The closing date must be on or after the opening date."))
        return cleaned


class CallPlacesForm(forms.ModelForm):
    """A published call: only its number of places may change."""

    class Meta:
        model = SelectionCall
        fields = ["places"]
        help_texts = {"places": _("How many participants the call selects.")}
        error_messages = {"places": PLACES_MESSAGES}


class CriterionForm(forms.ModelForm):
    class Meta:
        model = SelectionCriterion
        fields = ["name", "description", "weight", "max_score"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "weight": {"min_value": _("The weight must be a positive number.")},
            "max_score": {
                "min_value": _("The maximum score is a whole number from 1 to 100."),
                "max_value": _("The maximum score is a whole number from 1 to 100."),
            },
        }


class BaseCriterionFormSet(BaseInlineFormSet):
    def clean(self):
        names = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            name = (form.cleaned_data.get("name") or "").strip().casefold()
            if name and name in names:
                form.add_error(
                    "name", _("Two criteria have this name: give each criterion its own name.")
                )
            names[name] = form
        if not any(form.errors for form in self.forms):
            super().clean()

    def changes(self) -> list[CriterionChange]:
        """The criteria to add, change and delete, for the services."""
        changes = []
        for form in self.forms:
            existing = form.instance if form.instance.pk else None
            if self._should_delete_form(form):
                if existing:
                    changes.append(CriterionChange(criterion=existing, delete=True))
                continue
            if existing is None and not form.has_changed():
                continue
            data = form.cleaned_data
            changes.append(
                CriterionChange(
                    name=data["name"],
                    description=data["description"],
                    weight=data["weight"],
                    max_score=data["max_score"],
                    criterion=existing,
                )
            )
        return changes


def criterion_formset(extra: int):
    return inlineformset_factory(
        SelectionCall,
        SelectionCriterion,
        form=CriterionForm,
        formset=BaseCriterionFormSet,
        extra=extra,
        max_num=20,
        validate_max=True,
        can_delete=True,
    )


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = SelectionApplication
        fields = ["applicant", "submitted_on", "motivation"]
        widgets = {"submitted_on": DATE_INPUT, "motivation": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "applicant": _("A participant of the school; add new people on the participants page."),
            "motivation": _("The applicant's motivation, as submitted."),
        }

    def __init__(self, *args, call: SelectionCall, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.call = call
        field = self.fields["applicant"]
        field.queryset = selectors.applicant_choices(call, self.instance)
        field.label_from_instance = lambda p: f"{p.last_name} {p.first_name}"
        field.error_messages["invalid_choice"] = _(
            "Choose a participant of the school who may apply and has not applied yet."
        )


class ScoreForm(forms.Form):
    """The current evaluator's points, one field per criterion."""

    def __init__(self, *args, criteria, points: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            message = ngettext(
                "%(criterion)s: give 0 to %(max)d point.",
                "%(criterion)s: give 0 to %(max)d points.",
                criterion.max_score,
            ) % {
                "criterion": criterion.name,
                "max": criterion.max_score,
            }
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max_score,
                initial=points.get(criterion.pk),
                # Rendered unescaped by Django and crispy: the description is data.
                help_text=escape(
                    ngettext(
                        "0 to %(max)d point. %(description)s",
                        "0 to %(max)d points. %(description)s",
                        criterion.max_score,
                    )
                    % {"max": criterion.max_score, "description": criterion.description}
                ),
                error_messages={
                    "required": message,
                    "min_value": message,
                    "max_value": message,
                    "invalid": message,
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def points(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class DecisionForm(forms.Form):
    """The decision on one application; `complete` says whether it is fully scored."""

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISION_CHOICES, required=False)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for the waiting list and for not selected."),
    )
    decided_on = forms.DateField(
        label=_("Decision date"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("The day the decision was taken; today if left empty."),
        error_messages={"invalid": _("Enter the decision date as a date, e.g. 31/05/2027.")},
    )

    def __init__(self, *args, complete: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.complete = complete

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        needs_reason = SelectionApplication.DECISIONS_NEEDING_REASON
        if decision in needs_reason and not cleaned.get("reason", "").strip():
            label = SelectionApplication.Decision(decision).label
            self.add_error(
                "reason",
                _("Give a reason for “%(decision)s”: the applicant has a right to know why.")
                % {"decision": label},
            )
        ranked_only = (
            SelectionApplication.Decision.SELECTED,
            SelectionApplication.Decision.WAITING_LIST,
        )
        if decision in ranked_only and not self.complete:
            self.add_error(
                "decision",
                _("This application is not fully scored: it can only be marked “Not selected”."),
            )
        return cleaned


class ProposalForm(forms.Form):
    waiting_list_places = forms.IntegerField(
        label=_("Places on the waiting list"),
        min_value=0,
        max_value=1000,
        help_text=_("How many applicants ranked after the selected ones go on the waiting list."),
        error_messages={
            "required": _("Say how many applicants go on the waiting list (0 or more)."),
            "min_value": _("The waiting list has 0 or more places."),
            "max_value": _("The waiting list has at most 1000 places."),
            "invalid": _("Enter a whole number of waiting-list places."),
        },
    )


class PaperPublishForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_(
            "I confirm that this selection was held on paper and that what I record is "
            "what was published, received and decided then."
        ),
        error_messages={
            "required": _("Tick the confirmation to record a selection held on paper.")
        },
    )


class WithdrawalForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Withdrawal date"),
        widget=DATE_INPUT,
        error_messages={
            "required": _("Enter the day the applicant withdrew."),
            "invalid": _("Enter the withdrawal date as a date, e.g. 31/05/2027."),
        },
    )
    reason = forms.CharField(
        label=_("Reason for the withdrawal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for the withdrawal.")},
    )


class MobilityPlanForm(forms.ModelForm):
    """What the selected applicants' mobilities will be; it may change in any status."""

    class Meta:
        model = SelectionCall
        fields = list(MOBILITY_PLAN_FIELDS)
        widgets = {"mobility_starts_on": DATE_INPUT, "mobility_ends_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        call = self.instance
        activity = self.fields["mobility_activity_type"]
        activity.choices = [("", "---------")] + [
            (code, label) for code, label in ActivityType.choices if code in call.activity_types
        ]
        goal = self.fields["mobility_goal"]
        goal.queryset = selectors.plan_goals(call)
        host = self.fields["mobility_host"]
        host.queryset = selectors.host_choices(call)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("mobility_starts_on"), cleaned.get("mobility_ends_on")
        if starts and ends and ends < starts:
            self.add_error(
                "mobility_ends_on", _("The mobility end date must be on or after its start date.")
            )
        return cleaned


class MobilitiesForm(forms.Form):
    """The selected applicants to create mobilities for, ticked in the page's table."""

    applications = forms.TypedMultipleChoiceField(
        coerce=int,
        error_messages={
            "required": _("Tick at least one applicant."),
            "invalid_choice": _(
                "Choose selected applicants of this call who have no mobility yet."
            ),
        },
    )

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].choices = [(a.pk, a.applicant.full_name) for a in applications]
