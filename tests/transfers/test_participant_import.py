"""Importing participants from the coordinator's pages: upload, preview, confirm."""

from datetime import date

import pytest
from django.urls import reverse

from participants.identity import personal_code_for
from participants.models import Participant
from tests import factories

from .conftest import confirm, csv_file, form_errors, preview, upload, xlsx_file

pytestmark = pytest.mark.django_db

URL = "/participants/import/"
HEADERS = [
    "Kind",
    "First name",
    "Last name",
    "Date of birth",
    "E-mail",
    "National ID",
    "VET programme",
    "Qualification",
    "EQF level",
    "Learner status",
    "Position",
]


def national_id(n=1) -> str:
    """Row n's valid personal code (row 1's is 140304-21234)."""
    return personal_code_for(date(2004, 3, 14), 103 + n * 20)


def learner_row(n=1, **changes):
    row = {
        "Kind": "learner",
        "First name": "Jānis",
        "Last name": f"Ozoliņš{n}",
        "Date of birth": "14.03.2004",
        "E-mail": f"janis{n}@example.lv",
        "National ID": national_id(n),
        "VET programme": "Programmēšana",
        "Qualification": "Programmēšanas tehniķis",
        "EQF level": "4",
        "Learner status": "enrolled",
        "Position": "",
    }
    row.update(changes)
    return [row[h] for h in HEADERS]


def staff_row(n=1, **changes):
    return learner_row(
        n,
        **{
            "Kind": "Staff",
            "First name": "Andris",
            "VET programme": "",
            "Qualification": "",
            "EQF level": "",
            "Learner status": "",
            "Position": "Skolotājs",
            "Date of birth": "1980-01-01",
        }
        | changes,
    )


def statuses(outcome):
    return [row.status for row in outcome.rows]


def cell_problems(outcome, line, header):
    row = next(r for r in outcome.rows if r.line == line)
    return row.cells[outcome.headers.index(header)].problems


def test_the_upload_page_offers_the_templates(alice_client):
    page = alice_client.get(URL)
    assert page.status_code == 200
    assert (
        reverse("transfers:import_template", args=["participants", "lv"]) in page.content.decode()
    )


def test_a_new_file_is_previewed_then_imported_on_confirmation(alice_client, school):
    outcome, token = preview(alice_client, URL, csv_file([HEADERS, learner_row(1), staff_row(2)]))
    assert statuses(outcome) == ["new", "new"]
    assert outcome.counts["new"] == 2
    assert not Participant.objects.exists()  # the preview saved nothing
    response = confirm(alice_client, token)
    assert response["Location"] == reverse("transfers:import_done", args=[token])
    done = alice_client.get(response["Location"])
    assert done.context["result"]["counts"]["new"] == 2
    janis = Participant.objects.get(email="janis1@example.lv")
    assert (janis.organisation, janis.date_of_birth, janis.eqf_level) == (
        school,
        date(2004, 3, 14),
        4,
    )
    assert Participant.objects.get(email="janis2@example.lv").kind == "staff"


def test_the_preview_marks_rows_new_changed_unchanged_and_invalid(alice_client, school):
    factories.learner(
        school,
        first_name="Jānis",
        last_name="Ozoliņš1",
        email="janis1@example.lv",
        national_id="140304-21234",
        date_of_birth=date(2004, 3, 14),
        vet_programme="Programmēšana",
        qualification="Programmēšanas tehniķis",
    )
    factories.learner(school, email="janis2@example.lv", last_name="Ozoliņš2")
    rows = [
        HEADERS,
        learner_row(1),
        learner_row(2, **{"Last name": "Kalniņš"}),
        learner_row(3),
        learner_row(4, **{"Date of birth": "31.02.2004"}),
    ]
    outcome, _token = preview(alice_client, URL, csv_file(rows))
    assert statuses(outcome) == ["unchanged", "changed", "new", "invalid"]
    changed = outcome.rows[1]
    last_name = changed.cells[outcome.headers.index("Last name")]
    assert (last_name.value, last_name.was) == ("Kalniņš", "Ozoliņš2")
    assert cell_problems(outcome, 5, "Date of birth") == ["There is no such day: 31.02.2004."]
    assert not outcome.is_valid


