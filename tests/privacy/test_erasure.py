"""Erasure on request: the confirmation page says what goes and what stays and why; the
personal data leaves the records and their history rows; what the grant's audit needs is
kept until the retention period ends, and signatures still verify; a second erasure after
that removes the rest."""

from datetime import date

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from budget.services import budget_recalculate_participant
from mobilities.models import Mobility, MobilityFile, MonitoringNote, PreparationItem
from participants.models import Participant, PortalAccount, PortalInvitation, SelectionScore
from privacy import services
from privacy.inventory import HOLDINGS, ROWS_AUDIT, ROWS_DELETED
from privacy.models import Erasure
from reporting.models import AgreementVersion, GeneratedDocument, SignatureEvent
from reporting.signing import agreement_fingerprint

from .conftest import NATIONAL_ID

pytestmark = pytest.mark.django_db

# What must not be found anywhere after the erasure, except in what the audit keeps.
PERSONAL = ["Žanete", "Ķēniņa", "zanete@example.lv", NATIONAL_ID, "Ģirts", "girts@example.lv"]
PERSONAL += ["+371 2000000", "Needs an accompanying adult", "morning shift", "passport"]
AUDIT_MODELS = {
    "reporting.AgreementVersion",  # the names on the signed agreement
    "reporting.SignatureEvent",  # the names typed
    "reporting.LearningAgreementDetails",  # part of the learning agreement
    "mobilities.MobilityFile",  # the proof of attendance's file name
    "finance.Reduction",  # what happened, for the payments' audit
    "finance.HistoricalReduction",
    "finance.Cost",  # the note on the invoice, for the audit
    "finance.HistoricalCost",
    "results.UnitAssessment",  # what the learner achieved, part of the learning agreement
    "results.HistoricalUnitAssessment",
    "results.Recognition",  # the school's decision on it
    "results.HistoricalRecognition",
    "results.LearningTransfer",  # a staff member's account of their work afterwards
    "results.HistoricalLearningTransfer",
    "results.DisseminationEvent",  # who presented, the evidence of the event
    "results.HistoricalDisseminationEvent",
}
AFTER_RETENTION = date(2033, 1, 1)  # the project ends 2027-08-31: retention until 2032-10-30


def erase(client, user, participant, reason="Written request of 1 December 2026.", capture=None):
    client.force_login(user)
    url = reverse("privacy:privacy_participant_erase", args=[participant.pk])
    if capture is None:
        return client.post(url, {"reason": reason})
    with capture(execute=True):
        return client.post(url, {"reason": reason})


def texts_found(values) -> list[str]:
    return [word for word in PERSONAL if any(word in value for value in values)]


def text_values(model) -> list[str]:
    names = [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
    ]
    return [str(value) for row in model._default_manager.values_list(*names) for value in row]


def leftovers() -> dict[str, list[str]]:
    """Every model's rows (history rows included) still holding the person's data."""
    found = {}
    for model in apps.get_models():
        if model._meta.label in AUDIT_MODELS or model._meta.label == "sessions.Session":
            continue
        words = texts_found(text_values(model))
        if words:
            found[model._meta.label] = words
    return found


def test_the_confirmation_page_names_what_is_removed_and_kept_and_why(client, alice, everything):
    participant = everything["participant"]
    client.force_login(alice)
    page = client.get(
        reverse("privacy:privacy_participant_erase", args=[participant.pk])
    ).content.decode()

    assert "Name, e-mail, phone, national ID and city of residence" in page
    assert "1 monitoring note." in page
    assert "2 portal accounts" in page
    assert "Fewer-opportunities categories and support needs" in page
    assert "1 grant agreement version, its PDFs and signatures" in page
    assert "the record of signatures can never be changed" in page
    assert "Kept until 30/10/2032." in page
    assert 'name="reason"' in page
    participant.refresh_from_db()
    assert participant.first_name == "Žanete"  # asking changed nothing


def test_erasure_removes_the_personal_data_from_the_records_and_their_history(
    client, alice, everything, django_capture_on_commit_callbacks
):
    participant = everything["participant"]
    LogEntry.objects.log_actions(
        alice.pk, [participant], ADDITION, single_object=True
    )  # the admin's log names her
    assert leftovers()  # the check below finds the data while it is there

    response = erase(client, alice, participant, capture=django_capture_on_commit_callbacks)

    erasure = Erasure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:privacy_erasure_detail", args=[erasure.pk])
    assert leftovers() == {}
    participant.refresh_from_db()
    assert participant.full_name == f"Erased participant #{participant.pk}"
    assert participant.date_of_birth == date(2010, 1, 1)
    assert participant.fewer_opportunities_categories == [] and participant.support_needs == ""
    history = Participant.history.model.objects.filter(id=participant.pk)
    assert {row.date_of_birth for row in history} == {date(2010, 1, 1)}
    assert not MonitoringNote.objects.exists()
    assert not PortalAccount.objects.exists() and not PortalInvitation.objects.exists()
    assert not PreparationItem.objects.exclude(note="").exists()
    assert LogEntry.objects.get().object_repr == f"Erased participant #{participant.pk}"


