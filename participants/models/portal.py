"""The participant portal: participants and their guardians sign in to a portal of their own
(portal/). They are Django users without any organisation Membership, so
the coordinator's pages, which scope everything by Membership, show them nothing;
PortalAccount says whose portal a user sees. An invitation is a single-use, time-limited
link: only the SHA-256 of its random token is stored."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .participant import Participant


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
    # The language the user last used the portal in (set at every sign-in): e-mails to
    # them are written in it.
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # When the account's e-mail address last changed after its invitation was used (the
    # old address was told); a signature records that it had.
    email_changed_at = models.DateTimeField(
        _("e-mail changed since the invitation"), null=True, blank=True
    )

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
