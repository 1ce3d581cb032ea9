from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mobilities.models import Mobility, MobilityFile, PreparationItem
from tests import factories, upload_files

pytestmark = pytest.mark.django_db

PDF = upload_files.pdf()


def mobility_data(project, participant, host, **overrides):
    data = {
        "participant": participant.pk,
        "activity_type": "learner_short_term",
        "role": "participant",
        "status": "planned",
        "host": host.pk,
        "origin_city": "Cēsis",
        "origin_country": "LV",
        "destination_city": "Valencia",
        "destination_country": "ES",
        "start_date": "2026-09-01",
        "end_date": "2026-09-28",
        "travel_days": "2",
        "goals": [project.erasmus_plan.goals.first().pk],
        "participant_report": "not_yet",
    }
    return data | overrides


@pytest.fixture
def learner(school):
    return factories.learner(school)


def test_a_coordinator_creates_a_mobility_with_its_checklist(client, alice, project, host, learner):
    client.force_login(alice)
    response = client.post(
        reverse("mobilities:mobility_create", args=[project.pk]),
        mobility_data(project, learner, host),
    )
    mobility = Mobility.objects.get()
    assert response.status_code == 302
    assert mobility.grant.total == Decimal("3265.00")
    assert mobility.preparation_items.count() == 8
    ols = mobility.preparation_items.get(kind="ols_invitation")
    assert ols.due_date == date(2026, 7, 21)


def test_the_form_explains_every_rule_it_breaks(client, alice, project, host, learner):
    client.force_login(alice)
    data = mobility_data(
        project,
        learner,
        host,
        end_date="2026-09-05",
        travel_days="3",
        destination_city="Valenciaa",
        goals=[],
    )
    errors = (
        client.post(reverse("mobilities:mobility_create", args=[project.pk]), data)
        .context["form"]
        .errors
    )
    assert "fewer opportunities" in errors["end_date"][0]
    assert "standard travel" in errors["travel_days"][0]
    assert "Did you mean: Valencia" in errors["destination_city"][0]
    assert "at least one" in errors["goals"][0]
    assert not Mobility.objects.exists()


def test_the_form_refuses_a_distance_no_two_places_on_earth_have(
    client, alice, project, host, learner
):
    client.force_login(alice)
    data = mobility_data(project, learner, host, distance_km="100000")
    response = client.post(reverse("mobilities:mobility_create", args=[project.pk]), data)
    [error] = response.context["form"].errors["distance_km"]
    assert "No two places on Earth are more than 20,037.51 km apart" in error
    assert not Mobility.objects.exists()


def test_the_preview_shows_the_grant_line_by_line(client, alice, project, host, learner):
    client.force_login(alice)
    page = client.post(
        reverse("mobilities:mobility_preview", args=[project.pk]),
        mobility_data(project, learner, host),
    ).content.decode()
    assert "Band 2000-2999 km, standard travel: 395.00 EUR" in page
    assert 'id="preview-total">3,265.00' in page
    page = client.post(
        reverse("mobilities:mobility_preview", args=[project.pk]),
        mobility_data(project, learner, host, green_travel="on"),
    ).content.decode()
    assert "green travel: 535.00 EUR" in page


def test_the_preview_lists_the_rules_broken(client, alice, project, host, learner):
    client.force_login(alice)
    page = client.post(
        reverse("mobilities:mobility_preview", args=[project.pk]),
        mobility_data(project, learner, host, travel_days="4"),
    ).content.decode()
    assert "At most 2 travel days are funded with standard travel." in page
    assert not Mobility.objects.exists()


def test_the_preview_is_for_coordinators(client, bob, charlie, project, host, learner):
    data = mobility_data(project, learner, host)
    client.force_login(bob)
    assert (
        client.post(reverse("mobilities:mobility_preview", args=[project.pk]), data).status_code
        == 403
    )
    client.force_login(charlie)
    assert (
        client.post(reverse("mobilities:mobility_preview", args=[project.pk]), data).status_code
        == 404
    )


def test_editing_a_mobility_recomputes_its_grant(client, alice, mobility):
    client.force_login(alice)
    data = mobility_data(
        mobility.project, mobility.participant, mobility.host, end_date="2026-09-14"
    )
    data["seen_revision"] = str(mobility.revision)
    client.post(reverse("mobilities:mobility_edit", args=[mobility.pk]), data)
    mobility.grant.refresh_from_db()
    assert mobility.grant.individual_support == Decimal("1540.00")


def test_cancelling_keeps_the_record_without_a_grant(client, alice, mobility):
    client.force_login(alice)
    client.post(reverse("mobilities:mobility_cancel", args=[mobility.pk]))
    mobility.refresh_from_db()
    assert mobility.status == "cancelled"
    assert mobility.grant.total == 0


def test_the_list_filters_by_fewer_opportunities_and_goal(client, alice, project, host):
    fewer = factories.learner(
        project.organisation, fewer_opportunities=True, fewer_opportunities_categories=["social"]
    )
    second_goal = project.erasmus_plan.goals.get(number=2)
    factories.mobility(project, host=host)
    factories.mobility(project, participant=fewer, host=host, goals=[second_goal])
    client.force_login(alice)
    url = reverse("mobilities:mobility_list", args=[project.pk])
    rows = client.get(url + "?fewer=yes").context["listing"].page
    assert [m.participant for m in rows] == [fewer]
    rows = client.get(url + f"?goal={second_goal.pk}").context["listing"].page
    assert [m.participant for m in rows] == [fewer]
    assert len(client.get(url + "?country=ES&sort=-grant").context["listing"].page) == 2


