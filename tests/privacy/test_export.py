"""Downloading everything held about a person: from the participant page (coordinators of
the person's organisation) and from the portal (the person, or the guardian for their own
data and the agreements they see)."""

import pytest
from django.urls import reverse

from privacy.inventory import HOLDINGS
from privacy.models import DataExport, SensitiveDataAccess

from .conftest import NATIONAL_ID
from .helpers import Export

pytestmark = pytest.mark.django_db


def download(client, user, participant, guardian=False):
    client.force_login(user)
    name = "privacy:privacy_guardian_export" if guardian else "privacy:privacy_participant_export"
    return client.get(reverse(name, args=[participant.pk]))


def test_the_export_holds_every_record_of_the_participant(client, alice, everything):
    participant = everything["participant"]
    export = Export(download(client, alice, participant))

    assert {s["key"] for s in export.data["sections"]} >= {h.label for h in HOLDINGS}
    (record,) = export.records("participants.Participant")
    assert record["first_name"] == "Žanete"
    assert record["national_id"] == NATIONAL_ID
    assert record["fewer_opportunities_categories"] == ["Economic barriers", "Health problems"]
    assert record["support_needs"] == "Needs an accompanying adult on flights."
    assert record["guardian_name"] == "Ģirts Ķēniņš"
    (mobility,) = export.records("mobilities.Mobility")
    assert mobility["notes"] == "Žanete prefers the morning shift."
    assert [n["text"] for n in export.records("mobilities.MonitoringNote")] == ["Žanete is well."]
    notes = [step["note"] for step in export.records("mobilities.PreparationItem")]
    assert "Žanete's passport expires soon." in notes
    insurance = export.records("reporting.LearningAgreementDetails")[0]["insurance"]
    assert insurance == "Policy 123 of Žanete"
    (application,) = export.records("participants.SelectionApplication")
    assert application["motivation"] == "Žanete wants to learn web design in Valencia."
    assert len(export.records("participants.SelectionScore")) == 3
    assert len(export.records("budget.MobilityGrant")) == 1
    assert export.records("participants.PortalInvitation")[0]["email"] == "zanete@example.lv"
    # The money: her payments, the transfer, the reduction and what the school bought her.
    kinds = sorted(p["kind"] for p in export.records("finance.Payment"))
    assert kinds == ["Balance", "Pre-financing"]
    (transfer,) = export.records("finance.Transfer")
    assert (transfer["amount"], transfer["reference"]) == ("100.00", "Statement 12, line 4")
    assert export.records("finance.Reduction")[0]["explanation"] == "Žanete came home a week early."
    assert export.records("finance.Cost")[0]["supplier"] == "airBaltic"
    assert export.records("auth.User")[0]["username"] == "zanete@example.lv"
    # History rows: the phone before and after its change.
    phones = {row["phone"] for row in export.records("participants.Participant.history")}
    assert phones == {"+371 20000001", "+371 20000009"}
    assert export.records("mobilities.Mobility.history")


def test_the_export_holds_the_participants_files_and_documents(client, alice, everything):
    export = Export(download(client, alice, everything["participant"]))

    uploads = export.files_under("files/mobilityfile/")
    # The paths hold the primary keys, so their order is the keys' order as text.
    assert sorted(name.rsplit("/", 1)[1] for name in uploads) == [
        "zanete-medical.pdf",
        "zanete-proof.pdf",
    ]
    for name in uploads:
        assert export.zip.read(name).startswith(b"%PDF")
    assert len(export.files_under("files/generateddocument/")) == 2  # agreement, certificate
    (invoice,) = export.files_under("files/cost/")
    assert export.zip.read(invoice).startswith(b"%PDF")
    agreement = everything["agreement"]
    final, frozen = export.files_under(f"files/agreementversion/{agreement.pk}/")
    assert "/final_file/" in final and "/frozen_file/" in frozen
    record = export.records("reporting.AgreementVersion")[0]
    assert record["frozen_file"] in export.names
    assert record["final_file"] in export.names
    assert export.data["missing_files"] == []
    assert "README.txt" in export.names


def test_the_participants_export_has_their_own_signature_not_the_guardians(
    client, alice, everything
):
    export = Export(download(client, alice, everything["participant"]))

    (signature,) = export.records("reporting.SignatureEvent")
    assert signature["role"] == "Participant"
    assert signature["typed_name"] == "Žanete Ķēniņa"
    assert "Ģirts Ķēniņš" not in {
        s["typed_name"] for s in export.records("reporting.SignatureEvent")
    }