def test_erasure_keeps_what_the_audit_needs(client, alice, everything):
    participant = everything["participant"]
    erase(client, alice, participant)

    mobility = Mobility.objects.get()
    assert (mobility.start_date, mobility.end_date) == (date(2026, 9, 1), date(2026, 9, 28))
    assert mobility.grant.total > 0
    assert mobility.notes == "" and mobility.monitoring_notes == ""
    assert participant.__class__.objects.get().fewer_opportunities is True
    assert list(MobilityFile.objects.values_list("kind", flat=True)) == ["attendance_proof"]
    assert GeneratedDocument.objects.count() == 2
    agreement = AgreementVersion.objects.get()
    assert agreement.status == AgreementVersion.Status.SIGNED
    assert agreement.participant_name == "Žanete Ķēniņa"
    assert SignatureEvent.objects.count() == 3
    assert SelectionScore.objects.count() == 3
    erasure = Erasure.objects.get()
    assert erasure.kept_until == date(2032, 10, 30)
    assert {item["code"] for item in erasure.kept} >= {"mobilities", "agreements", "files"}


def rows_of(holding, participant_id: int) -> int:
    model = apps.get_model(holding.label)
    return model._default_manager.filter(**{holding.to_participant: participant_id}).count()


def test_the_erasures_follow_the_inventory_row_by_row(client, alice, everything):
    pk = everything["participant"].pk
    before = {holding.label: rows_of(holding, pk) for holding in HOLDINGS}
    assert all(before.values()), before  # the fixture has a row of every kind

    erase(client, alice, everything["participant"])
    after_first = {holding.label: rows_of(holding, pk) for holding in HOLDINGS}
    services.participant_erase(
        participant=everything["participant"], user=alice, reason="Later.", today=AFTER_RETENTION
    )
    after_second = {holding.label: rows_of(holding, pk) for holding in HOLDINGS}

    for holding in HOLDINGS:
        label = holding.label
        if holding.rows == ROWS_DELETED:
            assert after_first[label] == 0, label
        elif holding.rows == ROWS_AUDIT:
            assert after_first[label] > 0 and after_second[label] == 0, label
        else:
            assert after_second[label] == before[label], label


def test_the_stored_files_not_needed_go_once_the_erasure_committed(
    client, alice, everything, django_capture_on_commit_callbacks
):
    other, proof = everything["other"], everything["proof"]
    assert default_storage.exists(other.file.name)

    erase(client, alice, everything["participant"], capture=django_capture_on_commit_callbacks)

    assert not default_storage.exists(other.file.name)
    assert default_storage.exists(proof.file.name)


def test_signatures_still_verify_after_an_erasure(client, alice, everything, capsys):
    erase(client, alice, everything["participant"])

    call_command("verify_signatures")
    assert "All 1 frozen or signed agreement(s) match their SHA-256." in capsys.readouterr().out


def test_the_erasure_is_not_a_change_of_the_signed_agreement(client, alice, everything):
    participant = everything["participant"]
    erase(client, alice, participant)

    participant.refresh_from_db()
    budget_recalculate_participant(
        participant=participant
    )  # what any later change of the grant does
    agreement = AgreementVersion.objects.get()
    assert agreement.status == AgreementVersion.Status.SIGNED
    assert agreement.content_fingerprint == agreement_fingerprint(Mobility.objects.get())


def test_the_portal_accounts_no_longer_sign_in(client, alice, everything, zanete, girts):
    erase(client, alice, everything["participant"])

    for user in (zanete, girts):
        user.refresh_from_db()  # kept: a signature names them
        assert not user.is_active and not user.has_usable_password()
        assert user.username == f"erased-{user.pk}" and user.email == ""
    assert not client.login(username="zanete@example.lv", password="secret-pass-123")


def test_the_result_page_says_what_was_removed_and_kept_in_the_readers_language(
    client, alice, everything
):
    erase(client, alice, everything["participant"])
    erasure = Erasure.objects.get()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "lv"

    page = client.get(reverse("privacy:privacy_erasure_detail", args=[erasure.pk])).content.decode()

    assert "Written request of 1 December 2026." in page
    assert "Saglabā, un kāpēc" in page
    assert "1 uzraudzības piezīme." in page
    assert "2 portāla konti (dalībnieka vai likumiskā pārstāvja)" in page
    assert "Glabā līdz 30.10.2032.<" in page


def test_it_needs_a_reason(client, alice, zanete_participant):
    response = erase(client, alice, zanete_participant, reason="  ")

    assert response.status_code == 200
    assert "Give the reason of the erasure." in response.content.decode()
    assert not Erasure.objects.exists()
    zanete_participant.refresh_from_db()
    assert zanete_participant.first_name == "Žanete"


def test_it_needs_a_reason_even_when_the_field_is_missing(client, alice, zanete_participant):
    client.force_login(alice)
    url = reverse("privacy:privacy_participant_erase", args=[zanete_participant.pk])
    response = client.post(url, {})

    assert "Give the reason of the erasure." in response.content.decode()
    assert not Erasure.objects.exists()


