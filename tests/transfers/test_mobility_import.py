"""Importing mobilities into a project: IDs, references to participants, hosts, groups
and goals, the same validation as the form and the budget engine."""

from datetime import date

import pytest
from django.urls import reverse

from mobilities.models import Mobility
from tests import factories

from .conftest import confirm, csv_file, form_errors, preview, upload, xlsx_file

pytestmark = pytest.mark.django_db

HEADERS = [
    "Mobility ID",
    "Participant",
    "Activity type",
    "Host organisation",
    "City of origin",
    "Country of origin",
    "Destination city",
    "Destination country",
    "Start date",
    "End date",
    "Travel days",
    "Goals",
]


def url(project):
    return reverse("transfers:mobility_import", args=[project.pk])


def row(participant, host, **changes):
    values = {
        "Mobility ID": "",
        "Participant": participant.email,
        "Activity type": "Short-term learning mobility of learners",
        "Host organisation": host.oid or host.name,
        "City of origin": "Cēsis",
        "Country of origin": "LV",
        "Destination city": "Valencia",
        "Destination country": "Spānija",
        "Start date": "01.09.2026",
        "End date": "28.09.2026",
        "Travel days": "2",
        "Goals": "1;2",
    }
    values.update(changes)
    return [values[h] for h in HEADERS]


def statuses(outcome):
    return [r.status for r in outcome.rows]


def problems_at(outcome, index, header):
    return outcome.rows[index].cells[outcome.headers.index(header)].problems


@pytest.fixture
def learners(school):
    return [factories.learner(school) for _ in range(3)]


def test_a_new_mobility_gets_the_next_number_and_the_engines_grant(
    alice_client, project, host, learners
):
    typed_in = factories.mobility(project, participant=learners[0], host=host)
    data = csv_file([HEADERS, row(learners[1], host)])
    outcome, token = preview(alice_client, url(project), data)
    assert statuses(outcome) == ["new"]
    confirm(alice_client, token)
    imported = Mobility.objects.get(participant=learners[1])
    assert imported.number == typed_in.number + 1
    assert sorted(g.number for g in imported.goals.all()) == [1, 2]
    assert imported.grant.amounts == typed_in.grant.amounts
    assert imported.preparation_items.count() == 8  # the default checklist, as typed in


def test_the_projects_cached_pages_learn_of_a_confirmed_import_only(
    alice_client, project, host, learners
):
    project.refresh_from_db()
    version = project.version
    _outcome, token = preview(
        alice_client, url(project), csv_file([HEADERS, row(learners[0], host)])
    )
    project.refresh_from_db()
    assert project.version == version  # a preview is rolled back, bumps and all
    confirm(alice_client, token)
    project.refresh_from_db()
    assert project.version > version


def test_rows_without_an_id_are_matched_on_participant_activity_and_start(
    alice_client, project, host, learners
):
    data = csv_file([HEADERS, row(learners[0], host), row(learners[1], host)])
    _outcome, token = preview(alice_client, url(project), data)
    confirm(alice_client, token)
    again, _token = preview(alice_client, url(project), data)
    assert statuses(again) == ["unchanged", "unchanged"]
    assert project.mobilities.count() == 2


def test_an_id_of_the_project_updates_that_mobility(alice_client, project, host, learners):
    mobility = factories.mobility(project, participant=learners[0], host=host)
    changed = row(
        learners[0], host, **{"Mobility ID": mobility.reference, "End date": "2026-09-21"}
    )
    outcome, token = preview(alice_client, url(project), csv_file([HEADERS, changed]))
    assert statuses(outcome) == ["changed"]
    end = outcome.rows[0].cells[outcome.headers.index("End date")]
    assert end.was == "2026-09-28"
    confirm(alice_client, token)
    mobility.refresh_from_db()
    assert mobility.end_date == date(2026, 9, 21)
    mobility.grant.refresh_from_db()
    assert (
        mobility.grant.individual_support
        < factories.mobility(project, host=host).grant.individual_support
    )


def test_an_unknown_id_of_the_project_creates_the_mobility_with_that_number(
    alice_client, project, host, learners
):
    reference = f"{project.grant_agreement_number}-MOB-00042"
    data = csv_file([HEADERS, row(learners[0], host, **{"Mobility ID": reference})])
    _outcome, token = preview(alice_client, url(project), data)
    confirm(alice_client, token)
    assert project.mobilities.get().reference == reference
    again, _token = preview(alice_client, url(project), data)
    assert statuses(again) == ["unchanged"]


def test_an_id_of_another_project_or_a_malformed_one_is_refused(
    alice_client, project, host, learners, school, erasmus_plan
):
    other = factories.project(school, erasmus_plan)
    rows = [
        HEADERS,
        row(learners[0], host, **{"Mobility ID": f"{other.grant_agreement_number}-MOB-00001"}),
        row(learners[1], host, **{"Mobility ID": "MOB 1"}),
    ]
    outcome, _token = preview(alice_client, url(project), csv_file(rows))
    assert "cannot import into the project" in problems_at(outcome, 0, "Mobility ID")[0]
    assert "A mobility ID looks like" in problems_at(outcome, 1, "Mobility ID")[0]


