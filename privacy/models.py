"""Data protection records: who was shown participants' sensitive personal data (the read
log), every download of everything held about a person, every erasure with what it removed
and what it kept and why, and the projects whose retention period for the grant's audit
has ended.

These records name participants by id only (an integer, not a foreign key): they must
outlive an erasure, which may delete the participant's row, and they must not hold the
personal data they are about. The user who acted is kept both as a link and by name, so
that the record still says who it was if the user is deleted.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Organisation, Project


class SensitiveKind(models.TextChoices):
    """The kinds of sensitive personal data whose showing is logged. The codes are the
    names of the fields holding them (participants.signals.SENSITIVE_FIELDS)."""

    FEWER_OPPORTUNITIES_CATEGORIES = (
        "fewer_opportunities_categories",
        _("fewer-opportunities categories"),
    )
    SUPPORT_NEEDS = "support_needs", _("support needs")
    NATIONAL_ID = "national_id", _("national ID (personal code)")
    BANK_ACCOUNT = "iban", _("bank account (IBAN)")


class ShownWhere(models.TextChoices):
    PARTICIPANT_PAGE = "participant_detail", _("participant page")
    PARTICIPANT_FORM = "participant_form", _("participant form")
    LIST_EXPORT = "participant_export", _("participant list export (CSV, XLSX)")
    ADMIN = "admin_change", _("administration page of the participant")
    DATA_EXPORT = "data_export", _("download of everything held about the person")


class SensitiveDataAccess(models.Model):
    """One showing of a participant's sensitive personal data to a user: one row per
    participant and page view (or file), whatever the number of fields shown."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="sensitive_data_accesses",
        verbose_name=_("organisation"),
    )
    participant_id = models.PositiveBigIntegerField(_("participant"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    user_name = models.CharField(
        _("user"), max_length=150, blank=True, help_text=_("Empty: the command line.")
    )
    kinds = models.JSONField(_("data shown"), default=list)
    where = models.CharField(_("where"), max_length=30, choices=ShownWhere.choices)
    accessed_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("access to sensitive data")
        verbose_name_plural = _("accesses to sensitive data")
        ordering = ["-accessed_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-accessed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(where__in=ShownWhere.values), name="sensitivedataaccess_where_valid"
            )
        ]

    def __str__(self):
        return f"{self.user_name or '—'} #{self.participant_id} {self.where} {self.accessed_at}"

    def get_kinds_display(self) -> list[str]:
        labels = dict(SensitiveKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.kinds]


class DataSubject(models.TextChoices):
    """Whose data an export holds: the participant's, or their guardian's."""

    PARTICIPANT = "participant", _("participant")
    GUARDIAN = "guardian", _("guardian")


class DataExport(models.Model):
    """A download of everything held about a person: who asked, when, what it held."""

    class Via(models.TextChoices):
        WORKSPACE = "workspace", _("coordinator's participant page")
        PORTAL = "portal", _("participant portal")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="data_exports"
    )
    participant_id = models.PositiveBigIntegerField(_("participant"), db_index=True)
    subject = models.CharField(_("whose data"), max_length=20, choices=DataSubject.choices)
    via = models.CharField(_("from"), max_length=20, choices=Via.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("downloaded by"),
    )
    requested_by_name = models.CharField(_("downloaded by"), max_length=150)
    requested_at = models.DateTimeField(_("downloaded at"), default=timezone.now)
    records = models.PositiveIntegerField(_("records"))
    files = models.PositiveIntegerField(_("files"))
    size = models.PositiveBigIntegerField(_("size (bytes)"))

    class Meta:
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject__in=DataSubject.values), name="dataexport_subject_valid"
            ),
            models.CheckConstraint(
                condition=Q(via__in=["workspace", "portal"]), name="dataexport_via_valid"
            ),
        ]

    def __str__(self):
        return f"#{self.participant_id} {self.subject} {self.requested_at:%Y-%m-%d %H:%M}"


class Erasure(models.Model):
    """One erasure of a person's data: on their request (the coordinator typed the reason)
    or because the retention period of a project ended. `removed` and `kept` are lists of
    {"code", "count"} (kept ones also "until"), put into words in the reader's language by
    privacy.erasure.items."""

    class Cause(models.TextChoices):
        REQUEST = "request", _("request of the person")
        RETENTION = "retention", _("end of the retention period")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    participant_id = models.PositiveBigIntegerField(_("participant"), db_index=True)
    pseudonym = models.CharField(_("participant now named"), max_length=201)
    cause = models.CharField(_("cause"), max_length=20, choices=Cause.choices)
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project whose retention period ended"),
    )
    reason = models.TextField(_("reason"), blank=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("erased by"),
    )
    erased_by_name = models.CharField(_("erased by"), max_length=150, blank=True)
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    participant_deleted = models.BooleanField(_("record deleted"), default=False)
    removed = models.JSONField(_("removed"), default=list, blank=True)
    kept = models.JSONField(_("kept"), default=list, blank=True)
    kept_until = models.DateField(_("kept until"), null=True, blank=True)

    class Meta:
        verbose_name = _("erasure of personal data")
        verbose_name_plural = _("erasures of personal data")
        ordering = ["-erased_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cause__in=["request", "retention"]), name="erasure_cause_valid"
            ),
            models.CheckConstraint(
                condition=Q(cause="retention") | ~Q(reason=""),
                name="erasure_on_request_has_reason",
                violation_error_message=_("Give the reason of the erasure."),
            ),
        ]

    def __str__(self):
        return f"{self.pseudonym} ({self.erased_at:%Y-%m-%d})"


class RetentionFlag(models.Model):
    """A project whose retention period has ended (end date, the final report's deadline,
    then AUDIT_RETENTION_YEARS): its personal data and generated files wait for a
    coordinator to erase them."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="retention_flag", verbose_name=_("project")
    )
    retention_ended_on = models.DateField(_("retention period ended on"))
    flagged_at = models.DateTimeField(_("flagged at"), default=timezone.now)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("erased by"),
    )

    class Meta:
        verbose_name = _("project past its retention period")
        verbose_name_plural = _("projects past their retention period")
        ordering = ["retention_ended_on", "pk"]

    def __str__(self):
        return f"{self.project} ({self.retention_ended_on})"

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None
