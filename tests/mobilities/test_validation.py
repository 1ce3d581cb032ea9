"""Every eligibility rule of a mobility, from both sides, through the service."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mobilities.models import Mobility
from mobilities.services import mobility_update
from tests import factories

pytestmark = pytest.mark.django_db


def errors_of(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def create(project, **overrides):
    return factories.mobility(project, **overrides)


def test_it_accepts_a_valid_short_term_mobility(mobility):
    assert mobility.number == 1
    assert mobility.reference.endswith("-MOB-00001")


def test_it_numbers_mobilities_per_project(project, mobility):
    second = create(project)
    other = create(factories.project(project.organisation))
    assert (second.number, other.number) == (2, 1)


def test_it_rejects_an_end_before_the_start(project):
    errors = errors_of(lambda: create(project, end_date=date(2026, 8, 31)))
    assert "cannot be before the start" in errors["end_date"][0]


def test_the_database_refuses_an_end_before_the_start(mobility):
    with pytest.raises(IntegrityError), transaction.atomic():
        Mobility.objects.filter(pk=mobility.pk).update(end_date=date(2026, 8, 1))


@pytest.mark.parametrize(
    ("activity", "days", "valid"),
    [
        ("learner_short_term", 10, True),
        ("learner_short_term", 89, True),
        ("learner_short_term", 90, False),
        ("learner_erasmuspro", 89, False),
        ("learner_erasmuspro", 90, True),
        ("learner_skills_competition", 1, True),
        ("learner_skills_competition", 11, False),
    ],
)
def test_it_keeps_learner_durations_in_the_activity_range(project, activity, days, valid):
    start = date(2026, 9, 1)
    end = date.fromordinal(start.toordinal() + days - 1)

    def call():
        return create(project, activity_type=activity, start_date=start, end_date=end)

    if valid:
        assert call().pk
    else:
        assert "days" in errors_of(call)["end_date"][0]


@pytest.mark.parametrize(
    ("activity", "days", "valid"),
    [
        ("staff_job_shadowing", 2, True),
        ("staff_job_shadowing", 60, True),
        ("staff_job_shadowing", 61, False),
        ("staff_course", 1, False),
        ("staff_course", 10, True),
        ("staff_course", 11, False),
        ("staff_teaching", 365, True),
    ],
)
def test_it_keeps_staff_durations_in_the_activity_range(project, activity, days, valid):
    start = date(2026, 6, 1)
    end = date.fromordinal(start.toordinal() + days - 1)

    course = {"course_days": min(days, 10)} if activity == "staff_course" else {}

    def call():
        return create(
            project,
            participant=factories.staff(project.organisation),
            activity_type=activity,
            start_date=start,
            end_date=end,
            **course,
        )

    if valid:
        assert call().pk
    else:
        assert "days" in errors_of(call)["end_date"][0]


def test_it_refuses_a_7_day_short_term_mobility_without_fewer_opportunities(project):
    errors = errors_of(lambda: create(project, end_date=date(2026, 9, 7)))
    assert "fewer opportunities" in errors["end_date"][0]


def test_it_asks_for_a_justification_for_a_7_day_mobility_with_fewer_opportunities(project):
    learner = factories.learner(
        project.organisation, fewer_opportunities=True, fewer_opportunities_categories=["social"]
    )
    errors = errors_of(lambda: create(project, participant=learner, end_date=date(2026, 9, 7)))
    assert "justification" in errors["short_duration_justification"][0]


def test_it_accepts_a_justified_7_day_mobility_with_fewer_opportunities(project):
    learner = factories.learner(
        project.organisation, fewer_opportunities=True, fewer_opportunities_categories=["social"]
    )
    mobility = create(
        project,
        participant=learner,
        end_date=date(2026, 9, 7),
        short_duration_justification="First stay abroad; a shorter stay with a mentor.",
    )
    assert mobility.pk


def test_it_refuses_a_1_day_short_term_mobility_even_with_fewer_opportunities(project):
    learner = factories.learner(
        project.organisation, fewer_opportunities=True, fewer_opportunities_categories=["social"]
    )
    errors = errors_of(
        lambda: create(
            project,
            participant=learner,
            end_date=date(2026, 9, 1),
            short_duration_justification="x",
        )
    )
    assert "end_date" in errors


def test_it_accepts_a_recent_graduate_within_12_months(project):
    graduate = factories.learner(
        project.organisation, learner_status="recent_graduate", graduation_date=date(2025, 9, 28)
    )
    assert create(project, participant=graduate).pk


def test_it_refuses_a_recent_graduate_after_12_months(project):
    graduate = factories.learner(
        project.organisation, learner_status="recent_graduate", graduation_date=date(2025, 9, 27)
    )
    errors = errors_of(lambda: create(project, participant=graduate))
    assert "12 months" in errors["end_date"][0]


def test_compulsory_service_extends_the_12_months(project):
    graduate = factories.learner(
        project.organisation,
        learner_status="recent_graduate",
        graduation_date=date(2025, 3, 1),
        compulsory_service_months=11,
    )
    assert create(project, participant=graduate).pk


def test_it_refuses_a_destination_in_the_home_country(project):
    errors = errors_of(lambda: create(project, destination_city="Rīga", destination_country="LV"))
    assert "abroad" in errors["destination_country"][0]


@pytest.mark.parametrize("country", ["RU", "BY"])
def test_it_refuses_russia_and_belarus(project, country):
    errors = errors_of(lambda: create(project, destination_city="X", destination_country=country))
    assert "not eligible" in errors["destination_country"][0]


def test_it_allows_short_term_learners_in_a_non_associated_third_country(project):
    assert create(project, destination_city="London", destination_country="GB").pk


def test_it_refuses_group_mobility_in_a_non_associated_third_country(project):
    group = factories.group(project)
    errors = errors_of(
        lambda: create(
            project,
            activity_type="learner_group",
            group=group,
            end_date=date(2026, 9, 14),
            destination_city="London",
            destination_country="GB",
        )
    )
    assert "third countries" in errors["destination_country"][0]


def test_it_refuses_staff_courses_in_a_non_associated_third_country(project):
    errors = errors_of(
        lambda: create(
            project,
            participant=factories.staff(project.organisation),
            activity_type="staff_course",
            course_days=5,
            end_date=date(2026, 9, 5),
            destination_city="London",
            destination_country="GB",
        )
    )
    assert "third countries" in errors["destination_country"][0]


def test_an_invited_expert_comes_to_the_school(project):
    expert = factories.external(project.organisation)
    mobility = create(
        project,
        participant=expert,
        activity_type="invited_expert",
        host=None,
        origin_city="Trier",
        origin_country="DE",
        destination_city="Cēsis",
        destination_country="LV",
        end_date=date(2026, 9, 5),
    )
    assert mobility.pk


def test_an_invited_expert_cannot_be_sent_abroad(project):
    expert = factories.external(project.organisation)
    errors = errors_of(
        lambda: create(
            project,
            participant=expert,
            activity_type="invited_expert",
            end_date=date(2026, 9, 5),
        )
    )
    assert "destination_country" in errors
    assert "host" in errors


def test_it_keeps_the_mobility_inside_the_project_period(project):
    errors = errors_of(
        lambda: create(project, start_date=date(2026, 5, 20), end_date=date(2026, 6, 10))
    )
    assert "before the project" in errors["start_date"][0]
    errors = errors_of(
        lambda: create(project, start_date=date(2027, 8, 20), end_date=date(2027, 9, 10))
    )
    assert "after the project" in errors["end_date"][0]


def test_it_limits_travel_days(project):
    errors = errors_of(lambda: create(project, travel_days=3))
    assert "standard travel" in errors["travel_days"][0]
    assert create(project, travel_days=3, green_travel=True).pk
    errors = errors_of(lambda: create(project, travel_days=7, green_travel=True))
    assert "green travel" in errors["travel_days"][0]


def test_it_sends_learners_on_learner_activities_only(project):
    errors = errors_of(lambda: create(project, participant=factories.staff(project.organisation)))
    assert "VET learner" in errors["participant"][0]


def test_it_refuses_a_participant_of_another_organisation(project, other_school):
    errors = errors_of(lambda: create(project, participant=factories.learner(other_school)))
    assert "project's organisation" in errors["participant"][0]


def test_it_refuses_a_host_of_another_organisation(project, other_school):
    errors = errors_of(lambda: create(project, host=factories.partner(other_school)))
    assert "project's organisation" in errors["host"][0]


def test_it_requires_at_least_one_goal(project):
    errors = errors_of(lambda: create(project, goals=[]))
    assert "at least one" in errors["goals"][0]


def test_it_refuses_goals_of_another_plan(project, other_school):
    foreign_goal = factories.goal(factories.plan(other_school))
    errors = errors_of(lambda: create(project, goals=[foreign_goal]))
    assert "Erasmus plan" in errors["goals"][0]


def test_staff_employment_must_be_documented_before_approval(project):
    teacher = factories.staff(project.organisation, employment_documented=False)
    mobility = create(
        project,
        participant=teacher,
        activity_type="staff_job_shadowing",
        end_date=date(2026, 9, 5),
    )
    errors = errors_of(lambda: mobility_update(mobility=mobility, data={"status": "approved"}))
    assert "employment" in errors["participant"][0]


class TestGroupMobility:
    def make_group(self, project, learners=2, accompanying=1):
        group = factories.group(project)
        members = []
        for _ in range(learners):
            members.append(
                create(
                    project, activity_type="learner_group", group=group, end_date=date(2026, 9, 14)
                )
            )
        for _ in range(accompanying):
            members.append(
                create(
                    project,
                    participant=factories.staff(project.organisation),
                    activity_type="learner_group",
                    role="accompanying_person",
                    group=group,
                    end_date=date(2026, 9, 14),
                )
            )
        return group, members

    def test_it_approves_a_group_of_two_learners_and_a_teacher(self, project):
        _, members = self.make_group(project)
        for member in members:
            mobility_update(mobility=member, data={"status": "approved"})
        assert Mobility.objects.filter(status="approved").count() == 3

    def test_it_refuses_to_approve_a_group_with_one_learner(self, project):
        _, members = self.make_group(project, learners=1)
        errors = errors_of(
            lambda: mobility_update(mobility=members[0], data={"status": "approved"})
        )
        assert "at least 2 learners" in errors["group"][0]

    def test_it_refuses_to_approve_a_group_without_an_accompanying_person(self, project):
        _, members = self.make_group(project, accompanying=0)
        errors = errors_of(
            lambda: mobility_update(mobility=members[0], data={"status": "approved"})
        )
        assert "accompanying" in errors["group"][0]

    def test_it_refuses_to_approve_a_group_without_a_common_programme(self, project):
        group, members = self.make_group(project)
        group.common_programme = ""
        group.save()
        errors = errors_of(
            lambda: mobility_update(mobility=members[0], data={"status": "approved"})
        )
        assert "common programme" in errors["group"][0]

    def test_a_group_mobility_needs_a_group(self, project):
        errors = errors_of(
            lambda: create(project, activity_type="learner_group", end_date=date(2026, 9, 14))
        )
        assert "group" in errors["__all__"][0]

    def test_a_learner_cannot_accompany(self, project):
        group = factories.group(project)
        errors = errors_of(
            lambda: create(
                project,
                activity_type="learner_group",
                role="accompanying_person",
                group=group,
                end_date=date(2026, 9, 14),
            )
        )
        assert "teacher or another adult" in errors["participant"][0]

    def test_an_accompanying_person_needs_a_group(self, project):
        errors = errors_of(
            lambda: create(
                project,
                participant=factories.staff(project.organisation),
                role="accompanying_person",
            )
        )
        assert "group" in errors["__all__"][0]


def test_a_preparatory_visit_is_for_staff(project):
    assert create(
        project,
        participant=factories.staff(project.organisation),
        activity_type="preparatory_visit",
        end_date=date(2026, 9, 3),
    ).pk
    errors = errors_of(
        lambda: create(project, activity_type="preparatory_visit", end_date=date(2026, 9, 3))
    )
    assert "Preparatory visits are for staff" in errors["participant"][0]


def test_a_learner_with_fewer_opportunities_may_go_on_a_preparatory_visit(project):
    learner = factories.learner(
        project.organisation, fewer_opportunities=True, fewer_opportunities_categories=["health"]
    )
    assert create(
        project,
        participant=learner,
        activity_type="preparatory_visit",
        end_date=date(2026, 9, 3),
    ).pk


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("distance_km", Decimal("20037.52"), "No two places on Earth are more than"),
        ("expensive_travel_real_cost", Decimal("20000.01"), "cannot exceed 20,000.00 EUR"),
        ("financial_guarantee", Decimal("50000.01"), "cannot exceed 50,000.00 EUR"),
        ("visa_and_medical", Decimal("10000.01"), "cannot exceed 10,000.00 EUR"),
        ("inclusion_support_real_costs", Decimal("100000.01"), "cannot exceed 100,000.00 EUR"),
    ],
)
def test_it_refuses_distances_and_costs_beyond_the_engines_bounds(project, field, value, message):
    errors = errors_of(lambda: create(project, **{field: value}))
    assert message in errors[field][0]


def test_it_accepts_a_distance_of_half_the_earths_circumference(project):
    assert create(project, distance_km=Decimal("20037.51")).grant.band == "8000+"
