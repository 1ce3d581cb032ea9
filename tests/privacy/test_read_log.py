"""The read log: each showing of sensitive personal data (fewer-opportunities categories,
support needs, national ID) to a user is recorded, one row per participant and page, and
the organisation's coordinators (not its viewers) read the log."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse

from participants.identity import personal_code_for
from privacy.models import SensitiveDataAccess
from projects.models import Membership
from tests import factories

from .conftest import NATIONAL_ID

pytestmark = pytest.mark.django_db


def logged():
    return list(
        SensitiveDataAccess.objects.order_by("pk").values_list("user__username", "where", "kinds")
    )


def test_the_participant_page_logs_what_it_shows_a_coordinator(client, alice, zanete_participant):
    client.force_login(alice)
    client.get(reverse("participants:participant_detail", args=[zanete_participant.pk]))

    assert logged() == [
        (
            "alice",
            "participant_detail",
            ["fewer_opportunities_categories", "support_needs"],
        )
    ]
    row = SensitiveDataAccess.objects.get()
    assert (row.participant_id, row.organisation_id) == (
        zanete_participant.pk,
        zanete_participant.organisation_id,
    )


def test_the_participant_page_logs_nothing_a_viewer_does_not_see(client, bob, zanete_participant):
    client.force_login(bob)
    page = client.get(
        reverse("participants:participant_detail", args=[zanete_participant.pk])
    ).content.decode()

    assert "Needs an accompanying adult" not in page
    assert logged() == []


def test_a_page_without_sensitive_data_logs_nothing(client, alice, marta_participant):
    client.force_login(alice)
    client.get(reverse("participants:participant_detail", args=[marta_participant.pk]))

    assert logged() == []


def test_the_participant_form_logs_the_national_id_it_shows(client, alice, zanete_participant):
    client.force_login(alice)
    page = client.get(
        reverse("participants:participant_edit", args=[zanete_participant.pk])
    ).content.decode()

    assert NATIONAL_ID in page
    assert logged() == [
        (
            "alice",
            "participant_form",
            ["fewer_opportunities_categories", "national_id", "support_needs"],
        )
    ]


def test_one_row_per_page_view_whatever_the_number_of_fields(client, alice, zanete_participant):
    client.force_login(alice)
    url = reverse("participants:participant_detail", args=[zanete_participant.pk])
    client.get(url)
    client.get(url)

    assert SensitiveDataAccess.objects.count() == 2


def test_a_list_export_logs_each_participant_whose_sensitive_data_it_holds(
    client, alice, zanete_participant, marta_participant, school
):
    factories.learner(school, first_name="Nav", email="nothing@example.lv")
    client.force_login(alice)
    assert client.get(reverse("transfers:participant_export", args=["csv"])).status_code == 200

    rows = SensitiveDataAccess.objects.filter(where="participant_export")
    kinds = {row.participant_id: row.kinds for row in rows}
    assert kinds == {
        zanete_participant.pk: ["fewer_opportunities_categories", "national_id", "support_needs"],
        marta_participant.pk: ["national_id"],
    }


def test_a_viewers_list_export_logs_only_the_national_ids_it_holds(client, bob, zanete_participant):
    client.force_login(bob)
    client.get(reverse("transfers:participant_export", args=["xlsx"]))

    assert logged() == [("bob", "participant_export", ["national_id"])]


def test_a_command_line_export_is_logged_without_a_user(
    client, alice, school, zanete_participant, capsys
):
    call_command("export", "core.transfer.CSV", "participants.resources.ParticipantResource")
    assert NATIONAL_ID in capsys.readouterr().out

    row = SensitiveDataAccess.objects.get()
    assert (row.user, row.user_name, row.where) == (None, "", "participant_export")
    client.force_login(alice)
    page = client.get(reverse("privacy:privacy_access_log", args=[school.pk])).content.decode()
    assert "command line" in page


def test_the_admin_change_page_logs_what_it_shows(client, school, zanete_participant):
    staff = factories.member(school, Membership.Role.COORDINATOR, username="dace", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__endswith="_participant"))
    client.force_login(staff)
    url = reverse("admin:participants_participant_change", args=[zanete_participant.pk])
    assert client.get(url).status_code == 200

    assert logged() == [
        ("dace", "admin_change", ["fewer_opportunities_categories", "national_id", "support_needs"])
    ]


# The access log


def test_coordinators_read_the_access_log_of_their_organisation(
    client, alice, bob, school, zanete_participant
):
    client.force_login(bob)
    client.get(
        reverse("participants:participant_edit", args=[zanete_participant.pk])
    )  # 403, nothing shown
    client.force_login(alice)
    client.get(reverse("participants:participant_detail", args=[zanete_participant.pk]))

    page = client.get(reverse("privacy:privacy_access_log", args=[school.pk])).content.decode()

    assert page.count("data-access=") == 1
    assert "Žanete Ķēniņa" in page and "support needs" in page and "participant page" in page


def test_the_access_log_of_one_participant(client, alice, zanete_participant, marta_participant):
    client.force_login(alice)
    client.get(reverse("participants:participant_edit", args=[zanete_participant.pk]))
    client.get(reverse("participants:participant_edit", args=[marta_participant.pk]))

    url = reverse("privacy:privacy_participant_access_log", args=[marta_participant.pk])
    page = client.get(url).content.decode()

    assert page.count("data-access=") == 1
    assert "national ID (personal code)" in page


def test_viewers_may_not_read_the_access_log(client, bob, school, zanete_participant):
    client.force_login(bob)
    assert client.get(reverse("privacy:privacy_access_log", args=[school.pk])).status_code == 403
    url = reverse("privacy:privacy_participant_access_log", args=[zanete_participant.pk])
    assert client.get(url).status_code == 403


def test_another_organisation_gets_404(client, charlie, school, zanete_participant):
    client.force_login(charlie)
    assert client.get(reverse("privacy:privacy_access_log", args=[school.pk])).status_code == 404
    url = reverse("privacy:privacy_participant_access_log", args=[zanete_participant.pk])
    assert client.get(url).status_code == 404


def test_the_access_log_keeps_an_erased_participant_by_number(client, alice, school, marta):
    participant = marta.portal_account.participant
    client.force_login(alice)
    client.get(reverse("participants:participant_edit", args=[participant.pk]))
    url = reverse("privacy:privacy_participant_erase", args=[participant.pk])
    client.post(url, {"reason": "Request by e-mail."})  # deleted: nothing refers to her

    page = client.get(reverse("privacy:privacy_access_log", args=[school.pk])).content.decode()
    assert f"#{participant.pk} (erased)" in page
    assert "Marta" not in page


def test_the_access_log_page_makes_a_fixed_number_of_queries(
    client, alice, school, django_assert_max_num_queries
):
    client.force_login(alice)
    for n in range(30):
        person = factories.learner(school, national_id=personal_code_for(date(2001, 1, 1), n * 20))
        client.get(reverse("participants:participant_edit", args=[person.pk]))
    with django_assert_max_num_queries(8):
        client.get(reverse("privacy:privacy_access_log", args=[school.pk]))
