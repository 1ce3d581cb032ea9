"""The stored grant follows every change, and pages read it."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.models import MobilityGrant
from budget.selectors import project_budget
from budget.services import budget_recalculate_project
from mobilities.models import Mobility
from mobilities.services import mobility_update
from participants.services import participant_update
from projects.services import project_update
from tests import factories

pytestmark = pytest.mark.django_db


def lines(mobility) -> dict[str, Decimal]:
    return MobilityGrant.objects.get(mobility=mobility).amounts


def test_a_new_mobility_stores_its_eight_lines(mobility):
    # Cēsis-Valencia 2710.88 km: band 2000-2999 (395); 28 days + 2 travel days at the
    # default learner rate of group 2 (100): 14 x 100 + 16 x 70 = 2520; short-term 350.
    stored = lines(mobility)
    assert len(stored) == 8
    assert stored["travel"] == Decimal("395.00")
    assert stored["individual_support"] == Decimal("2520.00")
    assert stored["organisational_support"] == Decimal("350.00")
    assert sum(stored.values()) == Decimal("3265.00")
    grant = MobilityGrant.objects.get(mobility=mobility)
    assert (grant.distance_km, grant.band, grant.funded_days) == (
        Decimal("2710.88"),
        "2000-2999",
        30,
    )


def test_changing_the_dates_recomputes_the_grant(mobility):
    mobility_update(mobility=mobility, data={"end_date": date(2026, 9, 14)})
    # 14 days + 2 travel days: 14 x 100 + 2 x 70.
    assert lines(mobility)["individual_support"] == Decimal("1540.00")


def test_green_travel_changes_the_band_amount(mobility):
    mobility_update(mobility=mobility, data={"green_travel": True, "travel_days": 4})
    assert lines(mobility)["travel"] == Decimal("535.00")


def test_a_hand_typed_distance_overrides_the_cities(mobility):
    mobility_update(mobility=mobility, data={"distance_km": Decimal("450")})
    assert lines(mobility)["travel"] == Decimal("211.00")


def test_fewer_opportunities_add_inclusion_support(mobility):
    participant_update(
        participant=mobility.participant,
        data={"fewer_opportunities": True, "fewer_opportunities_categories": ["economic"]},
    )
    assert lines(mobility)["inclusion_support"] == Decimal("125.00")


def test_the_projects_rates_decide_individual_support(mobility):
    project_update(project=mobility.project, data={"rate_learner_group_2": Decimal("110")})
    # 14 x 110 + 16 x 77
    assert lines(mobility)["individual_support"] == Decimal("2772.00")


def test_a_rate_outside_the_programme_guide_is_refused(project):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        project_update(project=project, data={"rate_learner_group_2": Decimal("111")})
    assert "41-110" in caught.value.message_dict["rate_learner_group_2"][0]


def test_a_call_year_without_rates_is_refused(project):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        project_update(
            project=project,
            data={
                "call_year": 2021,
                "grant_agreement_number": "2021-1-LV01-KA121-VET-000000001",
                "start_date": date(2021, 6, 1),
                "end_date": date(2022, 8, 31),
            },
        )
    assert "call year 2021" in caught.value.message_dict["call_year"][0]


def test_a_cancelled_mobility_has_no_grant(mobility):
    mobility_update(mobility=mobility, data={"status": Mobility.Status.CANCELLED})
    assert set(lines(mobility).values()) == {Decimal("0.00")}


def test_a_mobility_that_no_longer_qualifies_is_flagged(project):
    learner = factories.learner(
        project.organisation, fewer_opportunities=True, fewer_opportunities_categories=["social"]
    )
    short = factories.mobility(
        project,
        participant=learner,
        end_date=date(2026, 9, 7),
        short_duration_justification="First stay abroad.",
    )
    participant_update(
        participant=learner,
        data={"fewer_opportunities": False, "fewer_opportunities_categories": []},
    )
    short.refresh_from_db()
    assert not short.grant.fundable
    assert sum(lines(short).values()) == 0
    assert project_budget(project).unfundable == [short]


def test_the_101st_participant_of_an_activity_gets_200(project, host):
    factories.mobility(project, host=host)
    first = Mobility.objects.get()
    clones = []
    for number in range(2, 102):
        clone = Mobility.objects.get(pk=first.pk)
        clone.pk, clone.number = None, number
        clones.append(clone)
    Mobility.objects.bulk_create(clones)
    budget_recalculate_project(project=project)
    by_number = dict(
        MobilityGrant.objects.values_list("mobility__number", "organisational_support")
    )
    assert by_number[100] == Decimal("350.00")
    assert by_number[101] == Decimal("200.00")
    # Cancelling an early one moves the 101st back to full support.
    mobility_update(
        mobility=Mobility.objects.get(number=1), data={"status": Mobility.Status.CANCELLED}
    )
    assert lines(Mobility.objects.get(number=101))["organisational_support"] == Decimal("350.00")


class TestBudgetPage:
    @pytest.fixture
    def page(self, client, alice, mobility):
        factories.awarded(mobility.project, "travel", "300.00")
        factories.awarded(mobility.project, "individual_support", "5000.00")
        client.force_login(alice)
        return client.get(reverse("budget:project_budget", args=[mobility.project_id]))

    def test_it_shows_planned_awarded_spent_and_remaining(self, page):
        budget = page.context["budget"]
        travel = next(row for row in budget.rows if row.category == "travel")
        assert (travel.planned, travel.awarded, travel.spent, travel.remaining) == (
            Decimal("395.00"),
            Decimal("300.00"),
            Decimal("0.00"),
            Decimal("300.00"),
        )
        assert travel.over_awarded
        assert budget.total.planned == Decimal("3265.00")

    def test_spent_counts_completed_mobilities(self, client, page, mobility):
        mobility_update(mobility=mobility, data={"status": Mobility.Status.COMPLETED})
        budget = project_budget(mobility.project)
        travel = next(row for row in budget.rows if row.category == "travel")
        assert travel.spent == Decimal("395.00")
        assert travel.remaining == Decimal("-95.00")
        assert any("Travel: 395.00 EUR spent" in w for w in budget.warnings)

    def test_it_warns_when_four_people_attend_the_same_course(self, project):
        course = factories.partner(
            project.organisation, name="Accademia", country="IT", city="Florence"
        )
        for _ in range(4):
            factories.mobility(
                project,
                participant=factories.staff(project.organisation),
                host=course,
                activity_type="staff_course",
                course_days=5,
                end_date=date(2026, 9, 5),
                destination_city="Florence",
                destination_country="IT",
            )
        warnings = project_budget(project).warnings
        assert any("4 people go to the same course at Accademia" in w for w in warnings)

    def test_another_organisation_gets_404(self, client, charlie, mobility):
        client.force_login(charlie)
        url = reverse("budget:project_budget", args=[mobility.project_id])
        assert client.get(url).status_code == 404

    def test_viewers_read_it(self, client, bob, mobility):
        client.force_login(bob)
        url = reverse("budget:project_budget", args=[mobility.project_id])
        assert client.get(url).status_code == 200


def test_the_mobility_page_shows_each_line_and_its_rule(client, alice, mobility):
    client.force_login(alice)
    page = client.get(reverse("mobilities:mobility_detail", args=[mobility.pk])).content.decode()
    assert "Band 2000-2999 km, standard travel: 395.00 EUR" in page
    assert "14 days × 100.00 + 16 days × 70.00" in page
    assert 'data-figure="grant-total">3,265.00' in page


def test_the_rates_page_shows_every_rate(client, bob):
    client.force_login(bob)
    page = client.get(reverse("budget:rates", args=[2026])).content.decode()
    for figure in ("1,735.00", "785.00", "680.00", "48–127", "107–191"):
        assert figure in page
    assert client.get(reverse("budget:rates", args=[2019])).status_code == 404
    assert client.get(reverse("budget:rates_latest")).status_code == 302
