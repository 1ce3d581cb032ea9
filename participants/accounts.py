"""A portal account follows its participant's (or guardian's) e-mail address when it
changes, and the old address is told: whoever changes it (a coordinator, an import, the
admin), the owner of the account hears of it, and a signature records that it changed
(PortalAccount.email_changed_at)."""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.usernames import normalise_username, users_named

from .models import Participant, PortalAccount, PortalInvitation, PortalRole

logger = logging.getLogger(__name__)


def invitation_email_address(participant: Participant, role: str) -> str:
    if role == PortalRole.GUARDIAN:
        return participant.guardian_email.strip()
    return participant.email.strip()


def portal_account_of(participant: Participant, role: str) -> PortalAccount | None:
    return (
        PortalAccount.objects.select_related("user")
        .filter(participant=participant, role=role)
        .first()
    )


def pending_invitations(participant, role):
    return PortalInvitation.objects.filter(
        participant=participant, role=role, used_at__isnull=True, revoked_at__isnull=True
    )


def portal_addresses_before(participant: Participant) -> dict[str, str]:
    """The participant's stored address for each role, before a change is saved; empty
    for a new participant."""
    if participant.pk is None:
        return {}
    row = Participant.objects.filter(pk=participant.pk).values("email", "guardian_email").first()
    if row is None:
        return {}
    return {PortalRole.PARTICIPANT: row["email"], PortalRole.GUARDIAN: row["guardian_email"]}


def portal_addresses_changed(*, participant: Participant, before: dict[str, str]) -> None:
    """After `participant` was saved: for each role whose address changed, invitations
    sent to the old address stop working, and the role's account moves to the new one
    (account_email_change)."""
    for role, old in before.items():
        new = invitation_email_address(participant, role)
        if normalise_username(old) == normalise_username(new):
            continue
        pending_invitations(participant, role).update(revoked_at=timezone.now())
        account = portal_account_of(participant, role)
        if account is not None:
            account_email_change(account=account, old=old, new=new)


def account_email_change(*, account: PortalAccount, old: str, new: str) -> None:
    """The account's e-mail becomes `new`, and so does its username if it was the old
    address (and no other user's looks like the new one). The old address is told, in the
    account's language, once the change is committed (a rolled-back import tells no one)."""
    user = account.user
    new = new.strip()
    user.email = new
    if (
        new
        and normalise_username(user.username) == normalise_username(old)
        and not users_named(new, exclude_pk=user.pk)
    ):
        user.username = normalise_username(new)
    user.save(update_fields=["email", "username"])
    account.email_changed_at = timezone.now()
    account.save(update_fields=["email_changed_at"])
    if old.strip():
        notice = {"account_pk": account.pk, "old": old.strip(), "new": new}
        transaction.on_commit(lambda: _tell_old_address(**notice))


def _tell_old_address(*, account_pk: int, old: str, new: str) -> None:
    account = (
        PortalAccount.objects.select_related("user", "participant__organisation")
        .filter(pk=account_pk)
        .first()
    )
    if account is None:
        return
    context = {
        "username": account.user.username,
        "organisation": account.participant.organisation.legal_name,
        "old": old,
        "new": new,
    }
    with translation.override(account.language):
        subject = _("The e-mail address of your Erasmus+ portal account was changed")
        body = render_to_string("portal/email/email_changed.txt", context)
    try:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[old])
    except Exception:  # noqa: BLE001 - SMTP errors come in many classes; the change stands
        logger.exception("Could not tell %s that portal account %s moved", old, account_pk)
