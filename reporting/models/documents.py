"""Documents and the final report: the kinds and languages of documents, the generated PDF
documents and their batches, what the coordinator adds for them (the payment terms of a
project's grant agreements, learning-agreement details of a mobility) and the final
report's questions and narrative answers."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mobilities.models import Mobility
from projects.models import Project

DEFAULT_PREFINANCING_PERCENT = 80


class DocumentKind(models.TextChoices):
    GRANT_AGREEMENT = "grant_agreement", _("Participant grant agreement")
    LEARNING_AGREEMENT = "learning_agreement", _("Learning agreement")
    ATTENDANCE_CERTIFICATE = "attendance_certificate", _("Certificate of attendance")
    FINAL_REPORT = "final_report", _("Final report draft")
    TRANSCRIPT = "transcript", _("Transcript of learning outcomes")


# Documents about one mobility; the final report is about the whole project.
MOBILITY_KINDS = (
    DocumentKind.GRANT_AGREEMENT,
    DocumentKind.LEARNING_AGREEMENT,
    DocumentKind.ATTENDANCE_CERTIFICATE,
    DocumentKind.TRANSCRIPT,
)
PROJECT_KINDS = (DocumentKind.FINAL_REPORT,)
# What a participant will see of their own documents (participant portal).
PARTICIPANT_KINDS = MOBILITY_KINDS


class DocumentLanguage(models.TextChoices):
    LATVIAN = "lv", _("Latvian")
    ENGLISH = "en", _("English")


class DocumentBatch(models.Model):
    """One request for a kind of document for every eligible subject of a project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="document_batches")
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=DocumentLanguage.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    # Certificates of attendance are made from the end date on: the mobilities of the
    # project not ended yet when the batch was asked for get none.
    skipped_not_ended = models.PositiveIntegerField(
        _("mobilities skipped (not ended yet)"), default=0
    )

    class Meta:
        verbose_name = _("document batch")
        verbose_name_plural = _("document batches")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.project} {self.get_kind_display()} ({self.language})"


