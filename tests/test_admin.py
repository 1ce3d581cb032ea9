"""Every admin changelist and add page answers for a superuser."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from projects.models import Membership
from tests import factories
from tests.finance.rows import READ_ONLY_IN_ADMIN as FINANCE_READ_ONLY
from tests.finance.rows import finance_rows
from tests.portal.rows import READ_ONLY_IN_ADMIN, portal_rows
from tests.privacy.rows import READ_ONLY_IN_ADMIN as PRIVACY_READ_ONLY
from tests.privacy.rows import privacy_rows
from tests.reporting.rows import reporting_rows
from tests.results.rows import READ_ONLY_IN_ADMIN as RESULTS_READ_ONLY
from tests.results.rows import results_rows
from tests.selection import factories as selection
from tests.snapshot import take_steps

pytestmark = pytest.mark.django_db

MODELS = list(admin.site._registry)


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.com", "pw-12345")
    client.force_login(user)
    return client


@pytest.fixture(scope="session")
def admin_rows(django_db_setup, django_db_blocker, tmp_path_factory):
    """A mobility, then one row of each model (its agreement rendered and signed): built
    once (tests/snapshot.py) for the three tests of every model instead of once a model."""

    def build():
        school = factories.organisation(legal_name="Vidzemes tehnikums")
        erasmus_plan = factories.plan(school)
        factories.goal(erasmus_plan, 1)
        factories.goal(erasmus_plan, 2)
        project = factories.project(school, erasmus_plan)
        mobility = factories.mobility(
            project, host=factories.partner(school, name="CIPFP Valencia")
        )
        yield
        alice = factories.member(school, Membership.Role.COORDINATOR, username="alice")
        factories.group(mobility.project)
        Group.objects.create(name="School administrators")
        reporting_rows(mobility)
        portal_rows(mobility)
        privacy_rows(mobility)
        finance_rows(mobility)
        results_rows(mobility)
        application = selection.application(selection.call(mobility.project, status="published"))
        selection.score(application, alice, 5, 5, 3)

    with django_db_blocker.unblock(), translation.override("en"):
        return take_steps(build, tmp_path_factory.mktemp("admin-media"), run_on_commit=False)


# Asked for before any fixture that adds rows: the rows keep their primary keys, which
# SQLite would otherwise give again (its sequences are rolled back with the snapshot).
@pytest.fixture
def a_mobility(db, admin_rows, media_root):
    admin_rows[0].restore(media_root)


@pytest.fixture
def one_of_each(db, admin_rows, media_root):
    admin_rows[1].restore(media_root)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_the_changelist_and_add_page_answer(a_mobility, superuser_client, model):
    meta = model._meta
    for view in ("changelist", "add"):
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}")
        read_only = model in (
            READ_ONLY_IN_ADMIN | PRIVACY_READ_ONLY | FINANCE_READ_ONLY | RESULTS_READ_ONLY
        )
        expected = 403 if view == "add" and read_only else 200
        assert superuser_client.get(url).status_code == expected, url


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_the_change_page_answers(one_of_each, superuser_client, model):
    meta = model._meta
    instance = model.objects.first()
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[instance.pk])
    assert superuser_client.get(url).status_code == 200, url


def test_the_admin_refuses_a_mobility_without_goals(superuser_client, mobility):
    url = reverse("admin:mobilities_mobility_change", args=[mobility.pk])
    form = superuser_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["goals"] = []
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "at least one Erasmus plan goal" in str(response.context["adminform"].form.errors)


NUL = "\x00"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_a_nul_byte_in_the_search_or_any_filter_never_breaks_the_changelist(
    one_of_each, superuser_client, model
):
    # PostgreSQL refuses a NUL in any text: such a search or filter value answered 500.
    meta = model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    specs = superuser_client.get(url).context["cl"].filter_specs
    names = ["q", *(name for spec in specs for name in spec.expected_parameters())]
    for name in names:
        response = superuser_client.get(url, {name: NUL})
        assert response.status_code in (200, 302), (url, name)  # 302: Django's "?e=1"


def test_a_nul_byte_is_left_out_of_an_admin_search(superuser_client, school, other_school):
    url = reverse("admin:projects_organisation_changelist")
    page = superuser_client.get(url, {"q": f"Vidz{NUL}emes"})
    assert list(page.context["cl"].result_list) == [school]


@pytest.mark.parametrize(
    "model, text_filter, model_prefix",
    [
        ("participants_participant", "kind", "participantresource_"),
        ("projects_partnerorganisation", "kind", "partnerorganisationresource_"),
        ("mobilities_mobility", "status", "mobilityresource_"),
    ],
)
def test_a_nul_byte_never_breaks_an_admin_export(
    superuser_client, mobility, model, text_filter, model_prefix
):
    url = reverse(f"admin:{model}_export") + f"?q=%00&{text_filter}__exact=%00"
    form = superuser_client.get(url).context["form"]
    columns = {name: "on" for name, field in form.fields.items() if name.startswith(model_prefix)}
    exported = superuser_client.post(url, {"format": "0", "resource": "0", **columns})
    assert exported.status_code == 200
    assert exported["Content-Disposition"].startswith("attachment")


def test_a_nul_byte_in_an_autocomplete_search_never_breaks_it(superuser_client, alice):
    query = {"app_label": "projects", "model_name": "membership", "field_name": "user"}
    response = superuser_client.get(reverse("admin:autocomplete"), {**query, "term": NUL})
    assert response.status_code == 200
    response = superuser_client.get(reverse("admin:autocomplete"), {**query, "term": f"al{NUL}"})
    assert [result["text"] for result in response.json()["results"]] == [alice.username]
