"""Mobilities: one participant's stay abroad (or at the school, for incoming activities),
and the groups that travel together: group mobilities, learners with their accompanying
persons, and preparatory visits."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from budget.choices import ActivityType, MobilityRole
from budget.rules import Audience, spec_for
from core.collation import latvian
from core.revisions import RevisedModel
from mobilities.validation import mobility_problems, raise_for_problems
from participants.models import Participant
from projects.models import Goal, PartnerOrganisation, Project

MONEY_OPTIONAL = {
    "max_digits": 10,
    "decimal_places": 2,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(Decimal("0"))],
}


class ParticipantReport(models.TextChoices):
    NOT_YET = "not_yet", _("Not requested yet")
    REQUESTED = "requested", _("Requested")
    SUBMITTED = "submitted", _("Submitted")


class EuropassStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    REQUESTED = "requested", _("Requested")
    ISSUED = "issued", _("Issued")


# The activities whose participants are learners: they get a Europass Mobility.
LEARNER_ACTIVITIES = [
    ActivityType.LEARNER_SKILLS_COMPETITION,
    ActivityType.LEARNER_GROUP,
    ActivityType.LEARNER_SHORT_TERM,
    ActivityType.LEARNER_ERASMUSPRO,
]
LEARNER_MOBILITY = Q(role="participant", activity_type__in=LEARNER_ACTIVITIES)


class MobilityGroup(models.Model):
    """Mobilities that travel together: a group mobility of learners with one common
    programme, learners with the persons who accompany them, or one preparatory visit."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=200)
    activity_type = models.CharField(
        _("activity type"), max_length=40, choices=ActivityType.choices
    )
    common_programme = models.TextField(_("common programme"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mobility group")
        verbose_name_plural = _("mobility groups")
        ordering = ["project_id", latvian("name").asc()]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="mobilitygroup_name_unique")
        ]

    def __str__(self):
        return self.name


