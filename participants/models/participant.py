"""Participants: learners, staff and external participants, with their age on a day (under
18 they need a guardian) and their fewer-opportunities categories and support needs,
sensitive personal data that only coordinators of the participant's organisation see."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.collation import latvian
from core.revisions import RevisedModel
from projects.models import Organisation

from ..identity import grouped_iban, has_latvian_shape, iban, latvian_personal_code

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


class Participant(RevisedModel):
    class Kind(models.TextChoices):
        LEARNER = "learner", _("VET learner")
        STAFF = "staff", _("Staff")
        EXTERNAL = "external", _("External (invited expert, hosted teacher)")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

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
    address = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text=_("Street, house, city and postal code, as the grant agreement prints it."),
    )
    # Stored without spaces, upper case; shown in groups of four.
    iban = models.CharField(
        _("bank account (IBAN)"),
        max_length=34,
        blank=True,
        help_text=_("Where the grant is paid to the participant."),
    )
    gender = models.CharField(
        _("gender"),
        max_length=6,
        choices=Gender.choices,
        blank=True,
        help_text=_("For the Latvian grammar of the documents."),
    )

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
    # The labels of the codes in list fields (core.history shows them by label).
    item_choices = {"fewer_opportunities_categories": FewerOpportunitiesCategory.choices}

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = [latvian("last_name").asc(), latvian("first_name").asc()]
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

    @property
    def iban_display(self) -> str:
        return grouped_iban(self.iban)

    @property
    def has_latvian_personal_code(self) -> bool:
        return self.nationality == "LV" or has_latvian_shape(self.national_id)

    def clean(self):
        errors: dict[str, list] = {}
        self.national_id = self.national_id.strip()
        self.address = " ".join(self.address.split())
        for field, message in self._problems():
            errors.setdefault(field, []).append(message)
        if errors:
            raise ValidationError(errors)

    def _problems(self):
        yield from self._identity_problems()
        yield from self._learner_problems()
        if self.kind == self.Kind.STAFF and not self.position.strip():
            yield "position", _("Staff members need their position.")
        if self.date_of_birth:
            yield from self._minor_problems()
        yield from self._fewer_opportunities_problems()

    def _identity_problems(self):
        """The personal code is checked (and written DDMMYY-NNNNN) when it is Latvian, by
        nationality or by shape; a foreign ID is free-form. The IBAN is always checked."""
        if self.national_id and self.has_latvian_personal_code:
            try:
                self.national_id = latvian_personal_code(self.national_id)
            except ValidationError as error:
                for message in error.messages:
                    yield "national_id", message
        if self.iban:
            try:
                self.iban = iban(self.iban)
            except ValidationError as error:
                for message in error.messages:
                    yield "iban", message

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