def test_the_export_leaves_out_secrets_and_says_why(client, alice, everything):
    export = Export(download(client, alice, everything["participant"]))

    assert "0" * 64 not in export.text
    omitted = export.section("participants.PortalInvitation")["omitted"]
    assert [(o["field"], o["reason"]) for o in omitted] == [
        ("token_hash", "a security secret (a hash), not information about the person")
    ]
    evaluators = export.section("participants.SelectionScore")["omitted"]
    assert evaluators[0]["field"] == "evaluator"
    assert "password" not in export.labels("auth.User")


def test_the_guardians_export_holds_their_data_and_the_agreements_they_see(
    client, alice, everything
):
    export = Export(download(client, alice, everything["participant"], guardian=True))

    (record,) = export.records("participants.Participant")
    assert record["guardian_email"] == "girts@example.lv"
    assert "support_needs" not in record and "national_id" not in record
    assert export.records("auth.User")[0]["username"] == "girts@example.lv"
    (agreement,) = export.records("reporting.AgreementVersion")
    assert agreement["final_file"] in export.names
    (signature,) = export.records("reporting.SignatureEvent")
    assert signature["typed_name"] == "Ģirts Ķēniņš"
    assert "Žanete prefers the morning shift." not in export.text
    assert not export.files_under("files/mobilityfile/")


def test_the_labels_are_in_the_readers_language(client, alice, everything):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "lv"
    export = Export(download(client, alice, everything["participant"]))

    labels = export.labels("participants.Participant")
    assert labels["first_name"] == "Vārds"
    assert labels["national_id"] == "Personas kods"
    assert export.section("participants.Participant")["label"] == "Dalībnieki"
    assert export.data["language"] == "lv"


def test_the_export_is_recorded_with_the_sensitive_data_it_held(client, alice, everything):
    participant = everything["participant"]
    download(client, alice, participant)

    record = DataExport.objects.get()
    assert (record.participant_id, record.subject, record.via) == (
        participant.pk,
        "participant",
        "workspace",
    )
    # Two uploads, two documents, the agreement's two PDFs, the tickets' invoice and the
    # photo of her lesson.
    assert record.requested_by == alice and record.files == 8
    access = SensitiveDataAccess.objects.get(where="data_export")
    assert access.user == alice
    assert access.kinds == [
        "fewer_opportunities_categories",
        "iban",
        "national_id",
        "support_needs",
    ]


def test_a_viewer_may_not_export(client, bob, zanete_participant):
    assert download(client, bob, zanete_participant).status_code == 403
    assert download(client, bob, zanete_participant, guardian=True).status_code == 403
    assert not DataExport.objects.exists()


def test_another_organisation_gets_404(client, charlie, zanete_participant):
    assert download(client, charlie, zanete_participant).status_code == 404


def test_it_needs_a_sign_in(client, zanete_participant):
    url = reverse("privacy:privacy_participant_export", args=[zanete_participant.pk])
    assert client.get(url).status_code == 302


def test_it_refuses_post(client, alice, zanete_participant):
    client.force_login(alice)
    url = reverse("privacy:privacy_participant_export", args=[zanete_participant.pk])
    assert client.post(url).status_code == 405


# The portal


def portal_download(client, user):
    client.force_login(user)
    return client.get(reverse("privacy:privacy_portal_data_download"))


def test_a_participant_downloads_their_own_data_from_the_portal(client, everything, zanete):
    export = Export(portal_download(client, zanete))

    assert export.data["subject"] == "participant"
    assert export.records("participants.Participant")[0]["national_id"] == NATIONAL_ID
    assert len(export.files_under("files/mobilityfile/")) == 2
    record = DataExport.objects.get()
    assert (record.via, record.requested_by) == ("portal", zanete)


def test_a_guardian_downloads_their_own_data_from_the_portal(client, everything, girts):
    export = Export(portal_download(client, girts))

    assert export.data["subject"] == "guardian"
    assert "national_id" not in export.records("participants.Participant")[0]
    assert export.records("reporting.SignatureEvent")[0]["typed_name"] == "Ģirts Ķēniņš"
    assert DataExport.objects.get().subject == "guardian"


def test_a_portal_user_gets_only_their_own_data(client, everything, marta):
    export = Export(portal_download(client, marta))

    assert "Žanete" not in export.text
    assert export.records("participants.Participant")[0]["first_name"] == "Marta"


def test_the_portal_download_is_not_for_coordinators(client, alice):
    assert portal_download(client, alice).status_code == 404
    client.force_login(alice)
    assert client.get(reverse("privacy:privacy_portal_data")).status_code == 404


def test_the_portal_home_links_to_my_data(client, marta):
    client.force_login(marta)
    page = client.get(reverse("portal:portal_home")).content.decode()
    assert reverse("privacy:privacy_portal_data") in page
    page = client.get(reverse("privacy:privacy_portal_data")).content.decode()
    assert reverse("privacy:privacy_portal_data_download") in page
