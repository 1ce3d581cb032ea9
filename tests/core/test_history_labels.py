"""Histories in the reader's words: labels of choices, not their codes; yes and no; dates
and amounts as the reader's language writes them. The records keep raw values."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.choices import BudgetCategory
from tests import factories

pytestmark = pytest.mark.django_db


def page(client, url, language):
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.fixture
def changed_learner(school):
    learner = factories.learner(school, date_of_birth=date(2005, 3, 14))
    learner.fewer_opportunities = True
    learner.fewer_opportunities_categories = ["economic", "geographic"]
    learner.date_of_birth = date(2005, 4, 1)
    learner.save()
    return learner


def test_a_participants_history_shows_labels_in_latvian(client, alice, changed_learner):
    client.force_login(alice)
    shown = page(
        client, reverse("participants:participant_detail", args=[changed_learner.pk]), "lv"
    )
    assert "Ierobežoto iespēju kategorijas: — → Ekonomiski šķēršļi, Ģeogrāfiski šķēršļi" in shown
    assert "Ierobežotas iespējas: nē → jā" in shown
    assert "Dzimšanas datums: 14.03.2005. → 01.04.2005." in shown
    assert "economic" not in shown


def test_a_participants_history_shows_labels_in_english(client, alice, changed_learner):
    client.force_login(alice)
    shown = page(
        client, reverse("participants:participant_detail", args=[changed_learner.pk]), "en"
    )
    assert "Fewer-opportunities categories: — → Economic barriers, Geographical barriers" in shown
    assert "Fewer opportunities: no → yes" in shown
    assert "Date of birth: 14/03/2005 → 01/04/2005" in shown


@pytest.fixture
def guaranteed_mobility(mobility):
    mobility.financial_guarantee = Decimal("1234.5")
    mobility.save()
    return mobility


def test_a_mobilitys_history_writes_amounts_as_latvians_do(client, alice, guaranteed_mobility):
    client.force_login(alice)
    shown = page(client, reverse("mobilities:mobility_detail", args=[guaranteed_mobility.pk]), "lv")
    assert "Finanšu garantijas izmaksas (EUR): — → 1\xa0234,50" in shown


def test_a_mobilitys_history_writes_amounts_as_the_english_do(client, alice, guaranteed_mobility):
    client.force_login(alice)
    shown = page(client, reverse("mobilities:mobility_detail", args=[guaranteed_mobility.pk]), "en")
    assert "Financial guarantee cost (EUR): — → 1,234.50" in shown


def test_the_budget_history_writes_awarded_amounts_in_the_readers_format(client, alice, project):
    project.awarded_amounts.update_or_create(
        category=BudgetCategory.TRAVEL, defaults={"amount": Decimal("12000.00")}
    )
    client.force_login(alice)
    url = reverse("budget:project_budget", args=[project.pk])
    assert "Ceļa izdevumi: — → 12\xa0000,00" in page(client, url, "lv")
    assert "Travel: — → 12,000.00" in page(client, url, "en")
