"""Documents and the final report: what the coordinator adds for them (learning-agreement
details of a mobility, the payment terms of a project's grant agreements, the final
report's narrative answers) and the generated PDF documents.

A GeneratedDocument is a record first and a file second: it is created "queued" in the
web request, claimed by a Celery worker ("rendering"), and ends "ready" with its file and
SHA-256 or "failed" with the reason. Files live under MEDIA_ROOT and are served only by
views that check access.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilities.models import Mobility
from projects.models import Project

DEFAULT_PREFINANCING_PERCENT = 80


class DocumentKind(models.TextChoices):
    GRANT_AGREEMENT = "grant_agreement", _("Participant grant agreement")
    LEARNING_AGREEMENT = "learning_agreement", _("Learning agreement")
    ATTENDANCE_CERTIFICATE = "attendance_certificate", _("Certificate of attendance")
    FINAL_REPORT = "final_report", _("Final report draft")


# Documents about one mobility; the final report is about the whole project.
MOBILITY_KINDS = (
    DocumentKind.GRANT_AGREEMENT,
    DocumentKind.LEARNING_AGREEMENT,
    DocumentKind.ATTENDANCE_CERTIFICATE,
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
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

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


class FinalReportSection(models.TextChoices):
    """The questions of the KA121-VET final report, in the Beneficiary Module's order."""

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


# --- Online signing of grant agreements ------------------------------------------------------
# A grant agreement is signed as an AgreementVersion: a ready GeneratedDocument whose exact
# bytes are copied ("frozen") with their SHA-256 before anyone signs. Signatures are
# append-only SignatureEvents. When the last one is in, the final PDF (the frozen bytes,
# then a signature certificate page appended as an incremental update, sealed with PAdES
# when a certificate is configured) is stored with its SHA-256. A change of what the
# agreement says supersedes the version and starts the next one (reporting/signing.py).


class SignerRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    GUARDIAN = "guardian", _("Guardian")
    ORGANISATION = "organisation", _("Sending organisation")


class AuthMethod(models.TextChoices):
    PASSWORD = "password", _("Password sign-in")
    INVITATION_LINK = "invitation_link", _("Invitation link sent by e-mail")