def test_one_invalid_row_means_nothing_is_imported(alice_client, school):
    rows = [HEADERS, learner_row(1), learner_row(2, **{"EQF level": "9"})]
    outcome, token = preview(alice_client, URL, csv_file(rows))
    assert statuses(outcome) == ["new", "invalid"]
    assert "less than or equal to 8" in cell_problems(outcome, 3, "EQF level")[0]
    page = confirm(alice_client, token)
    assert page.status_code == 200
    assert "Nothing was imported" in page.content.decode()
    assert not Participant.objects.exists()


def test_the_models_rules_are_reported_next_to_their_column(alice_client):
    minor = learner_row(1, **{"Date of birth": "2015-01-01"})
    no_status = learner_row(2, **{"Learner status": ""})
    outcome, _token = preview(alice_client, URL, csv_file([HEADERS, minor, no_status]))
    assert statuses(outcome) == ["invalid", "invalid"]
    # The guardian's columns are not in the file: said on the row, naming the column.
    assert any("Guardian's name" in p for p in outcome.rows[0].problems)
    assert "enrolled or a recent graduate" in cell_problems(outcome, 3, "Learner status")[0]


def test_importing_the_same_file_again_changes_nothing(alice_client):
    data = csv_file([HEADERS, learner_row(1), staff_row(2)])
    _outcome, token = preview(alice_client, URL, data)
    confirm(alice_client, token)
    history = Participant.history.count()
    again, _token = preview(alice_client, URL, data)
    assert statuses(again) == ["unchanged", "unchanged"]
    assert not again.changes_anything
    assert Participant.history.count() == history


def test_rows_are_matched_on_the_national_id_when_the_email_differs(alice_client, school):
    known = factories.learner(school, email="old@example.lv", national_id="140304-21234")
    row = learner_row(1, **{"E-mail": "new@example.lv", "National ID": "14030421234"})
    outcome, token = preview(alice_client, URL, csv_file([HEADERS, row]))
    assert statuses(outcome) == ["changed"]
    confirm(alice_client, token)
    known.refresh_from_db()
    assert known.email == "new@example.lv"
    assert Participant.objects.count() == 1


def test_an_empty_key_cell_keeps_what_the_portal_knows(alice_client, school):
    known = factories.learner(school, email="janis1@example.lv", national_id="140304-21234")
    row = learner_row(1, **{"National ID": ""})
    _outcome, token = preview(alice_client, URL, csv_file([HEADERS, row]))
    confirm(alice_client, token)
    known.refresh_from_db()
    assert known.national_id == "140304-21234"


def test_an_email_and_a_national_id_of_two_people_are_refused(alice_client, school):
    factories.learner(school, email="janis1@example.lv")
    factories.learner(school, email="other@example.lv", national_id="140304-21234")
    outcome, _token = preview(alice_client, URL, csv_file([HEADERS, learner_row(1)]))
    assert "a row is one person" in cell_problems(outcome, 2, "National ID")[0]


def test_a_row_without_email_or_national_id_is_refused(alice_client):
    row = learner_row(1, **{"E-mail": "", "National ID": ""})
    outcome, _token = preview(alice_client, URL, csv_file([HEADERS, row]))
    assert "rows are matched on them" in cell_problems(outcome, 2, "E-mail")[0]


def test_duplicate_rows_are_refused(alice_client):
    rows = [HEADERS, learner_row(1), learner_row(2), learner_row(1)]
    outcome, _token = preview(alice_client, URL, csv_file(rows))
    assert statuses(outcome) == ["new", "new", "invalid"]
    assert cell_problems(outcome, 4, "E-mail") == ["Line 2 already has this value."]


