"""The selection models in the Django admin: scoped to the user's organisations, criteria
read-only once published, decisions stamped with who and when."""

import pytest
from django.contrib.auth.models import Permission

from participants.models import SelectionApplication
from tests.selection import factories as sel

pytestmark = pytest.mark.django_db

MODELS = ["selectioncall", "selectionapplication"]


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.com", "pw-12345")
    client.force_login(user)
    return client


@pytest.fixture
def scored_application(project, alice):
    call = sel.call(project, status="published")
    application = sel.application(call)
    sel.score(application, alice, 8, 7, 4)
    return application


def test_every_selection_admin_page_answers(superuser_client, scored_application):
    objects = {
        "selectioncall": scored_application.call_id,
        "selectionapplication": scored_application.pk,
    }
    for model, pk in objects.items():
        for url in (
            f"/admin/participants/{model}/",
            f"/admin/participants/{model}/add/",
            f"/admin/participants/{model}/{pk}/change/",
        ):
            assert superuser_client.get(url).status_code == 200, url


def test_criteria_are_read_only_in_the_admin_once_published(superuser_client, project):
    draft = sel.call(project)
    published = sel.call(project, status="published")
    page = superuser_client.get(f"/admin/participants/selectioncall/{draft.pk}/change/")
    assert page.context["inline_admin_formsets"][0].has_change_permission
    page = superuser_client.get(f"/admin/participants/selectioncall/{published.pk}/change/")
    inline = page.context["inline_admin_formsets"][0]
    assert not inline.has_change_permission and not inline.has_add_permission


@pytest.fixture
def staff_charlie(charlie):
    charlie.is_staff = True
    charlie.save()
    charlie.user_permissions.set(Permission.objects.filter(content_type__app_label="participants"))
    return charlie


def test_another_organisation_sees_no_selection_in_the_admin(
    client, staff_charlie, scored_application
):
    client.force_login(staff_charlie)
    for model in MODELS:
        page = client.get(f"/admin/participants/{model}/")
        assert page.status_code == 200 and page.context["cl"].result_count == 0, model
    response = client.get(
        f"/admin/participants/selectionapplication/{scored_application.pk}/change/", follow=True
    )
    assert "doesn’t exist" in response.content.decode()


def test_admin_choices_offer_only_the_users_organisation(client, staff_charlie, project, alice):
    sel.call(project)
    client.force_login(staff_charlie)
    form = client.get("/admin/participants/selectionapplication/add/").context["adminform"].form
    assert not form.fields["call"].queryset.exists()
    assert not form.fields["applicant"].queryset.exists()


def test_a_decision_in_the_admin_records_who_and_when(superuser_client, scored_application):
    url = f"/admin/participants/selectionapplication/{scored_application.pk}/change/"
    page = superuser_client.get(url)
    data = {
        name: page.context["adminform"].form[name].value()
        for name in page.context["adminform"].form.fields
    }
    data |= {"decision": "not_selected", "decision_reason": "Nav pabeigts vērtējums."}
    data |= {
        key: value
        for formset in page.context["inline_admin_formsets"]
        for key, value in formset.formset.management_form.initial.items()
        for key in [f"{formset.formset.prefix}-{key}"]
    }
    for formset in page.context["inline_admin_formsets"]:
        for n, form in enumerate(formset.formset.forms):
            for name in form.fields:
                value = form[name].value()
                if value is not None:
                    data[f"{formset.formset.prefix}-{n}-{name}"] = value
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    application = SelectionApplication.objects.get(pk=scored_application.pk)
    assert application.decision == "not_selected"
    assert application.decided_by.username == "root" and application.decided_at
