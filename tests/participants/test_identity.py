"""A participant's personal code, address, bank account and gender: the Latvian personal
code and the IBAN are checked and written one way, on the form and on import; the IBAN is
shown in groups of four, to coordinators only."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from participants.identity import (
    iban,
    iban_for,
    latvian_personal_code,
    personal_code_check_digit,
    personal_code_for,
)
from participants.models import Participant
from privacy.models import SensitiveDataAccess
from tests import factories
from tests.participants.test_pages import learner_data

pytestmark = pytest.mark.django_db


def form_errors(client, user, **fields):
    client.force_login(user)
    response = client.post(reverse("participants:participant_create"), learner_data(**fields))
    if response.status_code == 302:
        return {}
    return response.context["form"].errors


# The rules themselves


def test_the_check_digit_follows_the_weights_of_the_personal_code():
    # 1*1 + 4*6 + 0*3 + 5*7 + 0*9 + 7*10 + 2*5 + 1*8 + 2*4 + 3*2 = 162; 1101 - 162 = 939,
    # 939 % 11 = 4.
    assert personal_code_check_digit("1405072123") == 4
    assert latvian_personal_code("140507-21234") == "140507-21234"


def test_a_personal_code_is_written_with_its_hyphen():
    assert latvian_personal_code(" 14050721234 ") == "140507-21234"


def test_a_new_personal_code_starting_with_32_has_no_date_but_a_check_digit():
    # 3*1 + 2*6 + 0 ... + 1*5 + 2*8 + 3*4 + 4*2 = 56; (1101 - 56) % 11 = 0.
    assert personal_code_check_digit("3200001234") == 0
    assert latvian_personal_code("32000012340") == "320000-12340"
    with pytest.raises(ValidationError, match="check digit"):
        latvian_personal_code("320000-12341")


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("140507-21235", "check digit"),  # a typo in the last digit
        ("310207-21234", "valid date of birth"),  # 31 February
        ("140507-51234", "valid date of birth"),  # century digit 5
        ("14050-721234", "11 digits"),
        ("1405072123", "11 digits"),
    ],
)
def test_a_wrong_personal_code_says_which_rule_it_breaks(code, rule):
    with pytest.raises(ValidationError, match=rule):
        latvian_personal_code(code)


def test_the_demo_and_test_codes_are_valid():
    code = personal_code_for(date(2007, 10, 3), 100)
    assert latvian_personal_code(code) == code and code.startswith("031007-2")


def test_an_iban_is_stored_compact_and_upper_case():
    assert iban("lv80 bank 0000 4351 9500 1") == "LV80BANK0000435195001"
    assert iban("DE89 3704 0044 0532 0130 00") == "DE89370400440532013000"
    assert iban(iban_for("LV", "HABA0551000000001")) == "LV44HABA0551000000001"


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("LV80BANK0000435195002", "check digits"),
        ("LV80BANK000043519500", "LV has the length 21; this one has 20"),
        ("XX80BANK0000435195001", "not a country code"),
        ("80BANK0000435195001", "starts with the country code"),
    ],
)
def test_a_wrong_iban_says_which_rule_it_breaks(value, rule):
    with pytest.raises(ValidationError, match=rule):
        iban(value)


# On the participant form


def test_the_form_saves_a_latvian_code_written_without_hyphen_and_a_spaced_iban(
    client, alice, school
):
    errors = form_errors(
        client,
        alice,
        nationality="LV",
        national_id="14030521235",
        iban="lv44 haba 0551 0000 0000 1",
        address="Rīgas iela 1,  Cēsis,  LV-4101",
        gender="female",
    )
    assert errors == {}
    participant = Participant.objects.get()
    assert participant.national_id == "140305-21235"
    assert participant.iban == "LV44HABA0551000000001"
    assert participant.address == "Rīgas iela 1, Cēsis, LV-4101"
    assert participant.gender == Participant.Gender.FEMALE


def test_the_form_refuses_a_latvian_code_with_a_wrong_check_digit(client, alice, school):
    errors = form_errors(client, alice, nationality="LV", national_id="140305-21234")
    assert "check digit" in errors["national_id"][0]
    assert not Participant.objects.exists()


def test_a_code_of_latvian_shape_is_checked_whatever_the_nationality(client, alice, school):
    errors = form_errors(client, alice, national_id="140305-21234")
    assert "check digit" in errors["national_id"][0]


def test_a_latvian_citizen_needs_a_latvian_code(client, alice, school):
    errors = form_errors(client, alice, nationality="LV", national_id="T22000129")
    assert "11 digits" in errors["national_id"][0]


def test_a_foreign_id_is_free_form(client, alice, school):
    assert form_errors(client, alice, nationality="DE", national_id="T22000129") == {}
    assert Participant.objects.get().national_id == "T22000129"


def test_the_form_refuses_a_wrong_iban(client, alice, school):
    errors = form_errors(client, alice, iban="LV44HABA0551000000002")
    assert "check digits" in errors["iban"][0]


def test_the_rules_are_explained_in_latvian(client, alice, school):
    client.force_login(alice)
    data = learner_data(nationality="LV", national_id="140305-21234", iban="LV44HABA05510")
    response = client.post(
        reverse("participants:participant_create"), data, HTTP_ACCEPT_LANGUAGE="lv"
    )
    errors = response.context["form"].errors
    assert "kontrolciparam" in errors["national_id"][0]
    assert "IBAN garumam valstī LV jābūt 21; šim IBAN tas ir 13." in errors["iban"][0]


# On the participant page


def test_the_page_shows_the_address_and_the_iban_in_groups_to_a_coordinator(
    client, alice, bob, school
):
    participant = factories.learner(
        school, **factories.identity(date(2005, 1, 1), "male", iban="LV44HABA0551000000001")
    )
    client.force_login(alice)
    page = client.get(
        reverse("participants:participant_detail", args=[participant.pk])
    ).content.decode()
    assert "LV44 HABA 0551 0000 0000 1" in page
    assert participant.address in page
    assert SensitiveDataAccess.objects.get().kinds == ["iban"]

    client.force_login(bob)
    page = client.get(
        reverse("participants:participant_detail", args=[participant.pk])
    ).content.decode()
    assert "LV44" not in page
    assert participant.address in page
