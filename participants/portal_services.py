"""Writes of the participant portal: invitations and the accounts they open, files the
coordinator asks for and the participant uploads, and the participant's confirmation that
they sent their report.

An invitation's token is random (secrets.token_urlsafe) and only its SHA-256 is stored; it
works once, until it expires (PORTAL_INVITATION_DAYS), and a new invitation for the same
participant and role revokes the older ones. Using it sets the account's password (a new
account, or a new password for an existing one)."""

import hashlib
import logging
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mobilities.models import Mobility, MobilityFile, ParticipantReport
from mobilities.services import mobility_file_add, mobility_update

from .models import FileRequest, Participant, PortalAccount, PortalInvitation, PortalRole
from .usernames import normalise_username, users_named

logger = logging.getLogger(__name__)

TOKEN_BYTES = 32


class InvitationUnusable(Exception):
    """The link is unknown, expired, already used or replaced by a newer invitation."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_email_address(participant: Participant, role: str) -> str:
    if role == PortalRole.GUARDIAN:
        return participant.guardian_email.strip()
    return participant.email.strip()


def _validate_invitation(participant: Participant, role: str) -> str:
    if role not in PortalRole.values:
        raise ValidationError({"role": _("Invite the participant or their guardian.")})
    email = invitation_email_address(participant, role)
    if email:
        return email
    if role == PortalRole.GUARDIAN:
        raise ValidationError(
            {"role": _("Add the guardian's e-mail address to the participant first.")}
        )
    raise ValidationError({"role": _("Add the participant's e-mail address first.")})


def portal_invite(
    *, participant: Participant, role: str, invited_by, link_for: Callable[[str], str]
) -> PortalInvitation:
    """Create an invitation for `role` and e-mail its link (`link_for(token)`); older
    invitations for the same participant and role stop working."""
    email = _validate_invitation(participant, role)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = timezone.now()
    with transaction.atomic():
        _pending(participant, role).update(revoked_at=now)
        invitation = PortalInvitation(
            participant=participant,
            role=role,
            email=email,
            token_hash=token_hash(token),
            invited_by=invited_by,
            created_at=now,
            expires_at=now + timedelta(days=settings.PORTAL_INVITATION_DAYS),
        )
        invitation.full_clean()
        invitation.save()
    # Outside the transaction: a slow or failing mail server holds no lock, and the
    # invitation is revoked if its link could not be sent.
    try:
        _send_invitation(invitation, link_for(token))
    except Exception as error:  # noqa: BLE001 - SMTP errors come in many classes
        logger.exception("Could not send portal invitation %s", invitation.pk)
        PortalInvitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
        raise ValidationError(
            _("The invitation could not be sent: %(error)s") % {"error": error}
        ) from error
    return invitation


def _pending(participant, role):
    return PortalInvitation.objects.filter(
        participant=participant, role=role, used_at__isnull=True, revoked_at__isnull=True
    )


def _send_invitation(invitation: PortalInvitation, link: str) -> None:
    """One e-mail in Latvian and English: the school does not know which the reader
    prefers."""
    participant = invitation.participant
    context = {
        "invitation": invitation,
        "participant": participant,
        "organisation": participant.organisation,
        "link": link,
        "days": settings.PORTAL_INVITATION_DAYS,
        "guardian": invitation.role == PortalRole.GUARDIAN,
    }
    parts, subjects = [], []
    for language in ("lv", "en"):
        with translation.override(language):
            subjects.append(_("Invitation to the Erasmus+ participant portal"))
            parts.append(render_to_string("portal/email/invitation.txt", context).strip())
    send_mail(
        subject=" / ".join(subjects),
        message="\n\n-----\n\n".join(parts) + "\n",
        from_email=None,
        recipient_list=[invitation.email],
    )


def usable_invitation(token: str) -> PortalInvitation:
    invitation = (
        PortalInvitation.objects.select_related("participant__organisation")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None or not invitation.is_usable():
        raise InvitationUnusable
    return invitation


def _free_username(email: str) -> str:
    """The e-mail address, normalised like every username, or with a number after it if
    another user's username looks the same."""
    base = normalise_username(email)[:140]
    candidate, n = base, 1
    while users_named(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _names(invitation: PortalInvitation) -> tuple[str, str]:
    participant = invitation.participant
    if invitation.role == PortalRole.GUARDIAN:
        first, _sep, last = participant.guardian_name.strip().rpartition(" ")
        return (first or last)[:150], (last if first else "")[:150]
    return participant.first_name[:150], participant.last_name[:150]


def account_user_for(invitation: PortalInvitation):
    """The user the invitation signs in: the existing account's, or a new one (unsaved)."""
    account = (
        PortalAccount.objects.select_related("user")
        .filter(participant=invitation.participant, role=invitation.role)
        .first()
    )
    if account is not None:
        return account.user
    first_name, last_name = _names(invitation)
    return get_user_model()(
        username=_free_username(invitation.email),
        email=invitation.email,
        first_name=first_name,
        last_name=last_name,
    )


@transaction.atomic
def invitation_accept(*, token: str, password: str):
    """Use the invitation once: its account gets `password`; returns the user."""
    invitation = (
        PortalInvitation.objects.select_for_update()
        .select_related("participant")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None or not invitation.is_usable():
        raise InvitationUnusable
    user = account_user_for(invitation)
    user.set_password(password)
    user.save()
    account, _created = PortalAccount.objects.get_or_create(
        user=user, defaults={"participant": invitation.participant, "role": invitation.role}
    )
    invitation.used_at = timezone.now()
    invitation.account = account
    invitation.save(update_fields=["used_at", "account"])
    return user


# What the coordinator asks for, and the participant does


def file_request_create(*, mobility: Mobility, kind: str, note: str = "", user=None) -> FileRequest:
    request = FileRequest(mobility=mobility, kind=kind, note=note.strip(), requested_by=user)
    request.full_clean()
    request.save()
    return request


def file_request_withdraw(file_request: FileRequest) -> bool:
    """Withdraw a request nothing was uploaded for yet; False (kept) otherwise."""
    if not file_request.is_open:
        return False
    file_request.delete()
    return True


@transaction.atomic
def file_request_fulfil(*, file_request: FileRequest, upload, user) -> MobilityFile:
    """Keep the participant's upload as the mobility's file, with the same checks as the
    coordinator's uploads (size, type by content)."""
    stored = mobility_file_add(
        mobility=file_request.mobility, kind=file_request.kind, upload=upload, uploaded_by=user
    )
    file_request.uploaded_file = stored
    file_request.fulfilled_at = timezone.now()
    file_request.save(update_fields=["uploaded_file", "fulfilled_at"])
    return stored


def participant_report_confirm(*, mobility: Mobility) -> Mobility:
    """The participant says they sent their individual report (EU survey)."""
    if mobility.participant_report == ParticipantReport.SUBMITTED:
        return mobility
    return mobility_update(mobility, participant_report=ParticipantReport.SUBMITTED)
