"""A coordinator cannot quietly take over a participant's portal account: an account's
e-mail address changes only with notice to the old address (whether a coordinator, an
import or the admin changes it), an invitation never replaces the password of an account
that has signed in (it offers the password reset instead), and a signature records
whether the account's address changed since the invitation."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from participants.models import PortalAccount, PortalInvitation
from participants.services import participant_update
from reporting.models import SignatureEvent
from tests import factories
from tests.transfers.conftest import confirm, csv_file, preview

from .helpers import countersign, open_agreement, portal_user, sign_in_portal

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"


@pytest.fixture
def marta(marta_participant):
    """Marta's account as an invitation makes it (her address is the username), in use."""
    user = portal_user(marta_participant, username="marta@example.lv")
    user.last_login = timezone.now()
    user.save()
    return user


def invite(client, mobility, role="participant"):
    return client.post(
        reverse("portal:portal_invite", args=[mobility.pk]), {"role": role}, follow=True
    )


def notices(to):
    """Notices of a changed address sent to `to`, in either language."""
    subject = "The e-mail address of your Erasmus+ portal account was changed"
    subjects = set()
    for language in ("lv", "en"):
        with translation.override(language):
            subjects.add(translation.gettext(subject))
    return [m for m in mail.outbox if m.to == [to] and m.subject in subjects]


def test_inviting_an_account_in_use_offers_a_password_reset_and_keeps_the_password(
    client, alice, adult_mobility, marta
):
    PortalAccount.objects.filter(user=marta).update(language="en")  # she signed in in English
    client.force_login(alice)
    page = invite(client, adult_mobility).content.decode()
    assert "already uses their portal account, so its password stays as it is" in page
    (message,) = mail.outbox
    assert message.to == ["marta@example.lv"]
    assert "You already have an account there, with the username marta@example.lv" in (message.body)
    assert "/accounts/password/reset/" in message.body
    assert "/portal/invitation/" not in message.body
    assert not PortalInvitation.objects.exists()
    marta.refresh_from_db()
    assert marta.check_password(PASSWORD)


def test_an_invitation_sent_before_the_account_signed_in_no_longer_sets_its_password(
    client, alice, adult_mobility, marta
):
    marta.last_login = None
    marta.save()
    client.force_login(alice)
    invite(client, adult_mobility)
    link = re.search(r"http://testserver(/portal/invitation/\S+/)", mail.outbox[-1].body)[1]
    client.logout()
    assert client.login(username="marta@example.lv", password=PASSWORD)
    client.logout()
    assert client.get(link).status_code == 410
    marta.refresh_from_db()
    assert marta.check_password(PASSWORD)


def test_a_changed_address_moves_the_account_and_tells_the_old_address_in_its_language(
    client, alice, adult_mobility, marta, django_capture_on_commit_callbacks
):
    PortalAccount.objects.filter(user=marta).update(language="lv")
    participant = adult_mobility.participant
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("participants:participant_edit", args=[participant.pk]),
            {
                "organisation": participant.organisation_id,
                "kind": "learner",
                "first_name": "Marta",
                "last_name": "Bērziņa",
                "date_of_birth": "2005-05-30",
                "email": "Marta.Jauna@Example.lv",
                "vet_programme": participant.vet_programme,
                "qualification": participant.qualification,
                "eqf_level": "4",
                "learner_status": "enrolled",
                "compulsory_service_months": "0",
                "seen_revision": participant.revision,
            },
        )
    assert response.status_code == 302
    (notice,) = mail.outbox
    assert notice.to == ["marta@example.lv"]
    assert notice.subject == "Jūsu Erasmus+ portāla konta e-pasta adrese tika mainīta"
    assert "marta@example.lv" in notice.body and "Marta.Jauna@Example.lv" in notice.body
    marta.refresh_from_db()
    assert (marta.username, marta.email) == ("marta.jauna@example.lv", "Marta.Jauna@Example.lv")
    assert PortalAccount.objects.get(user=marta).email_changed_at is not None


