"""The selection pages: who may see and change what, forms and their messages."""

from datetime import timedelta

import pytest
from django.urls import reverse

from participants.models import SelectionApplication, SelectionCall, SelectionScore
from selection import services
from tests import factories
from tests.selection import factories as sel

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(project, alice):
    """A published call with one application alice has scored."""
    call = sel.call(project, status="published")
    application = sel.application(
        call,
        factories.learner(
            project.organisation,
            last_name="Kalniņa",
            fewer_opportunities=True,
            fewer_opportunities_categories=["health"],
            support_needs="Ikdienas medikamenti",
        ),
    )
    sel.score(application, alice, 8, 7, 4)
    return call


def read_urls(call):
    return [
        reverse("selection:selection_call_list", args=[call.project_id]),
        reverse("selection:selection_call_detail", args=[call.pk]),
        reverse("selection:selection_call_record", args=[call.pk]),
        reverse("dashboard:project_detail", args=[call.project_id]),
    ]


def edit_urls(call):
    application = call.applications.first()
    return [
        reverse("selection:selection_call_create", args=[call.project_id]),
        reverse("selection:selection_call_edit", args=[call.pk]),
        reverse("selection:selection_application_create", args=[call.pk]),
        reverse("selection:selection_application_edit", args=[application.pk]),
        reverse("selection:selection_application_score", args=[application.pk]),
        reverse("selection:selection_call_decisions", args=[call.pk]),
    ]


POST_ONLY = [
    "selection:selection_call_publish",
    "selection:selection_call_close",
    "selection:selection_call_finalise",
    "selection:selection_call_propose",
]


# --- Access --------------------------------------------------------------------------------


def test_members_read_every_selection_page(client, alice, bob, call):
    for person in (alice, bob):
        client.force_login(person)
        for url in read_urls(call):
            assert client.get(url).status_code == 200, (person, url)


def test_another_organisation_gets_404_everywhere(client, charlie, call):
    client.force_login(charlie)
    for url in read_urls(call)[:3] + edit_urls(call):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    for name in POST_ONLY:
        assert client.post(reverse(name, args=[call.pk])).status_code == 404, name


def test_viewers_change_nothing(client, bob, call):
    client.force_login(bob)
    for url in edit_urls(call):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url
    for name in POST_ONLY:
        assert client.post(reverse(name, args=[call.pk])).status_code == 403, name
    assert SelectionScore.objects.filter(evaluator=bob).count() == 0


def test_viewers_see_no_buttons_that_change_anything(client, bob, call):
    client.force_login(bob)
    page = client.get(reverse("selection:selection_call_detail", args=[call.pk])).content.decode()
    assert reverse("selection:selection_application_create", args=[call.pk]) not in page
    assert reverse("selection:selection_call_close", args=[call.pk]) not in page
    assert "/score/" not in page
    list_page = client.get(reverse("selection:selection_call_list", args=[call.project_id])).content
    assert (
        reverse("selection:selection_call_create", args=[call.project_id]) not in list_page.decode()
    )


