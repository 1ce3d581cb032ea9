"""Selection of participants: a call for applicants with criteria published in advance,
applications, evaluators' scores and decisions. The Erasmus quality standards require
selection criteria that are known in advance, documented and fair; what may change when is
ruled by the call's status (see selection/services.py)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from budget.choices import ActivityType
from budget.rules import Activity, Audience, spec_for
from core.dates import short_date
from projects.models import Goal, Membership, PartnerOrganisation, Project

from .participant import Participant

AUDIENCE_KINDS = {
    Audience.LEARNER: Participant.Kind.LEARNER,
    Audience.STAFF: Participant.Kind.STAFF,
    Audience.INCOMING: Participant.Kind.EXTERNAL,
}


def applicant_kinds(activity_types) -> set[str]:
    """The participant kinds a call for these activity types may select."""
    kinds = set()
    for activity in activity_types:
        try:
            audience = spec_for(activity).audience
        except (KeyError, ValueError):
            continue
        if activity == Activity.PREPARATORY_VISIT:
            # Staff; exceptionally ErasmusPro learners and learners with fewer opportunities.
            kinds |= {Participant.Kind.STAFF, Participant.Kind.LEARNER}
        else:
            kinds.add(AUDIENCE_KINDS[audience])
    return kinds


class SelectionCall(models.Model):
    """A call for applicants of one project. Its criteria are frozen once it is published:
    applicants read them before applying, so changing them afterwards would be unfair."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        DECIDED = "decided", _("Decided")

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="selection_calls",
        verbose_name=_("project"),
    )
    title = models.CharField(_("title"), max_length=200)
    activity_types = models.JSONField(
        _("activity types"),
        default=list,
        help_text=_("The activities this call selects participants for."),
    )
    description = models.TextField(_("description"), blank=True)
    opens_on = models.DateField(_("opening date"))
    closes_on = models.DateField(_("closing date"))
    places = models.PositiveSmallIntegerField(
        _("number of places"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    # A selection held on paper, recorded afterwards: published once its closing date had
    # passed, on the word of the coordinator who confirmed it.
    paper_record = models.BooleanField(_("record of a selection held on paper"), default=False)
    paper_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paper record confirmed by"),
    )
    # What the selected applicants' planned mobilities will be: they may be set or changed
    # at any time, since they are no part of what the applicants were judged on.
    mobility_activity_type = models.CharField(
        _("activity of the mobilities"),
        max_length=40,
        choices=ActivityType.choices,
        blank=True,
        help_text=_("One of the call's activity types."),
    )
    mobility_goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Erasmus plan goal"),
    )
    mobility_host = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host organisation"),
    )
    mobility_starts_on = models.DateField(_("mobility start date"), null=True, blank=True)
    mobility_ends_on = models.DateField(_("mobility end date"), null=True, blank=True)

    class Meta:
        verbose_name = _("selection call")
        verbose_name_plural = _("selection calls")
        ordering = ["-opens_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "title"],
                name="selectioncall_title_unique_per_project",
                violation_error_message=_("This project already has a call with this title."),
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="selectioncall_closes_after_opening",
                violation_error_message=_("The closing date must be on or after the opening date."),
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1), name="selectioncall_at_least_one_place"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "closed", "decided"]),
                name="selectioncall_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="selectioncall_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="decided")
                | Q(decided_at__isnull=False, decided_by__isnull=False),
                name="selectioncall_decided_has_who_and_when",
            ),
            models.CheckConstraint(
                condition=Q(paper_record=False) | Q(paper_confirmed_by__isnull=False),
                name="selectioncall_paper_record_confirmed",
            ),
            models.CheckConstraint(
                condition=Q(mobility_starts_on__isnull=True)
                | Q(mobility_ends_on__isnull=True)
                | Q(mobility_ends_on__gte=F("mobility_starts_on")),
                name="selectioncall_mobility_ends_after_start",
                violation_error_message=_(
                    "The mobility end date must be on or after its start date."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_activity_types_display(self) -> list[str]:
        labels = dict(ActivityType.choices)
        return [str(labels.get(code, code)) for code in self.activity_types]

    @property
    def criteria_frozen(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def accepts_applications(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def accepts_scores(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.CLOSED)

    @property
    def accepts_decisions(self) -> bool:
        return self.status == self.Status.CLOSED

    def clean(self):
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The closing date must be on or after the opening date.")
        types = self.activity_types
        if not isinstance(types, list) or not set(types) <= set(ActivityType.values):
            errors["activity_types"] = _("Unknown activity type.")
        elif not types:
            errors["activity_types"] = _("Choose at least one activity type.")
        errors |= self._mobility_problems()
        if errors:
            raise ValidationError(errors)

    def _mobility_problems(self) -> dict:
        errors = {}
        activity = self.mobility_activity_type
        types = self.activity_types if isinstance(self.activity_types, list) else []
        if activity and activity not in types:
            errors["mobility_activity_type"] = _("Choose one of the call's activity types.")
        starts, ends = self.mobility_starts_on, self.mobility_ends_on
        if starts and ends and ends < starts:
            errors["mobility_ends_on"] = _(
                "The mobility end date must be on or after its start date."
            )
        project = self.project if self.project_id else None
        if (
            project
            and self.mobility_goal_id
            and (self.mobility_goal.plan_id != project.erasmus_plan_id)
        ):
            errors["mobility_goal"] = _("Choose a goal of the project's Erasmus plan.")
        if (
            project
            and self.mobility_host_id
            and (self.mobility_host.organisation_id != project.organisation_id)
        ):
            errors["mobility_host"] = _("Choose a partner of the project's organisation.")
        return errors

    @property
    def mobility_plan_missing(self) -> list[str]:
        """What the call still needs before its selected applicants become mobilities."""
        needed = [
            (self.mobility_activity_type, _("the activity of the mobilities")),
            (self.mobility_goal_id, _("the Erasmus plan goal")),
            (self.mobility_host_id, _("the host organisation")),
            (self.mobility_starts_on, _("the mobility start date")),
            (self.mobility_ends_on, _("the mobility end date")),
        ]
        return [str(label) for value, label in needed if not value]


class SelectionCriterion(models.Model):
    """A published criterion: each evaluator scores it 0 to `max_score`; `weight` is its
    share in the weighted score (weights need not add up to 100)."""

    call = models.ForeignKey(SelectionCall, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=150)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the evaluators look at.")
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("A positive number, e.g. 40 for 40 %."),
    )
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"),
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Evaluators give 0 to this many points."),
    )

    class Meta:
        verbose_name = _("selection criterion")
        verbose_name_plural = _("selection criteria")
        ordering = ["call_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "name"],
                name="selectioncriterion_name_unique_per_call",
                violation_error_message=_("This call already has a criterion with this name."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="selectioncriterion_weight_positive",
                violation_error_message=_("The weight must be a positive number."),
            ),
            models.CheckConstraint(
                condition=Q(max_score__gte=1, max_score__lte=100),
                name="selectioncriterion_max_score_1_to_100",
                violation_error_message=_("The maximum score is a whole number from 1 to 100."),
            ),
        ]

    def __str__(self):
        return self.name


class SelectionApplication(models.Model):
    """One participant's application to a call, and the coordinator's decision on it."""

    class Decision(models.TextChoices):
        SELECTED = "selected", _("Selected")
        WAITING_LIST = "waiting_list", _("Waiting list")
        NOT_SELECTED = "not_selected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Decisions that must say why.
    DECISIONS_NEEDING_REASON = (Decision.WAITING_LIST, Decision.NOT_SELECTED)

    call = models.ForeignKey(SelectionCall, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="selection_applications",
        verbose_name=_("applicant"),
    )
    motivation = models.TextField(_("motivation"))
    submitted_on = models.DateField(_("submitted on"))
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The day the decision was taken, as the record states it (a selection held on paper
    # is recorded later); `decided_at` is when it was entered.
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    # A selected applicant who gave up the place: the decision becomes "withdrawn", and
    # the reason for the selection stays.
    withdrawn_on = models.DateField(_("withdrawal date"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True)
    mobility = models.OneToOneField(
        "mobilities.Mobility",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="selection_application",
        verbose_name=_("planned mobility"),
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call_id", "submitted_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"],
                name="selectionapplication_one_per_participant",
                violation_error_message=_("This participant has already applied to this call."),
            ),
            models.CheckConstraint(
                condition=Q(
                    decision__in=["", "selected", "waiting_list", "not_selected", "withdrawn"]
                ),
                name="selectionapplication_decision_valid",
            ),
            models.CheckConstraint(
                condition=Q(decision__in=["", "selected", "withdrawn"]) | ~Q(decision_reason=""),
                name="selectionapplication_reason_for_refusal",
                violation_error_message=_(
                    "Give a reason for a place on the waiting list or a refusal."
                ),
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decided_by__isnull=False, decided_at__isnull=False),
                name="selectionapplication_decision_has_who_and_when",
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decided_on__isnull=False),
                name="selectionapplication_decision_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(decision="withdrawn")
                | (Q(withdrawn_on__isnull=False) & ~Q(withdrawal_reason="")),
                name="selectionapplication_withdrawal_has_date_and_reason",
            ),
        ]

    def __str__(self):
        return f"{self.applicant} – {self.call}"

    def clean(self):
        errors = {}
        call = self.call if self.call_id else None
        applicant = self.applicant if self.applicant_id else None
        if call and applicant:
            errors |= self._applicant_problems(call, applicant)
        if call and self.submitted_on:
            errors |= self._date_problems(call)
        needs_reason = self.decision in self.DECISIONS_NEEDING_REASON
        if needs_reason and not self.decision_reason.strip():
            errors["decision_reason"] = _(
                "Give a reason for “%(decision)s”: the applicant has a right to know why."
            ) % {"decision": self.get_decision_display()}
        if call and self.decision and self.decided_on:
            errors |= self._decision_date_problems(call)
        if errors:
            raise ValidationError(errors)

    def _decision_date_problems(self, call) -> dict:
        if self.decided_on > timezone.localdate():
            return {"decided_on": _("The decision date cannot be in the future.")}
        if self.decided_on < call.closes_on:
            return {
                "decided_on": _(
                    "Decisions are taken once the call has closed: give a date on or after %(day)s."
                )
                % {"day": short_date(call.closes_on)}
            }
        return {}

    def _applicant_problems(self, call, applicant) -> dict:
        if applicant.organisation_id != call.project.organisation_id:
            return {"applicant": _("Choose a participant of the project's organisation.")}
        kinds = applicant_kinds(call.activity_types)
        if kinds and applicant.kind not in kinds:
            labels = ", ".join(str(Participant.Kind(kind).label) for kind in sorted(kinds))
            return {
                "applicant": _("This call selects participants of the kind: %(kinds)s.")
                % {"kinds": labels}
            }
        return {}

    def _date_problems(self, call) -> dict:
        if self.submitted_on > timezone.localdate():
            return {"submitted_on": _("The submission date cannot be in the future.")}
        if not call.opens_on <= self.submitted_on <= call.closes_on:
            return {
                "submitted_on": _(
                    "The call accepted applications from %(start)s to %(end)s; "
                    "this date is outside that period."
                )
                % {"start": short_date(call.opens_on), "end": short_date(call.closes_on)}
            }
        return {}


class SelectionScore(models.Model):
    """One evaluator's points for one criterion of one application; changing them later
    updates this row (one row per evaluator, application and criterion)."""

    application = models.ForeignKey(
        SelectionApplication, on_delete=models.CASCADE, related_name="scores"
    )
    # RESTRICT: a scored criterion cannot be deleted, except with its whole call.
    criterion = models.ForeignKey(
        SelectionCriterion,
        on_delete=models.RESTRICT,
        related_name="scores",
        verbose_name=_("criterion"),
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="selection_scores",
        verbose_name=_("evaluator"),
    )
    points = models.PositiveSmallIntegerField(_("points"))
    scored_at = models.DateTimeField(_("scored at"))

    class Meta:
        verbose_name = _("selection score")
        verbose_name_plural = _("selection scores")
        ordering = ["application_id", "criterion_id", "evaluator_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "evaluator"],
                name="selectionscore_once_per_evaluator_and_criterion",
                violation_error_message=_(
                    "This evaluator has already scored this criterion of this application."
                ),
            ),
            models.CheckConstraint(
                condition=Q(points__gte=0), name="selectionscore_points_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.points}"

    def clean(self):
        errors = {}
        criterion = self.criterion if self.criterion_id else None
        application = self.application if self.application_id else None
        if criterion and application and criterion.call_id != application.call_id:
            errors["criterion"] = _("Choose a criterion of the application's call.")
        if criterion and self.points is not None and self.points > criterion.max_score:
            errors["points"] = ngettext(
                "%(criterion)s is scored from 0 to %(max)d point.",
                "%(criterion)s is scored from 0 to %(max)d points.",
                criterion.max_score,
            ) % {
                "criterion": criterion.name,
                "max": criterion.max_score,
            }
        if application and self.evaluator_id and not self._evaluator_coordinates(application):
            errors["evaluator"] = _(
                "Evaluators are coordinators of the organisation that runs the call."
            )
        if errors:
            raise ValidationError(errors)

    def _evaluator_coordinates(self, application) -> bool:
        return Membership.objects.filter(
            user_id=self.evaluator_id,
            organisation_id=application.call.project.organisation_id,
            role=Membership.Role.COORDINATOR,
        ).exists()
