"""Nothing is destroyed in one click: deleting a participant, a partner or a kept file,
cancelling a mobility and withdrawing a file request first show a page naming the object
and what will be lost (or why it cannot be done); the POST of that page does it. Rows ticked
"Delete" in the plan, target and criteria forms are named and confirmed the same way."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mobilities.models import Mobility, MobilityFile
from mobilities.services import mobility_file_add
from participants.models import FileRequest, Participant
from portal.services import file_request_create
from projects.models import Goal, GoalTarget, PartnerOrganisation
from tests import factories, upload_files
from tests.form_data import form_data
from tests.portal.helpers import portal_user
from tests.selection import factories as selection

pytestmark = pytest.mark.django_db

PDF = upload_files.pdf()


@pytest.fixture
def learner(school):
    return factories.learner(school, first_name="Elza", last_name="Krūmiņa")


@pytest.fixture
def stored(mobility, alice):
    alice.first_name, alice.last_name = "Anna", "Ozola"
    alice.save()
    upload = SimpleUploadedFile("signed-agreement.pdf", PDF)
    return mobility_file_add(
        mobility=mobility, kind="grant_agreement", upload=upload, uploaded_by=alice
    )


@pytest.fixture
def file_request(mobility, alice):
    return file_request_create(
        mobility=mobility, kind="attendance_proof", note="signed by the host", user=alice
    )


def confirm_urls(mobility, stored, file_request, learner, partner):
    return [
        reverse("participants:participant_delete", args=[learner.pk]),
        reverse("projects:partner_delete", args=[partner.pk]),
        reverse("mobilities:mobility_cancel", args=[mobility.pk]),
        reverse("mobilities:mobility_file_delete", args=[stored.pk]),
        reverse("portal:file_request_withdraw", args=[mobility.pk, file_request.pk]),
    ]


@pytest.fixture
def urls(mobility, stored, file_request, learner, school):
    return confirm_urls(mobility, stored, file_request, learner, factories.partner(school))


def test_each_destructive_action_asks_first_and_changes_nothing(client, alice, urls):
    client.force_login(alice)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.templates[0].name == "confirm.html"
        page = response.content.decode()
        cancel_url = response.context["confirmation"].cancel_url
        assert f'id="confirmation-cancel" href="{cancel_url}"' in page, url
        assert 'id="confirmation-form"' in page, url
    assert Participant.objects.filter(last_name="Krūmiņa").exists()
    assert PartnerOrganisation.objects.count() == 2
    assert Mobility.objects.get().status == "planned"
    assert MobilityFile.objects.exists()
    assert FileRequest.objects.exists()


def test_viewers_get_403_on_the_page_and_the_action(client, bob, urls):
    client.force_login(bob)
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url
    assert MobilityFile.objects.exists()


def test_another_organisation_gets_404_on_the_page_and_the_action(client, charlie, urls):
    client.force_login(charlie)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    assert MobilityFile.objects.exists()


def test_the_participant_page_names_what_goes_with_them(client, alice, learner):
    portal_user(learner, username="elza@example.lv")
    client.force_login(alice)
    confirmation = client.get(
        reverse("participants:participant_delete", args=[learner.pk])
    ).context["confirmation"]
    assert confirmation.question == "Delete the participant Elza Krūmiņa?"
    assert "Portal access of elza@example.lv." in confirmation.losses
    assert not confirmation.refusal


def test_deleting_a_participant_after_confirming(client, alice, learner):
    client.force_login(alice)
    response = client.post(
        reverse("participants:participant_delete", args=[learner.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("participants:participant_list")
    assert "The participant Elza Krūmiņa was deleted." in response.content.decode()
    assert not Participant.objects.filter(pk=learner.pk).exists()


def test_a_participant_with_mobilities_is_refused_with_their_references(client, alice, mobility):
    client.force_login(alice)
    url = reverse("participants:participant_delete", args=[mobility.participant_id])
    confirmation = client.get(url).context["confirmation"]
    assert "cannot be deleted" in confirmation.refusal
    assert confirmation.blockers == [f"1 mobility: {mobility.reference}"]
    assert 'id="confirmation-form"' not in client.get(url).content.decode()
    client.post(url)
    assert Participant.objects.filter(pk=mobility.participant_id).exists()


def test_a_participant_with_a_selection_application_is_refused_not_a_crash(
    client, alice, project, learner
):
    selection.application(selection.call(project, status="published"), learner)
    client.force_login(alice)
    url = reverse("participants:participant_delete", args=[learner.pk])
    assert client.get(url).context["confirmation"].blockers == ["1 selection application."]
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    assert Participant.objects.filter(pk=learner.pk).exists()


def test_a_partner_hosting_mobilities_is_refused_with_their_references(client, alice, mobility):
    client.force_login(alice)
    confirmation = client.get(reverse("projects:partner_delete", args=[mobility.host_id])).context[
        "confirmation"
    ]
    assert "cannot be deleted" in confirmation.refusal
    assert confirmation.blockers == [f"1 mobility: {mobility.reference}"]


def test_deleting_a_partner_after_confirming(client, alice, school):
    partner = factories.partner(school, name="Berufsschule Wien")
    client.force_login(alice)
    response = client.post(reverse("projects:partner_delete", args=[partner.pk]), follow=True)
    assert "The partner organisation Berufsschule Wien was deleted." in response.content.decode()
    assert not PartnerOrganisation.objects.filter(pk=partner.pk).exists()


def test_the_cancel_page_names_the_grant_released(client, alice, mobility):
    client.force_login(alice)
    confirmation = client.get(reverse("mobilities:mobility_cancel", args=[mobility.pk])).context[
        "confirmation"
    ]
    assert confirmation.question == f"Cancel the mobility {mobility.reference}?"
    assert "Its grant of 3,265.00 EUR is no longer planned in the budget." in confirmation.losses
    assert confirmation.cancel_label == "Keep the mobility"


def test_cancelling_after_confirming_keeps_the_record(client, alice, mobility):
    client.force_login(alice)
    response = client.post(reverse("mobilities:mobility_cancel", args=[mobility.pk]), follow=True)
    assert "its record is kept" in response.content.decode()
    mobility.refresh_from_db()
    assert mobility.status == "cancelled"
    confirmation = client.get(reverse("mobilities:mobility_cancel", args=[mobility.pk])).context[
        "confirmation"
    ]
    assert confirmation.refusal == "This mobility is cancelled already."


def test_the_file_page_names_the_file_its_kind_size_uploader_and_time(client, alice, stored):
    client.force_login(alice)
    confirmation = client.get(reverse("mobilities:mobility_file_delete", args=[stored.pk])).context[
        "confirmation"
    ]
    facts = dict(confirmation.facts)
    assert confirmation.question == "Delete the file signed-agreement.pdf?"
    assert facts["Document"] == "Grant agreement"
    assert facts["File name"] == "signed-agreement.pdf"
    assert facts["Size"] == f"{len(PDF)}\xa0bytes"
    assert facts["Uploaded by"] == "Anna Ozola"
    assert facts["Uploaded"]
    assert any("counts as not signed" in loss for loss in confirmation.losses)


def test_a_deleted_file_is_in_the_mobilitys_history(client, alice, stored):
    client.force_login(alice)
    client.post(reverse("mobilities:mobility_file_delete", args=[stored.pk]))
    history = client.get(reverse("mobilities:mobility_detail", args=[stored.mobility_id])).context[
        "history"
    ]
    assert (history[0].who, history[0].summary) == (
        "Anna Ozola",
        "File “signed-agreement.pdf” (Grant agreement) deleted",
    )
    assert history[1].summary == "File “signed-agreement.pdf” (Grant agreement) uploaded"


def test_a_deleted_files_bytes_go_only_once_the_deletion_commits(
    client, alice, stored, django_capture_on_commit_callbacks
):
    path = Path(stored.file.path)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("mobilities:mobility_file_delete", args=[stored.pk]))
    assert not MobilityFile.objects.exists()
    assert path.exists()
    for callback in callbacks:
        callback()
    assert not path.exists()


def test_withdrawing_a_file_request_after_confirming(client, alice, mobility, file_request):
    client.force_login(alice)
    url = reverse("portal:file_request_withdraw", args=[mobility.pk, file_request.pk])
    confirmation = client.get(url).context["confirmation"]
    assert confirmation.question == "Withdraw the request for Proof of attendance?"
    assert ("What exactly", "signed by the host") in confirmation.facts
    client.post(url)
    assert not FileRequest.objects.exists()


def test_the_confirmation_pages_are_in_latvian(client, alice, stored):
    client.force_login(alice)
    page = client.get(
        reverse("mobilities:mobility_file_delete", args=[stored.pk]), HTTP_ACCEPT_LANGUAGE="lv"
    ).content.decode()
    assert "Dzēst failu signed-agreement.pdf?" in page
    assert "Kas tiks zaudēts:" in page


class TestFormsetDeletions:
    def plan_page(self, client, plan):
        return client.get(reverse("projects:plan_edit", args=[plan.pk])).context

    def test_removing_a_goal_asks_first_naming_its_targets_and_mobilities(
        self, client, alice, erasmus_plan, mobility
    ):
        second = erasmus_plan.goals.get(number=2)
        mobility.goals.add(second)
        GoalTarget.objects.create(
            goal=second, indicator="Learners", target_value=4, unit="persons", year=2026
        )
        client.force_login(alice)
        context = self.plan_page(client, erasmus_plan)
        data = form_data(context["form"], context["goals"])
        data["goals-1-DELETE"] = "on"
        url = reverse("projects:plan_edit", args=[erasmus_plan.pk])
        response = client.post(url, data)
        assert response.status_code == 200
        assert response.context["deletions"] == [
            "Goal “2. Mērķis 2”, its targets (1) and its link to the mobilities serving it (1)"
        ]
        assert 'name="confirm_deletions"' in response.content.decode()
        assert Goal.objects.filter(pk=second.pk).exists()
        response = client.post(url, data | {"confirm_deletions": "1"})
        assert response.status_code == 302
        assert not Goal.objects.filter(pk=second.pk).exists()
        assert list(mobility.goals.all()) == [erasmus_plan.goals.get(number=1)]

    def test_a_goal_that_is_a_mobilitys_only_goal_is_kept(
        self, client, alice, erasmus_plan, mobility
    ):
        client.force_login(alice)
        context = self.plan_page(client, erasmus_plan)
        data = form_data(context["form"], context["goals"])
        data |= {"goals-0-DELETE": "on", "confirm_deletions": "1"}
        response = client.post(reverse("projects:plan_edit", args=[erasmus_plan.pk]), data)
        assert response.status_code == 200
        assert (
            f"1 mobility would serve no goal of the plan: {mobility.reference}. "
            "Give it another goal first." in response.context["goals"].non_form_errors()
        )
        assert erasmus_plan.goals.count() == 2

    def test_removing_a_target_asks_first(self, client, alice, erasmus_plan):
        goal = erasmus_plan.goals.first()
        GoalTarget.objects.create(
            goal=goal,
            indicator="Learners",
            target_value=4,
            unit="persons",
            year=2026,
            achieved_value=3,
        )
        client.force_login(alice)
        url = reverse("projects:goal_targets_edit", args=[goal.pk])
        data = form_data(client.get(url).context["targets"]) | {"targets-0-DELETE": "on"}
        response = client.post(url, data)
        assert response.context["deletions"] == [
            "Target “Learners: 4.00 persons (2026)” and the value achieved (3)"
        ]
        assert GoalTarget.objects.exists()
        assert client.post(url, data | {"confirm_deletions": "1"}).status_code == 302
        assert not GoalTarget.objects.exists()

    def test_removing_a_criterion_of_a_draft_call_asks_first(self, client, alice, project):
        call = selection.call(project)
        client.force_login(alice)
        url = reverse("selection:selection_call_edit", args=[call.pk])
        context = client.get(url).context
        data = form_data(context["form"], context["criteria"]) | {"criteria-0-DELETE": "on"}
        response = client.post(url, data)
        assert response.context["deletions"] == ["Criterion “Motivation” (weight 40)"]
        assert call.criteria.count() == 3
        assert client.post(url, data | {"confirm_deletions": "1"}).status_code == 302
        assert call.criteria.count() == 2
