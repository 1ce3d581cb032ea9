from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.dates import default_project_period, latest_project_end
from projects.models import (
    AwardedAmount,
    ErasmusPlan,
    Goal,
    GoalTarget,
    PartnerOrganisation,
    Project,
)
from tests import factories

pytestmark = pytest.mark.django_db


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def test_a_project_runs_15_months_from_1_june_by_default():
    assert default_project_period(2026) == (date(2026, 6, 1), date(2027, 8, 31))


def test_a_project_may_be_extended_to_24_months():
    assert latest_project_end(date(2026, 6, 1)) == date(2028, 5, 31)


@pytest.mark.parametrize(("years", "valid"), [(1, False), (2, True), (5, True), (6, False)])
def test_an_erasmus_plan_covers_2_to_5_years(school, years, valid):
    plan = ErasmusPlan(
        organisation=school, title="Plāns", start_year=2024, end_year=2024 + years - 1
    )
    if valid:
        plan.full_clean()
    else:
        assert "2 to 5 years" in errors_of(plan)["end_year"][0]


def test_the_database_refuses_a_six_year_plan(school):
    with pytest.raises(IntegrityError), transaction.atomic():
        ErasmusPlan.objects.create(organisation=school, title="x", start_year=2024, end_year=2029)


@pytest.mark.parametrize(("number", "valid"), [(0, False), (1, True), (10, True), (11, False)])
def test_goals_are_numbered_1_to_10(school, number, valid):
    candidate = Goal(plan=factories.plan(school), number=number, title="Mērķis")
    if valid:
        candidate.full_clean()
    else:
        assert "number" in errors_of(candidate)


def test_a_goal_number_is_unique_in_its_plan(erasmus_plan):
    assert "__all__" in errors_of(Goal(plan=erasmus_plan, number=1, title="Dublikāts"))


def test_a_target_year_lies_inside_the_plan(erasmus_plan):
    goal = erasmus_plan.goals.first()
    target = GoalTarget(goal=goal, indicator="Learners", target_value=10, unit="persons", year=2030)
    assert "2024–2027" in errors_of(target)["year"][0]
    target.year = 2026
    target.full_clean()


def test_a_target_value_is_not_negative(erasmus_plan):
    target = GoalTarget(
        goal=erasmus_plan.goals.first(), indicator="x", target_value=-1, unit="x", year=2026
    )
    assert "target_value" in errors_of(target)


def valid_project(school, erasmus_plan, **overrides):
    values = {
        "organisation": school,
        "erasmus_plan": erasmus_plan,
        "call_year": 2026,
        "grant_agreement_number": "2026-1-LV01-KA121-VET-000123456",
        "start_date": date(2026, 6, 1),
        "end_date": date(2027, 8, 31),
    }
    return Project(**(values | overrides))


def test_it_accepts_a_well_formed_project(school, erasmus_plan):
    valid_project(school, erasmus_plan).full_clean()


@pytest.mark.parametrize(
    "number",
    [
        "2026-1-LV01-KA121-VET-12345",
        "2026-LV01-KA121-VET-000123456",
        "2026-1-LV01-KA122-VET-000123456",
    ],
)
def test_it_checks_the_grant_agreement_number_format(school, erasmus_plan, number):
    errors = errors_of(valid_project(school, erasmus_plan, grant_agreement_number=number))
    assert "2026-1-LV01-KA121-VET-000123456" in errors["grant_agreement_number"][0]


def test_the_grant_agreement_number_starts_with_the_call_year(school, erasmus_plan):
    errors = errors_of(
        valid_project(
            school,
            erasmus_plan,
            call_year=2025,
            start_date=date(2025, 6, 1),
            end_date=date(2026, 8, 31),
        )
    )
    assert "call year" in errors["grant_agreement_number"][0]


def test_a_project_lasts_at_most_24_months(school, erasmus_plan):
    valid_project(school, erasmus_plan, end_date=date(2028, 5, 31)).full_clean()
    errors = errors_of(valid_project(school, erasmus_plan, end_date=date(2028, 6, 1)))
    assert "24 months" in errors["end_date"][0]


def test_a_project_ends_after_it_starts(school, erasmus_plan):
    errors = errors_of(valid_project(school, erasmus_plan, end_date=date(2026, 5, 1)))
    assert "end after it starts" in errors["end_date"][0]


def test_a_project_starts_in_its_call_year(school, erasmus_plan):
    errors = errors_of(
        valid_project(
            school, erasmus_plan, start_date=date(2027, 1, 1), end_date=date(2027, 12, 31)
        )
    )
    assert "call year" in errors["start_date"][0]


def test_a_project_uses_its_own_organisations_plan(school, other_school):
    foreign_plan = factories.plan(other_school)
    errors = errors_of(valid_project(school, foreign_plan))
    assert "same organisation" in errors["erasmus_plan"][0]


def test_an_oid_is_e_and_8_digits(school):
    partner = PartnerOrganisation(
        organisation=school,
        name="X",
        kind="host_company",
        country="ES",
        city="Valencia",
        oid="12345",
    )
    assert "E10123456" in errors_of(partner)["oid"][0]


def test_a_signed_memorandum_needs_its_date(school):
    partner = PartnerOrganisation(
        organisation=school,
        name="X",
        kind="host_company",
        country="ES",
        city="Valencia",
        mou_status="signed",
    )
    assert "signature date" in " ".join(errors_of(partner)["__all__"])
    partner.mou_signed_on = date(2026, 4, 1)
    partner.full_clean()


def test_an_awarded_amount_is_not_negative(project):
    amount = AwardedAmount(project=project, category="travel", amount=-1)
    assert "amount" in errors_of(amount)
