from decimal import Decimal

import pytest

from budget.rules import Place, RuleError
from tests.budget.quote_helpers import amounts, incoming, mobility, problems, quote

NEW_YORK = Place("New York", "US")
KYIV = Place("Kyiv", "UA")
MINSK = Place("Minsk", "BY")
MOSCOW = Place("Moscow", "RU")


def codes(m):
    return [(p.field, p.code) for p in problems(m)]


@pytest.mark.parametrize(
    ("activity", "days"),
    [
        ("learner_short_term", 28),
        ("learner_erasmuspro", 90),
        ("learner_skills_competition", 5),
        ("staff_job_shadowing", 5),
        ("staff_teaching", 5),
    ],
)
def test_it_allows_these_activities_in_non_associated_third_countries(activity, days):
    quote(mobility(activity=activity, days=days, destination=NEW_YORK))


@pytest.mark.parametrize(
    ("activity", "fields"),
    [("learner_group", {}), ("staff_course", {"course_days": 3})],
)
def test_it_rejects_other_activities_in_non_associated_third_countries(activity, fields):
    m = mobility(activity=activity, days=5, destination=KYIV, **fields)
    assert codes(m) == [("destination_country", "third_country")]


def test_it_pays_third_country_individual_support_by_the_country_group():
    # UA is in group 2, the US in group 1 (learner rates 100 and 120).
    assert amounts(mobility(days=10, destination=KYIV))["individual_support"] == 1000
    assert amounts(mobility(days=10, destination=NEW_YORK))["individual_support"] == 1200


@pytest.mark.parametrize("destination", [MINSK, MOSCOW])
@pytest.mark.parametrize("activity", ["learner_short_term", "staff_job_shadowing"])
def test_it_rejects_mobilities_to_belarus_and_russia(destination, activity):
    m = mobility(activity=activity, days=10, destination=destination)
    assert codes(m) == [("destination_country", "excluded_country")]


@pytest.mark.parametrize("origin", [MINSK, MOSCOW])
def test_it_rejects_incoming_participants_from_belarus_and_russia(origin):
    m = incoming("invited_expert", days=5, origin=origin)
    assert codes(m) == [("origin_country", "excluded_country")]


def test_it_rejects_an_outgoing_mobility_that_stays_in_the_country():
    m = mobility(destination=Place("Cēsis", "LV"))
    assert codes(m) == [("destination_country", "not_abroad")]


def test_it_rejects_an_incoming_participant_from_the_beneficiary_country():
    m = incoming("invited_expert", days=5, origin=Place("Cēsis", "LV"))
    assert codes(m) == [("origin_country", "incoming_origin")]


def test_it_rejects_an_incoming_activity_at_a_beneficiary_outside_the_programme():
    m = incoming("hosted_teacher", destination=NEW_YORK)
    assert codes(m) == [("destination_country", "incoming_destination")]


def test_it_rejects_an_unknown_country_code():
    assert codes(mobility(destination=Place("Atlantis", "ZZ"))) == [
        ("destination_country", "country")
    ]
    assert codes(mobility(origin=Place("Atlantis", "ZZ"))) == [("origin_country", "country")]


def test_it_requires_the_destination_country():
    assert codes(mobility(destination=Place("Valencia", ""))) == [
        ("destination_country", "required")
    ]


def test_it_requires_both_places_or_a_distance():
    m = mobility(origin=None, destination=Place("", "ES"), distance_km=None)
    assert codes(m) == [("origin_city", "required"), ("destination_city", "required")]


def test_it_needs_no_city_when_the_distance_is_typed_by_hand():
    grant = quote(mobility(origin=None, destination=Place("", "ES"), distance_km=Decimal("85")))
    assert grant.band == "10-99"


def test_it_rejects_an_unknown_activity_or_role():
    assert codes(mobility(activity="sightseeing")) == [("activity_type", "activity")]
    assert codes(mobility(role="tourist")) == [("role", "role")]


def test_it_lets_accompanying_persons_go_only_with_learners():
    m = mobility(activity="staff_teaching", role="accompanying_person", days=5)
    assert codes(m) == [("role", "accompanying_person")]


def test_it_reports_every_problem_of_a_mobility_at_once():
    m = mobility(
        ref="M7",
        days=5,
        travel_days=3,
        destination=MINSK,
        linguistic_support=True,
        role="accompanying_person",
        distance_km=Decimal("-1"),
    )
    with pytest.raises(RuleError) as caught:
        quote(m)
    found = {(p.ref, p.field) for p in caught.value.problems}
    assert found == {
        ("M7", "destination_country"),
        ("M7", "linguistic_support"),
        ("M7", "travel_days"),
        ("M7", "distance_km"),
    }
