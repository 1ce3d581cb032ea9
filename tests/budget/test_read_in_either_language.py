"""A project's budget and a mobility's grant, read once, show in English and in
Latvian: what the selectors return holds codes and figures, worded when shown."""

from unittest import mock

import pytest
from django.utils import translation

from budget import selectors
from budget.selectors import mobility_grant, project_budget
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_budget_read_once_warns_in_either_language(mobility):
    # The mobility plans travel 395.00, individual support 2,520.00 and organisational
    # support 350.00.
    factories.awarded(mobility.project, "travel", "300.00")
    factories.awarded(mobility.project, "individual_support", "2520.00")
    factories.awarded(mobility.project, "organisational_support", "350.00")
    budget = project_budget(mobility.project)
    assert [notice.code for notice in budget.notices] == ["award_overrun", "award_overrun"]
    assert budget.warnings[0] == (
        "Travel: 395.00 EUR planned, 95.00 EUR more than the 300.00 EUR awarded."
    )
    with translation.override("lv"):
        assert budget.warnings[0] == (
            "Ceļa izdevumi: plānoti 395,00 EUR, par 95,00 EUR vairāk nekā piešķirtie 300,00 EUR."
        )


def test_a_mobilitys_grant_read_once_explains_its_lines_in_either_language(mobility):
    with mock.patch.object(
        selectors, "quote_mobility", side_effect=selectors.quote_mobility
    ) as quoted:
        grant = mobility_grant(mobility)
        travel = grant.lines[0]
        with translation.override("lv"):
            label, _amount, latvian = grant.lines[0]
            assert str(label) == "Ceļa izdevumi"
    assert quoted.call_count == 1
    assert travel[2] == "Band 2000-2999 km, standard travel: 395.00 EUR"
    assert latvian == "Josla 2000-2999 km, standarta ceļojums: 395,00 EUR"


def test_a_mobility_that_cannot_be_funded_says_why_in_either_language(mobility):
    mobility.travel_days = 5
    grant = mobility_grant(mobility)
    assert [problem.code for problem in grant.found] == ["travel_days"]
    assert grant.problems == ["At most 2 travel days are funded with standard travel."]
    with translation.override("lv"):
        assert grant.problems == [
            "Standarta ceļojuma gadījumā tiek finansētas ne vairāk kā 2 ceļa dienas."
        ]
