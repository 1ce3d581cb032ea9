"""The reporting records in the admin: documents are queued through the service, never
edited by hand, and another organisation sees none of them."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.urls import reverse

from reporting.models import GeneratedDocument

from .rows import reporting_rows

pytestmark = pytest.mark.django_db

MODELS = [
    "generateddocument",
    "documentbatch",
    "grantagreementterms",
    "learningagreementdetails",
    "finalreportanswer",
]


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.com", "pw-12345")
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_every_page_answers(superuser_client, mobility, model):
    reporting_rows(mobility)
    for view in ("changelist", "add"):
        assert superuser_client.get(reverse(f"admin:reporting_{model}_{view}")).status_code == 200
    instance = apps.get_model("reporting", model).objects.first()
    url = reverse(f"admin:reporting_{model}_change", args=[instance.pk])
    assert superuser_client.get(url).status_code == 200


def test_adding_a_document_in_the_admin_queues_it(superuser_client, mobility):
    url = reverse("admin:reporting_generateddocument_add")
    data = {
        "project": mobility.project_id,
        "mobility": mobility.pk,
        "kind": "grant_agreement",
        "language": "en",
    }
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    document = GeneratedDocument.objects.get()
    assert (document.version, document.status, document.requested_by.username) == (
        1,
        "queued",
        "root",
    )


def test_the_admin_refuses_a_document_the_service_refuses(superuser_client, mobility):
    url = reverse("admin:reporting_generateddocument_add")
    data = {"project": mobility.project_id, "kind": "grant_agreement", "language": "en"}
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "This document is not made for this subject." in str(
        response.context["adminform"].form.errors
    )
    assert not GeneratedDocument.objects.exists()


def test_a_generated_document_cannot_be_changed_in_the_admin(superuser_client, mobility):
    reporting_rows(mobility)
    document = GeneratedDocument.objects.first()
    url = reverse("admin:reporting_generateddocument_change", args=[document.pk])
    assert superuser_client.post(url, {"status": "ready"}).status_code == 403


def test_another_organisation_sees_no_reporting_rows(client, charlie, mobility):
    reporting_rows(mobility)
    charlie.is_staff = True
    charlie.save()
    charlie.user_permissions.set(Permission.objects.filter(content_type__app_label="reporting"))
    client.force_login(charlie)
    for model in MODELS:
        page = client.get(reverse(f"admin:reporting_{model}_changelist"))
        assert page.status_code == 200, model
        assert page.context["cl"].result_count == 0, model
