"""Writes of the participant portal: invitations and the accounts they open, files the
coordinator asks for and the participant uploads, and the participant's confirmation that
they sent their report.

An invitation's token is random (secrets.token_urlsafe) and only its SHA-256 is stored; it
works once, until it expires (PORTAL_INVITATION_DAYS), and a new invitation for the same
participant and role revokes the older ones. Using it sets the password of a new account,
or of an account that never signed in. An account in use keeps its password: inviting it
again offers a password reset by e-mail instead (password_reset.py).

How an account follows its participant's e-mail address: participants/accounts.py."""

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.password_reset import recipient_address, send_password_reset
from core.usernames import normalise_username, users_named
from mobilities.models import Mobility, MobilityFile, ParticipantReport
from mobilities.services import mobility_file_add, mobility_update
from participants.accounts import (
    invitation_email_address,
    pending_invitations,
    portal_account_of,
)
from participants.models import (
    FileRequest,
    Participant,
    PortalAccount,
    PortalInvitation,
    PortalRole,
)

logger = logging.getLogger(__name__)

TOKEN_BYTES = 32


class InvitationUnusable(Exception):
    """The link is unknown, expired, already used or replaced by a newer invitation."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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


@dataclass(frozen=True)
class InviteOutcome:
    """What inviting did: e-mailed an invitation valid until `expires_at`, or, to an
    account already in use, the offer of a password reset (`reset_offered`)."""

    email: str
    expires_at: datetime | None = None
    reset_offered: bool = False


def portal_invite(
    *, participant: Participant, role: str, invited_by, absolute: Callable[[str], str]
) -> InviteOutcome:
    """E-mail `role` an invitation (links made absolute by `absolute(path)`); older
    invitations for the same participant and role stop working. An account that has
    signed in keeps its password: it is offered a password reset instead."""
    email = _validate_invitation(participant, role)
    account = portal_account_of(participant, role)
    if account is not None and account.user.last_login is not None:
        pending_invitations(participant, role).update(revoked_at=timezone.now())
        return _offer_reset(account, absolute)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = timezone.now()
    with transaction.atomic():
        pending_invitations(participant, role).update(revoked_at=now)
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
        _send_invitation(invitation, absolute(reverse("portal:portal_invitation", args=[token])))
    except Exception as error:  # noqa: BLE001 - SMTP errors come in many classes
        logger.exception("Could not send portal invitation %s", invitation.pk)
        PortalInvitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
        raise _not_sent(error) from error
    return InviteOutcome(email=invitation.email, expires_at=invitation.expires_at)


def _not_sent(error: Exception) -> ValidationError:
    return ValidationError(_("The invitation could not be sent: %(error)s") % {"error": error})


def _offer_reset(account: PortalAccount, absolute: Callable[[str], str]) -> InviteOutcome:
    user = account.user
    try:
        send_password_reset(user=user, absolute=absolute, language=account.language, offer=True)
    except Exception as error:  # noqa: BLE001 - SMTP errors come in many classes
        logger.exception("Could not send a password reset offer to portal account %s", account.pk)
        raise _not_sent(error) from error
    return InviteOutcome(email=recipient_address(user), reset_offered=True)


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
    if invitation is None or not invitation.is_usable() or _account_in_use(invitation):
        raise InvitationUnusable
    return invitation


def _account_in_use(invitation: PortalInvitation) -> bool:
    """An invitation never replaces the password of an account that has signed in (since
    it was sent, or before): its user resets the password by e-mail instead."""
    return PortalAccount.objects.filter(
        participant_id=invitation.participant_id,
        role=invitation.role,
        user__last_login__isnull=False,
    ).exists()


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
    if invitation is None or not invitation.is_usable() or _account_in_use(invitation):
        raise InvitationUnusable
    user = account_user_for(invitation)
    user.set_password(password)
    user.save()
    account, _created = PortalAccount.objects.get_or_create(
        user=user, defaults={"participant": invitation.participant, "role": invitation.role}
    )
    if account.email_changed_at is not None:
        # This invitation reached the account's present address.
        account.email_changed_at = None
        account.save(update_fields=["email_changed_at"])
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


def file_request_withdraw(*, file_request: FileRequest) -> bool:
    """Withdraw a request nothing was uploaded for yet; False (kept) otherwise."""
    if not file_request.is_open:
        return False
    file_request.delete()
    return True


def file_request_fulfil(*, file_request: FileRequest, upload, user) -> MobilityFile:
    """Keep the participant's upload as the mobility's file, with the same checks as the
    coordinator's uploads (size, type by content); the request is fulfilled in the same
    transaction as the file's row."""

    def fulfilled(stored: MobilityFile) -> None:
        file_request.uploaded_file = stored
        file_request.fulfilled_at = timezone.now()
        file_request.save(update_fields=["uploaded_file", "fulfilled_at"])

    return mobility_file_add(
        mobility=file_request.mobility,
        kind=file_request.kind,
        upload=upload,
        uploaded_by=user,
        on_saved=fulfilled,
    )


def participant_report_confirm(*, mobility: Mobility) -> Mobility:
    """The participant says they sent their individual report (EU survey)."""
    if mobility.participant_report == ParticipantReport.SUBMITTED:
        return mobility
    return mobility_update(
        mobility=mobility, data={"participant_report": ParticipantReport.SUBMITTED}
    )
