"""Planning more than the award, per category and in total, is a warning on the budget
page, on the dashboard and in the mobility form, before anything is spent."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from projects.models import AwardedAmount
from tests import factories
from tests.mobilities.test_pages import mobility_data

pytestmark = pytest.mark.django_db

# The fixture's mobility plans travel 395.00, individual support 2,520.00 and
# organisational support 350.00 (3,265.00 in all).
TRAVEL_OVER = "Travel: 395.00 EUR planned, 95.00 EUR more than the 300.00 EUR awarded."
TOTAL_OVER = "In total 3,265.00 EUR planned, 95.00 EUR more than the 3,170.00 EUR awarded."


def award_travel(project, amount: str):
    AwardedAmount.objects.filter(project=project, category="travel").update(amount=amount)


@pytest.fixture
def award(mobility):
    project = mobility.project
    factories.awarded(project, "travel", "300.00")
    factories.awarded(project, "individual_support", "2520.00")
    factories.awarded(project, "organisational_support", "350.00")
    return project


def test_the_budget_page_warns_of_planning_above_the_award(client, alice, award):
    client.force_login(alice)
    url = reverse("budget:project_budget", args=[award.pk])
    response = client.get(url)
    assert response.context["budget"].warnings == [TRAVEL_OVER, TOTAL_OVER]
    assert TRAVEL_OVER in response.content.decode()
    award_travel(award, "395.00")  # the plan fits the award: nothing to say
    assert client.get(url).context["budget"].warnings == []


def test_the_budget_page_writes_the_amounts_for_a_latvian_reader(client, alice, award):
    factories.awarded(award, "linguistic_support", "0.00")
    factories.mobility(award, linguistic_support=True)  # 150.00 more than the award
    client.force_login(alice)
    page = client.get(
        reverse("budget:project_budget", args=[award.pk]), HTTP_ACCEPT_LANGUAGE="lv"
    ).content.decode()
    assert (
        "Ceļa izdevumi: plānoti 790,00 EUR, par 490,00 EUR vairāk nekā piešķirtie 300,00 EUR."
    ) in page
    assert (
        "Kopā plānoti 6\xa0680,00 EUR, par 3\xa0510,00 EUR vairāk nekā piešķirtie 3\xa0170,00 EUR."
    ) in page


def test_the_dashboard_lists_them_among_the_rules_to_check(client, alice, award):
    cache.clear()
    client.force_login(alice)
    page = client.get(reverse("dashboard:project_detail", args=[award.pk])).content.decode()
    assert TRAVEL_OVER in page
    assert TOTAL_OVER in page


class TestTheMobilityForm:
    def test_the_preview_says_by_how_much_this_mobility_passes_the_award(
        self, client, alice, award, host
    ):
        award_travel(award, "500.00")
        client.force_login(alice)
        learner = factories.learner(award.organisation)
        page = client.post(
            reverse("mobilities:mobility_preview", args=[award.pk]),
            mobility_data(award, learner, host),
        ).content.decode()
        assert 'id="preview-over-award"' in page
        assert (
            "Travel: with this mobility the project plans 790.00 EUR, 290.00 EUR more than the "
            "500.00 EUR awarded."
        ) in page
        assert (
            "Individual support: with this mobility the project plans 5,040.00 EUR, "
            "2,520.00 EUR more than the 2,520.00 EUR awarded."
        ) in page
        assert (
            "In total, with this mobility the project plans 6,530.00 EUR, 3,160.00 EUR more "
            "than the 3,370.00 EUR awarded."
        ) in page

    def test_editing_a_mobility_counts_it_once(self, client, alice, award, mobility):
        award_travel(award, "395.00")
        client.force_login(alice)
        data = mobility_data(award, mobility.participant, mobility.host)
        data |= {"mobility_id": mobility.pk, "seen_revision": str(mobility.revision)}
        page = client.post(
            reverse("mobilities:mobility_preview", args=[award.pk]), data
        ).content.decode()
        assert "preview-over-award" not in page
        data["green_travel"] = "on"  # 535.00 instead of 395.00
        page = client.post(
            reverse("mobilities:mobility_preview", args=[award.pk]), data
        ).content.decode()
        assert (
            "Travel: with this mobility the project plans 535.00 EUR, 140.00 EUR more than the "
            "395.00 EUR awarded."
        ) in page

    def test_saving_warns_too(self, client, alice, award, host):
        client.force_login(alice)
        learner = factories.learner(award.organisation)
        response = client.post(
            reverse("mobilities:mobility_create", args=[award.pk]),
            mobility_data(award, learner, host),
            follow=True,
        )
        shown = [str(m) for m in response.context["messages"]]
        assert "The mobility was saved." in shown
        assert (
            "Travel: with this mobility the project plans 790.00 EUR, 490.00 EUR more than the "
            "300.00 EUR awarded."
        ) in shown

    def test_the_preview_warns_in_latvian(self, client, alice, award, host):
        award_travel(award, "500.00")
        client.force_login(alice)
        learner = factories.learner(award.organisation)
        page = client.post(
            reverse("mobilities:mobility_preview", args=[award.pk]),
            mobility_data(award, learner, host),
            HTTP_ACCEPT_LANGUAGE="lv",
        ).content.decode()
        assert (
            "Individuālais atbalsts: ar šo mobilitāti projektā plānoti 5\xa0040,00 EUR, par "
            "2\xa0520,00 EUR vairāk nekā piešķirtie 2\xa0520,00 EUR."
        ) in page
        assert (
            "Ar šo mobilitāti projektā kopā plānoti 6\xa0530,00 EUR, par 3\xa0160,00 EUR "
            "vairāk nekā piešķirtie 3\xa0370,00 EUR."
        ) in page
