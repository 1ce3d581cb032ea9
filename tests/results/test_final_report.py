"""The final report states the results recorded: the units by their assessment and the
methods used, the recognition decisions and the ECVET points recognised, the OLS levels
and the questionnaires before and after, and the targets computed from them."""

from decimal import Decimal

import pytest
from django.utils import translation

from mobilities.models import Mobility
from mobilities.services import mobility_update
from projects.models import GoalTarget
from reporting import services as reporting_services
from reporting.final_report import final_report
from results import services, surveys
from results.dissemination import event_save, learning_transfer_save
from results.models import DisseminationEvent
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def results(project, host):
    goal = project.erasmus_plan.goals.first() or factories.goal(project.erasmus_plan)
    GoalTarget.objects.create(
        goal=goal, indicator="Atzīti", target_value=80, unit="%", year=2026, measure="recognised"
    )
    for n, (after, level_after, satisfaction) in enumerate([("B1", "B2", 5), ("B1", "B1", 3)]):
        mobility = factories.mobility(
            project,
            host=host,
            goals=[goal],
            participant=factories.learner(project.organisation, first_name=f"Learner{n}"),
        )
        mobility_update(mobility=mobility, data={"status": Mobility.Status.COMPLETED})
        (unit,) = reporting_services.learning_outcome_units_replace(
            mobility=mobility,
            units=[{"title": "Web", "outcomes": "Builds pages.", "ecvet_points": Decimal(3)}],
        )
        services.unit_assessment_save(
            unit=unit,
            data={
                "result": "achieved" if n == 0 else "partly",
                "method": "observation",
                "assessed_by": "Mentor",
                "assessed_on": mobility.end_date,
            },
        )
        services.recognition_save(
            mobility=mobility,
            data={
                "decision": "full" if n == 0 else "partial",
                "ecvet_points": Decimal("3") if n == 0 else Decimal("1.5"),
                "programme_part": "Module 4",
                "decided_on": mobility.end_date,
                "decided_by": "Head",
            },
        )
        services.ols_save(
            mobility=mobility,
            data={"language": "es", "level_before": after, "level_after": level_after},
        )
        for stage, level, day in (
            ("before", "A2", mobility.start_date),
            ("after", level_after, mobility.end_date),
        ):
            questions = surveys.project_questions(project, stage)
            values = {"language_level": level, "skills": "3", "satisfaction": str(satisfaction)}
            answers = {f"q{q.pk}": values.get(q.code, "") for q in questions}
            surveys.survey_submit(mobility=mobility, stage=stage, answers=answers, on=day)
    return project


def section(report, code):
    return next(s for s in report.sections if s.code == code).figures


def test_the_report_states_the_results_in_latvian(results):
    with translation.override("lv"):
        report = final_report(results)
        outcomes = section(report, "learning_outcomes")
        facts = dict(outcomes.facts)
        assert facts["Atzīts pilnībā"] == "1" and facts["Atzīts daļēji"] == "1"
        assert facts["Atzītie ECVET punkti"] == "4,5"
        units = outcomes.tables[1]
        assert units.rows == [["Sasniegts", "1"], ["Daļēji sasniegts", "1"]]
        assert section(report, "assessment").tables[0].rows == [["Novērošana darba vietā", "2"]]
        impact = section(report, "impact")
        assert dict(impact.facts)["OLS valodas līmenis paaugstinājās"] == "1 / 2 (50,0 %)"
        survey = impact.tables[0].rows
        assert ["Apmierinātība ar mobilitāti (1–5)", "–", "4,0"] in survey
        assert survey[-1][-1] == "2 / 2"  # both rated their language higher after
        goals = section(report, "goals").tables[0].rows
        assert goals[0][4] == "100,0"


def test_a_report_without_results_has_none_of_their_tables(project):
    report = final_report(project)
    assert section(report, "assessment").tables == []
    assert section(report, "impact").tables == []
    assert section(report, "learning_outcomes").facts == []


def test_the_report_counts_the_dissemination_and_the_transfer_of_learning(project, host):
    rows = [("lesson", "inside", 25), ("lesson", "inside", 15), ("article", "outside", 400)]
    for n, (kind, reach, size) in enumerate(rows):
        data = {"held_on": project.start_date, "kind": kind, "title": f"Event {n}"}
        data |= {"description": "", "audience": "Learners", "audience_size": size}
        data |= {"reach": reach, "presented_by": "Ilze", "mobility": None, "goal": None}
        event_save(event=DisseminationEvent(project=project), data=data | {"evidence_url": ""})
    teacher = factories.staff(project.organisation)
    for n in range(2):
        staff = factories.mobility(
            project,
            participant=teacher,
            host=host,
            activity_type="staff_job_shadowing",
            start_date=project.start_date.replace(month=9, day=7 * n + 1),
            end_date=project.start_date.replace(month=9, day=7 * n + 5),
        )
        mobility_update(mobility=staff, data={"status": Mobility.Status.COMPLETED})
    learning_transfer_save(
        mobility=staff,
        data={"changes": "Planning with the host.", "applied_from": staff.end_date, "reached": ""},
    )
    with translation.override("lv"):
        report = final_report(project)
        dissemination = section(report, "dissemination")
        facts = dict(dissemination.facts)
        assert facts["Izplatīšanas pasākumi"] == "3"
        assert facts["Sasniegtie cilvēki: skolā"] == "40"
        assert facts["Sasniegtie cilvēki: ārpus skolas"] == "400"
        assert dissemination.tables[0].rows == [
            ["Mācību stunda", "2", "40"],
            ["Raksts", "1", "400"],
        ]
        transfer = dict(section(report, "transfer").facts)
        assert transfer == {
            "Pabeigtās darbinieku mobilitātes ar reģistrētu mācīšanās pārnesi": "1 / 2"
        }