def test_a_group_member_is_prefilled_from_the_group(client, alice, project, host):
    group = factories.group(project)
    factories.mobility(
        project, activity_type="learner_group", group=group, host=host, end_date=date(2026, 9, 14)
    )
    client.force_login(alice)
    url = (
        reverse("mobilities:mobility_create", args=[project.pk])
        + f"?group={group.pk}&role=accompanying_person"
    )
    form = client.get(url).context["form"]
    assert form["activity_type"].value() == "learner_group"
    assert form["role"].value() == "accompanying_person"
    assert form["end_date"].value() == date(2026, 9, 14)


def test_a_preparation_step_is_marked_done(client, alice, mobility):
    client.force_login(alice)
    item = mobility.preparation_items.get(kind="insurance")
    client.post(reverse("mobilities:preparation_item_done", args=[mobility.pk, item.pk]))
    item.refresh_from_db()
    assert item.status == PreparationItem.Status.DONE


def test_a_custom_step_needs_a_title(client, alice, mobility):
    client.force_login(alice)
    data = {"kind": "other", "title": "", "status": "to_do"}
    response = client.post(reverse("mobilities:preparation_item_create", args=[mobility.pk]), data)
    assert response.status_code == 200
    assert "title" in str(response.context["form"].errors).lower()


def test_a_monitoring_note_is_added(client, alice, mobility):
    client.force_login(alice)
    client.post(
        reverse("mobilities:monitoring_note_add", args=[mobility.pk]),
        {"written_on": "2026-09-10", "text": "Called the mentor: all well."},
    )
    assert mobility.monitoring_log.get().author == alice


class TestFiles:
    def upload(self, client, mobility, name="attendance.pdf", content=PDF, kind="attendance_proof"):
        return client.post(
            reverse("mobilities:mobility_file_upload", args=[mobility.pk]),
            {"kind": kind, "file": SimpleUploadedFile(name, content)},
            follow=True,
        )

    def test_a_pdf_is_kept_and_served_to_members_only(self, client, alice, bob, charlie, mobility):
        client.force_login(alice)
        self.upload(client, mobility)
        stored = MobilityFile.objects.get()
        assert stored.original_name == "attendance.pdf"
        assert stored.file.name.startswith(f"mobility-files/{mobility.pk}/")
        assert not stored.file.name.endswith("attendance.pdf")
        url = reverse("mobilities:mobility_file_download", args=[stored.pk])
        client.force_login(bob)
        response = client.get(url)
        assert b"".join(response.streaming_content) == PDF
        assert response["X-Content-Type-Options"] == "nosniff"
        # A participant's document is never kept by the browser or a proxy.
        assert response["Cache-Control"] == "private, no-store"
        client.force_login(charlie)
        assert client.get(url).status_code == 404

    def test_a_renamed_file_is_refused(self, client, alice, mobility):
        client.force_login(alice)
        page = self.upload(client, mobility, name="invoice.pdf", content=b"<html>").content
        assert "is not the PDF its name says" in page.decode()
        assert not MobilityFile.objects.exists()

    def test_a_pdf_with_javascript_is_refused_with_the_rule(self, client, alice, mobility):
        client.force_login(alice)
        content = upload_files.raw_pdf(
            [b"<</Type/Catalog/Pages 2 0 R/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>"]
            + upload_files.PAGES
        )
        page = self.upload(client, mobility, content=content).content.decode()
        assert "The PDF contains JavaScript, which is not accepted" in page
        assert not MobilityFile.objects.exists()

    def test_a_photo_is_kept(self, client, alice, mobility):
        client.force_login(alice)
        self.upload(client, mobility, name="certificate.jpg", content=upload_files.jpeg())
        assert MobilityFile.objects.get().content_type == "image/jpeg"

    def test_other_types_are_refused(self, client, alice, mobility):
        client.force_login(alice)
        page = self.upload(client, mobility, name="run.exe", content=b"MZ\x90").content
        assert "Upload a PDF, JPEG or PNG file." in page.decode()

    def test_a_file_over_the_limit_is_refused(self, client, alice, mobility, settings):
        settings.UPLOAD_MAX_BYTES = 10
        client.force_login(alice)
        page = self.upload(client, mobility).content.decode()
        assert "larger than" in page
        assert not MobilityFile.objects.exists()

    def test_viewers_cannot_upload(self, client, bob, mobility):
        client.force_login(bob)
        assert self.upload(client, mobility).status_code == 403

    def test_a_file_is_deleted_with_its_bytes(
        self, client, alice, mobility, django_capture_on_commit_callbacks
    ):
        client.force_login(alice)
        self.upload(client, mobility)
        stored = MobilityFile.objects.get()
        path = Path(stored.file.path)
        assert path.exists()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("mobilities:mobility_file_delete", args=[stored.pk]))
        assert not MobilityFile.objects.exists()
        assert not path.exists()


def test_the_mobility_page_shows_who_changed_what(client, alice, mobility):
    client.force_login(alice)
    data = mobility_data(
        mobility.project, mobility.participant, mobility.host, end_date="2026-09-14"
    )
    data["seen_revision"] = str(mobility.revision)
    client.post(reverse("mobilities:mobility_edit", args=[mobility.pk]), data)
    history = client.get(reverse("mobilities:mobility_detail", args=[mobility.pk])).context[
        "history"
    ]
    assert history[0].who == "alice"
    assert ("end date", "28/09/2026", "14/09/2026") in history[0].fields


def test_amounts_and_dates_follow_latvian_conventions(client, alice, mobility):
    client.force_login(alice)
    page = client.get(
        reverse("mobilities:mobility_list", args=[mobility.project_id]), HTTP_ACCEPT_LANGUAGE="lv"
    ).content.decode()
    assert "3\xa0265,00\xa0EUR" in page
    assert "01.09.2026." in page
