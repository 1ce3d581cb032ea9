"""One row of each portal and signing model, for tests that walk every admin page."""

from datetime import timedelta

from django.utils import timezone

from participants.models import FileRequest, PortalAccount, PortalInvitation
from reporting import signing
from reporting.models import AgreementVersion, SignatureEvent
from reporting.signing.consent import CURRENT_VERSION

from .helpers import open_agreement, portal_user

# Made only by their services (invitations, signing): the admin reads them, adds none.
READ_ONLY_IN_ADMIN = {
    PortalAccount,
    PortalInvitation,
    FileRequest,
    AgreementVersion,
    SignatureEvent,
}


def portal_rows(mobility) -> None:
    participant = mobility.participant
    user = portal_user(participant)
    now = timezone.now()
    PortalInvitation.objects.create(
        participant=participant,
        role="participant",
        email=participant.email or "x@example.lv",
        token_hash="0" * 64,
        expires_at=now + timedelta(days=7),
    )
    FileRequest.objects.create(mobility=mobility, kind="attendance_proof")
    agreement = open_agreement(mobility)
    signing.agreement_sign(
        agreement=agreement,
        user=user,
        typed_name=agreement.participant_name,
        document_sha256=agreement.frozen_sha256,
        consent_version=CURRENT_VERSION,
        language="en",
        client=signing.SigningClient("127.0.0.1", "pytest", "password"),
    )