def test_a_viewer_may_not_erase(client, bob, zanete_participant):
    client.force_login(bob)
    url = reverse("privacy:privacy_participant_erase", args=[zanete_participant.pk])
    assert client.get(url).status_code == 403
    assert erase(client, bob, zanete_participant).status_code == 403
    assert not Erasure.objects.exists()


def test_another_organisation_gets_404(client, charlie, zanete_participant):
    assert erase(client, charlie, zanete_participant).status_code == 404


def test_nothing_more_is_erased_before_the_retention_period_ends(client, alice, everything):
    participant = everything["participant"]
    erase(client, alice, participant)

    page = client.get(
        reverse("privacy:privacy_participant_erase", args=[participant.pk])
    ).content.decode()
    assert "Nothing more can be erased before" in page
    assert 'name="reason"' not in page
    with pytest.raises(ValidationError):
        services.participant_erase(participant=participant, user=alice, reason="Again.")


def test_a_second_erasure_after_the_retention_period_removes_the_rest(
    client, alice, everything, zanete, girts, capsys, django_capture_on_commit_callbacks
):
    participant = everything["participant"]
    agreement = everything["agreement"]
    erase(client, alice, participant)

    with django_capture_on_commit_callbacks(execute=True):
        second = services.participant_erase(
            participant=participant, user=alice, reason="Retention over.", today=AFTER_RETENTION
        )

    assert {item["code"] for item in second.removed} >= {"agreements", "documents", "files"}
    assert second.kept_until is None
    assert not AgreementVersion.objects.exists() and not SignatureEvent.objects.exists()
    assert not GeneratedDocument.objects.exists() and not MobilityFile.objects.exists()
    assert not default_storage.exists(agreement.final_file.name)
    assert not get_user_model().objects.filter(pk__in=[zanete.pk, girts.pk]).exists()
    participant.refresh_from_db()
    assert participant.nationality == ""
    assert Mobility.objects.get().grant.total > 0  # the project's figures stay
    call_command("verify_signatures")
    assert "All 0 frozen or signed agreement(s)" in capsys.readouterr().out


def test_a_participant_nothing_refers_to_is_deleted_with_their_history(client, alice, marta):
    participant = marta.portal_account.participant
    pk = participant.pk

    erase(client, alice, participant)

    assert not Participant.objects.filter(pk=pk).exists()
    assert not Participant.history.model.objects.filter(id=pk).exists()
    assert not get_user_model().objects.filter(pk=marta.pk).exists()
    erasure = Erasure.objects.get()
    assert erasure.participant_deleted and erasure.participant_id == pk
    assert [item["code"] for item in erasure.removed][:1] == ["record"]
    assert "Marta" not in str(Erasure.objects.values().get())


def test_the_participant_page_offers_the_data_protection_actions_to_coordinators_only(
    client, alice, bob, zanete_participant
):
    url = reverse("participants:participant_detail", args=[zanete_participant.pk])
    client.force_login(alice)
    page = client.get(url).content.decode()
    assert reverse("privacy:privacy_participant_erase", args=[zanete_participant.pk]) in page
    assert reverse("privacy:privacy_guardian_export", args=[zanete_participant.pk]) in page
    client.force_login(bob)
    page = client.get(url).content.decode()
    assert reverse("privacy:privacy_participant_erase", args=[zanete_participant.pk]) not in page
    assert 'id="data-protection"' not in page


def test_the_participant_page_says_when_the_data_was_erased(client, alice, everything):
    participant = everything["participant"]
    erase(client, alice, participant)

    page = client.get(
        reverse("participants:participant_detail", args=[participant.pk])
    ).content.decode()
    assert f"Erased participant #{participant.pk}" in page
    assert "data-erased" in page


def test_a_dissemination_event_stays_the_schools_without_what_names_the_participant(
    client, alice, everything, django_capture_on_commit_callbacks
):
    from results.models import DisseminationEvent, LearningTransfer

    event = everything["event"]
    photo = event.evidence_file.name
    erase(client, alice, everything["participant"])
    event.refresh_from_db()
    assert event.presented_by == "Žanete Ķēniņa"  # the audit may still ask for the evidence
    assert default_storage.exists(photo)

    with django_capture_on_commit_callbacks(execute=True):
        services.participant_erase(
            participant=everything["participant"],
            user=alice,
            reason="Later.",
            today=AFTER_RETENTION,
        )

    event.refresh_from_db()
    assert (event.title, event.audience_size, event.mobility) == (
        "Prakse Valensijā",
        20,
        everything["mobility"],
    )
    assert (event.presented_by, event.description, event.evidence_file.name) == ("", "", "")
    assert not default_storage.exists(photo)
    history = DisseminationEvent.history.filter(id=event.pk)
    assert set(history.values_list("presented_by", "evidence_name")) == {("", "")}
    assert not LearningTransfer.objects.exists()
