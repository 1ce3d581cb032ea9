"""Building portal accounts and agreements ready to sign, and signing them, for tests."""

from django.urls import reverse

from participants.models import PortalAccount
from reporting import services, signing
from reporting.signing.consent import CURRENT_VERSION
from tests import factories


def portal_user(participant, role="participant", username=None):
    """A portal account signing in with the suite's password (secret-pass-123)."""
    user = factories.user(username=username, email=participant.email)
    PortalAccount.objects.create(user=user, participant=participant, role=role)
    return user


def open_agreement(mobility, user=None, language="en"):
    """Send the mobility's agreement for signing and render and freeze it at once, as the
    Celery task does once the request's transaction has committed. The participant and
    the project are first given what sending needs, where the test has not."""
    factories.ready_for_signing(mobility)
    version = signing.agreement_send(mobility=mobility, language=language, user=user)
    render_and_freeze(version)
    version.refresh_from_db()
    return version


def render_and_freeze(version):
    version.refresh_from_db()
    services.document_render(document_id=version.document_id)
    return signing.agreement_document_rendered(document_id=version.document_id)


def sign_data(agreement, name, **overrides):
    data = {
        "consent": "on",
        "typed_name": name,
        "document_sha256": agreement.frozen_sha256,
        "consent_version": CURRENT_VERSION,
        "drawn_signature": "",
    }
    return data | overrides


def sign_in_portal(client, agreement, name, **overrides):
    return client.post(
        reverse("portal:portal_agreement", args=[agreement.pk]),
        sign_data(agreement, name, **overrides),
    )


def countersign(client, agreement, name, **overrides):
    return client.post(
        reverse("signing:agreement_countersign", args=[agreement.pk]),
        sign_data(agreement, name, **overrides),
    )
