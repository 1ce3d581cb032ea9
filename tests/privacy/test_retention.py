"""Retention: a project's records are kept for the audit until AUDIT_RETENTION_YEARS after
its final report (due 60 days after the project ends); then the nightly sweep flags the
project, and a coordinator erases its generated files and personal data after a
confirmation."""

from datetime import date

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from mobilities.models import MobilityFile
from participants.models import Participant
from privacy import retention, services, tasks
from privacy.models import Erasure, RetentionFlag
from projects.models import Project
from reporting.models import AgreementVersion, GeneratedDocument, SignatureEvent
from tests import factories

pytestmark = pytest.mark.django_db

# The suite's project runs 2026-06-01 to 2027-08-31: report due 2027-10-30.
ENDS = date(2032, 10, 30)


def test_the_retention_period_ends_years_after_the_final_report():
    assert retention.retention_ends_on(date(2027, 8, 31), 5) == ENDS
    assert retention.retention_ends_on(date(2027, 8, 31), 10) == date(2037, 10, 30)


def test_a_29_february_moves_to_the_28th_in_a_common_year():
    assert retention.add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)
    assert retention.add_years(date(2028, 2, 29), 4) == date(2032, 2, 29)


def test_the_years_come_from_the_setting(settings, project):
    settings.AUDIT_RETENTION_YEARS = 3
    assert retention.project_retention_ends_on(project) == date(2030, 10, 30)


def test_the_setting_defaults_to_five_years(monkeypatch):
    from erasmus_portal.settings import env

    monkeypatch.delenv("AUDIT_RETENTION_YEARS", raising=False)
    assert env.env_int("AUDIT_RETENTION_YEARS", 5) == 5
    monkeypatch.setenv("AUDIT_RETENTION_YEARS", "10")
    assert env.env_int("AUDIT_RETENTION_YEARS", 5) == 10


def test_the_sweep_flags_a_project_on_the_day_its_retention_ends(project):
    assert services.retention_sweep(today=date(2032, 10, 29)) == []
    (flag,) = services.retention_sweep(today=ENDS)

    assert (flag.project, flag.retention_ended_on) == (project, ENDS)


def test_the_sweep_flags_a_project_once(project):
    services.retention_sweep(today=ENDS)
    assert services.retention_sweep(today=date(2033, 1, 1)) == []
    assert RetentionFlag.objects.count() == 1


def test_the_command_flags_and_lists(project, capsys):
    call_command("retention_sweep", "--today", "2032-10-30")
    out = capsys.readouterr().out
    assert f"new: {project.grant_agreement_number}" in out
    assert "1 project(s) flagged now, 1 waiting for erasure." in out


def test_the_command_refuses_a_bad_date(project):
    with pytest.raises(CommandError, match="--today: a date as YYYY-MM-DD"):
        call_command("retention_sweep", "--today", "30.10.2032")


def test_the_task_is_scheduled_every_night_and_flags(project, ended_long_ago):
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-retention-sweep"]
    assert entry["task"] == "privacy.tasks.retention_sweep"
    assert tasks.retention_sweep.name == entry["task"]
    assert tasks.retention_sweep.delay().get() == [project.pk]


# The page and the erasure


@pytest.fixture
def flag(project):
    (flag,) = services.retention_sweep(today=ENDS)
    return flag


def end_long_ago(project):
    """Move a project whose records are made to 2019-2020: its retention period ended on
    2025-10-30, before today (the pages use the real date)."""
    Project.objects.filter(pk=project.pk).update(
        start_date=date(2019, 6, 1), end_date=date(2020, 8, 31)
    )
    project.refresh_from_db()
    return project


@pytest.fixture
def ended_long_ago(project):
    return end_long_ago(project)


def test_coordinators_see_the_flagged_projects(client, alice, school, flag):
    client.force_login(alice)
    page = client.get(reverse("privacy:privacy_retention", args=[school.pk])).content.decode()

    assert flag.project.grant_agreement_number in page
    assert reverse("privacy:privacy_retention_erase", args=[flag.pk]) in page