def test_formulas_are_refused_next_to_their_cell(alice_client):
    rows = [HEADERS, learner_row(1, **{"Qualification": '=HYPERLINK("http://x")'})]
    outcome, _token = preview(alice_client, URL, csv_file(rows))
    assert "Formulas are not imported" in cell_problems(outcome, 2, "Qualification")[0]


def test_a_formula_in_a_workbook_is_refused(alice_client):
    rows = [HEADERS, learner_row(1, **{"EQF level": "=2+2"})]
    outcome, _token = preview(alice_client, URL, xlsx_file(rows), "p.xlsx")
    assert "starts with “=”" in cell_problems(outcome, 2, "EQF level")[0]


def test_a_phone_number_with_a_plus_is_not_a_formula(alice_client):
    headers = [*HEADERS, "Phone"]
    outcome, _token = preview(
        alice_client, URL, csv_file([headers, [*learner_row(1), "+371 2000"]])
    )
    assert statuses(outcome) == ["new"]


def test_latvian_headers_names_and_dates_are_understood(alice_client):
    rows = [
        ["Veids", "Vārds", "Uzvārds", "Dzimšanas datums", "E-pasts", "Pilsonība", "Amats"],
        ["Personāls", "Inese", "Liepa", "01.02.1979", "inese@example.lv", "Latvija", "Direktore"],
    ]
    data = csv_file(rows, delimiter=";", encoding="cp1257")
    _outcome, token = preview(alice_client, URL, data, "dalibnieki.csv")
    confirm(alice_client, token)
    inese = Participant.objects.get()
    assert (inese.kind, inese.nationality.code, inese.date_of_birth) == (
        "staff",
        "LV",
        date(1979, 2, 1),
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty."),
        (b"Kind,First name\r\n", "no rows to import"),
        (bytes(range(256)) * 2, "could not be read"),
        (csv_file([["Kind", "First name"], ["learner", "Anna"]]), "lacks the columns"),
        (csv_file([["E-mail", "E-pasts"], ["a", "b"]]), "are the same column"),
    ],
)
def test_unreadable_files_are_answered_on_the_upload_form(alice_client, content, message):
    response = upload(alice_client, URL, content)
    assert response.status_code == 200
    assert message in form_errors(response)