class GeneratedDocument(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    FINISHED = (Status.READY, Status.FAILED)

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    # The subject: a mobility for mobility documents, none for the project's final report.
    mobility = models.ForeignKey(
        Mobility,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("mobility"),
    )
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=DocumentLanguage.choices)
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    failure_reason = models.TextField(_("reason of the failure"), blank=True)
    file = models.FileField(_("file"), upload_to="documents/", blank=True, max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    batch = models.ForeignKey(
        DocumentBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("batch"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
        help_text=_("Empty when the document was requested from the command line."),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    # The claim of the worker rendering it: compare-and-set on status and claimed_at.
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("rendering attempts"), default=0)
    # How often the sweep queued it again because its worker stopped mid-render.
    stale_requeues = models.PositiveSmallIntegerField(
        _("queued again after a stopped worker"), default=0
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # A certificate of attendance asked for before the mobility's end date, for a
    # completed mobility: the coordinator who asked (requested_by, requested_at) confirmed it.
    issued_early = models.BooleanField(
        _("issued before the end date"),
        default=False,
        help_text=_("The coordinator confirmed that the completed mobility is certified early."),
    )

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["mobility", "kind", "language"]),
            models.Index(fields=["project", "kind", "language"]),
            models.Index(fields=["status", "claimed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "rendering", "ready", "failed"]),
                name="generateddocument_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(language__in=["lv", "en"]), name="generateddocument_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in MOBILITY_KINDS], mobility__isnull=False)
                | Q(kind__in=[k.value for k in PROJECT_KINDS], mobility__isnull=True),
                name="generateddocument_subject_matches_kind",
                violation_error_message=_(
                    "Mobility documents need a mobility; the final report has none."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | (~Q(file="") & ~Q(sha256="")),
                name="generateddocument_ready_has_file",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(failure_reason=""),
                name="generateddocument_failed_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(issued_early=False) | Q(kind="attendance_certificate"),
                name="generateddocument_only_certificates_issued_early",
            ),
            models.UniqueConstraint(
                fields=["mobility", "kind", "language", "version"],
                condition=Q(mobility__isnull=False),
                name="generateddocument_mobility_version_unique",
            ),
            models.UniqueConstraint(
                fields=["project", "kind", "language", "version"],
                condition=Q(mobility__isnull=True),
                name="generateddocument_project_version_unique",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.subject_label} ({self.language}, v{self.version})"

    @property
    def subject_label(self) -> str:
        if self.mobility_id:
            return f"{self.project.grant_agreement_number}-MOB-{self.mobility.number:05d}"
        return self.project.grant_agreement_number

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def claim_is_stale(self) -> bool:
        """Rendering for longer than any worker may: its worker stopped, and the sweep
        queues it again (reporting.services.documents_requeue_stale)."""
        if self.status != self.Status.RENDERING or self.claimed_at is None:
            return False
        stale_after = timedelta(seconds=settings.DOCUMENT_CLAIM_STALE_AFTER)
        return self.claimed_at < timezone.now() - stale_after

    @property
    def download_name(self) -> str:
        return f"{self.kind}-{self.subject_label}-{self.language}-v{self.version}.pdf"


class GrantAgreementTerms(models.Model):
    """What the project's participant grant agreements say beyond the budget engine: the
    payment schedule and who signs for the organisation."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="grant_agreement_terms"
    )
    prefinancing_percent = models.PositiveSmallIntegerField(
        _("pre-financing (percentage of the grant)"),
        default=DEFAULT_PREFINANCING_PERCENT,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Paid before departure; the balance follows the participant's report."),
    )
    prefinancing_days_before_departure = models.PositiveSmallIntegerField(
        _("pre-financing paid at the latest (days before departure)"),
        default=7,
        validators=[MaxValueValidator(90)],
    )
    balance_days_after_report = models.PositiveSmallIntegerField(
        _("balance paid within (days after the participant's report)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    representative_name = models.CharField(
        _("organisation's representative"), max_length=200, blank=True
    )
    representative_position = models.CharField(
        _("representative's position"), max_length=200, blank=True
    )

    class Meta:
        verbose_name = _("grant agreement terms")
        verbose_name_plural = _("grant agreement terms")
        constraints = [
            models.CheckConstraint(
                condition=Q(prefinancing_percent__lte=100),
                name="grantagreementterms_prefinancing_at_most_100",
                violation_error_message=_("Pre-financing is at most the whole grant."),
            ),
            models.CheckConstraint(
                condition=Q(balance_days_after_report__gte=1),
                name="grantagreementterms_balance_days_positive",
            ),
        ]

    def __str__(self):
        return f"{self.project}: {self.prefinancing_percent} %"

    @property
    def balance_percent(self) -> int:
        return 100 - self.prefinancing_percent

    @property
    def prefinancing_share(self) -> Decimal:
        return Decimal(self.prefinancing_percent) / 100


class LearningAgreementDetails(models.Model):
    """What a learner's tripartite learning agreement needs beyond the mobility itself."""

    mobility = models.OneToOneField(
        Mobility,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="learning_agreement_details",
    )
    learning_outcomes = models.TextField(
        _("learning outcomes (ECVET units)"),
        blank=True,
        help_text=_("One unit or learning outcome per line."),
    )
    sending_mentor_name = models.CharField(
        _("mentor at the sending school"), max_length=200, blank=True
    )
    sending_mentor_contact = models.CharField(
        _("sending mentor's e-mail or phone"), max_length=200, blank=True
    )
    host_mentor_name = models.CharField(_("mentor at the host"), max_length=200, blank=True)
    host_mentor_contact = models.CharField(
        _("host mentor's e-mail or phone"), max_length=200, blank=True
    )
    sending_responsibilities = models.TextField(
        _("responsibilities of the sending school"),
        blank=True,
        help_text=_("Leave empty for the standard text."),
    )
    host_responsibilities = models.TextField(
        _("responsibilities of the host"),
        blank=True,
        help_text=_("Leave empty for the standard text."),
    )
    learner_responsibilities = models.TextField(
        _("responsibilities of the learner"),
        blank=True,
        help_text=_("Leave empty for the standard text."),
    )
    insurance = models.TextField(
        _("insurance"),
        blank=True,
        help_text=_("Insurer, policy number and cover (health, accident, liability)."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("learning agreement details")
        verbose_name_plural = _("learning agreement details")

    def __str__(self):
        return str(self.mobility_id)

    @property
    def learning_outcome_lines(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]


UNIT_TEXT_MAX_LENGTH = 2000


class LearningOutcomeUnit(models.Model):
    """One unit of learning outcomes (ECVET) of a learning agreement: what the learner
    will know and be able to do, how it is assessed, by whom, and its ECVET points."""

    details = models.ForeignKey(
        LearningAgreementDetails,
        on_delete=models.CASCADE,
        related_name="units",
        verbose_name=_("learning agreement"),
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=1)
    title = models.CharField(_("unit title"), max_length=200)
    outcomes = models.TextField(
        _("learning outcomes"),
        max_length=UNIT_TEXT_MAX_LENGTH,
        help_text=_("The knowledge, skills and competence the learner gains in this unit."),
    )
    assessment = models.TextField(
        _("how they are assessed"),
        max_length=UNIT_TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("For example: observation at the workplace, a practical task, an interview."),
    )
    assessed_by = models.CharField(
        _("assessed by"),
        max_length=200,
        blank=True,
        help_text=_("Who assesses: the host mentor, the teacher of the sending school."),
    )
    ecvet_points = models.DecimalField(
        _("ECVET points"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("unit of learning outcomes")
        verbose_name_plural = _("units of learning outcomes")
        ordering = ["details", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ecvet_points__isnull=True) | Q(ecvet_points__gte=0),
                name="learningoutcomeunit_ecvet_points_not_negative",
                violation_error_message=_("ECVET points cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.title


def ecvet_total(units) -> Decimal | None:
    """The ECVET points of `units` together (None when no unit has points)."""
    points = [unit.ecvet_points for unit in units if unit.ecvet_points is not None]
    return sum(points) if points else None


class FinalReportSection(models.TextChoices):
    """The questions of the KA121-VET final report, in the Beneficiary Module's order."""

    SUMMARY = (
        "summary",
        _("Project summary (public): what was done and what it achieved, in plain words."),
    )
    GOALS = "goals", _("Which goals of the Erasmus plan were reached, which not and why?")
    CONTRIBUTION = "contribution", _("How did each organisation contribute?")
    HOSTS = "hosts", _("How were the host organisations chosen?")
    EVALUATION = "evaluation", _("Which evaluation activities and success indicators were used?")
    COORDINATION = "coordination", _("How were the activities coordinated and monitored?")
    PREPARATION = "preparation", _("How were the participants prepared, and how useful was it?")
    SUPPORT = "support", _("How were the participants monitored and supported during the stay?")
    PROBLEMS = "problems", _("Which problems arose, and how were they solved?")
    CHANGES = "changes", _("What changed compared with the planned activities?")
    SELECTION = "selection", _("Which selection criteria and procedure were used?")
    # The programme's horizontal priorities.
    INCLUSION = (
        "inclusion",
        _("How did the project include participants with fewer opportunities?"),
    )
    GREEN = (
        "green",
        _("Which environmentally sustainable and green practices did the project follow?"),
    )
    DIGITAL = "digital", _("How did the project support digital transformation?")
    PARTICIPATION = (
        "participation",
        _("How did the project encourage participation in democratic life?"),
    )
    LEARNING_OUTCOMES = (
        "learning_outcomes",
        _("Which knowledge, skills and competences did the participants gain?"),
    )
    CERTIFICATES = "certificates", _("Which certificates did the participants obtain?")
    ASSESSMENT = "assessment", _("Which methods were used to assess the learning outcomes?")
    IMPACT = "impact", _("What was the impact on participants, organisations and target groups?")
    DISSEMINATION = "dissemination", _("How were the results disseminated, inside and outside?")
    TRANSFER = "transfer", _("How is what was learnt transferred into the organisation?")
    FUTURE = "future", _("How will the cooperation with the partners continue?")
    BUDGET = "budget", _("Was the budget used as planned?")
    CONSISTENCY = "consistency", _("Are the reported mobilities consistent with the grant?")
    SUSTAINABILITY = "sustainability", _("How will the results be sustained?")


NARRATIVE_MAX_LENGTH = 5000
# The longest answer each question takes, in characters. The Module's own limits are not
# in any public document we could confirm: every question takes NARRATIVE_MAX_LENGTH until
# a coordinator's word or the Module itself corrects one here.
SECTION_LIMITS: dict[str, int] = {}


def section_limit(section: str) -> int:
    return SECTION_LIMITS.get(section, NARRATIVE_MAX_LENGTH)


class FinalReportAnswer(models.Model):
    """The coordinator's narrative answer to one question of the final report."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="final_report_answers"
    )
    section = models.CharField(_("question"), max_length=30, choices=FinalReportSection.choices)
    text = models.TextField(_("answer"), blank=True, max_length=NARRATIVE_MAX_LENGTH)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("final report answer")
        verbose_name_plural = _("final report answers")
        ordering = ["project", "section"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "section"], name="finalreportanswer_section_unique"
            ),
            models.CheckConstraint(
                condition=Q(section__in=FinalReportSection.values),
                name="finalreportanswer_section_valid",
            ),
        ]

    def __str__(self):
        return f"{self.project}: {self.section}"