class Mobility(RevisedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        APPROVED = "approved", _("Approved")
        CONTRACTED = "contracted", _("Contracted")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="mobilities")
    number = models.PositiveIntegerField(_("number"), editable=False)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="mobilities",
        verbose_name=_("participant"),
    )
    activity_type = models.CharField(
        _("activity type"), max_length=40, choices=ActivityType.choices
    )
    role = models.CharField(
        _("role"), max_length=30, choices=MobilityRole.choices, default=MobilityRole.PARTICIPANT
    )
    group = models.ForeignKey(
        MobilityGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mobilities",
        verbose_name=_("group"),
        help_text=_(
            "Group mobility, the learners an accompanying person goes with, or a preparatory visit."
        ),
    )
    host = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_mobilities",
        verbose_name=_("host organisation"),
    )
    sending_partner = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sent_mobilities",
        verbose_name=_("sending partner"),
        help_text=_("For invited experts and hosted teachers: the organisation they come from."),
    )
    origin_city = models.CharField(_("city of origin"), max_length=100)
    origin_country = CountryField(_("country of origin"))
    destination_city = models.CharField(_("destination city"), max_length=100)
    destination_country = CountryField(_("destination country"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    travel_days = models.PositiveSmallIntegerField(_("travel days"), default=0)
    green_travel = models.BooleanField(
        _("green travel"),
        default=False,
        help_text=_("Low-emission transport (train, bus, car-pooling) for most of the trip."),
    )
    virtual_component = models.BooleanField(_("virtual component"), default=False)
    goals = models.ManyToManyField(
        Goal, related_name="mobilities", verbose_name=_("Erasmus plan goals")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    short_duration_justification = models.TextField(
        _("justification for a short duration"),
        blank=True,
        help_text=_(
            "Required for a short-term learner mobility of 2-9 days (fewer opportunities only)."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)
    participant_report = models.CharField(
        _("participant report"),
        max_length=20,
        choices=ParticipantReport.choices,
        default=ParticipantReport.NOT_YET,
        help_text=_("The participant's individual report (EU survey) after the mobility."),
    )
    europass_status = models.CharField(
        _("Europass Mobility"),
        max_length=20,
        choices=EuropassStatus.choices,
        default=EuropassStatus.NOT_STARTED,
        help_text=_("Learners only: the Europass Mobility document of the stay."),
    )
    europass_issued_on = models.DateField(_("Europass Mobility issued on"), null=True, blank=True)
    monitoring_notes = models.TextField(
        _("monitoring and mentoring"),
        blank=True,
        help_text=_("How the participant is followed and supported during the stay."),
    )

    # What the budget engine needs beyond the trip itself.
    distance_km = models.DecimalField(
        _("distance typed in by hand (km)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leave empty to compute it from the cities of origin and destination."),
    )
    linguistic_support = models.BooleanField(
        _("linguistic support"),
        default=False,
        help_text=_(
            "When Online Language Support does not offer the language or level, or for a "
            "participant with fewer opportunities."
        ),
    )
    course_days = models.PositiveSmallIntegerField(
        _("course days"), null=True, blank=True, help_text=_("Courses and training: 1-10 days.")
    )
    expensive_travel_real_cost = models.DecimalField(
        _("real travel cost for expensive travel (EUR)"), **MONEY_OPTIONAL
    )
    financial_guarantee = models.DecimalField(_("financial guarantee cost (EUR)"), **MONEY_OPTIONAL)
    visa_and_medical = models.DecimalField(
        _("visas, permits, vaccinations, medical certificates (EUR)"), **MONEY_OPTIONAL
    )
    inclusion_support_real_costs = models.DecimalField(
        _("inclusion support, real costs (EUR)"), **MONEY_OPTIONAL
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[goals])

    class Meta:
        verbose_name = _("mobility")
        verbose_name_plural = _("mobilities")
        ordering = ["project_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="mobility_number_unique"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="mobility_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(travel_days__lte=6),
                name="mobility_travel_days_at_most_6",
                violation_error_message=_("At most 6 travel days are funded."),
            ),
            models.CheckConstraint(
                condition=Q(activity_type__in=ActivityType.values),
                name="mobility_activity_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "planned",
                        "approved",
                        "contracted",
                        "ongoing",
                        "completed",
                        "cancelled",
                    ]
                ),
                name="mobility_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(role="participant")
                | Q(role="accompanying_person", group__isnull=False),
                name="mobility_accompanying_person_has_group",
                violation_error_message=_("An accompanying person belongs to a group."),
            ),
            models.CheckConstraint(
                condition=Q(europass_status__in=EuropassStatus.values),
                name="mobility_europass_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(europass_status=EuropassStatus.NOT_STARTED) | LEARNER_MOBILITY,
                name="mobility_europass_learners_only",
                violation_error_message=_("A Europass Mobility is for learners only."),
            ),
            models.CheckConstraint(
                condition=Q(europass_status=EuropassStatus.ISSUED, europass_issued_on__isnull=False)
                | (~Q(europass_status=EuropassStatus.ISSUED) & Q(europass_issued_on__isnull=True)),
                name="mobility_europass_issued_has_date",
                violation_error_message=_(
                    "An issued Europass Mobility has its issue date, and only an issued one."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(activity_type="learner_group") | Q(group__isnull=False),
                name="mobility_group_mobility_has_group",
                violation_error_message=_("A group mobility of learners belongs to a group."),
            ),
        ]
        indexes = [models.Index(fields=["project", "activity_type", "status"])]

    def __str__(self):
        return f"{self.reference} {self.participant}"

    def save(self, *args, **kwargs):
        if self.number is None:
            with transaction.atomic():
                last = Mobility.objects.filter(project_id=self.project_id).aggregate(
                    last=Max("number")
                )["last"]
                self.number = (last or 0) + 1
                super().save(*args, **kwargs)
            return
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("mobilities:mobility_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"{self.project.grant_agreement_number}-MOB-{self.number:05d}"

    @property
    def gets_europass(self) -> bool:
        return self.role == MobilityRole.PARTICIPANT and self.activity_type in LEARNER_ACTIVITIES

    @property
    def is_staff_mobility(self) -> bool:
        """A mobility of the school's own staff (job shadowing, teaching, a course, a
        preparatory visit): not a learner's, not an incoming expert's."""
        try:
            return spec_for(self.activity_type).audience == Audience.STAFF
        except ValueError:
            return False

    @property
    def is_accompanying_person(self) -> bool:
        return self.role == MobilityRole.ACCOMPANYING_PERSON

    def fill_destination_from_host(self) -> None:
        """A destination left empty is where the host is."""
        host = self.host if self.host_id else None
        if host is None:
            return
        if not self.destination_city:
            self.destination_city = host.city
        if not self.destination_country:
            self.destination_country = host.country

    def clean(self):
        raise_for_problems(mobility_problems(self))
