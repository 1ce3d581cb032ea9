"""Coordinators manage plans, projects and partners in the browser; viewers read only;
other organisations get 404."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from budget.models import MobilityGrant
from projects.models import ErasmusPlan, PartnerOrganisation, Project
from tests import factories

pytestmark = pytest.mark.django_db


def project_data(plan, **overrides):
    data = {
        "erasmus_plan": plan.pk,
        "grant_agreement_number": "2026-1-LV01-KA121-VET-000000777",
        "call_year": 2026,
        "start_date": "2026-06-01",
        "end_date": "2027-08-31",
        "status": "awarded",
        "rate_staff_group_1": "180",
        "rate_staff_group_2": "160",
        "rate_staff_group_3": "140",
        "rate_learner_group_1": "120",
        "rate_learner_group_2": "100",
        "rate_learner_group_3": "90",
        "awarded_travel": "1000.50",
        "awarded_course_fees": "",
    }
    return data | overrides


def test_a_coordinator_creates_a_project_with_its_awarded_amounts(client, alice, erasmus_plan):
    client.force_login(alice)
    response = client.post(reverse("projects:project_create"), project_data(erasmus_plan))
    project = Project.objects.get(grant_agreement_number="2026-1-LV01-KA121-VET-000000777")
    assert response.status_code == 302
    assert project.organisation == erasmus_plan.organisation
    assert {a.category: a.amount for a in project.awarded_amounts.all()} == {
        "travel": Decimal("1000.50")
    }


def test_the_new_project_form_is_prefilled(client, alice):
    client.force_login(alice)
    form = client.get(reverse("projects:project_create")).context["form"]
    assert form["start_date"].value() == date(2026, 6, 1)
    assert form["end_date"].value() == date(2027, 8, 31)
    assert form["rate_learner_group_2"].value() == Decimal("100")


def test_a_rate_outside_the_range_is_shown_next_to_its_field(client, alice, erasmus_plan):
    client.force_login(alice)
    response = client.post(
        reverse("projects:project_create"), project_data(erasmus_plan, rate_learner_group_2="200")
    )
    assert "41-110" in response.context["form"].errors["rate_learner_group_2"][0]
    assert not Project.objects.exists()


def test_editing_the_rates_recomputes_the_grants(client, alice, mobility):
    client.force_login(alice)
    project = mobility.project
    data = project_data(
        project.erasmus_plan,
        grant_agreement_number=project.grant_agreement_number,
        rate_learner_group_2="110",
        seen_revision=str(project.revision),
    )
    assert client.post(reverse("projects:project_edit", args=[project.pk]), data).status_code == 302
    mobility.grant.refresh_from_db()
    assert mobility.grant.individual_support == Decimal("2772.00")


def test_viewers_cannot_edit_a_project(client, bob, project):
    client.force_login(bob)
    assert client.get(reverse("projects:project_edit", args=[project.pk])).status_code == 403
    assert client.get(reverse("projects:project_create")).status_code == 403


def test_another_organisation_gets_404_on_edit_pages(client, charlie, mobility):
    client.force_login(charlie)
    project = mobility.project
    for url in (
        reverse("projects:project_edit", args=[project.pk]),
        reverse("projects:plan_edit", args=[project.erasmus_plan_id]),
        reverse("projects:goal_targets_edit", args=[project.erasmus_plan.goals.first().pk]),
        reverse("projects:partner_edit", args=[mobility.host_id]),
        reverse("participants:participant_edit", args=[mobility.participant_id]),
        reverse("mobilities:mobility_edit", args=[mobility.pk]),
        reverse("mobilities:mobility_list", args=[project.pk]),
        reverse("mobilities:mobility_create", args=[project.pk]),
    ):
        assert client.get(url).status_code == 404, url


def goals_management(total, initial=0):
    return {
        "goals-TOTAL_FORMS": str(total),
        "goals-INITIAL_FORMS": str(initial),
        "goals-MIN_NUM_FORMS": "0",
        "goals-MAX_NUM_FORMS": "10",
    }


def test_a_coordinator_creates_a_plan_with_goals(client, alice):
    client.force_login(alice)
    data = {"title": "Erasmus plāns", "start_year": "2025", "end_year": "2027"}
    data |= goals_management(2)
    data |= {
        "goals-0-number": "1",
        "goals-0-title": "Prakse",
        "goals-1-number": "2",
        "goals-1-title": "Valodas",
    }
    response = client.post(reverse("projects:plan_create"), data)
    plan = ErasmusPlan.objects.get()
    assert response.status_code == 302
    assert list(plan.goals.values_list("title", flat=True)) == ["Prakse", "Valodas"]


def test_a_plan_has_at_most_ten_goals(client, alice):
    client.force_login(alice)
    data = {"title": "Plāns", "start_year": "2025", "end_year": "2027"} | goals_management(11)
    for n in range(11):
        data |= {f"goals-{n}-number": str(n + 1), f"goals-{n}-title": f"G{n}"}
    response = client.post(reverse("projects:plan_create"), data)
    assert response.status_code == 200
    assert "10" in str(response.context["goals"].non_form_errors())
    assert not ErasmusPlan.objects.exists()


def test_a_plan_of_six_years_is_refused_next_to_its_field(client, alice):
    client.force_login(alice)
    data = {"title": "Plāns", "start_year": "2024", "end_year": "2029"} | goals_management(0)
    response = client.post(reverse("projects:plan_create"), data)
    assert "2 to 5 years" in response.context["form"].errors["end_year"][0]


def test_targets_are_edited_per_goal(client, alice, erasmus_plan):
    client.force_login(alice)
    goal = erasmus_plan.goals.first()
    data = {
        "targets-TOTAL_FORMS": "1",
        "targets-INITIAL_FORMS": "0",
        "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "1000",
        "targets-0-indicator": "Learners abroad",
        "targets-0-target_value": "12",
        "targets-0-unit": "persons",
        "targets-0-year": "2026",
        "targets-0-measure": "learners",
    }
    response = client.post(reverse("projects:goal_targets_edit", args=[goal.pk]), data)
    assert response.status_code == 302
    assert goal.targets.get().measure == "learners"


def test_a_partner_is_created_listed_and_deleted(client, alice, school):
    client.force_login(alice)
    data = {
        "name": "Hotel Riviera",
        "kind": "host_company",
        "country": "IT",
        "city": "Rimini",
        "mou_status": "none",
    }
    response = client.post(reverse("projects:partner_create"), data)
    partner = PartnerOrganisation.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("projects:partner_list") + "?q=riviera&country=IT").content.decode()
    assert "Hotel Riviera" in page
    client.post(reverse("projects:partner_delete", args=[partner.pk]))
    assert not PartnerOrganisation.objects.exists()


def test_a_partner_hosting_mobilities_is_not_deleted(client, alice, mobility):
    client.force_login(alice)
    response = client.post(reverse("projects:partner_delete", args=[mobility.host_id]), follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert PartnerOrganisation.objects.filter(pk=mobility.host_id).exists()


def test_a_bad_oid_is_explained_next_to_its_field(client, alice, school):
    client.force_login(alice)
    data = {
        "name": "X",
        "kind": "host_company",
        "country": "IT",
        "city": "Rimini",
        "mou_status": "none",
        "oid": "123",
    }
    response = client.post(reverse("projects:partner_create"), data)
    assert "E10123456" in response.context["form"].errors["oid"][0]


def test_the_dashboard_shows_goals_budget_and_to_dos(client, alice, project, host):
    teacher = factories.staff(project.organisation)
    factories.mobility(
        project,
        participant=teacher,
        activity_type="staff_job_shadowing",
        host=host,
        start_date=date(2026, 7, 1),
        end_date=date(2026, 7, 5),
        status="completed",
        goals=[project.erasmus_plan.goals.first()],
    )
    goal = project.erasmus_plan.goals.first()
    goal.targets.create(
        indicator="Staff abroad", target_value=4, unit="persons", year=2026, measure="staff"
    )
    client.force_login(alice)
    response = client.get(reverse("dashboard:project_detail", args=[project.pk]))
    page = response.content.decode()
    progress = response.context["goals"][0]
    assert progress.mobilities == 1
    assert progress.targets[0].achieved == 1
    assert progress.targets[0].percent == 25
    assert 'data-todo="agreements"' in page
    assert 'data-todo="attendance"' in page
    assert 'data-todo="reports"' in page


def test_the_dashboard_names_the_first_unfundable_mobilities_and_counts_the_rest(
    client, alice, project, host
):
    for day in range(1, 8):
        factories.mobility(
            project, host=host, start_date=date(2026, 7, day), end_date=date(2026, 7, day + 20)
        )
    MobilityGrant.objects.filter(mobility__project=project).update(fundable=False)
    client.force_login(alice)
    page = client.get(reverse("dashboard:project_detail", args=[project.pk])).content.decode()
    assert page.count("cannot be funded as it stands.") == 5
    assert "7 mobilities cannot be funded as they stand: see the budget." in page
    assert reverse("budget:project_budget", args=[project.pk]) in page


def test_the_cached_dashboard_follows_every_change(client, alice, project, host):
    client.force_login(alice)
    url = reverse("dashboard:project_detail", args=[project.pk])
    assert 'data-todo="ols"' not in client.get(url).content.decode()
    mobility = factories.mobility(
        project, host=host, start_date=date(2026, 11, 30), end_date=date(2026, 12, 27)
    )
    page = client.get(url).content.decode()
    assert 'data-todo="ols"' in page
    ols = mobility.preparation_items.get(kind="ols_invitation")
    client.post(reverse("mobilities:preparation_item_done", args=[mobility.pk, ols.pk]))
    assert 'data-todo="ols"' not in client.get(url).content.decode()


def test_the_budget_page_shows_who_changed_rates_and_amounts(client, alice, project):
    client.force_login(alice)
    data = project_data(
        project.erasmus_plan,
        grant_agreement_number=project.grant_agreement_number,
        rate_learner_group_2="105",
        awarded_travel="2000.00",
        seen_revision=str(project.revision),
    )
    client.post(reverse("projects:project_edit", args=[project.pk]), data)
    history = client.get(reverse("budget:project_budget", args=[project.pk])).context["history"]
    changed = [field for change in history for field in change.fields]
    assert ("Travel", "—", "2,000.00") in changed
    assert any(
        label.startswith("learners, country group 2") and new == "105.00"
        for label, _old, new in changed
    )
    assert all(change.who == "alice" for change in history if change.fields)


def test_the_participant_page_hides_sensitive_changes_from_viewers(client, alice, bob, school):
    learner = factories.learner(school)
    client.force_login(alice)
    data = {
        "kind": "learner",
        "first_name": learner.first_name,
        "last_name": learner.last_name,
        "date_of_birth": "2005-01-01",
        "email": learner.email,
        "vet_programme": learner.vet_programme,
        "qualification": learner.qualification,
        "eqf_level": "4",
        "learner_status": "enrolled",
        "compulsory_service_months": "0",
        "fewer_opportunities": "on",
        "fewer_opportunities_categories": ["health"],
        "support_needs": "Daily medication",
        "seen_revision": str(learner.revision),
    }
    client.post(reverse("participants:participant_edit", args=[learner.pk]), data)
    url = reverse("participants:participant_detail", args=[learner.pk])
    assert "Daily medication" in client.get(url).content.decode()
    client.force_login(bob)
    page = client.get(url).content.decode()
    assert "Daily medication" not in page
    assert "fewer opportunities" in page.lower()