def test_the_takeover_of_issue_14_leaves_the_password_and_tells_the_participant(
    client, alice, adult_mobility, marta, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        participant_update(
            participant=adult_mobility.participant, data={"email": "alice@school.lv"}
        )
    client.force_login(alice)
    invite(client, adult_mobility)
    assert len(notices("marta@example.lv")) == 1
    offer = mail.outbox[-1]
    assert offer.to == ["alice@school.lv"] and "/accounts/password/reset/" in offer.body
    marta.refresh_from_db()
    assert marta.check_password(PASSWORD)  # nothing was replaced behind her back


def test_pending_invitations_to_the_old_address_stop_working(
    client, alice, adult_mobility, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    invite(client, adult_mobility)
    with django_capture_on_commit_callbacks(execute=True):
        participant_update(
            participant=adult_mobility.participant, data={"email": "marta.jauna@example.lv"}
        )
    assert PortalInvitation.objects.get().revoked_at is not None


def test_a_change_of_case_only_is_no_change(
    adult_mobility, marta, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        participant_update(
            participant=adult_mobility.participant, data={"email": "Marta@Example.LV"}
        )
    assert not mail.outbox
    assert PortalAccount.objects.get(user=marta).email_changed_at is None


def test_the_guardians_account_follows_the_guardians_address(
    minor_mobility, zanete_participant, django_capture_on_commit_callbacks
):
    girts = portal_user(zanete_participant, role="guardian", username="girts@example.lv")
    girts.email = "girts@example.lv"
    girts.save()
    with django_capture_on_commit_callbacks(execute=True):
        participant_update(
            participant=zanete_participant, data={"guardian_email": "girts.k@example.lv"}
        )
    assert len(notices("girts@example.lv")) == 1
    girts.refresh_from_db()
    assert girts.username == "girts.k@example.lv"


def test_an_address_someone_else_signs_in_with_leaves_the_username(
    adult_mobility, marta, django_capture_on_commit_callbacks
):
    factories.user(username="marta.jauna@example.lv")
    with django_capture_on_commit_callbacks(execute=True):
        participant_update(
            participant=adult_mobility.participant, data={"email": "marta.jauna@example.lv"}
        )
    marta.refresh_from_db()
    assert (marta.username, marta.email) == ("marta@example.lv", "marta.jauna@example.lv")


def test_an_import_that_changes_the_address_tells_the_old_one_and_a_preview_does_not(
    client, alice, adult_mobility, marta, django_capture_on_commit_callbacks
):
    code = adult_mobility.participant.national_id  # a valid personal code
    rows = [
        ["Kind", "First name", "Last name", "Date of birth", "E-mail", "National ID"],
        ["learner", "Marta", "Bērziņa", "2005-05-30", "marta.jauna@example.lv", code],
    ]
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        _outcome, token = preview(client, "/participants/import/", csv_file(rows))
    assert not mail.outbox
    marta.refresh_from_db()
    assert marta.email == "marta@example.lv"
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, token)
    assert len(notices("marta@example.lv")) == 1
    marta.refresh_from_db()
    assert marta.username == "marta.jauna@example.lv"


@pytest.fixture
def superuser_client(client):
    root = get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    client.force_login(root)
    return client


def admin_form_data(client, url) -> dict:
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or value is False or name == "password":
            continue
        data[name] = value
    return data


def test_the_admins_participant_change_tells_the_old_address(
    superuser_client, adult_mobility, marta, django_capture_on_commit_callbacks
):
    url = reverse("admin:participants_participant_change", args=[adult_mobility.participant_id])
    data = admin_form_data(superuser_client, url) | {"email": "marta.jauna@example.lv"}
    data["fewer_opportunities_categories"] = []
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert len(notices("marta@example.lv")) == 1


def test_the_admins_user_change_tells_the_old_address(
    superuser_client, marta, django_capture_on_commit_callbacks
):
    url = reverse("admin:auth_user_change", args=[marta.pk])
    data = admin_form_data(superuser_client, url)
    data.pop("groups", None), data.pop("user_permissions", None)
    data |= {"email": "someone@example.lv", "date_joined_0": "2026-01-01"}
    data |= {"date_joined_1": "10:00", "last_login_0": "2026-01-02", "last_login_1": "10:00"}
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert len(notices("marta@example.lv")) == 1
    assert PortalAccount.objects.get(user=marta).email_changed_at is not None


def test_signatures_record_whether_the_accounts_address_changed_since_the_invitation(
    client, alice, adult_mobility, minor_mobility, marta, zanete, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        participant_update(
            participant=adult_mobility.participant, data={"email": "marta.jauna@example.lv"}
        )
    changed = open_agreement(adult_mobility, alice)
    unchanged = open_agreement(minor_mobility, alice)
    client.force_login(marta)
    sign_in_portal(client, changed, "Marta Bērziņa")
    client.force_login(zanete)
    sign_in_portal(client, unchanged, "Žanete Ķēniņa")
    client.force_login(alice)
    countersign(client, changed, "Alise Kalēja")
    by_signer = {e.signer: e.account_email_changed for e in SignatureEvent.objects.all()}
    assert by_signer == {marta: True, zanete: False, alice: None}
