"""Organisations and their members, the Erasmus plan with its goals, KA121 projects and
partner organisations. Every record here belongs to exactly one Organisation."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from budget.choices import BudgetCategory
from budget.rules import (
    DEFAULT_INDIVIDUAL_SUPPORT_RATES,
    LATEST_CALL_YEAR,
    IndividualSupportRates,
    RuleError,
    rate_table,
    validate_rates,
)
from core.access import Role
from core.collation import latvian
from core.dates import latest_project_end, short_date
from core.revisions import RevisedModel

OID_VALIDATOR = RegexValidator(
    r"^E\d{8}$", _("An OID is the letter E followed by 8 digits, e.g. E10123456.")
)
GRANT_AGREEMENT_VALIDATOR = RegexValidator(
    r"^20\d{2}-[1-3]-[A-Z]{2}\d{2}-KA121-VET-\d{9}$",
    _("A KA121-VET grant agreement number looks like 2026-1-LV01-KA121-VET-000123456."),
)
REGISTRATION_NUMBER_VALIDATOR = RegexValidator(
    r"^\d{11}$",
    _("A Latvian registration number has 11 digits, e.g. 90000012345."),
)
ACCREDITATION_VALIDATOR = RegexValidator(
    r"^20\d{2}-[1-3]-[A-Z]{2}\d{2}-KA120-VET-\d{9}$",
    _("A KA120-VET accreditation code looks like 2020-1-LV01-KA120-VET-000012345."),
)


class Organisation(models.Model):
    """A beneficiary: a VET school holding a KA120-VET accreditation."""

    legal_name = models.CharField(_("legal name"), max_length=255)
    oid = models.CharField(_("OID"), max_length=9, unique=True, validators=[OID_VALIDATOR])
    registration_number = models.CharField(
        _("registration number"),
        max_length=11,
        blank=True,
        validators=[REGISTRATION_NUMBER_VALIDATOR],
        help_text=_("As in the register; printed in the grant agreements."),
    )
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100)
    address = models.CharField(_("address"), max_length=255)
    accreditation_code = models.CharField(
        _("KA120-VET accreditation code"),
        max_length=40,
        blank=True,
        validators=[ACCREDITATION_VALIDATOR],
    )
    accreditation_valid_from = models.DateField(
        _("accreditation valid from"), null=True, blank=True
    )
    accreditation_valid_until = models.DateField(
        _("accreditation valid until"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = [latvian("legal_name").asc()]
        constraints = [
            models.CheckConstraint(
                condition=Q(accreditation_valid_until__isnull=True)
                | Q(accreditation_valid_from__isnull=True)
                | Q(accreditation_valid_until__gt=F("accreditation_valid_from")),
                name="organisation_accreditation_period",
                violation_error_message=_("The accreditation must end after it starts."),
            )
        ]

    def __str__(self):
        return self.legal_name


class Membership(models.Model):
    """A user's role in an organisation: coordinators edit, viewers read."""

    Role = Role

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
            models.CheckConstraint(
                condition=Q(role__in=["coordinator", "viewer"]), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


PLAN_MIN_YEARS, PLAN_MAX_YEARS = 2, 5


class ErasmusPlan(models.Model):
    """The Erasmus plan of a KA120 accreditation: a 2-5 year horizon with 1-10 goals."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="erasmus_plans"
    )
    title = models.CharField(_("title"), max_length=255)
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(2014), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(2014), MaxValueValidator(2100)]
    )

    class Meta:
        verbose_name = _("Erasmus plan")
        verbose_name_plural = _("Erasmus plans")
        ordering = ["-start_year"]
        constraints = [
            # A 2-5 year horizon, both years counted.
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year") + PLAN_MIN_YEARS - 1)
                & Q(end_year__lte=F("start_year") + PLAN_MAX_YEARS - 1),
                name="erasmusplan_period_2_to_5_years",
                violation_error_message=_("An Erasmus plan covers 2 to 5 years."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.start_year}–{self.end_year})"

    def clean(self):
        if self.start_year and self.end_year:
            years = self.end_year - self.start_year + 1
            if not PLAN_MIN_YEARS <= years <= PLAN_MAX_YEARS:
                raise ValidationError(
                    {
                        "end_year": _("An Erasmus plan covers 2 to 5 years; this one covers %(n)d.")
                        % {"n": years}
                    }
                )


class Goal(models.Model):
    plan = models.ForeignKey(ErasmusPlan, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="goal_number_unique"),
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=10),
                name="goal_number_1_to_10",
                violation_error_message=_("An Erasmus plan has goals numbered 1 to 10."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class GoalTarget(models.Model):
    """A measurable target of a goal, e.g. 'learners in mobility', 24 persons, 2026.

    Some targets count what the portal already knows (mobilities serving the goal in the
    target's year); the others are measured by the coordinator."""

    class Measure(models.TextChoices):
        MANUAL = "manual", _("Measured by the coordinator")
        MOBILITIES = "mobilities", _("Mobilities serving the goal")
        LEARNERS = "learners", _("Learners in mobilities serving the goal")
        STAFF = "staff", _("Staff in mobilities serving the goal")
        FEWER_OPPORTUNITIES = (
            "fewer_opportunities",
            _("Participants with fewer opportunities in mobilities serving the goal"),
        )
        # Shares (in %) of the results recorded for the mobilities serving the goal.
        OLS_LEVEL_ROSE = (
            "ols_level_rose",
            _("Share of participants whose OLS language level rose (%)"),
        )
        RECOGNISED = (
            "recognised",
            _("Share of learners back home whose mobility the school recognised (%)"),
        )
        SATISFIED = (
            "satisfied",
            _("Share of participants satisfied with the mobility (4 or 5 of 5, %)"),
        )
        LEARNING_TRANSFER = (
            "learning_transfer",
            _("Staff who recorded what they changed after the mobility"),
        )

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets")
    indicator = models.CharField(_("indicator"), max_length=255)
    target_value = models.DecimalField(
        _("target value"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    unit = models.CharField(_("unit"), max_length=50)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2014), MaxValueValidator(2100)]
    )
    measure = models.CharField(
        _("measured by"), max_length=30, choices=Measure.choices, default=Measure.MANUAL
    )
    achieved_value = models.DecimalField(
        _("achieved so far"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("For targets measured by the coordinator."),
    )

    class Meta:
        verbose_name = _("goal target")
        verbose_name_plural = _("goal targets")
        ordering = ["goal_id", "year", "indicator"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_value__gte=0), name="goaltarget_value_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {self.target_value} {self.unit} ({self.year})"

    def clean(self):
        plan = self.goal.plan if self.goal_id else None
        if plan and self.year and not plan.start_year <= self.year <= plan.end_year:
            raise ValidationError(
                {
                    "year": _("Choose a year of the Erasmus plan (%(start)s–%(end)s).")
                    % {"start": plan.start_year, "end": plan.end_year}
                }
            )


def _rate_field(label, rate_name: str) -> models.DecimalField:
    """A daily rate, prefilled with the documented default of the latest call year."""
    default = getattr(DEFAULT_INDIVIDUAL_SUPPORT_RATES[LATEST_CALL_YEAR], rate_name)
    return models.DecimalField(label, max_digits=6, decimal_places=2, default=default)


RATE_FIELDS = {
    f"rate_{name}": name
    for name in (
        "staff_group_1",
        "staff_group_2",
        "staff_group_3",
        "learner_group_1",
        "learner_group_2",
        "learner_group_3",
    )
}


class Project(RevisedModel):
    """A KA121-VET grant: one call year, 15 months from 1 June by default, at most 24."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWARDED = "awarded", _("Awarded")
        ONGOING = "ongoing", _("Ongoing")
        FINAL_REPORT = "final_report", _("Final report")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="projects"
    )
    erasmus_plan = models.ForeignKey(
        ErasmusPlan,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("Erasmus plan"),
    )
    grant_agreement_number = models.CharField(
        _("grant agreement number"),
        max_length=40,
        unique=True,
        validators=[GRANT_AGREEMENT_VALIDATOR],
    )
    call_year = models.PositiveSmallIntegerField(
        _("call year"), validators=[MinValueValidator(2021), MaxValueValidator(2100)]
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # Daily individual-support rates fixed by the national agency in the grant agreement.
    rate_staff_group_1 = _rate_field(_("staff, country group 1 (EUR/day)"), "staff_group_1")
    rate_staff_group_2 = _rate_field(_("staff, country group 2 (EUR/day)"), "staff_group_2")
    rate_staff_group_3 = _rate_field(_("staff, country group 3 (EUR/day)"), "staff_group_3")
    rate_learner_group_1 = _rate_field(_("learners, country group 1 (EUR/day)"), "learner_group_1")
    rate_learner_group_2 = _rate_field(_("learners, country group 2 (EUR/day)"), "learner_group_2")
    rate_learner_group_3 = _rate_field(_("learners, country group 3 (EUR/day)"), "learner_group_3")
    # Bumped on every change the project's pages show, so cached pages never go stale.
    version = models.PositiveBigIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("KA121 project")
        verbose_name_plural = _("KA121 projects")
        ordering = ["-call_year", "grant_agreement_number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")),
                name="project_end_after_start",
                violation_error_message=_("The project must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "awarded", "ongoing", "final_report", "closed"]),
                name="project_status_valid",
            ),
        ]

    def __str__(self):
        return self.grant_agreement_number

    def clean(self):
        errors = self._identity_problems() | self._period_problems() | self._rate_problems()
        if errors:
            raise ValidationError(errors)

    def _identity_problems(self) -> dict:
        errors = {}
        plan = self.erasmus_plan if self.erasmus_plan_id else None
        if plan and self.organisation_id and plan.organisation_id != self.organisation_id:
            errors["erasmus_plan"] = _("Choose an Erasmus plan of the same organisation.")
        if self.call_year and self.grant_agreement_number[:4] not in ("", str(self.call_year)):
            errors["grant_agreement_number"] = _(
                "The grant agreement number starts with the call year (%(year)s)."
            ) % {"year": self.call_year}
        return errors

    def _period_problems(self) -> dict:
        errors = {}
        if self.call_year and self.start_date and self.start_date.year != self.call_year:
            errors["start_date"] = _("A project starts in its call year (%(year)s).") % {
                "year": self.call_year
            }
        if self.start_date and self.end_date:
            if self.end_date <= self.start_date:
                errors["end_date"] = _("The project must end after it starts.")
            elif self.end_date > latest_project_end(self.start_date):
                errors["end_date"] = _(
                    "A KA121 project lasts at most 24 months (until %(day)s)."
                ) % {"day": short_date(latest_project_end(self.start_date))}
        return errors

    def _rate_problems(self) -> dict:
        """The call year must have rate tables, and each daily rate must lie in the
        Programme Guide's range for its group."""
        if not self.call_year:
            return {}
        try:
            rate_table(self.call_year)
        except RuleError as error:
            return {"call_year": [p.message for p in error.problems]}
        if any(getattr(self, field) is None for field in RATE_FIELDS):
            return {}
        fields = {name: field for field, name in RATE_FIELDS.items()}
        return {
            fields[p.field]: p.message
            for p in validate_rates(self.call_year, self.individual_support_rates)
        }

    @property
    def individual_support_rates(self) -> IndividualSupportRates:
        return IndividualSupportRates(
            **{name: getattr(self, field) for field, name in RATE_FIELDS.items()}
        )


class AwardedAmount(models.Model):
    """The amount the national agency awarded a project in one budget category."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="awarded_amounts")
    category = models.CharField(_("budget category"), max_length=30, choices=BudgetCategory.choices)
    amount = models.DecimalField(
        _("awarded amount (EUR)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("awarded amount")
        verbose_name_plural = _("awarded amounts")
        ordering = ["project_id", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "category"], name="awardedamount_category_unique"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="awardedamount_not_negative",
                violation_error_message=_("An awarded amount cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()}: {self.amount} EUR"


class PartnerOrganisation(RevisedModel):
    """A host (company or VET provider) or supporting organisation of a beneficiary."""

    class Kind(models.TextChoices):
        HOST_COMPANY = "host_company", _("Host company")
        HOST_VET_PROVIDER = "host_vet_provider", _("Host VET provider")
        COURSE_PROVIDER = "course_provider", _("Course provider")
        SUPPORTING = "supporting", _("Supporting organisation")

    class MouStatus(models.TextChoices):
        NONE = "none", _("None")
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        SIGNED = "signed", _("Signed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    oid = models.CharField(_("OID"), max_length=9, blank=True, validators=[OID_VALIDATOR])
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100)
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    mou_status = models.CharField(
        _("memorandum of understanding"),
        max_length=10,
        choices=MouStatus.choices,
        default=MouStatus.NONE,
    )
    mou_signed_on = models.DateField(_("memorandum signed on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = [latvian("name").asc()]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "oid"],
                condition=~Q(oid=""),
                name="partner_oid_unique_per_organisation",
                violation_error_message=_("This organisation already has a partner with this OID."),
            ),
            models.CheckConstraint(
                condition=~Q(mou_status="signed") | Q(mou_signed_on__isnull=False),
                name="partner_signed_mou_has_date",
                violation_error_message=_("A signed memorandum needs its signature date."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.city}, {self.country.code})"

    @property
    def is_host(self):
        return self.kind != self.Kind.SUPPORTING
