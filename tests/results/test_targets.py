"""The Erasmus plan's targets computed from the results recorded for the mobilities serving
each goal: OLS levels that rose, recognition of the learners back home, satisfaction after
return; shown on the dashboard instead of typed."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from mobilities.models import Mobility
from mobilities.services import mobility_update
from projects.models import GoalTarget
from reporting.progress import goal_progress
from results import services, surveys
from results.dissemination import learning_transfer_save
from tests import factories

pytestmark = pytest.mark.django_db

Measure = GoalTarget.Measure


@pytest.fixture
def goal(project):
    return project.erasmus_plan.goals.first() or factories.goal(project.erasmus_plan)


def back_home(project, goal, host, name):
    mobility = factories.mobility(
        project,
        host=host,
        goals=[goal],
        participant=factories.learner(project.organisation, first_name=name),
    )
    mobility_update(mobility=mobility, data={"status": Mobility.Status.COMPLETED})
    return mobility


def satisfied(mobility, score: int) -> None:
    questions = surveys.project_questions(mobility.project, "after")
    answers = {
        f"q{q.pk}": {"language_level": "B1", "skills": "3", "satisfaction": str(score)}.get(
            q.code, ""
        )
        for q in questions
    }
    surveys.survey_submit(mobility=mobility, stage="after", answers=answers, on=mobility.end_date)


def recognise(mobility, decision: str) -> None:
    data = {"decision": decision, "decided_on": mobility.end_date, "decided_by": "Head"}
    data |= {"programme_part": "Module 4" if decision != "none" else "", "ecvet_points": None}
    services.recognition_save(mobility=mobility, data=data)


def target(goal, measure, value=100) -> GoalTarget:
    return GoalTarget.objects.create(
        goal=goal, indicator=measure, target_value=value, unit="%", year=2026, measure=measure
    )


def achieved(project) -> dict[str, Decimal | None]:
    return {t.target.measure: t.achieved for p in goal_progress(project) for t in p.targets}


def test_the_shares_count_only_the_mobilities_with_the_data(project, goal, host):
    for measure in (Measure.OLS_LEVEL_ROSE, Measure.RECOGNISED, Measure.SATISFIED):
        target(goal, measure)
    # Nothing recorded yet: not measured, rather than 0 %.
    assert achieved(project) == dict.fromkeys(
        [Measure.OLS_LEVEL_ROSE, Measure.RECOGNISED, Measure.SATISFIED]
    )

    anna, berta, cilda = (back_home(project, goal, host, n) for n in ("Anna", "Berta", "Cilda"))
    services.ols_save(
        mobility=anna, data={"language": "es", "level_before": "A2", "level_after": "B1"}
    )
    services.ols_save(
        mobility=berta, data={"language": "es", "level_before": "B1", "level_after": "B1"}
    )
    services.ols_save(mobility=cilda, data={"language": "es", "level_before": "B2"})  # not yet
    recognise(anna, "full")
    recognise(berta, "partial")
    recognise(cilda, "none")
    satisfied(anna, 5)
    satisfied(berta, 3)

    assert achieved(project) == {
        Measure.OLS_LEVEL_ROSE: Decimal("50.0"),  # one of the two assessed after
        Measure.RECOGNISED: Decimal("66.7"),  # two of three
        Measure.SATISFIED: Decimal("50.0"),  # 5 is, 3 is not
    }


def test_a_cancelled_mobility_or_another_goals_counts_for_nothing(project, goal, host):
    target(goal, Measure.OLS_LEVEL_ROSE)
    other = factories.goal(project.erasmus_plan, 9)
    elsewhere = factories.mobility(project, host=host, goals=[other])
    services.ols_save(
        mobility=elsewhere, data={"language": "en", "level_before": "A1", "level_after": "A2"}
    )
    assert achieved(project) == {Measure.OLS_LEVEL_ROSE: None}


def test_the_dashboard_shows_the_computed_share(client, alice, project, goal, host):
    target(goal, Measure.RECOGNISED, value=80)
    recognise(back_home(project, goal, host, "Anna"), "full")
    client.force_login(alice)
    with_lv = {"accept-language": "lv"}
    page = client.get(
        reverse("dashboard:project_detail", args=[project.pk]), headers=with_lv
    ).content.decode()
    assert "recognised: 100 / 80 %" in page


@pytest.mark.parametrize("count", [1, 6])
def test_the_progress_makes_as_many_queries_with_more_results(
    project, goal, host, django_assert_num_queries, count
):
    for measure in (Measure.OLS_LEVEL_ROSE, Measure.RECOGNISED, Measure.SATISFIED):
        target(goal, measure)
    for n in range(count):
        mobility = back_home(project, goal, host, f"L{n}")
        recognise(mobility, "full")
        satisfied(mobility, 4)
    project.refresh_from_db()
    with django_assert_num_queries(6):
        goal_progress(project)


def test_the_staff_who_recorded_a_transfer_of_learning_are_counted_once(project, goal, host):
    target(goal, Measure.LEARNING_TRANSFER, value=5)
    teacher = factories.staff(project.organisation)
    for day in (1, 15):
        staff = factories.mobility(
            project,
            participant=teacher,
            host=host,
            goals=[goal],
            activity_type="staff_job_shadowing",
            start_date=date(2026, 9, day),
            end_date=date(2026, 9, day + 4),
        )
        learning_transfer_save(
            mobility=staff,
            data={"changes": "New routine.", "applied_from": staff.end_date, "reached": ""},
        )
    factories.mobility(
        project,
        participant=factories.staff(project.organisation, first_name="Other"),
        host=host,
        goals=[goal],
        activity_type="staff_job_shadowing",
        start_date=date(2026, 10, 5),
        end_date=date(2026, 10, 9),
    )
    assert achieved(project) == {Measure.LEARNING_TRANSFER: Decimal(1)}
