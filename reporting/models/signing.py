"""Online signing of grant agreements. A grant agreement is signed as an AgreementVersion: a
ready GeneratedDocument whose exact bytes are copied ("frozen") with their SHA-256 before
anyone signs. Signatures are append-only SignatureEvents. When the last one is in, the
final PDF (the frozen bytes, then a signature certificate page appended as an incremental
update, sealed with PAdES when a certificate is configured) is stored with its SHA-256. A
change of what the agreement says supersedes the version and starts the next one
(reporting/signing/)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilities.models import Mobility

from .documents import DocumentLanguage, GeneratedDocument


class SignerRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    GUARDIAN = "guardian", _("Guardian")
    ORGANISATION = "organisation", _("Sending organisation")


class AuthMethod(models.TextChoices):
    PASSWORD = "password", _("Password sign-in")
    INVITATION_LINK = "invitation_link", _("Invitation link sent by e-mail")
    PASSWORD_RESET_LINK = "password_reset_link", _("Password reset link sent by e-mail")


class SupersededBecause(models.TextChoices):
    """Why a version was replaced: a code, so that every reader sees it in their language."""

    SENT_AGAIN = "sent_again", _("The coordinator sent a new version for signing.")
    MOBILITY_CHANGED = "mobility_changed", _("The mobility changed (dates or amounts).")
    MOBILITY_CANCELLED = "mobility_cancelled", _("The mobility was cancelled.")
    TERMS_CHANGED = "terms_changed", _("The terms of the project's grant agreements changed.")
    SHARE_CHANGED = (
        "share_changed",
        _("What is paid to the participant or provided in kind changed."),
    )


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
    # The agreement's text as HTML, made from the same data as the frozen PDF when it was
    # frozen: the signing page shows it, readable on a phone. Empty for versions frozen
    # before the text was kept (their signers read the PDF).
    frozen_text_html = models.TextField(_("text of the agreement"), blank=True)
    # Whose money each part of the grant was when the agreement was frozen (paid to the
    # participant, provided in kind, kept by the organisation), amounts as strings:
    # {"lines": [[head, amount, handling, note], ...], "paid": ..., "in_kind": ...}.
    participant_share = models.JSONField(_("participant's share"), default=dict, blank=True)
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
    superseded_because = models.CharField(
        _("why superseded"), max_length=20, choices=SupersededBecause.choices, blank=True
    )
    # Only versions superseded before the reason became a code have a text here.
    superseded_reason = models.CharField(_("why superseded (text)"), max_length=300, blank=True)
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
    def is_superseded(self) -> bool:
        return self.status == self.Status.SUPERSEDED

    @property
    def superseded_reason_text(self) -> str:
        """Why it was replaced, in the reader's language."""
        if self.superseded_because:
            return self.get_superseded_because_display()
        return self.superseded_reason

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
    # Whether the signer's portal account had its e-mail address changed after its
    # invitation was used (a possible takeover); empty for signers without a portal
    # account, and for signatures recorded before this was.
    account_email_changed = models.BooleanField(
        _("account's e-mail changed since the invitation"), null=True, blank=True
    )

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
                condition=Q(auth_method__in=["password", "invitation_link", "password_reset_link"]),
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
