"""The final report's figures: what the portal knows, section by section."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import GoalTarget
from reporting import services
from reporting.final_report import final_report, final_report_text
from reporting.models import FinalReportAnswer, FinalReportSection
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_project(project, host):
    """Two learners to Spain (one with fewer opportunities, one completed), a teacher's
    job shadowing in Germany, and a cancelled mobility."""
    fewer = factories.learner(
        project.organisation,
        fewer_opportunities=True,
        fewer_opportunities_categories=["health"],
        support_needs="Ikdienas medikamenti",
    )
    factories.mobility(project, participant=fewer, host=host)
    factories.mobility(project, host=host, status="completed")
    german_host = factories.partner(project.organisation, country="DE", city="Leipzig")
    factories.mobility(
        project,
        participant=factories.staff(project.organisation),
        host=german_host,
        activity_type="staff_job_shadowing",
        destination_city="Leipzig",
        destination_country="DE",
        end_date=date(2026, 9, 5),
    )
    factories.mobility(project, host=host, status="cancelled")
    factories.awarded(project, "travel", "1000.00")
    return project


def section(report, code):
    return next(s for s in report.sections if s.code == code)


def facts(report, code) -> dict:
    return dict(section(report, code).figures.facts)


def test_there_is_one_section_per_question_in_order(project):
    report = final_report(project)
    assert [s.code for s in report.sections] == FinalReportSection.values
    assert [s.number for s in report.sections] == list(range(1, 26))
    # The public summary first; the programme's horizontal priorities among them.
    assert report.sections[0].code == "summary"
    assert {"inclusion", "green", "digital", "participation"} <= set(FinalReportSection.values)


def test_it_counts_mobilities_by_activity_type_and_country(busy_project):
    table = section(final_report(busy_project), "learning_outcomes").figures.tables[0]
    assert table.rows == [
        ["Short-term learning mobility of learners", "Spain", "2", "2", "1"],
        ["Job shadowing", "Germany", "1", "1", "0"],
    ]


def test_it_counts_participants_and_fewer_opportunities_but_shows_no_details(busy_project):
    figures = facts(final_report(busy_project), "selection")
    assert figures["Participants"] == "3"
    assert figures["VET learners"] == "2"
    assert figures["Staff"] == "1"
    assert figures["Participants with fewer opportunities"] == "1"
    text = final_report_text(final_report(busy_project), day=date(2027, 9, 1))
    assert "Ikdienas medikamenti" not in text
    assert "Health problems" not in text


def test_it_shows_goals_with_their_targets_and_what_was_reached(project, mobility):
    goal = project.erasmus_plan.goals.get(number=1)
    GoalTarget.objects.create(
        goal=goal,
        indicator="Izglītojamie mobilitātēs",
        target_value=1,
        unit="personas",
        year=2026,
        measure=GoalTarget.Measure.LEARNERS,
    )
    GoalTarget.objects.create(
        goal=goal, indicator="Nodarbinātība", target_value=70, unit="%", year=2026
    )
    rows = section(final_report(project), "goals").figures.tables[0].rows
    assert ["1. Mērķis 1", "Izglītojamie mobilitātēs (2026)", "1", "1 personas", "1", "yes"] in rows
    assert ["1. Mērķis 1", "Nodarbinātība (2026)", "1", "70 %", "–", "–"] in rows


def test_it_shows_the_budget_used_against_awarded(busy_project):
    rows = section(final_report(busy_project), "budget").figures.tables[0].rows
    travel = next(row for row in rows if row[0] == "Travel")
    completed = busy_project.mobilities.get(status="completed")
    assert travel[2] == "1,000.00\xa0EUR"
    assert travel[3] == f"{completed.grant.travel:,.2f}\xa0EUR"
    assert rows[-1][0] == "Total"


def test_it_checks_the_reported_mobilities_against_the_grant(busy_project):
    figures = facts(final_report(busy_project), "consistency")
    assert figures["Completed mobilities"] == "1 / 3"
    assert figures["Awarded grant"] == "1,000.00\xa0EUR"
    busy_project.awarded_amounts.filter(category="travel").update(amount=Decimal("100.00"))
    notes = section(final_report(busy_project), "consistency").figures.notes
    spent = busy_project.mobilities.get(status="completed").grant.travel
    assert f"Travel: {spent:,.2f}\xa0EUR used, more than the 100.00\xa0EUR awarded." in notes


def test_it_counts_the_certificates_generated(busy_project):
    completed = busy_project.mobilities.get(status="completed")
    document = services.document_request(
        project=busy_project, mobility=completed, kind="attendance_certificate", language="lv"
    )
    services.document_render(document_id=document.pk)
    figures = facts(final_report(busy_project), "certificates")
    assert figures["Certificates of attendance generated"] == "1"
    assert figures["Completed mobilities"] == "1"


def test_the_answers_are_in_their_sections(project):
    FinalReportAnswer.objects.create(project=project, section="future", text="Turpināsim.")
    report = final_report(project)
    assert section(report, "future").answer == "Turpināsim."
    assert section(report, "goals").answer == ""


def test_viewers_read_the_answers_and_figures_without_forms(client, bob, busy_project):
    FinalReportAnswer.objects.create(project=busy_project, section="impact", text="Liela.")
    client.force_login(bob)
    page = client.get(reverse("reporting:final_report", args=[busy_project.pk])).content.decode()
    assert "Liela." in page
    assert "<textarea" not in page
    assert "Ikdienas medikamenti" not in page


def test_the_figures_follow_the_language(busy_project):
    with translation.override("lv"):
        rows = section(final_report(busy_project), "budget").figures.tables[0].rows
    assert rows[-1][2] == "1\xa0000,00\xa0EUR"


def test_the_horizontal_priorities_show_their_figures(busy_project):
    report = final_report(busy_project)
    assert facts(report, "summary") == {
        "Mobilities": "3",
        "Completed mobilities": "1",
        "Participants": "3",
        "Countries": "2",
    }
    inclusion = facts(report, "inclusion")
    assert inclusion["Participants with fewer opportunities"] == "1"
    assert inclusion["Their mobilities"] == "1"
    assert facts(report, "green") == {"Mobilities with green travel": "0 / 3"}
    assert facts(report, "digital") == {"Participants assessed in OLS": "0"}
    assert not section(report, "participation").figures  # narrative only
