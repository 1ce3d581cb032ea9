"""People who go abroad or come to the school: learners, staff and external participants.

Fewer-opportunities categories and support needs are sensitive personal data: only
coordinators of the participant's organisation see them.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from budget.choices import ActivityType
from budget.rules import Activity, Audience, spec_for
from projects.models import Membership, Organisation, Project

ADULT_AGE = 18


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class FewerOpportunitiesCategory(models.TextChoices):
    DISABILITY = "disability", _("Disability")
    HEALTH = "health", _("Health problems")
    EDUCATIONAL = "educational", _("Barriers linked to education and training systems")
    CULTURAL = "cultural", _("Cultural differences")
    SOCIAL = "social", _("Social barriers")
    ECONOMIC = "economic", _("Economic barriers")
    DISCRIMINATION = "discrimination", _("Barriers linked to discrimination")
    GEOGRAPHIC = "geographic", _("Geographical barriers")


class Participant(models.Model):
    class Kind(models.TextChoices):
        LEARNER = "learner", _("VET learner")
        STAFF = "staff", _("Staff")
        EXTERNAL = "external", _("External (invited expert, hosted teacher)")

    class LearnerStatus(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        RECENT_GRADUATE = "recent_graduate", _("Recent graduate")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="participants"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    national_id = models.CharField(_("national ID"), max_length=30, blank=True)
    nationality = CountryField(_("nationality"), blank=True)
    city = models.CharField(_("city of residence"), max_length=100, blank=True)

    # Learners
    vet_programme = models.CharField(_("VET programme"), max_length=255, blank=True)
    qualification = models.CharField(_("qualification"), max_length=255, blank=True)
    eqf_level = models.PositiveSmallIntegerField(
        _("EQF level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    learner_status = models.CharField(
        _("learner status"), max_length=20, choices=LearnerStatus.choices, blank=True
    )
    graduation_date = models.DateField(_("graduation date"), null=True, blank=True)
    compulsory_service_months = models.PositiveSmallIntegerField(
        _("compulsory military or civilian service (months)"),
        default=0,
        help_text=_("Extends the 12 months after graduation in which a graduate may go."),
    )

    # Staff
    position = models.CharField(_("position"), max_length=150, blank=True)
    employment_documented = models.BooleanField(_("employment documented"), default=False)

    # Minors
    guardian_name = models.CharField(_("guardian's name"), max_length=200, blank=True)
    guardian_email = models.EmailField(_("guardian's e-mail"), blank=True)
    guardian_phone = models.CharField(_("guardian's phone"), max_length=40, blank=True)

    # Sensitive: coordinators only.
    fewer_opportunities = models.BooleanField(_("fewer opportunities"), default=False)
    fewer_opportunities_categories = models.JSONField(
        _("fewer-opportunities categories"), default=list, blank=True
    )
    support_needs = models.TextField(_("support needs"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=~Q(email=""),
                name="participant_email_unique_per_organisation",
                violation_error_message=_("A participant with this e-mail already exists."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "national_id"],
                condition=~Q(national_id=""),
                name="participant_national_id_unique_per_organisation",
                violation_error_message=_("A participant with this national ID already exists."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["learner", "staff", "external"]),
                name="participant_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(eqf_level__isnull=True) | Q(eqf_level__gte=1, eqf_level__lte=8),
                name="participant_eqf_level_1_to_8",
            ),
            models.CheckConstraint(
                condition=~Q(learner_status="recent_graduate") | Q(graduation_date__isnull=False),
                name="participant_graduate_has_date",
                violation_error_message=_("A recent graduate needs a graduation date."),
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: date) -> int:
        return age_on(self.date_of_birth, day)

    def is_minor_on(self, day: date) -> bool:
        return self.age_on(day) < ADULT_AGE

    @property
    def is_minor(self) -> bool:
        return self.is_minor_on(timezone.localdate())

    def get_fewer_opportunities_categories_display(self) -> list[str]:
        labels = dict(FewerOpportunitiesCategory.choices)
        return [str(labels.get(code, code)) for code in self.fewer_opportunities_categories]

    def clean(self):
        errors: dict[str, list] = {}
        for field, message in self._problems():
            errors.setdefault(field, []).append(message)
        if errors:
            raise ValidationError(errors)

    def _problems(self):
        yield from self._learner_problems()
        if self.kind == self.Kind.STAFF and not self.position.strip():
            yield "position", _("Staff members need their position.")
        if self.date_of_birth:
            yield from self._minor_problems()
        yield from self._fewer_opportunities_problems()

    def _learner_problems(self):
        if self.kind != self.Kind.LEARNER:
            return
        if not self.vet_programme.strip():
            yield "vet_programme", _("Learners need their VET programme.")
        if not self.qualification.strip():
            yield "qualification", _("Learners need the qualification they study for.")
        if self.eqf_level is None:
            yield "eqf_level", _("Learners need the EQF level of their qualification.")
        if not self.learner_status:
            yield "learner_status", _("Say whether the learner is enrolled or a recent graduate.")
        if self.learner_status == self.LearnerStatus.RECENT_GRADUATE and not self.graduation_date:
            yield "graduation_date", _("A recent graduate needs a graduation date.")

    def _minor_problems(self):
        today = timezone.localdate()
        if self.date_of_birth > today:
            yield "date_of_birth", _("The date of birth cannot be in the future.")
            return
        if not self.is_minor_on(today):
            return
        if not self.guardian_name.strip():
            yield "guardian_name", _("A participant under 18 needs a guardian's name.")
        if not (self.guardian_email.strip() or self.guardian_phone.strip()):
            yield (
                "guardian_email",
                _("A participant under 18 needs a guardian's e-mail or phone number."),
            )

    def _fewer_opportunities_problems(self):
        categories = self.fewer_opportunities_categories or []
        known = set(FewerOpportunitiesCategory.values)
        if not isinstance(categories, list) or not set(categories) <= known:
            yield "fewer_opportunities_categories", _("Unknown fewer-opportunities category.")
            return
        if self.fewer_opportunities and not categories:
            yield (
                "fewer_opportunities_categories",
                _("Choose at least one category for a participant with fewer opportunities."),
            )
        if categories and not self.fewer_opportunities:
            yield (
                "fewer_opportunities",
                _("Categories are given: mark the participant as having fewer opportunities."),
            )


# --- Selection of participants -----------------------------------------------------------
# A call for applicants with criteria published in advance, applications, evaluators'
# scores and decisions. The Erasmus quality standards require selection criteria that are
# known in advance, documented and fair; what may change when is ruled by the call's status
# (see participants/selection_services.py).


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
        if errors:
            raise ValidationError(errors)


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
                condition=Q(decision__in=["", "selected", "waiting_list", "not_selected"]),
                name="selectionapplication_decision_valid",
            ),
            models.CheckConstraint(
                condition=Q(decision__in=["", "selected"]) | ~Q(decision_reason=""),
                name="selectionapplication_reason_for_refusal",
                violation_error_message=_(
                    "Give a reason for a place on the waiting list or a refusal."
                ),
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decided_by__isnull=False, decided_at__isnull=False),
                name="selectionapplication_decision_has_who_and_when",
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
        if errors:
            raise ValidationError(errors)

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
                % {"start": call.opens_on.isoformat(), "end": call.closes_on.isoformat()}
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
            errors["points"] = _("%(criterion)s is scored from 0 to %(max)d points.") % {
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


# --- Participant portal ------------------------------------------------------------------
# Participants and their guardians sign in to a portal of their own (participants/portal_*
# .py). They are Django users without any organisation Membership, so the coordinator's
# pages, which scope everything by Membership, show them nothing; PortalAccount says whose
# portal a user sees. An invitation is a single-use, time-limited link: only the SHA-256 of
# its random token is stored.


class PortalRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    GUARDIAN = "guardian", _("Guardian")


class PortalAccount(models.Model):
    """A user's access to one participant's portal: as the participant, or as their
    guardian (who sees only what they must sign)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_account"
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="portal_accounts",
        verbose_name=_("participant"),
    )
    role = models.CharField(_("role"), max_length=20, choices=PortalRole.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("portal account")
        verbose_name_plural = _("portal accounts")
        ordering = ["participant_id", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "role"], name="portalaccount_one_per_participant_and_role"
            ),
            models.CheckConstraint(
                condition=Q(role__in=["participant", "guardian"]), name="portalaccount_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.participant} ({self.get_role_display()})"

    @property
    def is_guardian(self) -> bool:
        return self.role == PortalRole.GUARDIAN


class PortalInvitation(models.Model):
    """An e-mailed link to set a password for a portal account. It works once, until it
    expires, and only while it is the participant's latest invitation for its role."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="portal_invitations",
        verbose_name=_("participant"),
    )
    role = models.CharField(_("role"), max_length=20, choices=PortalRole.choices)
    email = models.EmailField(_("sent to"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    account = models.ForeignKey(
        PortalAccount,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("portal account"),
    )

    class Meta:
        verbose_name = _("portal invitation")
        verbose_name_plural = _("portal invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["participant", "guardian"]),
                name="portalinvitation_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="portalinvitation_expires_after_sending",
            ),
            models.CheckConstraint(
                condition=Q(used_at__isnull=True) | Q(revoked_at__isnull=True),
                name="portalinvitation_used_or_revoked_not_both",
            ),
        ]

    def __str__(self):
        return f"{self.participant} ({self.get_role_display()}, {self.created_at:%Y-%m-%d})"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.revoked_at is None and now < self.expires_at


def mobility_file_kinds():
    from mobilities.models import MobilityFile  # mobilities.models imports this module

    return MobilityFile.Kind.choices


class FileRequest(models.Model):
    """A file the coordinator asks the participant to upload in the portal, e.g. the proof
    of attendance signed by the host. The upload is kept as the mobility's MobilityFile."""

    mobility = models.ForeignKey(
        "mobilities.Mobility", on_delete=models.CASCADE, related_name="file_requests"
    )
    kind = models.CharField(_("document"), max_length=30, choices=mobility_file_kinds)
    note = models.CharField(
        _("what exactly"),
        max_length=300,
        blank=True,
        help_text=_("Shown to the participant, e.g. “signed and stamped by the host”."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    uploaded_file = models.ForeignKey(
        "mobilities.MobilityFile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded file"),
    )
    fulfilled_at = models.DateTimeField(_("uploaded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("file requested from the participant")
        verbose_name_plural = _("files requested from participants")
        ordering = ["mobility_id", "requested_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.mobility_id})"

    @property
    def is_open(self) -> bool:
        return self.fulfilled_at is None