def test_a_file_over_the_size_limit_is_answered_on_the_form(alice_client, settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    response = upload(alice_client, URL, b"x" * (1024 * 1024 + 1))
    assert "larger than 1 MB" in form_errors(response)


def test_a_file_without_email_and_national_id_columns_is_refused(alice_client):
    headers = ["Kind", "First name", "Last name", "Date of birth"]
    response = upload(alice_client, URL, csv_file([headers, ["learner", "A", "B", "2000-01-01"]]))
    assert "an “E-mail” or a “National ID” column" in form_errors(response)


def test_unknown_columns_are_shown_as_not_imported(alice_client):
    headers = [*HEADERS, "Shoe size"]
    outcome, _token = preview(alice_client, URL, csv_file([headers, [*learner_row(1), "42"]]))
    assert outcome.ignored_columns == ["Shoe size"]
    assert "Shoe size" not in outcome.headers


def test_a_viewer_may_not_import(client, bob):
    client.force_login(bob)
    assert client.get(URL).status_code == 403
    assert upload(client, URL, csv_file([HEADERS, learner_row(1)])).status_code == 403


def test_rows_of_another_organisation_are_refused(alice_client, other_school):
    headers = ["Organisation OID", *HEADERS]
    outcome, _token = preview(
        alice_client, URL, csv_file([headers, [other_school.oid, *learner_row(1)]])
    )
    assert "cannot import into the organisation" in cell_problems(outcome, 2, "Organisation OID")[0]


def test_another_coordinator_cannot_choose_alices_school(client, charlie, school):
    client.force_login(charlie)
    response = upload(client, URL, csv_file([HEADERS, learner_row(1)]), organisation=school.pk)
    assert response.status_code == 302  # charlie's one school is taken, whatever is posted
    page = client.get(response["Location"])
    assert page.context["target"] != school


def test_an_upload_is_only_its_uploaders(client, alice_client, charlie):
    _outcome, token = preview(alice_client, URL, csv_file([HEADERS, learner_row(1)]))
    client.force_login(charlie)
    assert client.get(reverse("transfers:import_preview", args=[token])).status_code == 404
    assert client.post(reverse("transfers:import_confirm", args=[token])).status_code == 404
    assert not Participant.objects.exists()


def test_a_coordinator_turned_viewer_cannot_confirm(alice_client, alice, school):
    _outcome, token = preview(alice_client, URL, csv_file([HEADERS, learner_row(1)]))
    alice.memberships.update(role="viewer")
    assert confirm(alice_client, token).status_code == 403


def test_an_expired_upload_must_be_uploaded_again(alice_client, settings):
    _outcome, token = preview(alice_client, URL, csv_file([HEADERS, learner_row(1)]))
    settings.IMPORT_KEEP_SECONDS = -1
    response = confirm(alice_client, token)
    assert response["Location"] == URL
    assert not Participant.objects.exists()
    assert alice_client.get(reverse("transfers:import_preview", args=[token])).status_code == 404


def test_cancelling_discards_the_upload(alice_client):
    _outcome, token = preview(alice_client, URL, csv_file([HEADERS, learner_row(1)]))
    response = alice_client.post(reverse("transfers:import_cancel", args=[token]))
    assert response["Location"] == reverse("participants:participant_list")
    assert alice_client.get(reverse("transfers:import_preview", args=[token])).status_code == 404


def test_the_uploaded_file_is_kept_outside_static_files(alice_client, alice, media_root):
    _outcome, token = preview(alice_client, URL, csv_file([HEADERS, learner_row(1)]))
    assert (media_root / "imports" / str(alice.pk) / f"{token}.data").exists()


def test_a_changed_fewer_opportunities_flag_recomputes_the_grant(alice_client, mobility):
    participant = mobility.participant
    before = mobility.grant.inclusion_support
    headers = [*HEADERS, "Fewer opportunities", "Fewer-opportunities categories"]
    row = learner_row(
        1,
        **{
            "E-mail": participant.email,
            "National ID": "",
            "First name": participant.first_name,
            "Last name": participant.last_name,
            "Date of birth": participant.date_of_birth.isoformat(),
        },
    )
    _outcome, token = preview(alice_client, URL, csv_file([headers, [*row, "jā", "economic"]]))
    confirm(alice_client, token)
    mobility.grant.refresh_from_db()
    assert mobility.grant.inclusion_support > before


def test_a_coordinator_of_two_schools_chooses_where_to_import(alice_client, alice, other_school):
    factories.member(other_school, username="someone")
    alice.memberships.create(organisation=other_school, role="coordinator")
    page = alice_client.get(URL)
    assert not page.context["form"].fields["organisation"].widget.is_hidden
    outcome, token = preview(
        alice_client, URL, csv_file([HEADERS, learner_row(1)]), organisation=other_school.pk
    )
    confirm(alice_client, token)
    assert Participant.objects.get().organisation == other_school


def test_an_unchanged_file_is_previewed_without_a_query_per_row(alice_client, school):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(rows):
        data = csv_file([HEADERS, *rows])
        _outcome, token = preview(alice_client, URL, data)
        confirm(alice_client, token)
        with CaptureQueriesContext(connection) as captured:
            alice_client.get(
                reverse("transfers:import_preview", args=[preview(alice_client, URL, data)[1]])
            )
        # Each row runs in a savepoint of its own; nothing else may grow with the rows.
        return [q for q in captured if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]

    one = queries([learner_row(1)])
    assert len(queries([learner_row(n) for n in range(1, 21)])) == len(one)
