"""What was signed stays provable: signature events are append-only, every download of a
signed document checks its SHA-256, verify_signatures names every file that changed, and
with a certificate configured the final PDF carries a valid PAdES seal."""

import datetime
import io
import logging

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from reporting.models import AppendOnlyError, SignatureEvent
from reporting.signing import agreement_finalize

from .helpers import countersign, open_agreement, sign_in_portal

pytestmark = pytest.mark.django_db


def tamper(file_field) -> None:
    path = file_field.path
    with open(path, "r+b") as handle:
        data = handle.read()
        handle.seek(0)
        handle.write(data.replace(b"Marta", b"Mirta", 1) if b"Marta" in data else data + b" ")


def test_the_signed_pdf_downloads_with_its_hash(client, signed, marta, alice, bob):
    for user, name in (
        (marta, "portal:portal_agreement_signed_pdf"),
        (alice, "signing:agreement_signed_pdf"),
        (bob, "signing:agreement_signed_pdf"),
    ):
        client.force_login(user)
        response = client.get(reverse(name, args=[signed.pk]))
        assert response.status_code == 200
        assert response["ETag"] == f'"{signed.final_sha256}"'
        assert response.content.startswith(b"%PDF")


def test_a_tampered_signed_pdf_is_refused_and_logged(client, signed, marta, caplog):
    tamper(signed.final_file)
    client.force_login(marta)
    with caplog.at_level(logging.ERROR, logger="reporting.signing.views"):
        response = client.get(reverse("portal:portal_agreement_signed_pdf", args=[signed.pk]))
    assert response.status_code == 409
    assert "no longer matches the fingerprint" in response.content.decode()
    assert b"%PDF" not in response.content
    assert f"Refused to serve agreement version {signed.pk}" in caplog.text


def test_a_tampered_agreement_to_sign_is_neither_served_nor_signed(
    client, adult_mobility, alice, marta
):
    agreement = open_agreement(adult_mobility, alice)
    tamper(agreement.frozen_file)
    client.force_login(marta)
    assert (
        client.get(reverse("portal:portal_agreement_pdf", args=[agreement.pk])).status_code == 409
    )
    response = sign_in_portal(client, agreement, "Marta Bērziņa")
    assert response.status_code == 400
    assert "does not match the one sent for signing" in response.content.decode()
    assert not SignatureEvent.objects.exists()


def test_verify_signatures_passes_when_nothing_changed(signed, capsys):
    call_command("verify_signatures")
    assert "All 1 frozen or signed agreement(s) match their SHA-256." in capsys.readouterr().out


def test_verify_signatures_names_each_changed_file_and_fails(signed, adult_mobility, capsys):
    tamper(signed.final_file)
    other = open_agreement(adult_mobility, None)  # version 2, replacing the signed one
    other.frozen_file.storage.delete(other.frozen_file.name)
    with pytest.raises(CommandError, match="2 signed file"):
        call_command("verify_signatures")
    errors = capsys.readouterr().err
    assert (
        f"{signed.mobility.reference} version 1 (agreement id {signed.pk}), signed agreement"
        in errors
    )
    assert f"version 2 (agreement id {other.pk}), agreement to sign" in errors
    assert "missing" in errors


@pytest.mark.django_db(transaction=True)
def test_verify_signatures_exits_non_zero_from_the_shell(signed):
    import os
    import subprocess
    import sys

    from django.conf import settings

    from tests.reporting.helpers import database_url

    def run():
        env = os.environ | {
            "DATABASE_URL": database_url(),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "DJANGO_SETTINGS_MODULE": "erasmus_portal.settings.test",
        }
        return subprocess.run(
            [sys.executable, "manage.py", "verify_signatures"],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    assert run().returncode == 0
    tamper(signed.frozen_file)
    result = run()
    assert result.returncode == 1
    assert f"(agreement id {signed.pk}), agreement to sign" in result.stderr


def test_signature_events_are_append_only(signed):
    event = signed.signatures.first()
    event.typed_name = "Someone else"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        SignatureEvent.objects.filter(pk=event.pk).update(typed_name="x")
    with pytest.raises(AppendOnlyError):
        SignatureEvent.objects.all().delete()


def test_the_database_refuses_to_change_a_signature_event(signed):
    event = signed.signatures.first()
    table = SignatureEvent._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET typed_name = 'x' WHERE id = %s", [event.pk])  # noqa: S608
    assert SignatureEvent.objects.get(pk=event.pk).typed_name == "Marta Bērziņa"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL refuses deletes too")
def test_postgresql_refuses_to_delete_a_signature_event(signed):
    table = SignatureEvent._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
    assert SignatureEvent.objects.count() == 2


# Sealing


@pytest.fixture
def certificate(tmp_path, settings):
    """A self-signed certificate and its encrypted key, as the organisation would have."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Vidzemes tehnikums seal")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = tmp_path / "seal.key", tmp_path / "seal.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"slepens"),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    settings.SIGNING_CERT_PATH, settings.SIGNING_KEY_PATH = str(cert_path), str(key_path)
    settings.SIGNING_KEY_PASSPHRASE = "slepens"
    return cert.public_bytes(serialization.Encoding.DER)


def test_with_a_certificate_the_final_pdf_is_sealed(
    client, certificate, adult_mobility, alice, marta
):
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    sign_in_portal(client, agreement, "Marta Bērziņa")
    client.force_login(alice)
    countersign(client, agreement, "Alise Kalēja")
    assert agreement_finalize(agreement_id=agreement.pk)
    agreement.refresh_from_db()
    assert agreement.sealed
    data = agreement.final_file.open("rb").read()
    (seal,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    trust = ValidationContext(trust_roots=[asn1_x509.Certificate.load(certificate)])
    status = validate_pdf_signature(seal, trust)
    assert status.intact and status.valid and status.trusted
    # The signed agreement's bytes are still the beginning of the sealed file.
    assert data.startswith(agreement.frozen_file.open("rb").read())
    response = client.get(reverse("signing:agreement_signed_pdf", args=[agreement.pk]))
    assert response.status_code == 200
