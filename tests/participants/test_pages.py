import pytest
from django.urls import reverse

from participants.models import Participant
from tests import factories

pytestmark = pytest.mark.django_db


def learner_data(**overrides):
    data = {
        "kind": "learner",
        "first_name": "Jānis",
        "last_name": "Ozoliņš",
        "date_of_birth": "2005-03-14",
        "email": "janis@example.lv",
        "vet_programme": "Programmēšana",
        "qualification": "Programmēšanas tehniķis",
        "eqf_level": "4",
        "learner_status": "enrolled",
        "compulsory_service_months": "0",
    }
    return data | overrides


def test_a_coordinator_adds_a_learner(client, alice, school):
    client.force_login(alice)
    response = client.post(reverse("participants:participant_create"), learner_data())
    participant = Participant.objects.get()
    assert response.status_code == 302
    assert (participant.organisation, participant.full_name) == (school, "Jānis Ozoliņš")


def test_a_minor_without_a_guardian_is_explained_next_to_the_field(client, alice, school):
    client.force_login(alice)
    response = client.post(
        reverse("participants:participant_create"), learner_data(date_of_birth="2011-01-01")
    )
    errors = response.context["form"].errors
    assert "guardian" in errors["guardian_name"][0]
    assert not Participant.objects.exists()


def test_fewer_opportunities_categories_are_saved(client, alice, school):
    client.force_login(alice)
    data = learner_data(
        fewer_opportunities="on", fewer_opportunities_categories=["economic", "health"]
    )
    client.post(reverse("participants:participant_create"), data)
    assert Participant.objects.get().fewer_opportunities_categories == ["economic", "health"]


def test_the_list_searches_filters_and_sorts(client, alice, school):
    factories.learner(school, first_name="Anna", last_name="Zariņa")
    factories.staff(school, first_name="Andris", last_name="Bērziņš")
    client.force_login(alice)
    url = reverse("participants:participant_list")
    names = [p.first_name for p in client.get(url + "?kind=staff").context["listing"].page]
    assert names == ["Andris"]
    names = [p.first_name for p in client.get(url + "?q=zari").context["listing"].page]
    assert names == ["Anna"]
    page = client.get(url + "?sort=-name").context["listing"].page
    assert [p.last_name for p in page] == ["Zariņa", "Bērziņš"]


@pytest.mark.parametrize(
    "query", ["?page=abc", "?page=999", "?sort=password", "?kind=wizard", "?q=" + "x" * 500]
)
def test_bad_list_parameters_are_ignored(client, alice, school, query):
    factories.learner(school)
    client.force_login(alice)
    assert client.get(reverse("participants:participant_list") + query).status_code == 200


def test_a_participant_with_mobilities_is_not_deleted(client, alice, mobility):
    client.force_login(alice)
    response = client.post(
        reverse("participants:participant_delete", args=[mobility.participant_id]), follow=True
    )
    assert "cannot be deleted" in response.content.decode()


def test_viewers_do_not_get_edit_forms(client, bob, mobility):
    client.force_login(bob)
    assert client.get(reverse("participants:participant_create")).status_code == 403
    assert (
        client.get(
            reverse("participants:participant_edit", args=[mobility.participant_id])
        ).status_code
        == 403
    )
    response = client.post(
        reverse("participants:participant_delete", args=[mobility.participant_id])
    )
    assert response.status_code == 403
