"""Every object is reachable only by members of its organisation (and superusers)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_objects(project, mobility):
    return {
        "dashboard:project_detail": project.pk,
        "projects:plan_detail": project.erasmus_plan_id,
        "projects:partner_detail": mobility.host_id,
        "participants:participant_detail": mobility.participant_id,
        "mobilities:mobility_detail": mobility.pk,
    }


def test_members_see_every_object_page(client, alice, bob, school_objects):
    for person in (alice, bob):
        client.force_login(person)
        for name, pk in school_objects.items():
            assert client.get(reverse(name, args=[pk])).status_code == 200, name


def test_another_organisation_gets_404_for_every_object_page(client, charlie, school_objects):
    client.force_login(charlie)
    for name, pk in school_objects.items():
        assert client.get(reverse(name, args=[pk])).status_code == 404, name


def test_anonymous_users_are_sent_to_sign_in(client, school_objects):
    for name, pk in school_objects.items():
        response = client.get(reverse(name, args=[pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_home_page_lists_only_the_users_projects(client, charlie, project):
    mine = factories.project(charlie.memberships.get().organisation)
    client.force_login(charlie)
    page = client.get(reverse("projects:home")).content.decode()
    assert mine.grant_agreement_number in page
    assert project.grant_agreement_number not in page


def test_viewers_do_not_see_fewer_opportunities_details(client, alice, bob, project):
    learner = factories.learner(
        project.organisation,
        fewer_opportunities=True,
        fewer_opportunities_categories=["health"],
        support_needs="Daily medication",
    )
    url = reverse("participants:participant_detail", args=[learner.pk])
    client.force_login(bob)
    assert "Daily medication" not in client.get(url).content.decode()
    client.force_login(alice)
    assert "Daily medication" in client.get(url).content.decode()


ADMIN_MODELS = [
    "projects/organisation",
    "projects/membership",
    "projects/erasmusplan",
    "projects/goal",
    "projects/project",
    "projects/partnerorganisation",
    "participants/participant",
    "mobilities/mobilitygroup",
    "mobilities/mobility",
    "participants/selectioncall",
    "participants/selectionapplication",
]


@pytest.fixture
def staff_charlie(charlie):
    charlie.is_staff = True
    charlie.save()
    charlie.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["projects", "participants", "mobilities"]
        )
    )
    return charlie


def test_another_organisation_sees_nothing_in_the_admin(client, staff_charlie, mobility):
    factories.group(mobility.project)
    client.force_login(staff_charlie)
    for model in ADMIN_MODELS:
        page = client.get(f"/admin/{model}/")
        assert page.status_code == 200, model
        assert page.context["cl"].result_count == 0 or model in (
            "projects/organisation",
            "projects/membership",
        ), model
    organisations = client.get("/admin/projects/organisation/").context["cl"].result_list
    assert [o.legal_name for o in organisations] == ["Rīgas tehnikums"]


def test_another_organisations_admin_change_page_is_not_found(client, staff_charlie, mobility):
    client.force_login(staff_charlie)
    urls = [
        f"/admin/mobilities/mobility/{mobility.pk}/change/",
        f"/admin/projects/project/{mobility.project_id}/change/",
        f"/admin/participants/participant/{mobility.participant_id}/change/",
    ]
    for url in urls:
        response = client.get(url, follow=True)
        assert "doesn’t exist" in response.content.decode(), url


def test_admin_choices_offer_only_the_users_organisations(client, staff_charlie, project):
    client.force_login(staff_charlie)
    form = client.get("/admin/projects/project/add/").context["adminform"].form
    assert list(form.fields["organisation"].queryset) == [
        staff_charlie.memberships.get().organisation
    ]
    assert project.erasmus_plan not in form.fields["erasmus_plan"].queryset


def test_viewers_cannot_change_in_the_admin(client, bob, project):
    bob.is_staff = True
    bob.save()
    bob.user_permissions.set(
        Permission.objects.filter(codename__in=["view_project", "change_project"])
    )
    client.force_login(bob)
    response = client.get(f"/admin/projects/project/{project.pk}/change/")
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    response = client.post(f"/admin/projects/project/{project.pk}/change/", {})
    assert response.status_code == 403
