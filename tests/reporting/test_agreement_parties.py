"""Section 1 of the grant agreement, its parties: the school with its registration
number, OID, address and representative; the participant with their personal code,
address and, where money is paid to them, their bank account; a minor's legal
representative, in Latvian by the participant's gender. What the parties say is part of
the agreement's fingerprint."""

from datetime import date

import pytest

from reporting import share, signing
from reporting.models import DocumentKind
from tests import factories

from .test_documents import rendered_text

pytestmark = pytest.mark.django_db

IBAN = "LV44HABA0551000000001"
GROUPED = "LV44 HABA 0551 0000 0000 1"


@pytest.fixture
def school(school):
    school.registration_number = "90000012345"
    school.address = "Piebalgas iela 3, Cēsis, LV-4101"
    school.save()
    return school


@pytest.fixture
def marta(school):
    return factories.learner(
        school,
        first_name="Marta",
        last_name="Ozola",
        date_of_birth=date(2005, 5, 30),
        nationality="LV",
        **factories.identity(
            date(2005, 5, 30), "female", address="Rīgas iela 10-5, Cēsis, LV-4101", iban=IBAN
        ),
    )


def minor(school, gender):
    return factories.learner(
        school,
        first_name="Žanete",
        last_name="Ķēniņa",
        date_of_birth=date(2010, 3, 4),
        guardian_name="Ģirts Ķēniņš",
        guardian_email="girts@example.lv",
        **factories.identity(date(2010, 3, 4), gender),
    )


def agreement_text(project, mobility, language):
    return rendered_text(project, DocumentKind.GRANT_AGREEMENT, language, mobility=mobility)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["registration number 90000012345", "represented by Anna Liepa, director"]),
        ("lv", ["reģistrācijas numurs 90000012345", "Anna Liepa, direktore"]),
    ],
)
def test_the_school_is_named_with_its_registration_number_and_representative(
    project, host, marta, language, words
):
    factories.agreement_terms(
        project, name="Anna Liepa", position="director" if language == "en" else "direktore"
    )
    mobility = factories.mobility(project, participant=marta, host=host)
    text = agreement_text(project, mobility, language)
    for word in [*words, "Vidzemes tehnikums", project.organisation.oid, "Piebalgas iela 3"]:
        assert word in text


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            ["personal code", "bank account for the payments (IBAN): LV44 HABA 0551 0000 0000 1"],
        ),
        ("lv", ["personas kods", "bankas konts maksājumiem (IBAN): LV44 HABA 0551 0000 0000 1"]),
    ],
)
def test_the_participant_is_named_with_code_address_and_the_account_paid_to(
    project, host, marta, language, words
):
    mobility = factories.mobility(project, participant=marta, host=host)
    text = agreement_text(project, mobility, language)
    for word in [*words, marta.national_id, "Rīgas iela 10-5, Cēsis, LV-4101"]:
        assert word in text


def test_no_bank_account_is_printed_when_nothing_is_paid_to_the_participant(project, host, marta):
    mobility = factories.mobility(project, participant=marta, host=host)
    share.grant_handling_update(
        project=project,
        mobility=mobility,
        rules={"travel": ("in_kind", "Tickets"), "individual_support": ("in_kind", "Lodging")},
    )
    text = agreement_text(project, mobility, "en")
    assert "IBAN" not in text and "LV44" not in text
    assert marta.national_id in text


def test_a_foreign_id_is_not_called_a_personal_code(project, host, school):
    person = factories.learner(
        school, nationality="DE", **factories.identity(date(2005, 1, 1), national_id="T22000129")
    )
    mobility = factories.mobility(project, participant=person, host=host)
    text = agreement_text(project, mobility, "en")
    assert "identity number T22000129" in text and "personal code T22000129" not in text


@pytest.mark.parametrize(
    ("gender", "latvian"),
    [
        ("female", "nepilngadīgā, kuru pārstāv likumiskais pārstāvis Ģirts Ķēniņš"),
        ("male", "nepilngadīgais, kuru pārstāv likumiskais pārstāvis Ģirts Ķēniņš"),
        ("", "nepilngadīga persona, kuru pārstāv likumiskais pārstāvis Ģirts Ķēniņš"),
    ],
)
def test_a_minors_legal_representative_is_named_in_the_latvian_of_their_gender(
    project, host, school, gender, latvian
):
    mobility = factories.mobility(project, participant=minor(school, gender), host=host)
    assert latvian in agreement_text(project, mobility, "lv")
    english = agreement_text(project, mobility, "en")
    assert "a minor, represented by the legal representative Ģirts Ķēniņš" in english


@pytest.mark.parametrize(
    "change",
    [
        {"address": "Raunas iela 2, Cēsis, LV-4101"},
        {"iban": "LV80BANK0000435195001"},
        {"national_id": "300505-21128"},
        {"gender": "male"},
    ],
)
def test_a_change_of_the_participants_party_data_changes_the_fingerprint(
    project, host, marta, change
):
    mobility = factories.mobility(project, participant=marta, host=host)
    before = signing.agreement_fingerprint(mobility)
    for name, value in change.items():
        setattr(mobility.participant, name, value)
    assert signing.agreement_fingerprint(mobility) != before


def test_the_iban_is_not_in_the_fingerprint_when_nothing_is_paid(project, host, marta):
    mobility = factories.mobility(project, participant=marta, host=host)
    share.grant_handling_update(
        project=project,
        mobility=mobility,
        rules={"travel": ("in_kind", "Tickets"), "individual_support": ("in_kind", "Lodging")},
    )
    before = signing.agreement_fingerprint(mobility)
    mobility.participant.iban = "LV80BANK0000435195001"
    assert signing.agreement_fingerprint(mobility) == before


def test_a_change_of_the_schools_registration_number_changes_the_fingerprint(project, host, marta):
    mobility = factories.mobility(project, participant=marta, host=host)
    before = signing.agreement_fingerprint(mobility)
    mobility.project.organisation.registration_number = "90000054321"
    assert signing.agreement_fingerprint(mobility) != before
