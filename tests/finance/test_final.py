"""The final figures page: per category the grant of the mobilities carried out beside
the award, the transfers they imply with the rule each meets or breaks, the project's own
limits set (with their history) and checked, and the same transfers in the final-report
draft; for coordinators and viewers of the school only, in a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from finance.final import final_report_figures
from finance.models import ProjectFinance
from mobilities.services import mobility_update
from reporting.final_report import final_report
from tests import factories

pytestmark = pytest.mark.django_db


def completed(project, **overrides):
    mobility = factories.mobility(project, **overrides)
    mobility_update(mobility=mobility, data={"status": "completed"})
    mobility.grant.refresh_from_db()
    return mobility


@pytest.fixture
def carried_out(project, mobility):
    """One completed mobility whose travel is 100 EUR above its award, individual support
    500 EUR below: 100 EUR move from individual support to travel."""
    mobility_update(mobility=mobility, data={"status": "completed"})
    grant = mobility.grant
    grant.refresh_from_db()
    factories.awarded(project, "travel", str(grant.travel - 100))
    factories.awarded(project, "individual_support", str(grant.individual_support + 500))
    factories.awarded(project, "organisational_support", str(grant.organisational_support))
    return mobility


def final_url(project):
    return reverse("finance:final_figures", args=[project.pk])


def test_the_final_figures_imply_a_transfer(project, carried_out):
    report = final_report_figures(project)
    (transfer,) = report.figures.transfers
    assert (transfer.source, transfer.target, transfer.amount) == (
        "individual_support",
        "travel",
        Decimal("100.00"),
    )
    assert {c.rule.code: c.outcome for c in transfer.checks} == {
        "out_limit": "not_set",
        "in_limit": "not_set",
    }
    assert report.figures.uncovered == 0 and report.not_completed == 0


def test_a_mobility_not_completed_is_not_in_the_final_figures(project, carried_out, host):
    factories.mobility(project, host=host)
    report = final_report_figures(project)
    assert report.not_completed == 1
    assert report.figures.final == carried_out.grant.total


def test_the_coordinator_sets_a_limit_and_the_transfer_breaks_it(
    client, alice, project, carried_out
):
    client.force_login(alice)
    rules_url = reverse("finance:finance_rules_edit", args=[project.pk])
    data = {
        "organisational_support_limit_percent": "100",
        "transfer_out_limit_percent": "101",
        "transfer_in_limit_percent": "",
    }
    page = client.post(rules_url, data)
    assert page.status_code == 200
    assert "Ensure this value is less than or equal to 100." in page.content.decode()
    assert not ProjectFinance.objects.filter(project=project).exists()

    client.post(
        rules_url, data | {"transfer_out_limit_percent": "", "transfer_in_limit_percent": "1"}
    )
    rules = ProjectFinance.objects.get(project=project)
    assert rules.transfer_in_limit_percent == 1 and rules.transfer_out_limit_percent is None
    assert rules.history.count() == 1

    page = client.get(final_url(project)).content.decode()
    assert 'data-rule="in_limit" data-outcome="breaks"' in page
    assert (
        "Travel receives 100.00 EUR, more than the project&#x27;s limit of 1% of its award" in page
    )
    assert 'data-rule="out_limit" data-outcome="not_set"' in page
    assert "project setting" in page and "Change the project's finance rules" in page


def test_course_fees_moved_in_are_checked_against_the_rate_tables_cap(project, host):
    course = completed(
        project,
        participant=factories.staff(project.organisation),
        activity_type="staff_course",
        host=host,
        start_date=date(2026, 9, 1),
        end_date=date(2026, 9, 5),
        course_days=5,
    )
    fees = course.grant.course_fees
    assert fees > 0
    factories.awarded(project, "course_fees", "0.00")
    factories.awarded(project, "travel", str(course.grant.travel))
    factories.awarded(project, "organisational_support", str(course.grant.organisational_support))
    factories.awarded(project, "individual_support", str(course.grant.individual_support + fees))
    (transfer,) = final_report_figures(project).figures.transfers
    cap = next(c for c in transfer.checks if c.rule.code == "course_fees_cap")
    # The small-grant cap (the award is at most 40 000 EUR) of 20 000 EUR holds.
    assert cap.outcome == "meets" and cap.params["cap"] == Decimal("20000.00")


def test_viewers_read_the_page_and_other_schools_see_nothing(
    client, bob, charlie, project, carried_out
):
    client.force_login(bob)
    page = client.get(final_url(project)).content.decode()
    assert 'id="transfer-table"' in page
    assert "Change the project's finance rules" not in page
    client.force_login(charlie)
    assert client.get(final_url(project)).status_code == 404


def test_without_an_award_the_page_says_what_is_missing(client, alice, project, mobility):
    client.force_login(alice)
    page = client.get(final_url(project)).content.decode()
    assert 'id="no-award"' in page


def test_the_page_reads_in_latvian(client, alice, project, carried_out):
    client.force_login(alice)
    with translation.override("lv"):
        page = client.get(final_url(project), HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    assert "Pārdale starp kategorijām" in page
    assert "Individuālais atbalsts atdod 100,00 EUR; projekts nenosaka" in page


def test_the_final_report_draft_lists_the_transfers(project, carried_out):
    section = next(s for s in final_report(project).sections if s.code == "budget")
    transfers = section.figures.tables[1]
    assert transfers.rows == [
        [
            "Individual support",
            "Travel",
            "not set: Individual support gives 100.00 EUR; the project sets no limit on what "
            "a category may give. not set: Travel receives 100.00 EUR; the project sets no "
            "limit on what a category may receive.",
            "100.00\xa0EUR",
        ]
    ]


def test_the_page_makes_a_fixed_number_of_queries(
    client, alice, project, carried_out, host, django_assert_max_num_queries
):
    client.force_login(alice)
    client.get(final_url(project))
    with django_assert_max_num_queries(16) as one:
        client.get(final_url(project))
    for _n in range(5):
        completed(project, host=host)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(final_url(project))
