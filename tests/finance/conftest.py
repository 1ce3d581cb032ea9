"""Finance fixtures: a mobility whose grant agreement is signed, made directly (rendering
and signing are the signing tests' business; tests/finance/test_signing.py goes through
the real flow once)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from mobilities.models import MobilityFile
from reporting.models import AgreementVersion, GeneratedDocument
from reporting.signals import agreement_signed
from tests import factories


def sign(mobility, paid="1000.00", number=1, lines=None) -> AgreementVersion:
    """A signed version of the mobility's grant agreement paying `paid` to the participant
    (as individual support, unless `lines` [[head, amount, handling, note]] say otherwise);
    the earlier current version, if any, is superseded."""
    if lines is None:
        lines = [["individual_support", paid, "paid", ""]]
    now = timezone.now()
    AgreementVersion.objects.filter(mobility=mobility).exclude(status="superseded").update(
        status="superseded", superseded_at=now, superseded_because="mobility_changed"
    )
    document = GeneratedDocument.objects.create(
        project=mobility.project,
        mobility=mobility,
        kind="grant_agreement",
        language="lv",
        version=number,
        status="ready",
        file=f"documents/ga-{mobility.pk}-{number}.pdf",
        sha256="0" * 64,
    )
    agreement = AgreementVersion.objects.create(
        mobility=mobility,
        number=number,
        language="lv",
        status="signed",
        document=document,
        content_fingerprint="f" * 64,
        frozen_file=f"agreements/{mobility.pk}-{number}.pdf",
        frozen_sha256="1" * 64,
        final_file=f"agreements/{mobility.pk}-{number}-signed.pdf",
        final_sha256="2" * 64,
        signed_at=now,
        participant_share={"lines": lines, "paid": paid, "in_kind": "0.00", "kept": "0.00"},
    )
    agreement_signed.send(sender=AgreementVersion, agreement=agreement)
    return agreement


def report_in(mobility, media_root=None) -> None:
    """The participant's report submitted and the proof of attendance uploaded."""
    mobility.participant_report = "submitted"
    mobility.save()
    MobilityFile.objects.create(
        mobility=mobility,
        kind=MobilityFile.Kind.ATTENDANCE_PROOF,
        file=ContentFile(b"%PDF-1.4 proof", name="proof.pdf"),
        original_name="proof.pdf",
        content_type="application/pdf",
        size=14,
    )


@pytest.fixture
def terms(project):
    # 80 % before departure, 7 days before; the balance 30 days after the report.
    return factories.agreement_terms(
        project,
        prefinancing_percent=80,
        prefinancing_days_before_departure=7,
        balance_days_after_report=30,
    )


@pytest.fixture
def signed(mobility, terms):
    return sign(mobility)


MONEY = Decimal
START = date(2026, 9, 1)
