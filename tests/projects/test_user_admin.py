"""Users are managed within the organisation in the Django admin: a staff member of school B
sees and changes only school B's users, never gives more than they hold, and cannot reach
school A's coordinator (the audit: B's staff reset A's coordinator's password and signed in
as him)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from projects.models import Membership
from tests import factories
from tests.form_data import form_data
from tests.portal.helpers import portal_user

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"
NEW_PASSWORD = "Jauna-parole-2026"

USER_ADMIN = ["view_user", "change_user", "add_user", "delete_user"]
MEMBERSHIP_ADMIN = ["view_membership", "change_membership", "add_membership"]


def permissions(*codenames):
    return Permission.objects.filter(codename__in=codenames)


@pytest.fixture
def staff_charlie(charlie):
    """School B's coordinator with Django's user permissions, as in the audit."""
    charlie.is_staff = True
    charlie.save()
    charlie.user_permissions.set(permissions(*USER_ADMIN, *MEMBERSHIP_ADMIN))
    return charlie


@pytest.fixture
def dace(other_school):
    """A viewer at school B."""
    return factories.member(other_school, Membership.Role.VIEWER, username="dace")


@pytest.fixture
def admin_client(client, staff_charlie):
    client.force_login(staff_charlie)
    return client


def password_url(user):
    return reverse("admin:auth_user_password_change", args=[user.pk])


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def reset(client, user):
    data = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    return client.post(password_url(user), data)


def test_the_audit_b_staff_cannot_reset_a_coordinators_password(admin_client, alice):
    assert admin_client.get(password_url(alice)).status_code == 404
    assert reset(admin_client, alice).status_code == 404
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert admin_client.get(change_url(alice)).status_code == 302  # "doesn't exist"


def test_a_coordinator_of_a_who_also_views_b_is_still_out_of_reach(
    admin_client, alice, other_school
):
    Membership.objects.create(user=alice, organisation=other_school, role="viewer")
    assert admin_client.get(password_url(alice)).status_code == 403
    assert reset(admin_client, alice).status_code == 403
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    data = form_data(admin_client.get(change_url(alice)).context["adminform"].form)
    assert admin_client.post(change_url(alice), data | {"email": "x@b.lv"}).status_code == 403


def test_b_staff_see_only_bs_users_and_its_portal_users(
    admin_client, staff_charlie, alice, bob, dace, other_school
):
    learner = factories.learner(other_school)
    portal = portal_user(learner, username="learner-b")
    factories.user(username="root", is_superuser=True, is_staff=True)
    page = admin_client.get(reverse("admin:auth_user_changelist"))
    shown = {user.username for user in page.context["cl"].result_list}
    assert shown == {staff_charlie.username, dace.username, portal.username}


def test_b_staff_reset_the_password_of_bs_viewer(admin_client, dace):
    assert reset(admin_client, dace).status_code == 302
    dace.refresh_from_db()
    assert dace.check_password(NEW_PASSWORD)


def test_nobody_is_made_superuser_by_a_staff_member(admin_client, dace):
    data = form_data(admin_client.get(change_url(dace)).context["adminform"].form)
    response = admin_client.post(change_url(dace), data | {"is_superuser": "on"})
    assert response.status_code == 302
    dace.refresh_from_db()
    assert not dace.is_superuser


def test_only_ones_own_permissions_and_groups_are_granted(admin_client, staff_charlie, dace):
    editors = Group.objects.create(name="Editors")
    mine = Group.objects.create(name="School B")
    staff_charlie.groups.add(mine)
    form = admin_client.get(change_url(dace)).context["adminform"].form
    assert set(form.fields["groups"].queryset) == {mine}
    assert "delete_project" not in {p.codename for p in form.fields["user_permissions"].queryset}
    foreign = Permission.objects.get(codename="delete_project")
    data = form_data(form) | {"user_permissions": [str(foreign.pk)], "groups": [str(editors.pk)]}
    response = admin_client.post(change_url(dace), data)
    assert response.status_code == 200
    assert set(response.context["adminform"].form.errors) == {"user_permissions", "groups"}
    assert not dace.user_permissions.exists() and not dace.groups.exists()
    granted = Permission.objects.get(codename="view_user")
    data = form_data(form) | {"user_permissions": [str(granted.pk)], "groups": [str(mine.pk)]}
    assert admin_client.post(change_url(dace), data).status_code == 302
    assert list(dace.user_permissions.all()) == [granted]


def test_a_superuser_member_of_b_is_not_changed_by_bs_staff(admin_client, other_school):
    root = factories.member(other_school, username="root", is_superuser=True, is_staff=True)
    response = admin_client.get(change_url(root))
    assert (response.status_code, response.context["has_change_permission"]) == (200, False)
    assert reset(admin_client, root).status_code == 403
    assert admin_client.post(reverse("admin:auth_user_delete", args=[root.pk])).status_code == 403


def test_a_user_holding_more_rights_is_not_changed(admin_client, other_school):
    stronger = factories.member(other_school, username="stronger", is_staff=True)
    stronger.user_permissions.set(permissions("delete_project"))
    assert reset(admin_client, stronger).status_code == 403
    inactive = factories.member(other_school, username="inactive", is_active=False)
    inactive.user_permissions.set(permissions("delete_project"))
    assert reset(admin_client, inactive).status_code == 403


def test_a_new_user_joins_one_of_the_staff_members_organisations(
    admin_client, other_school, school
):
    url = reverse("admin:auth_user_add")
    form = admin_client.get(url).context["adminform"].form
    assert list(form.fields["organisation"].queryset) == [other_school]
    data = {
        "username": "ilze",
        "usable_password": "true",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "role": "viewer",
    }
    refused = admin_client.post(url, data | {"organisation": str(school.pk)})
    assert "organisation" in refused.context["adminform"].form.errors
    assert admin_client.post(url, data | {"organisation": str(other_school.pk)}).status_code == 302
    membership = Membership.objects.get(user__username="ilze")
    assert (membership.organisation, membership.role) == (other_school, "viewer")


def test_no_membership_is_added_in_another_organisation_or_for_its_users(
    admin_client, alice, dace, school, other_school
):
    url = reverse("admin:projects_membership_add")
    in_a = admin_client.post(
        url, {"user": str(dace.pk), "organisation": str(school.pk), "role": "viewer"}
    )
    assert "organisation" in in_a.context["adminform"].form.errors
    of_a = admin_client.post(
        url, {"user": str(alice.pk), "organisation": str(other_school.pk), "role": "viewer"}
    )
    assert "user" in of_a.context["adminform"].form.errors
    assert not Membership.objects.filter(user=alice, organisation=other_school).exists()
    assert not Membership.objects.filter(user=dace, organisation=school).exists()


def test_the_user_autocomplete_offers_only_users_in_reach(admin_client, alice, dace):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "projects", "model_name": "membership", "field_name": "user", "term": ""},
    )
    names = {result["text"] for result in response.json()["results"]}
    assert "dace" in names and "alice" not in names


def test_groups_are_changed_by_superusers_only(admin_client, staff_charlie):
    staff_charlie.user_permissions.add(*permissions("view_group", "change_group"))
    group = Group.objects.create(name="School B")
    url = reverse("admin:auth_group_change", args=[group.pk])
    assert admin_client.get(url).context["has_change_permission"] is False
    assert admin_client.post(url, {"name": "Admins"}).status_code == 403


def test_a_superuser_still_manages_every_user(client, alice, dace):
    root = factories.user(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    page = client.get(reverse("admin:auth_user_changelist"))
    assert {"alice", "dace", "root"} <= {u.username for u in page.context["cl"].result_list}
    assert reset(client, alice).status_code == 302
