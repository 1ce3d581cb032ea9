"""Names in Latvian alphabetical order (Č after C, Ž after Z), on SQLite as on PostgreSQL:
lists, their sort headers, dropdowns, the admin, and choices sorted in Python."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from core.collation import latvian_key
from participants.models import Participant
from projects.models import PartnerOrganisation
from projects.selectors import countries_in
from tests import factories

NAMES = ["Čakste", "Zariņš", "Cālītis", "Āboliņa", "Abele", "Šmite", "Sils", "Žagars", "Ēriks"]
NAMES += ["Egle"]
LATVIAN_ORDER = ["Abele", "Āboliņa", "Cālītis", "Čakste", "Egle", "Ēriks"]
LATVIAN_ORDER += ["Sils", "Šmite", "Zariņš", "Žagars"]


def test_the_sort_key_follows_the_latvian_alphabet():
    assert sorted(NAMES, key=latvian_key) == LATVIAN_ORDER


def test_case_does_not_change_the_order():
    assert sorted(["žagars", "Čakste", "cālītis", "ABELE"], key=latvian_key) == [
        "ABELE",
        "cālītis",
        "Čakste",
        "žagars",
    ]


def shown_in_order(html: str, names: list[str]) -> list[str]:
    """`names` in the order the page shows them (each as the whole text of an element)."""
    found = {name: re.search(rf">{name}[<,]", html) for name in names}
    assert all(found.values()), [name for name, match in found.items() if not match]
    return sorted(names, key=lambda name: found[name].start())


@pytest.fixture
def learners(school):
    return [factories.learner(school, last_name=name, first_name="Anna") for name in NAMES]


@pytest.mark.django_db
def test_the_participant_list_is_in_latvian_order(client, alice, learners):
    client.force_login(alice)
    page = client.get(reverse("participants:participant_list")).content.decode()
    assert shown_in_order(page, NAMES) == LATVIAN_ORDER


@pytest.mark.django_db
def test_the_participant_lists_name_header_sorts_backwards_in_latvian_order(
    client, alice, learners
):
    client.force_login(alice)
    page = client.get(reverse("participants:participant_list") + "?sort=-name").content.decode()
    assert shown_in_order(page, NAMES) == LATVIAN_ORDER[::-1]


@pytest.mark.django_db
def test_the_partner_list_is_in_latvian_order(client, alice, school):
    for name in NAMES:
        factories.partner(school, name=name)
    client.force_login(alice)
    page = client.get(reverse("projects:partner_list")).content.decode()
    assert shown_in_order(page, NAMES) == LATVIAN_ORDER


@pytest.mark.django_db
def test_the_mobility_forms_participants_are_in_latvian_order(client, alice, project, learners):
    client.force_login(alice)
    form = client.get(reverse("mobilities:mobility_create", args=[project.pk])).context["form"]
    labels = [label for value, label in form.fields["participant"].choices if value]
    assert labels == [f"Anna {name}" for name in LATVIAN_ORDER]


@pytest.mark.django_db
def test_the_default_order_of_participants_is_latvian(learners):
    assert [p.last_name for p in Participant.objects.all()] == LATVIAN_ORDER


@pytest.mark.django_db
def test_the_admins_partner_list_is_in_latvian_order(client, django_user_model, school):
    for name in NAMES:
        factories.partner(school, name=name)
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.com", "pw"))
    url = reverse("admin:projects_partnerorganisation_changelist")
    shown = client.get(url).context["cl"].result_list
    assert [partner.name for partner in shown] == LATVIAN_ORDER


@pytest.mark.django_db
def test_country_choices_are_in_latvian_order_in_latvian(school):
    for country in ["SE", "CZ", "DK", "AT", "EE"]:
        factories.partner(school, country=country)
    with translation.override("lv"):
        names = [name for _code, name in countries_in(PartnerOrganisation.objects, "country")]
    assert names == ["Austrija", "Čehija", "Dānija", "Igaunija", "Zviedrija"]


@pytest.mark.django_db
@pytest.mark.parametrize(("order", "expected"), [("1", LATVIAN_ORDER), ("-1", LATVIAN_ORDER[::-1])])
def test_the_admins_last_name_header_sorts_in_latvian_order(
    client, django_user_model, learners, order, expected
):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.com", "pw"))
    url = reverse("admin:participants_participant_changelist")
    shown = client.get(url, {"o": order}).context["cl"].result_list
    assert [participant.last_name for participant in shown] == expected
