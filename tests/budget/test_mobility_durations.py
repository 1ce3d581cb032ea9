from datetime import date

import pytest

from budget.rules import ACTIVITY_SPECS, Activity
from tests.budget.quote_helpers import incoming, mobility, problem_fields, problems, quote

RANGED = [spec for spec in ACTIVITY_SPECS.values() if spec.min_days is not None]


def of_activity(spec, days, **fields):
    if spec.activity == Activity.STAFF_COURSE:
        fields.setdefault("course_days", 1)
    if spec.incoming:
        return incoming(spec.activity, days=days, **fields)
    return mobility(activity=spec.activity, days=days, **fields)


@pytest.mark.parametrize("spec", RANGED, ids=lambda spec: spec.activity)
def test_it_accepts_the_shortest_and_the_longest_stay(spec):
    quote(of_activity(spec, spec.min_days))
    quote(of_activity(spec, spec.max_days))


@pytest.mark.parametrize("spec", RANGED, ids=lambda spec: spec.activity)
def test_it_rejects_a_day_more_than_the_longest_stay(spec):
    assert problem_fields(of_activity(spec, spec.max_days + 1)) == ["end_date"]


@pytest.mark.parametrize(
    "spec", [s for s in RANGED if s.min_days > 1], ids=lambda spec: spec.activity
)
def test_it_rejects_a_day_less_than_the_shortest_stay(spec):
    fewer_opportunities = spec.activity != Activity.LEARNER_SHORT_TERM
    m = of_activity(spec, spec.min_days - 1, fewer_opportunities=fewer_opportunities)
    assert problem_fields(m) == ["end_date"]


def test_it_rejects_an_end_before_the_start():
    m = mobility(start=date(2026, 9, 10), end=date(2026, 9, 9))
    assert problem_fields(m) == ["end_date"]


@pytest.mark.parametrize("days", [2, 9])
def test_it_allows_2_to_9_days_of_short_term_mobility_with_fewer_opportunities(days):
    quote(mobility(days=days, fewer_opportunities=True))


@pytest.mark.parametrize("days", [2, 9])
def test_it_rejects_2_to_9_days_of_short_term_mobility_without_fewer_opportunities(days):
    assert [(p.field, p.code) for p in problems(mobility(days=days))] == [
        ("end_date", "duration_reduced")
    ]


def test_it_rejects_a_one_day_short_term_mobility_even_with_fewer_opportunities():
    assert problem_fields(mobility(days=1, fewer_opportunities=True)) == ["end_date"]


def test_it_accepts_a_preparatory_visit_of_any_length():
    quote(mobility(activity="preparatory_visit", days=1))
    quote(mobility(activity="preparatory_visit", days=5))


def test_it_lets_an_accompanying_person_stay_part_of_a_long_stay():
    quote(mobility(activity="learner_erasmuspro", role="accompanying_person", days=3))


def test_it_keeps_an_accompanying_person_within_the_longest_stay():
    m = mobility(activity="learner_group", role="accompanying_person", days=31)
    assert problem_fields(m) == ["end_date"]