def test_references_that_do_not_exist_are_explained_next_to_their_cell(
    alice_client, project, host, learners
):
    rows = [
        HEADERS,
        row(learners[0], host, Participant="nobody@example.lv"),
        row(learners[1], host, **{"Host organisation": "Unknown host"}),
        row(learners[2], host, Goals="1;7"),
        row(
            learners[2],
            host,
            Goals="first",
            **{"Start date": "2026-10-01", "End date": "2026-10-28"},
        ),
    ]
    outcome, _token = preview(alice_client, url(project), csv_file(rows))
    assert statuses(outcome) == ["invalid"] * 4
    assert "No participant of" in problems_at(outcome, 0, "Participant")[0]
    assert "No partner organisation of" in problems_at(outcome, 1, "Host organisation")[0]
    assert problems_at(outcome, 2, "Goals") == ["The Erasmus plan has no goal 7."]
    assert "separated by semicolons" in problems_at(outcome, 3, "Goals")[0]


def test_the_forms_rules_are_reported_next_to_the_cells(alice_client, project, host, learners):
    rows = [
        HEADERS,
        row(learners[0], host, **{"End date": "2026-08-01"}),
        row(learners[1], host, **{"End date": "2026-09-05"}),
        row(learners[2], host, **{"Host organisation": ""}),
    ]
    outcome, token = preview(alice_client, url(project), csv_file(rows))
    assert statuses(outcome) == ["invalid"] * 3
    assert "cannot be before the start date" in problems_at(outcome, 0, "End date")[0]
    assert problems_at(outcome, 1, "End date")  # too short for a short-term mobility
    assert problems_at(outcome, 2, "Host organisation") == ["Choose the host organisation."]
    confirm(alice_client, token)
    assert not project.mobilities.exists()


def test_one_invalid_row_means_no_mobility_is_imported(alice_client, project, host, learners):
    rows = [HEADERS, row(learners[0], host), row(learners[1], host, Goals="")]
    outcome, token = preview(alice_client, url(project), csv_file(rows))
    assert statuses(outcome) == ["new", "invalid"]
    assert "at least one Erasmus plan goal" in problems_at(outcome, 1, "Goals")[0]
    page = confirm(alice_client, token)
    assert page.status_code == 200
    assert not project.mobilities.exists()


def test_a_group_travels_in_one_file_and_is_checked_as_a_whole(
    alice_client, project, host, learners, school
):
    group = factories.group(project)
    teacher = factories.staff(school)
    headers = [*HEADERS, "Role", "Group", "Status"]

    def member(person, role="participant"):
        trip = row(person, host, **{"Activity type": "learner_group"})
        return [*trip, role, group.name, "Approved"]

    alone = [headers, member(learners[0]), member(teacher, "accompanying_person")]
    outcome, _token = preview(alice_client, url(project), csv_file(alone))
    assert statuses(outcome) == ["invalid", "invalid"]
    assert "at least 2 learners" in problems_at(outcome, 0, "Group")[0]
    whole = [*alone, member(learners[1])]
    outcome, token = preview(alice_client, url(project), csv_file(whole))
    assert statuses(outcome) == ["new", "new", "new"]
    confirm(alice_client, token)
    assert group.mobilities.filter(status="approved").count() == 3


def test_an_unknown_group_is_explained(alice_client, project, host, learners):
    headers = [*HEADERS, "Group"]
    data = csv_file([headers, [*row(learners[0], host), "No such group"]])
    outcome, _token = preview(alice_client, url(project), data)
    assert "create the group first" in problems_at(outcome, 0, "Group")[0]


def test_a_file_lacking_required_columns_is_refused(alice_client, project):
    response = upload(alice_client, url(project), csv_file([["Participant"], ["a@example.lv"]]))
    assert "lacks the columns" in form_errors(response)
    assert "“Goals”" in form_errors(response)


def test_the_same_mobility_twice_in_a_file_is_refused(alice_client, project, host, learners):
    rows = [HEADERS, row(learners[0], host), row(learners[0], host)]
    outcome, _token = preview(alice_client, url(project), csv_file(rows))
    assert statuses(outcome) == ["new", "invalid"]
    assert problems_at(outcome, 1, "Participant") == ["Line 2 already has this value."]


def test_a_workbook_with_date_cells_is_imported(alice_client, project, host, learners):
    trip = row(learners[0], host, **{"Start date": date(2026, 9, 1), "End date": date(2026, 9, 28)})
    outcome, token = preview(alice_client, url(project), xlsx_file([HEADERS, trip]), "m.xlsx")
    assert statuses(outcome) == ["new"]


def test_a_viewer_may_not_import_and_another_school_finds_nothing(client, bob, charlie, project):
    client.force_login(bob)
    assert client.get(url(project)).status_code == 403
    client.force_login(charlie)
    assert client.get(url(project)).status_code == 404
