"""seed_demo shows the states of online signing: one agreement fully signed (events and
final PDF under MEDIA_ROOT), one waiting for the participant, and a minor's waiting for
her guardian, who has a portal account of her own; a second run keeps them."""

import hashlib
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from reporting.models import AgreementVersion, SignatureEvent

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_the_demo_has_a_signed_and_a_waiting_agreement(demo_snapshot, demo_data, media_root):
    output = demo_snapshot.result  # what the first run printed
    for username in ("kristaps", "marta"):
        assert f"{username}" in output
        user = get_user_model().objects.get(username=username)
        assert user.check_password("erasmus-demo")
        assert user.portal_account.role == "participant"
        assert not user.memberships.exists()
    signed = AgreementVersion.objects.get(mobility__participant__first_name="Kristaps")
    assert signed.status == "signed"
    assert list(signed.signatures.values_list("role", flat=True).order_by("signed_at")) == [
        "participant",
        "organisation",
    ]
    path = media_root / signed.final_file.name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == signed.final_sha256
    waiting = AgreementVersion.objects.get(mobility__participant__first_name="Marta")
    assert waiting.status == "open" and not waiting.signatures.exists()
    minors = AgreementVersion.objects.get(mobility__participant__first_name="Evelīna")
    assert minors.status == "open" and minors.guardian_required
    assert list(minors.signatures.values_list("role", flat=True)) == ["participant"]
    inga = get_user_model().objects.get(username="inga")
    assert inga.check_password("erasmus-demo") and inga.portal_account.role == "guardian"
    assert inga.get_full_name() == minors.guardian_name == "Inga Šmite"

    versions = list(AgreementVersion.objects.values_list("pk", "status", "final_sha256"))
    events = list(SignatureEvent.objects.values_list("pk", "signed_at"))
    seed()
    assert list(AgreementVersion.objects.values_list("pk", "status", "final_sha256")) == versions
    assert list(SignatureEvent.objects.values_list("pk", "signed_at")) == events
