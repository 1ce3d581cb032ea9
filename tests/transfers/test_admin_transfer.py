"""django-import-export in the admin, scoped to the user's organisations."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants.models import Participant
from tests import factories

from .conftest import csv_file

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:participants_participant_import")
PROCESS = reverse("admin:participants_participant_process_import")
EXPORT = reverse("admin:participants_participant_export")
HEADERS = [
    "Organisation OID",
    "Kind",
    "First name",
    "Last name",
    "Date of birth",
    "E-mail",
    "Position",
]


def staff_user(user, *codenames):
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def admin_import(client, content):
    """The admin's dry run (CSV is the first format)."""
    data = {"import_file": SimpleUploadedFile("p.csv", content), "format": "0", "resource": "0"}
    return client.post(IMPORT, data)


def teacher(organisation, n=1):
    return [
        organisation.oid,
        "staff",
        "Andris",
        f"Kalns{n}",
        "1980-01-01",
        f"a{n}@example.lv",
        "Skolotājs",
    ]


@pytest.fixture
def root_client(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "pw-12345")
    client.force_login(root)
    return client


def test_the_admin_previews_then_imports(root_client, school, other_school):
    content = csv_file([HEADERS, teacher(school, 1), teacher(other_school, 2)])
    response = admin_import(root_client, content)
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    confirm = response.context["confirm_form"].initial
    response = root_client.post(PROCESS, confirm)
    assert response.status_code == 302
    assert sorted(Participant.objects.values_list("organisation__oid", flat=True)) == sorted(
        [school.oid, other_school.oid]
    )


def test_the_admin_shows_invalid_rows_keyed_by_column(root_client, school):
    content = csv_file([HEADERS, [*teacher(school)[:4], "31.02.1980", "a@example.lv", ""]])
    result = admin_import(root_client, content).context["result"]
    errors = result.invalid_rows[0].field_specific_errors
    assert errors["Date of birth"] == ["There is no such day: 31.02.1980."]


def test_an_unreadable_file_is_explained_on_the_admin_form(root_client):
    response = admin_import(root_client, b"")
    assert response.status_code == 200
    assert "empty" in str(response.context["form"].errors)


def test_a_coordinator_imports_only_into_their_school(client, alice, school, other_school):
    client.force_login(
        staff_user(alice, "add_participant", "change_participant", "view_participant")
    )
    content = csv_file([HEADERS, teacher(school, 1), teacher(other_school, 2)])
    result = admin_import(client, content).context["result"]
    assert [row.number for row in result.invalid_rows] == [2]
    assert "cannot import into the organisation" in str(result.invalid_rows[0].error_dict)
    assert not Participant.objects.exists()


def test_a_coordinators_admin_export_holds_only_their_school(client, alice, school, other_school):
    factories.learner(school, last_name="Ours")
    factories.learner(other_school, last_name="Theirs")
    client.force_login(staff_user(alice, "view_participant", "change_participant"))
    response = client.post(
        EXPORT,
        {"format": "0", "resource": "0"}
        | {f"participantresource_{name}": "on" for name in ("last_name", "organisation")},
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "Ours" in text and "Theirs" not in text


def test_a_viewer_in_the_admin_cannot_import(client, bob):
    client.force_login(staff_user(bob, "view_participant", "add_participant", "change_participant"))
    assert client.get(IMPORT).status_code == 403