def test_anonymous_users_are_sent_to_sign_in(client, call):
    response = client.get(reverse("selection:selection_call_detail", args=[call.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_project_tabs_lead_to_the_selection(client, alice, project):
    client.force_login(alice)
    page = client.get(reverse("dashboard:project_detail", args=[project.pk])).content.decode()
    assert reverse("selection:selection_call_list", args=[project.pk]) in page


def test_fewer_opportunities_details_never_appear_on_selection_pages(client, alice, bob, call):
    for person in (alice, bob):
        client.force_login(person)
        for url in read_urls(call)[:3]:
            page = client.get(url).content.decode()
            assert "Ikdienas medikamenti" not in page
            assert "Health problems" not in page
    client.force_login(alice)
    url = reverse("selection:selection_application_score", args=[call.applications.get().pk])
    page = client.get(url).content.decode()
    assert "Ikdienas medikamenti" not in page and "Health problems" not in page


def test_the_ranking_shows_the_fewer_opportunities_flag_to_viewers(client, bob, call):
    client.force_login(bob)
    response = client.get(reverse("selection:selection_call_detail", args=[call.pk]))
    row = response.context["ranking"].rows[0]
    assert row.application.applicant.fewer_opportunities
    assert "badge text-bg-info" in response.content.decode()


# --- Calls ---------------------------------------------------------------------------------


def call_data(**overrides):
    data = {
        "title": "Prakse Valensijā 2027",
        "activity_types": ["learner_short_term"],
        "description": "Četras nedēļas Valensijā.",
        "opens_on": (sel.today() - timedelta(days=5)).isoformat(),
        "closes_on": (sel.today() + timedelta(days=20)).isoformat(),
        "places": "3",
        "criteria-TOTAL_FORMS": "4",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    criteria = [("Motivācija", "40", "10"), ("Valodas prasmes", "30", "5")]
    for n, (name, weight, max_score) in enumerate(criteria):
        data |= {
            f"criteria-{n}-name": name,
            f"criteria-{n}-weight": weight,
            f"criteria-{n}-max_score": max_score,
            f"criteria-{n}-description": "",
        }
    return data | overrides


def test_a_coordinator_creates_a_call_with_its_criteria(client, alice, project):
    client.force_login(alice)
    response = client.post(
        reverse("selection:selection_call_create", args=[project.pk]), call_data()
    )
    call = SelectionCall.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("selection:selection_call_detail", args=[call.pk])
    assert call.status == "draft"
    assert list(call.criteria.values_list("name", "max_score")) == [
        ("Motivācija", 10),
        ("Valodas prasmes", 5),
    ]


def test_the_call_form_names_the_field_and_the_rule(client, alice, project):
    client.force_login(alice)
    data = call_data(
        closes_on=(sel.today() - timedelta(days=30)).isoformat(),
        **{"criteria-1-weight": "0", "criteria-0-max_score": "500"},
    )
    response = client.post(reverse("selection:selection_call_create", args=[project.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["closes_on"] == [
        "The closing date must be on or after the opening date."
    ]
    criteria = response.context["criteria"]
    assert criteria.forms[1].errors["weight"] == ["The weight must be a positive number."]
    assert criteria.forms[0].errors["max_score"] == [
        "The maximum score is a whole number from 1 to 100."
    ]
    assert not SelectionCall.objects.exists()


def test_the_call_form_refuses_two_criteria_with_one_name(client, alice, project):
    client.force_login(alice)
    data = call_data(**{"criteria-1-name": "motivācija"})
    response = client.post(reverse("selection:selection_call_create", args=[project.pk]), data)
    assert response.status_code == 200
    assert "give each criterion its own name" in str(response.context["criteria"].forms[1].errors)


@pytest.mark.parametrize(
    "field, value",
    [("opens_on", "not a date"), ("places", "-3"), ("places", "many"), ("activity_types", "x")],
)
def test_bad_input_is_an_error_not_a_crash(client, alice, project, field, value):
    client.force_login(alice)
    response = client.post(
        reverse("selection:selection_call_create", args=[project.pk]), call_data(**{field: value})
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_a_broken_management_form_is_an_error_not_a_crash(client, alice, project):
    client.force_login(alice)
    data = call_data(**{"criteria-TOTAL_FORMS": "x"})
    response = client.post(reverse("selection:selection_call_create", args=[project.pk]), data)
    assert response.status_code == 200
    assert not SelectionCall.objects.exists()


def test_a_draft_call_is_edited_with_its_criteria(client, alice, project):
    call = sel.call(project)
    client.force_login(alice)
    form = client.get(reverse("selection:selection_call_edit", args=[call.pk])).context["criteria"]
    data = call_data(
        **{
            "criteria-TOTAL_FORMS": str(len(form.forms)),
            "criteria-INITIAL_FORMS": "3",
            "criteria-0-id": str(form.forms[0].instance.pk),
            "criteria-1-id": str(form.forms[1].instance.pk),
            "criteria-1-DELETE": "on",
            "criteria-2-id": str(form.forms[2].instance.pk),
            "criteria-2-name": "Profesionālās prasmes",
            "criteria-2-weight": "30",
            "criteria-2-max_score": "10",
            "confirm_deletions": "1",
        }
    )
    response = client.post(reverse("selection:selection_call_edit", args=[call.pk]), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert list(call.criteria.values_list("name", flat=True)) == [
        "Motivācija",
        "Profesionālās prasmes",
    ]


def test_a_published_call_offers_only_its_places_to_edit(client, alice, call):
    client.force_login(alice)
    url = reverse("selection:selection_call_edit", args=[call.pk])
    assert list(client.get(url).context["form"].fields) == ["places"]
    response = client.post(url, {"places": "4", "title": "Cits"})
    assert response.status_code == 302
    call.refresh_from_db()
    assert (call.places, call.title.startswith("Prakse")) == (4, True)


def test_publishing_from_the_page(client, alice, project):
    call = sel.call(project, closes_on=sel.today() + timedelta(days=10))
    client.force_login(alice)
    response = client.post(reverse("selection:selection_call_publish", args=[call.pk]), follow=True)
    assert "The call is published." in response.content.decode()
    call.refresh_from_db()
    assert call.status == "published"


def test_a_refused_transition_says_why(client, alice, project):
    call = sel.call(project, criteria=[], closes_on=sel.today() + timedelta(days=10))
    client.force_login(alice)
    response = client.post(reverse("selection:selection_call_publish", args=[call.pk]), follow=True)
    assert "Add at least one criterion before publishing the call." in response.content.decode()


def test_transitions_refuse_get(client, alice, call):
    client.force_login(alice)
    assert client.get(reverse("selection:selection_call_close", args=[call.pk])).status_code == 405


# --- Applications and scores ---------------------------------------------------------------


def test_a_coordinator_records_an_application(client, alice, call):
    learner = factories.learner(call.project.organisation)
    client.force_login(alice)
    url = reverse("selection:selection_application_create", args=[call.pk])
    response = client.post(
        url,
        {
            "applicant": learner.pk,
            "submitted_on": (sel.today() - timedelta(days=3)).isoformat(),
            "motivation": "Gribu apgūt spāņu virtuvi.",
        },
    )
    assert response.status_code == 302
    assert call.applications.filter(applicant=learner).exists()


def test_the_applicant_list_offers_only_those_who_may_apply(client, alice, call, other_school):
    staff = factories.staff(call.project.organisation)
    stranger = factories.learner(other_school)
    client.force_login(alice)
    form = client.get(reverse("selection:selection_application_create", args=[call.pk])).context[
        "form"
    ]
    choices = set(form.fields["applicant"].queryset)
    assert staff not in choices and stranger not in choices
    assert call.applications.get().applicant not in choices


def test_the_application_form_names_the_field_and_the_rule(client, alice, call):
    client.force_login(alice)
    already = call.applications.get().applicant
    url = reverse("selection:selection_application_create", args=[call.pk])
    response = client.post(
        url, {"applicant": already.pk, "submitted_on": "2001-01-01", "motivation": ""}
    )
    errors = response.context["form"].errors
    assert "has not applied yet" in errors["applicant"][0]
    assert errors["motivation"] == ["This field is required."]
    response = client.post(
        url,
        {
            "applicant": factories.learner(call.project.organisation).pk,
            "submitted_on": "2001-01-01",
            "motivation": "Motivācija",
        },
    )
    assert "outside that period" in response.context["form"].errors["submitted_on"][0]


def test_a_scored_application_cannot_be_edited(client, alice, call):
    client.force_login(alice)
    url = reverse("selection:selection_application_edit", args=[call.applications.get().pk])
    response = client.get(url, follow=True)
    assert "published and unscored" in response.content.decode()


def test_an_evaluator_scores_an_application(client, alice, school, call):
    dace = factories.member(school, username="dace")
    application = call.applications.get()
    client.force_login(dace)
    url = reverse("selection:selection_application_score", args=[application.pk])
    fields = list(client.get(url).context["form"].fields)
    response = client.post(url, dict(zip(fields, ["6", "5", "2"], strict=True)))
    assert response.status_code == 302
    assert application.scores.filter(evaluator=dace).count() == 3


def test_the_score_form_shows_and_changes_my_earlier_scores(client, alice, call):
    application = call.applications.get()
    client.force_login(alice)
    url = reverse("selection:selection_application_score", args=[application.pk])
    form = client.get(url).context["form"]
    assert [form[name].value() for name in form.fields] == [8, 7, 4]
    client.post(url, dict(zip(form.fields, ["10", "7", "4"], strict=True)))
    assert application.scores.get(evaluator=alice, criterion__name="Motivation").points == 10


@pytest.mark.parametrize("value", ["6", "-1", "abc", ""])
def test_the_score_form_refuses_points_out_of_range(client, alice, call, value):
    application = call.applications.get()
    client.force_login(alice)
    url = reverse("selection:selection_application_score", args=[application.pk])
    fields = list(client.get(url).context["form"].fields)
    response = client.post(url, dict(zip(fields, ["8", "7", value], strict=True)))
    assert response.status_code == 200
    assert response.context["form"].errors[fields[2]] == ["Language skills: give 0 to 5 points."]


def test_a_superuser_without_membership_is_not_an_evaluator(client, call, django_user_model):
    root = django_user_model.objects.create_superuser("root", "r@example.com", "pw-12345")
    client.force_login(root)
    url = reverse("selection:selection_application_score", args=[call.applications.get().pk])
    assert client.get(url).status_code == 403


# --- Decisions and the record --------------------------------------------------------------


@pytest.fixture
def closed_call(call, alice, project):
    for points in (9, 5):
        application = sel.application(call)
        sel.score(application, alice, points, points, points // 2)
    services.call_close(call=call)
    return call


def decision_data(call, **decisions):
    data = {}
    for application in call.applications.all():
        decision, reason = decisions.get(str(application.pk), ("", ""))
        data[f"application-{application.pk}-decision"] = decision
        data[f"application-{application.pk}-reason"] = reason
    return data


def test_decisions_wait_for_the_call_to_close(client, alice, call):
    client.force_login(alice)
    url = reverse("selection:selection_call_decisions", args=[call.pk])
    page = client.get(url).content.decode()
    assert "Decisions are made once the call is closed." in page
    assert 'id="propose"' not in page
    response = client.post(url, decision_data(call), follow=True)
    assert "Decisions are made once the call is closed." in response.content.decode()


def test_deciding_from_the_ranking_then_adjusting(client, alice, closed_call):
    client.force_login(alice)
    url = reverse("selection:selection_call_propose", args=[closed_call.pk])
    response = client.post(url, {"waiting_list_places": "1"}, follow=True)
    assert "2 selected, 1 on the waiting list, 0 not selected" in response.content.decode()
    last = closed_call.applications.get(decision="waiting_list")
    data = decision_data(
        closed_call,
        **{
            str(a.pk): (a.decision, a.decision_reason)
            for a in closed_call.applications.exclude(pk=last.pk)
        },
        **{str(last.pk): ("not_selected", "Nepietiek vietu.")},
    )
    response = client.post(
        reverse("selection:selection_call_decisions", args=[closed_call.pk]), data
    )
    assert response.status_code == 302
    last.refresh_from_db()
    assert (last.decision, last.decision_reason) == ("not_selected", "Nepietiek vietu.")


def test_the_decisions_form_asks_for_a_reason_next_to_the_field(client, alice, closed_call):
    client.force_login(alice)
    application = closed_call.applications.first()
    data = decision_data(closed_call, **{str(application.pk): ("waiting_list", "")})
    response = client.post(
        reverse("selection:selection_call_decisions", args=[closed_call.pk]), data
    )
    assert response.status_code == 200
    forms = {row.application.pk: form for row, form in response.context["rows"]}
    assert forms[application.pk].errors["reason"] == [
        "Give a reason for “Waiting list”: the applicant has a right to know why."
    ]
    assert not SelectionApplication.objects.exclude(decision="").exists()


def test_selecting_more_than_the_places_is_refused_with_a_message(client, alice, closed_call):
    client.force_login(alice)
    data = decision_data(
        closed_call, **{str(a.pk): ("selected", "") for a in closed_call.applications.all()}
    )
    response = client.post(
        reverse("selection:selection_call_decisions", args=[closed_call.pk]), data, follow=True
    )
    assert "3 applicants are selected but the call has 2 places." in response.content.decode()


def test_a_bad_waiting_list_number_is_a_message_not_a_crash(client, alice, closed_call):
    client.force_login(alice)
    url = reverse("selection:selection_call_propose", args=[closed_call.pk])
    response = client.post(url, {"waiting_list_places": "-2"}, follow=True)
    assert "The waiting list has 0 or more places." in response.content.decode()


def test_the_record_lists_criteria_scores_ranking_and_decisions(client, alice, bob, closed_call):
    services.decisions_propose(call=closed_call, decided_by=alice, waiting_list_places=1)
    services.call_finalise(call=closed_call, decided_by=alice)
    client.force_login(bob)
    page = client.get(
        reverse("selection:selection_call_record", args=[closed_call.pk])
    ).content.decode()
    for text in (
        "Motivation",
        "Professional skills",
        "Language skills",
        "Rank 1 of 3",
        "waiting list position 1",
        "alice",
        "css/print.css",
        "data-print",
        "fewer opportunities first",
    ):
        assert text in page, text
    assert "Ikdienas medikamenti" not in page


def test_the_call_page_links_to_the_record(client, bob, call):
    client.force_login(bob)
    page = client.get(reverse("selection:selection_call_detail", args=[call.pk])).content.decode()
    assert reverse("selection:selection_call_record", args=[call.pk]) in page


def test_pages_are_laid_out_for_small_screens(client, alice, closed_call):
    client.force_login(alice)
    for url in (
        reverse("selection:selection_call_detail", args=[closed_call.pk]),
        reverse("selection:selection_call_list", args=[closed_call.project_id]),
        reverse("selection:selection_call_record", args=[closed_call.pk]),
    ):
        page = client.get(url).content.decode()
        assert 'name="viewport" content="width=device-width' in page
    page = client.get(
        reverse("selection:selection_call_detail", args=[closed_call.pk])
    ).content.decode()
    assert page.count('class="table-responsive"') >= 2


def test_the_call_form_refuses_a_title_used_in_the_project(client, alice, call):
    client.force_login(alice)
    response = client.post(
        reverse("selection:selection_call_create", args=[call.project_id]),
        call_data(title=call.title),
    )
    assert response.context["form"].errors["title"] == [
        "This project already has a call with this title."
    ]


def test_the_places_field_says_its_rule(client, alice, project):
    client.force_login(alice)
    response = client.post(
        reverse("selection:selection_call_create", args=[project.pk]), call_data(places="0")
    )
    assert response.context["form"].errors["places"] == ["A call has at least 1 place."]
