"""The project's dissemination log and a staff mobility's transfer of learning: recorded
by a coordinator (the rules name the field they refuse, the evidence is checked like every
upload and downloaded only by the school), listed newest first with filters and totals
the database computes, read by viewers, invisible to another organisation."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from results import dissemination
from results.models import DisseminationEvent, LearningTransfer
from tests import factories, upload_files
from tests.results.rows import event_data, staff_mobility

pytestmark = pytest.mark.django_db


def photo(name="stunda.png") -> ContentFile:
    return ContentFile(upload_files.png(), name=name)


def record(project, evidence=None, user=None, **overrides) -> DisseminationEvent:
    return dissemination.event_save(
        event=DisseminationEvent(project=project),
        data=event_data(project, **overrides),
        evidence=evidence,
        user=user,
    )


def refused_fields(call) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return sorted(caught.value.message_dict)


def form_data(project, **overrides) -> dict:
    data = event_data(project) | {"goal": project.erasmus_plan.goals.first().pk, "mobility": ""}
    data["held_on"] = data["held_on"].isoformat()
    return data | overrides


@pytest.fixture
def shadowing(project, host):
    return staff_mobility(project, host=host)


# The services


def test_an_event_is_recorded_with_its_evidence_and_keeps_its_history(
    project, mobility, alice, django_capture_on_commit_callbacks
):
    event = record(project, evidence=photo(), user=alice, mobility=mobility)
    assert (event.recorded_by, event.evidence_name, event.mobility) == (
        alice,
        "stunda.png",
        mobility,
    )
    assert default_storage.exists(event.evidence_file.name)
    first_file = event.evidence_file.name

    with django_capture_on_commit_callbacks(execute=True):
        dissemination.event_save(
            event=event,
            data=event_data(project, audience_size=30),
            evidence=photo("jauna.png"),
            user=alice,
        )

    event.refresh_from_db()
    assert (event.audience_size, event.evidence_name, event.mobility) == (30, "jauna.png", None)
    assert not default_storage.exists(first_file)  # the file replaced goes
    history = event.history.order_by("history_id")
    assert list(history.values_list("history_type", "audience_size")) == [("+", 24), ("~", 30)]
    assert history.last().history_user == alice


def test_the_rules_name_the_field_they_refuse(project, school, alice):
    today = timezone.localdate()
    other_project = factories.project(school)
    other_goal = factories.goal(factories.plan(school), 1)
    cases = {
        "held_on": [
            {"held_on": today + timedelta(days=1)},
            {"held_on": project.start_date - timedelta(days=1)},
        ],
        "mobility": [{"mobility": factories.mobility(other_project)}],
        "goal": [{"goal": other_goal}],
        "audience_size": [{"audience_size": 0}, {"audience_size": 100_001}],
        "title": [{"title": ""}],
        "evidence_url": [{"evidence_url": "javascript:alert(1)"}],
    }
    for field, changes in cases.items():
        for change in changes:
            assert refused_fields(lambda change=change: record(project, **change)) == [field]
    assert not DisseminationEvent.objects.exists()


def test_the_evidence_is_checked_like_every_upload(project):
    renamed = ContentFile(b"<html><script>alert(1)</script></html>", name="photo.png")
    assert refused_fields(lambda: record(project, evidence=renamed)) == ["evidence_file"]
    assert not DisseminationEvent.objects.exists()


def test_an_event_of_the_first_day_of_the_project_and_of_today_is_accepted(project):
    record(project, held_on=project.start_date)
    record(project, held_on=timezone.localdate())
    assert DisseminationEvent.objects.count() == 2


def test_a_transfer_of_learning_is_recorded_for_a_staff_mobility(shadowing, alice):
    data = {"changes": "Jauna metode", "applied_from": shadowing.end_date, "reached": ""}
    dissemination.learning_transfer_save(mobility=shadowing, data=data, user=alice)
    dissemination.learning_transfer_save(
        mobility=shadowing, data=data | {"reached": "2. kurss"}, user=alice
    )
    transfer = LearningTransfer.objects.get()
    assert (transfer.reached, transfer.updated_by) == ("2. kurss", alice)
    assert transfer.history.count() == 2


def test_the_transfer_of_learning_rules_name_the_field_they_refuse(shadowing, mobility):
    today = timezone.localdate()
    data = {"changes": "Jauna metode", "applied_from": today, "reached": ""}

    def save(target, **changes):
        return lambda: dissemination.learning_transfer_save(mobility=target, data=data | changes)

    assert refused_fields(save(mobility)) == ["changes"]  # a learner's mobility
    before_end = shadowing.end_date - timedelta(days=1)
    assert refused_fields(save(shadowing, applied_from=before_end)) == ["applied_from"]
    assert refused_fields(save(shadowing, applied_from=today + timedelta(days=1))) == [
        "applied_from"
    ]
    assert not LearningTransfer.objects.exists()


# The pages


def list_url(project) -> str:
    return reverse("results:dissemination_list", args=[project.pk])


def test_a_coordinator_records_changes_and_deletes_an_event(client, alice, project, mobility):
    client.force_login(alice)
    url = reverse("results:event_create", args=[project.pk])
    data = form_data(project, mobility=mobility.pk, evidence_file=photo())
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == list_url(project)
    event = DisseminationEvent.objects.get()
    assert (event.mobility, event.recorded_by, event.evidence_name) == (
        mobility,
        alice,
        "stunda.png",
    )

    edit = reverse("results:event_edit", args=[event.pk])
    assert client.post(edit, form_data(project, title="Pieredzes stunda")).status_code == 302
    event.refresh_from_db()
    assert event.title == "Pieredzes stunda" and event.evidence_name == "stunda.png"

    delete = reverse("results:event_delete", args=[event.pk])
    page = client.get(delete).content.decode()
    assert "Delete the event “Pieredzes stunda”?" in page and 'id="confirmation-form"' in page
    assert DisseminationEvent.objects.exists()  # asking changed nothing
    assert client.post(delete).status_code == 302
    assert not DisseminationEvent.objects.exists()
    deleted = DisseminationEvent.history.latest("history_id")
    assert (deleted.history_type, deleted.history_user) == ("-", alice)


def test_the_form_shows_the_refusal_next_to_its_field(client, alice, project):
    client.force_login(alice)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    url = reverse("results:event_create", args=[project.pk])

    response = client.post(url, form_data(project, held_on=future))

    assert response.status_code == 400
    assert "The date cannot be in the future." in response.content.decode()
    assert response.context["form"].errors["held_on"]


def test_the_form_offers_only_the_projects_mobilities_and_goals(
    client, alice, project, mobility, school
):
    other = factories.mobility(factories.project(school))
    client.force_login(alice)
    url = reverse("results:event_create", args=[project.pk])
    form = client.get(url).context["form"]
    assert list(form.fields["mobility"].queryset) == [mobility]
    assert set(form.fields["goal"].queryset) == set(project.erasmus_plan.goals.all())

    response = client.post(url, form_data(project, mobility=other.pk))

    assert response.status_code == 400 and response.context["form"].errors["mobility"]


def test_the_list_filters_and_totals_what_it_shows_in_the_readers_language(client, alice, project):
    record(project, held_on=date(2026, 9, 1), audience_size=24)
    record(project, held_on=date(2026, 10, 1), kind="article", reach="outside", audience_size=1240)
    record(project, held_on=date(2026, 11, 1), kind="open_day", reach="outside", audience_size=160)
    client.force_login(alice)

    page = client.get(list_url(project)).content.decode()
    assert 'data-total="events">3<' in page
    assert 'data-total="inside">24<' in page and 'data-total="outside">1,400<' in page
    rows = list(client.get(list_url(project)).context["listing"].page)
    assert [row.held_on.month for row in rows] == [11, 10, 9]  # newest first

    filtered = client.get(list_url(project) + "?reach=outside&kind=article")
    assert [row.kind for row in filtered.context["listing"].page] == ["article"]
    assert filtered.context["totals"].outside == 1240 and filtered.context["totals"].inside == 0

    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "lv"
    page = client.get(list_url(project)).content.decode()
    assert 'data-total="outside">1\xa0400<' in page


def test_the_project_tabs_link_the_dissemination_page(client, alice, project):
    client.force_login(alice)
    page = client.get(reverse("dashboard:project_detail", args=[project.pk])).content.decode()
    assert list_url(project) in page


def test_a_viewer_reads_everything_and_changes_nothing(client, bob, project, shadowing):
    event = record(project, evidence=photo())
    transfer_url = reverse("results:learning_transfer", args=[shadowing.pk])
    dissemination.learning_transfer_save(
        mobility=shadowing,
        data={"changes": "Jauna metode", "applied_from": shadowing.end_date, "reached": ""},
    )
    client.force_login(bob)

    page = client.get(list_url(project)).content.decode()
    assert event.title in page
    assert reverse("results:event_create", args=[project.pk]) not in page
    assert f'href="{reverse("results:event_edit", args=[event.pk])}"' not in page
    assert client.get(reverse("results:event_evidence", args=[event.pk])).status_code == 200
    page = client.get(transfer_url).content.decode()
    assert "Jauna metode" in page and 'id="transfer-form"' not in page
    for url in (
        reverse("results:event_create", args=[project.pk]),
        reverse("results:event_edit", args=[event.pk]),
        reverse("results:event_delete", args=[event.pk]),
        transfer_url,
    ):
        assert client.post(url, form_data(project)).status_code == 403, url
    assert client.post(list_url(project)).status_code == 405
    assert DisseminationEvent.objects.get().title == event.title


def test_another_organisation_gets_404(client, charlie, project, shadowing):
    event = record(project, evidence=photo())
    client.force_login(charlie)
    for url in (
        list_url(project),
        reverse("results:event_create", args=[project.pk]),
        reverse("results:event_edit", args=[event.pk]),
        reverse("results:event_delete", args=[event.pk]),
        reverse("results:event_evidence", args=[event.pk]),
        reverse("results:learning_transfer", args=[shadowing.pk]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    assert DisseminationEvent.objects.exists()


def test_the_evidence_is_downloaded_privately(client, alice, project):
    event = record(project, evidence=photo())
    client.force_login(alice)

    response = client.get(reverse("results:event_evidence", args=[event.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="stunda.png"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == upload_files.png()
    without = record(project)
    assert client.get(reverse("results:event_evidence", args=[without.pk])).status_code == 404


def test_the_list_makes_a_fixed_number_of_queries(
    client, alice, project, host, django_assert_max_num_queries
):
    from django.core.cache import cache

    def add(count):
        for _n in range(count):
            mobility = factories.mobility(project, host=host)
            record(project, evidence=photo(), mobility=mobility, user=alice)

    client.force_login(alice)
    add(1)
    client.get(list_url(project))
    cache.clear()
    with django_assert_max_num_queries(12) as one:
        assert client.get(list_url(project) + "?kind=lesson").status_code == 200
    add(9)
    cache.clear()
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(list_url(project) + "?kind=lesson").status_code == 200


def test_the_mobility_page_lists_its_events(client, alice, project, mobility):
    record(project, mobility=mobility, title="Stunda par Valensiju")
    record(project, title="Atvērto durvju diena")
    client.force_login(alice)

    page = client.get(reverse("mobilities:mobility_detail", args=[mobility.pk])).content.decode()

    assert 'id="dissemination"' in page and "Stunda par Valensiju" in page
    assert "Atvērto durvju diena" not in page
    assert reverse("results:learning_transfer", args=[mobility.pk]) not in page  # a learner


def test_a_coordinator_records_a_staff_members_transfer_of_learning(
    client, alice, shadowing, mobility
):
    client.force_login(alice)
    detail = client.get(reverse("mobilities:mobility_detail", args=[shadowing.pk]))
    url = reverse("results:learning_transfer", args=[shadowing.pk])
    assert url in detail.content.decode()
    data = {
        "changes": "Ieviesu iknedēļas atgriezenisko saiti ar prakses vietām.",
        "applied_from": shadowing.end_date.isoformat(),
        "reached": "2. kursa audzēkņi",
    }

    assert client.post(url, data)["Location"] == url
    assert LearningTransfer.objects.get().reached == "2. kursa audzēkņi"

    learner = reverse("results:learning_transfer", args=[mobility.pk])
    page = client.get(learner).content.decode()
    assert 'id="not-staff"' in page and 'id="transfer-form"' not in page
    response = client.post(learner, data)
    assert response.status_code == 400
    assert "staff mobilities only" in str(response.context["form"].errors["changes"])
    assert LearningTransfer.objects.count() == 1