def test_viewers_and_other_organisations_may_not(client, bob, charlie, school, flag):
    client.force_login(bob)
    assert client.get(reverse("privacy:privacy_retention", args=[school.pk])).status_code == 403
    assert client.get(reverse("privacy:privacy_retention_erase", args=[flag.pk])).status_code == 403
    client.force_login(charlie)
    assert client.get(reverse("privacy:privacy_retention", args=[school.pk])).status_code == 404
    assert (
        client.post(reverse("privacy:privacy_retention_erase", args=[flag.pk])).status_code == 404
    )


def test_check_now_runs_the_sweep(client, alice, school, project, ended_long_ago):
    client.force_login(alice)
    response = client.post(reverse("privacy:privacy_retention", args=[school.pk]), follow=True)

    assert "Checked: 1 more project is past its retention period." in response.content.decode()
    assert RetentionFlag.objects.get().project == project


def test_the_confirmation_names_who_is_erased_and_who_is_kept(
    client, alice, school, project, everything, marta_participant, host
):
    later = factories.project(school)
    factories.mobility(project, participant=marta_participant, host=host)
    factories.mobility(later, participant=marta_participant, host=host)
    end_long_ago(project)
    flag = services.retention_sweep()[0]
    client.force_login(alice)

    page = client.get(reverse("privacy:privacy_retention_erase", args=[flag.pk])).content.decode()

    erased = page.split('id="retention-erased"')[1].split("</ul>")[0]
    kept = page.split('id="retention-kept"')[1].split("</ul>")[0]
    assert "Žanete Ķēniņa" in erased and "Marta Bērziņa" in kept
    assert "grant agreement version with its signatures and PDFs" in page
    assert Participant.objects.get(pk=everything["participant"].pk).first_name == "Žanete"


def test_the_erasure_needs_the_confirmation(client, alice, flag):
    client.force_login(alice)
    response = client.post(reverse("privacy:privacy_retention_erase", args=[flag.pk]), {})

    assert "Tick the box to confirm the erasure." in response.content.decode()
    flag.refresh_from_db()
    assert not flag.is_erased


def test_erasing_a_flagged_project_removes_its_files_and_personal_data(
    client, alice, project, everything, capsys, django_capture_on_commit_callbacks
):
    end_long_ago(project)
    flag = services.retention_sweep()[0]
    participant = everything["participant"]
    client.force_login(alice)
    url = reverse("privacy:privacy_retention_erase", args=[flag.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "on"}, follow=True)

    assert "was erased (1 participant)." in response.content.decode()
    flag.refresh_from_db()
    assert flag.is_erased and flag.erased_by == alice
    participant.refresh_from_db()
    assert participant.full_name == f"Erased participant #{participant.pk}"
    assert not AgreementVersion.objects.exists() and not SignatureEvent.objects.exists()
    assert not GeneratedDocument.objects.exists() and not MobilityFile.objects.exists()
    erasure = Erasure.objects.get()
    assert (erasure.cause, erasure.project) == ("retention", flag.project)
    assert erasure.kept_until is None
    call_command("verify_signatures")
    assert "All 0" in capsys.readouterr().out


def test_a_participant_another_project_needs_keeps_their_identity(
    school, alice, project, host, marta_participant
):
    later = factories.project(school)
    old = factories.mobility(project, participant=marta_participant, host=host, notes="Old note")
    factories.mobility(later, participant=marta_participant, host=host, notes="New note")
    end_long_ago(project)
    flag = services.retention_sweep()[0]

    services.project_personal_data_erase(flag=flag, user=alice)

    marta_participant.refresh_from_db()
    assert marta_participant.first_name == "Marta"
    old.refresh_from_db()
    assert old.notes == ""
    assert marta_participant.mobilities.get(project=later).notes == "New note"
    assert Erasure.objects.get().pseudonym == f"#{marta_participant.pk}"


def test_a_project_is_erased_once(alice, flag, ended_long_ago):
    services.project_personal_data_erase(flag=flag, user=alice)
    with pytest.raises(Exception, match="already erased"):
        services.project_personal_data_erase(flag=flag, user=alice)