class AgreementVersion(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing the document")
        OPEN = "open", _("Open for signatures")
        SIGNED = "signed", _("Signed")
        SUPERSEDED = "superseded", _("Superseded")

    CURRENT = (Status.PREPARING, Status.OPEN, Status.SIGNED)

    # PROTECT: signatures outlive anything that would delete their agreement.
    mobility = models.ForeignKey(
        Mobility, on_delete=models.PROTECT, related_name="agreement_versions"
    )
    number = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=2, choices=DocumentLanguage.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PREPARING
    )
    document = models.ForeignKey(
        GeneratedDocument,
        on_delete=models.PROTECT,
        related_name="agreement_versions",
        verbose_name=_("generated document"),
    )
    # What the agreement says (dates, amounts, names) when it was asked for; a different
    # fingerprint later means the agreement no longer tells the truth.
    content_fingerprint = models.CharField(max_length=64)
    frozen_file = models.FileField(_("agreement to sign"), blank=True, max_length=255)
    frozen_sha256 = models.CharField(_("SHA-256 of the agreement"), max_length=64, blank=True)
    frozen_size = models.PositiveIntegerField(null=True, blank=True)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)
    # The names on the frozen agreement, which the signers must type.
    participant_name = models.CharField(_("participant's name"), max_length=201, blank=True)
    guardian_name = models.CharField(_("guardian's name"), max_length=200, blank=True)
    representative_name = models.CharField(
        _("organisation's representative"), max_length=200, blank=True
    )
    # Decided on the day the participant signs: under 18 that day needs a guardian.
    guardian_required = models.BooleanField(
        _("guardian's signature required"), null=True, blank=True
    )
    final_file = models.FileField(_("signed agreement"), blank=True, max_length=255)
    final_sha256 = models.CharField(_("SHA-256 of the signed agreement"), max_length=64, blank=True)
    final_size = models.PositiveIntegerField(null=True, blank=True)
    sealed = models.BooleanField(_("sealed (PAdES)"), default=False)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    superseded_reason = models.CharField(_("why superseded"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent for signing by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("grant agreement version")
        verbose_name_plural = _("grant agreement versions")
        ordering = ["mobility_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["mobility", "number"], name="agreementversion_number_unique"
            ),
            models.UniqueConstraint(
                fields=["mobility"],
                condition=~Q(status="superseded"),
                name="agreementversion_one_current_per_mobility",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["preparing", "open", "signed", "superseded"]),
                name="agreementversion_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="preparing")
                | Q(status="superseded")
                | (~Q(frozen_file="") & ~Q(frozen_sha256="")),
                name="agreementversion_open_is_frozen",
            ),
            models.CheckConstraint(
                condition=~Q(status="signed")
                | (~Q(final_file="") & ~Q(final_sha256="") & Q(signed_at__isnull=False)),
                name="agreementversion_signed_has_final_pdf",
            ),
            models.CheckConstraint(
                condition=~Q(status="superseded") | Q(superseded_at__isnull=False),
                name="agreementversion_superseded_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.document.subject_label} v{self.number}"

    @property
    def reference(self) -> str:
        return f"{self.mobility.reference}-GA-v{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED

    @property
    def is_frozen(self) -> bool:
        return bool(self.frozen_sha256)

    @property
    def download_name(self) -> str:
        return f"grant-agreement-{self.mobility.reference}-v{self.number}.pdf"

    @property
    def signed_download_name(self) -> str:
        return f"grant-agreement-{self.mobility.reference}-v{self.number}-signed.pdf"


class AppendOnlyError(Exception):
    """A signature event was about to be changed or deleted."""


class SignatureEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Signature events are never changed.")

    def delete(self):
        raise AppendOnlyError("Signature events are never deleted.")


class SignatureEvent(models.Model):
    """One signature: who signed which bytes, when, from where and how they had signed in.
    Append-only: the model refuses to update or delete a row, and the database refuses an
    UPDATE (and, on PostgreSQL, a DELETE) by a trigger (migration 0002)."""

    agreement = models.ForeignKey(
        AgreementVersion, on_delete=models.PROTECT, related_name="signatures"
    )
    role = models.CharField(_("signed as"), max_length=20, choices=SignerRole.choices)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="signature_events",
        verbose_name=_("signer"),
    )
    typed_name = models.CharField(_("name typed"), max_length=200)
    name_on_agreement = models.CharField(_("name on the agreement"), max_length=201)
    signed_at = models.DateTimeField(_("signed at (UTC)"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"))
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)
    auth_method = models.CharField(_("signed in with"), max_length=20, choices=AuthMethod.choices)
    document_sha256 = models.CharField(_("SHA-256 of the agreement"), max_length=64)
    consent_version = models.CharField(_("consent text version"), max_length=20)
    consent_language = models.CharField(
        _("consent text language"), max_length=2, choices=DocumentLanguage.choices
    )
    consent_sha256 = models.CharField(_("SHA-256 of the consent text"), max_length=64)
    # The drawn signature, if any: a PNG data URL (size-limited by the service).
    drawn_signature = models.TextField(_("drawn signature"), blank=True)

    objects = SignatureEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature event")
        verbose_name_plural = _("signature events")
        ordering = ["agreement_id", "signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "role"], name="signatureevent_once_per_role"
            ),
            models.CheckConstraint(
                condition=Q(role__in=["participant", "guardian", "organisation"]),
                name="signatureevent_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(auth_method__in=["password", "invitation_link"]),
                name="signatureevent_auth_method_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.typed_name} ({self.signed_at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AppendOnlyError("A signature event is never changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("A signature event is never deleted.")
