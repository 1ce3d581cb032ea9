"""A selection held on paper recorded afterwards, decisions with their dates, withdrawals
after the decision and the planned mobilities made from the selected applicants."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from mobilities.models import Mobility
from participants.models import SelectionApplication, SelectionCall
from selection import services
from tests import factories
from tests.selection import factories as sel

pytestmark = pytest.mark.django_db

MOBILITY_START, MOBILITY_END = date(2027, 3, 1), date(2027, 3, 26)


def today():
    return sel.today()


def decided_call(project, alice, *, waiting=("Ozola", "Bērziņa"), places=2, **plan):
    """A decided call: Kalniņa and Liepa selected, the `waiting` on the waiting list in
    this order of rank (the later-recorded ranks first), Zariņa not selected."""
    call = sel.call(project, status="published", places=places)
    organisation = project.organisation
    points = {"Kalniņa": (10, 10, 5), "Liepa": (9, 9, 5), "Zariņa": (2, 2, 1)}
    points |= {name: (8 - n, 8 - n, 4) for n, name in enumerate(waiting)}
    order = ["Kalniņa", "Liepa", "Zariņa", *reversed(waiting)]
    applications = {}
    for name in order:
        application = sel.application(call, factories.learner(organisation, last_name=name))
        sel.score(application, alice, *points[name])
        applications[name] = application
    services.call_close(call=call)
    decisions = {
        applications["Kalniņa"].pk: ("selected", "", None),
        applications["Liepa"].pk: ("selected", "", None),
        applications["Zariņa"].pk: ("not_selected", "Zems vērtējums.", None),
    }
    decisions |= {applications[name].pk: ("waiting_list", "Gaida.", None) for name in waiting}
    services.decisions_save(call=call, decided_by=alice, decisions=decisions)
    services.call_finalise(call=call, decided_by=alice)
    if plan:
        services.call_mobility_plan_update(call=call, data=plan)
    return call, applications


def full_plan(project, host):
    return {
        "mobility_activity_type": "learner_short_term",
        "mobility_goal": project.erasmus_plan.goals.get(number=2),
        "mobility_host": host,
        "mobility_starts_on": MOBILITY_START,
        "mobility_ends_on": MOBILITY_END,
    }


# --- A selection held on paper -------------------------------------------------------------


@pytest.fixture
def past_call(project):
    """A draft whose closing date was yesterday."""
    return sel.call(project)


def test_it_refuses_to_publish_a_call_past_its_closing_date_without_the_paper_confirmation(
    client, alice, past_call
):
    client.force_login(alice)
    response = client.post(
        reverse("selection:selection_call_publish", args=[past_call.pk]), follow=True
    )
    past_call.refresh_from_db()
    assert past_call.status == "draft"
    assert "held on paper" in response.content.decode()


def test_the_paper_page_asks_for_the_confirmation(client, alice, past_call):
    client.force_login(alice)
    url = reverse("selection:selection_call_publish_paper", args=[past_call.pk])
    response = client.post(url, {})
    assert response.status_code == 200
    assert "Tick the confirmation" in response.content.decode()
    past_call.refresh_from_db()
    assert past_call.status == "draft"


def test_a_paper_selection_is_published_closed_and_decided_with_dates_and_reasons(
    client, alice, past_call
):
    client.force_login(alice)
    detail = client.get(
        reverse("selection:selection_call_detail", args=[past_call.pk])
    ).content.decode()
    assert reverse("selection:selection_call_publish_paper", args=[past_call.pk]) in detail
    url = reverse("selection:selection_call_publish_paper", args=[past_call.pk])
    client.post(url, {"confirmed": "on"})
    past_call.refresh_from_db()
    assert past_call.status == "published" and past_call.paper_record
    assert past_call.paper_confirmed_by == alice
    selected = sel.application(past_call, factories.learner(past_call.project.organisation))
    refused = sel.application(past_call, factories.learner(past_call.project.organisation))
    sel.score(selected, alice, 9, 9, 5)
    sel.score(refused, alice, 3, 3, 1)
    client.post(reverse("selection:selection_call_close", args=[past_call.pk]))
    past_call.refresh_from_db()
    assert past_call.status == "closed"
    day = today()
    response = client.post(
        reverse("selection:selection_call_decisions", args=[past_call.pk]),
        {
            f"application-{selected.pk}-decision": "selected",
            f"application-{selected.pk}-decided_on": day.strftime("%d/%m/%Y"),
            f"application-{refused.pk}-decision": "not_selected",
            f"application-{refused.pk}-reason": "Nepietiekamas valodas prasmes.",
            f"application-{refused.pk}-decided_on": day.strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    refused.refresh_from_db()
    assert refused.decided_on == day and refused.decision == "not_selected"
    record = client.get(
        reverse("selection:selection_call_record", args=[past_call.pk])
    ).content.decode()
    assert "held on paper" in record
    assert day.strftime("%d/%m/%Y") in record
    assert "Nepietiekamas valodas prasmes." in record


def test_the_decision_date_is_read_as_the_reader_writes_it(client, alice, project):
    call = sel.call(project, status="published")
    application = sel.application(call)
    sel.score(application, alice, 5, 5, 3)
    services.call_close(call=call)
    client.force_login(alice)
    day = today()
    with_dots = day.strftime("%d.%m.%Y.")
    client.cookies["django_language"] = "lv"
    client.post(
        reverse("selection:selection_call_decisions", args=[call.pk]),
        {
            f"application-{application.pk}-decision": "selected",
            f"application-{application.pk}-decided_on": with_dots,
        },
        headers={"accept-language": "lv"},
    )
    application.refresh_from_db()
    assert application.decided_on == day


@pytest.mark.parametrize(
    "offset, message",
    [(1, "cannot be in the future"), (-3, "once the call has closed")],
)
def test_it_refuses_a_decision_date_in_the_future_or_before_the_closing_date(
    client, alice, project, offset, message
):
    call = sel.call(project, status="published")
    application = sel.application(call)
    sel.score(application, alice, 5, 5, 3)
    services.call_close(call=call)
    client.force_login(alice)
    day = today() + timedelta(days=offset)
    response = client.post(
        reverse("selection:selection_call_decisions", args=[call.pk]),
        {
            f"application-{application.pk}-decision": "selected",
            f"application-{application.pk}-decided_on": day.strftime("%d/%m/%Y"),
        },
        follow=True,
    )
    assert message in response.content.decode()
    application.refresh_from_db()
    assert application.decision == ""


# --- Withdrawals ---------------------------------------------------------------------------


def test_the_withdrawal_page_names_who_takes_the_place_before_anything_changes(
    client, alice, project
):
    call, applications = decided_call(project, alice)
    client.force_login(alice)
    url = reverse("selection:selection_application_withdraw", args=[applications["Liepa"].pk])
    page = client.get(url).content.decode()
    assert "Ozola" in page and "first on the waiting list" in page
    assert SelectionApplication.objects.get(pk=applications["Liepa"].pk).decision == "selected"


def test_a_withdrawal_hands_the_place_to_the_first_on_the_waiting_list_by_rank(
    client, alice, project
):
    call, applications = decided_call(project, alice)
    client.force_login(alice)
    day = today()
    response = client.post(
        reverse("selection:selection_application_withdraw", args=[applications["Liepa"].pk]),
        {"withdrawn_on": day.strftime("%d/%m/%Y"), "reason": "Slimības dēļ."},
        follow=True,
    )
    assert "Ozola" in response.content.decode() and "moves up" in response.content.decode()
    withdrawn = SelectionApplication.objects.get(pk=applications["Liepa"].pk)
    assert withdrawn.decision == "withdrawn"
    assert (withdrawn.withdrawn_on, withdrawn.withdrawal_reason) == (day, "Slimības dēļ.")
    moved = SelectionApplication.objects.get(pk=applications["Ozola"].pk)
    assert moved.decision == "selected" and moved.decided_on == day
    assert withdrawn.applicant.full_name in moved.decision_reason
    assert "Place freed by the withdrawal" in moved.decision_reason
    assert SelectionApplication.objects.get(pk=applications["Bērziņa"].pk).decision == (
        "waiting_list"
    )


def test_a_withdrawal_with_nobody_waiting_says_the_place_stays_free(client, alice, project):
    call, applications = decided_call(project, alice, waiting=())
    client.force_login(alice)
    response = client.post(
        reverse("selection:selection_application_withdraw", args=[applications["Liepa"].pk]),
        {"withdrawn_on": today().strftime("%d/%m/%Y"), "reason": "Pārcēlās."},
        follow=True,
    )
    assert "Nobody is on the waiting list" in response.content.decode()
    assert call.applications.filter(decision="selected").count() == 1


def test_a_withdrawal_needs_a_date_and_a_reason(client, alice, project):
    call, applications = decided_call(project, alice)
    client.force_login(alice)
    url = reverse("selection:selection_application_withdraw", args=[applications["Liepa"].pk])
    response = client.post(url, {"withdrawn_on": "", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"withdrawn_on", "reason"}
    assert SelectionApplication.objects.get(pk=applications["Liepa"].pk).decision == "selected"


def test_only_a_selected_applicant_of_a_decided_call_can_withdraw(client, alice, project):
    call, applications = decided_call(project, alice)
    client.force_login(alice)
    url = reverse("selection:selection_application_withdraw", args=[applications["Ozola"].pk])
    response = client.post(url, {"withdrawn_on": today().strftime("%d/%m/%Y"), "reason": "x"})
    assert "Only a selected applicant can withdraw." in response.content.decode()
    assert SelectionApplication.objects.get(pk=applications["Ozola"].pk).decision == (
        "waiting_list"
    )


def test_a_withdrawal_cancels_the_planned_mobility(client, alice, project, host):
    call, applications = decided_call(project, alice, **full_plan(project, host))
    services.mobilities_create(call=call, application_ids=[applications["Liepa"].pk])
    client.force_login(alice)
    client.post(
        reverse("selection:selection_application_withdraw", args=[applications["Liepa"].pk]),
        {"withdrawn_on": today().strftime("%d/%m/%Y"), "reason": "Slimība."},
    )
    mobility = SelectionApplication.objects.get(pk=applications["Liepa"].pk).mobility
    assert mobility.status == Mobility.Status.CANCELLED


# --- Planned mobilities --------------------------------------------------------------------


def test_the_create_page_lists_what_will_be_created_for_each_selected_applicant(
    client, alice, project, host
):
    call, applications = decided_call(project, alice, **full_plan(project, host))
    client.force_login(alice)
    page = client.get(
        reverse("selection:selection_call_mobilities", args=[call.pk])
    ).content.decode()
    assert "Kalniņa" in page and "Liepa" in page
    assert "Ozola" not in page.split('id="pending"')[1].split("</table>")[0]
    assert "01/03/2027" in page and "26/03/2027" in page
    assert "Mērķis 2" in page


def test_it_creates_the_ticked_mobilities_through_the_mobility_service(
    client, alice, project, host
):
    call, applications = decided_call(project, alice, **full_plan(project, host))
    client.force_login(alice)
    url = reverse("selection:selection_call_mobilities", args=[call.pk])
    response = client.post(url, {"applications": [applications["Kalniņa"].pk]})
    assert response.status_code == 302
    application = SelectionApplication.objects.get(pk=applications["Kalniņa"].pk)
    mobility = application.mobility
    assert mobility.participant == application.applicant
    assert mobility.status == "planned" and mobility.activity_type == "learner_short_term"
    assert (mobility.start_date, mobility.end_date) == (MOBILITY_START, MOBILITY_END)
    assert list(mobility.goals.values_list("number", flat=True)) == [2]
    assert (mobility.destination_city, mobility.host) == ("Valencia", host)
    assert mobility.preparation_items.exists()
    assert mobility.grant.individual_support > 0
    assert SelectionApplication.objects.get(pk=applications["Liepa"].pk).mobility is None


def test_a_mobility_is_not_created_twice(client, alice, project, host):
    call, applications = decided_call(project, alice, **full_plan(project, host))
    client.force_login(alice)
    url = reverse("selection:selection_call_mobilities", args=[call.pk])
    client.post(url, {"applications": [applications["Kalniņa"].pk]})
    response = client.post(url, {"applications": [applications["Kalniņa"].pk]})
    assert response.status_code == 200
    assert Mobility.objects.filter(participant=applications["Kalniņa"].applicant).count() == 1


def test_a_row_breaking_a_rule_is_named_and_nothing_is_created(client, alice, project, host):
    call, applications = decided_call(project, alice, **full_plan(project, host))
    graduate = applications["Liepa"].applicant
    graduate.learner_status = "recent_graduate"
    graduate.graduation_date = date(2025, 6, 1)
    graduate.save()
    client.force_login(alice)
    url = reverse("selection:selection_call_mobilities", args=[call.pk])
    ids = [applications["Kalniņa"].pk, applications["Liepa"].pk]
    response = client.post(url, {"applications": ids})
    assert response.status_code == 200
    errors = response.content.decode().split('id="create-errors"')[1].split("</div>")[0]
    assert "Liepa" in errors and "recent graduate" in errors
    assert not Mobility.objects.filter(project=project).exists()
    assert not call.applications.filter(mobility__isnull=False).exists()


def test_the_page_says_what_the_plan_still_needs(client, alice, project):
    call, applications = decided_call(project, alice)
    client.force_login(alice)
    page = client.get(
        reverse("selection:selection_call_mobilities", args=[call.pk])
    ).content.decode()
    assert "Complete the plan of the mobilities first" in page
    response = client.post(
        reverse("selection:selection_call_mobilities", args=[call.pk]),
        {"applications": [applications["Kalniņa"].pk]},
    )
    assert not Mobility.objects.exists()
    assert "the host organisation" in response.content.decode()


def test_the_plan_of_the_mobilities_can_be_set_on_a_decided_call(client, alice, project, host):
    call, _applications = decided_call(project, alice)
    client.force_login(alice)
    goal = project.erasmus_plan.goals.get(number=1)
    response = client.post(
        reverse("selection:selection_call_mobility_plan", args=[call.pk]),
        {
            "mobility_activity_type": "learner_short_term",
            "mobility_goal": goal.pk,
            "mobility_host": host.pk,
            "mobility_starts_on": "01/03/2027",
            "mobility_ends_on": "26/03/2027",
        },
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert (call.mobility_goal, call.mobility_host) == (goal, host)
    assert call.mobility_starts_on == MOBILITY_START


def test_the_plan_offers_only_the_organisations_goals_and_hosts(
    client, alice, project, other_school
):
    call, _applications = decided_call(project, alice)
    foreign_host = factories.partner(other_school)
    client.force_login(alice)
    response = client.post(
        reverse("selection:selection_call_mobility_plan", args=[call.pk]),
        {"mobility_host": foreign_host.pk, "mobility_activity_type": "staff_job_shadowing"},
    )
    assert response.status_code == 200
    assert {"mobility_host", "mobility_activity_type"} <= response.context["form"].errors.keys()
    call.refresh_from_db()
    assert call.mobility_host is None


def test_an_applicant_who_already_goes_somewhere_is_named_and_left_unticked(
    client, alice, project, host
):
    call, applications = decided_call(project, alice, **full_plan(project, host))
    selected = call.applications.filter(decision="selected").order_by("pk").first()
    existing = factories.mobility(project, participant=selected.applicant, host=host)
    client.force_login(alice)
    page = client.get(
        reverse("selection:selection_call_mobilities", args=[call.pk])
    ).content.decode()
    row = page[page.index(f'data-application="{selected.pk}"') :].split("</tr>")[0]
    assert "Already has a mobility in this project:" in row and existing.reference in row
    assert " checked" not in row.split("<label")[0]
    others = [a for a in call.applications.filter(decision="selected") if a.pk != selected.pk]
    for other in others:
        row = page[page.index(f'data-application="{other.pk}"') :].split("</tr>")[0]
        assert " checked" in row and "Already has a mobility" not in row


def test_the_create_page_reads_a_fixed_number_of_queries(
    client, alice, project, host, django_assert_max_num_queries
):
    call, applications = decided_call(project, alice, **full_plan(project, host))
    client.force_login(alice)
    url = reverse("selection:selection_call_mobilities", args=[call.pk])
    client.get(url)
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    organisation = project.organisation
    for n in range(6):
        applicant = factories.learner(organisation, last_name=f"Vēl{n}")
        SelectionApplication.objects.create(
            call=call,
            applicant=applicant,
            motivation="x",
            submitted_on=call.closes_on,
            decision="selected",
            decided_by=alice,
            decided_at=call.decided_at,
            decided_on=call.closes_on,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


# --- Access --------------------------------------------------------------------------------


def new_page_urls(call, applications):
    return [
        reverse("selection:selection_call_publish_paper", args=[call.pk]),
        reverse("selection:selection_application_withdraw", args=[applications["Liepa"].pk]),
        reverse("selection:selection_call_mobility_plan", args=[call.pk]),
        reverse("selection:selection_call_mobilities", args=[call.pk]),
    ]


def test_viewers_of_the_school_get_403_on_the_new_pages(client, alice, bob, project):
    call, applications = decided_call(project, alice)
    client.force_login(bob)
    for url in new_page_urls(call, applications):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url


def test_other_organisations_get_404_on_the_new_pages(client, alice, charlie, project):
    call, applications = decided_call(project, alice)
    client.force_login(charlie)
    for url in new_page_urls(call, applications):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    assert SelectionCall.objects.get(pk=call.pk).status == "decided"
