"""The selection's rules as the services enforce them, whatever page or command calls."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from participants.models import SelectionApplication, SelectionCriterion, SelectionScore
from selection import services
from tests import factories
from tests.selection import factories as sel

pytestmark = pytest.mark.django_db

Decision = SelectionApplication.Decision


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- Calls and criteria -------------------------------------------------------------------


def test_a_new_call_is_a_draft_with_its_criteria(project):
    call = sel.call(project)
    assert call.status == "draft"
    assert list(call.criteria.values_list("name", flat=True)) == [
        "Motivation",
        "Professional skills",
        "Language skills",
    ]


def test_it_refuses_a_call_closing_before_it_opens(project):
    with pytest.raises(ValidationError) as error:
        sel.call(project, opens_on=sel.today(), closes_on=sel.today() - timedelta(days=1))
    assert "closes_on" in error.value.message_dict


def test_it_refuses_a_call_without_activity_types(project):
    with pytest.raises(ValidationError) as error:
        sel.call(project, activity_types=[])
    assert "activity_types" in error.value.message_dict


@pytest.mark.parametrize("weight", ["0", "-5"])
def test_it_refuses_a_weight_that_is_not_positive(project, weight):
    with pytest.raises(ValidationError) as error:
        sel.call(project, criteria=[("Motivation", weight, 10)])
    assert "weight" in error.value.message_dict


def test_the_database_refuses_a_weight_that_is_not_positive(project):
    call = sel.call(project)
    with pytest.raises(IntegrityError), transaction.atomic():
        SelectionCriterion.objects.create(call=call, name="X", weight=0, max_score=5)


def test_it_refuses_two_criteria_with_the_same_name(project):
    with pytest.raises(ValidationError):
        sel.call(project, criteria=[("Motivation", "1", 10), ("Motivation", "2", 10)])


def test_criteria_can_change_while_the_call_is_a_draft(project):
    call = sel.call(project)
    first = call.criteria.first()
    services.call_update(
        call=call,
        criteria=[
            services.CriterionChange(
                name="Motivation", description="", weight=Decimal("50"), max_score=10,
                criterion=first,
            ),
            services.CriterionChange(criterion=call.criteria.last(), delete=True),
        ],
    )  # fmt: skip
    assert call.criteria.count() == 2
    assert call.criteria.get(name="Motivation").weight == Decimal("50")


def test_criteria_are_frozen_once_the_call_is_published(project):
    call = sel.call(project, status="published")
    change = services.CriterionChange(
        name="Motivation", description="", weight=Decimal("90"), max_score=10,
        criterion=call.criteria.first(),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="can no longer change"):
        services.call_update(call=call, criteria=[change])
    assert call.criteria.first().weight == Decimal("40")


def test_only_the_number_of_places_changes_once_published(project):
    call = sel.call(project, status="published")
    services.call_update(call=call, data={"places": 5})
    assert call.places == 5
    with pytest.raises(ValidationError) as error:
        services.call_update(call=call, data={"title": "Cits nosaukums"})
    assert "title" in error.value.message_dict


def test_a_call_needs_a_criterion_before_publishing(project):
    call = sel.call(project, criteria=[])
    with pytest.raises(ValidationError, match="at least one criterion"):
        services.call_publish(call=call, today=call.opens_on)


def test_a_call_cannot_be_published_after_its_closing_date(project):
    call = sel.call(project)
    with pytest.raises(ValidationError) as error:
        services.call_publish(call=call, today=call.closes_on + timedelta(days=1))
    assert "closes_on" in error.value.message_dict


def test_publishing_records_when(project):
    call = sel.call(project, status="published")
    call.refresh_from_db()
    assert call.status == "published" and call.published_at is not None


def test_a_call_closes_only_after_its_closing_date(project):
    call = sel.call(project, status="published")
    with pytest.raises(ValidationError, match="close it after that day"):
        services.call_close(call=call, today=call.closes_on)
    services.call_close(call=call, today=call.closes_on + timedelta(days=1))
    assert call.status == "closed"


# --- Applications --------------------------------------------------------------------------


def test_one_application_per_participant_per_call(project):
    call = sel.call(project, status="published")
    learner = factories.learner(project.organisation)
    sel.application(call, learner)
    with pytest.raises(ValidationError, match="already applied"):
        sel.application(call, learner)


def test_the_database_refuses_a_second_application_of_a_participant(project):
    call = sel.call(project, status="published")
    first = sel.application(call)
    with pytest.raises(IntegrityError), transaction.atomic():
        SelectionApplication.objects.create(
            call=call, applicant=first.applicant, motivation="x", submitted_on=sel.today()
        )


def test_the_applicant_belongs_to_the_projects_organisation(project, other_school):
    call = sel.call(project, status="published")
    with pytest.raises(ValidationError) as error:
        sel.application(call, factories.learner(other_school))
    assert "applicant" in error.value.message_dict


def test_a_call_for_learners_refuses_staff(project):
    call = sel.call(project, status="published")
    with pytest.raises(ValidationError, match="VET learner"):
        sel.application(call, factories.staff(project.organisation))


def test_the_submission_date_lies_within_the_call(project):
    call = sel.call(project, status="published")
    with pytest.raises(ValidationError) as error:
        sel.application(call, submitted_on=call.opens_on - timedelta(days=1))
    assert "submitted_on" in error.value.message_dict


def test_applications_are_recorded_only_while_published(project):
    draft = sel.call(project)
    with pytest.raises(ValidationError, match="only while the call is published"):
        sel.application(draft)
    closed = sel.call(project, status="closed")
    with pytest.raises(ValidationError, match="only while the call is published"):
        sel.application(closed)


def test_a_scored_application_can_no_longer_change(project, alice):
    call = sel.call(project, status="published")
    application = sel.application(call)
    sel.score(application, alice, 5, 5, 3)
    with pytest.raises(ValidationError, match="has been scored"):
        services.application_update(application=application, data={"motivation": "Cits teksts"})


# --- Scores --------------------------------------------------------------------------------


def test_an_evaluator_scores_each_criterion_once_and_can_change_it(project, alice):
    call = sel.call(project, status="published")
    application = sel.application(call)
    sel.score(application, alice, 5, 5, 3)
    first = SelectionScore.objects.get(application=application, criterion__name="Motivation")
    sel.score(application, alice, 9, 5, 3)
    assert SelectionScore.objects.filter(application=application).count() == 3
    changed = SelectionScore.objects.get(pk=first.pk)
    assert changed.points == 9 and changed.scored_at >= first.scored_at


def test_an_unchanged_score_keeps_its_time(project, alice):
    call = sel.call(project, status="published")
    application = sel.application(call)
    sel.score(application, alice, 5, 5, 3)
    before = dict(SelectionScore.objects.values_list("pk", "scored_at"))
    assert sel.score(application, alice, 5, 5, 3) == []
    assert dict(SelectionScore.objects.values_list("pk", "scored_at")) == before


def test_the_database_refuses_a_second_score_for_the_same_criterion(project, alice):
    call = sel.call(project, status="published")
    application = sel.application(call)
    sel.score(application, alice, 5, 5, 3)
    score = SelectionScore.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        SelectionScore.objects.create(
            application=application,
            criterion=score.criterion,
            evaluator=alice,
            points=1,
            scored_at=score.scored_at,
        )


def test_points_above_the_maximum_are_refused(project, alice):
    call = sel.call(project, status="published")
    application = sel.application(call)
    with pytest.raises(ValidationError, match="Language skills is scored from 0 to 5"):
        sel.score(application, alice, 5, 5, 6)


def test_evaluators_are_coordinators_of_the_organisation(project, bob, charlie):
    call = sel.call(project, status="published")
    application = sel.application(call)
    for outsider in (bob, charlie):
        with pytest.raises(ValidationError) as error:
            sel.score(application, outsider, 5, 5, 3)
        assert "evaluator" in error.value.message_dict


def test_scores_are_frozen_once_the_selection_is_decided(project, alice):
    call = sel.call(project, status="published")
    application = sel.application(call)
    services.call_close(call=call)
    services.decisions_save(
        call=call, decided_by=alice, decisions={application.pk: ("not_selected", "Atsauca")}
    )
    services.call_finalise(call=call, decided_by=alice)
    with pytest.raises(ValidationError, match="published or closed"):
        sel.score(application, alice, 5, 5, 3)


# --- Decisions -----------------------------------------------------------------------------


@pytest.fixture
def scored_call(project, alice):
    """Four applications scored by alice, closed: Ozols 90, Liepa 70, Egle 50, Bērzs 30."""
    call = sel.call(project, status="published", places=1)
    rows = {}
    for name, points in [("Ozols", 9), ("Liepa", 7), ("Egle", 5), ("Bērzs", 3)]:
        learner = factories.learner(project.organisation, last_name=name)
        rows[name] = sel.application(call, learner)
        sel.score(rows[name], alice, points, points, points / 2)
    services.call_close(call=call)
    return call, rows


def test_decisions_wait_until_the_call_is_closed(project, alice):
    call = sel.call(project, status="published")
    application = sel.application(call)
    with pytest.raises(ValidationError, match="once the call is closed"):
        services.decisions_save(
            call=call, decided_by=alice, decisions={application.pk: ("selected", "")}
        )


def test_a_decision_records_who_and_when(scored_call, alice):
    call, rows = scored_call
    services.decisions_save(
        call=call, decided_by=alice, decisions={rows["Ozols"].pk: ("selected", "")}
    )
    rows["Ozols"].refresh_from_db()
    assert rows["Ozols"].decided_by == alice and rows["Ozols"].decided_at is not None


@pytest.mark.parametrize("decision", ["waiting_list", "not_selected"])
def test_a_refusal_or_waiting_list_needs_a_reason(scored_call, alice, decision):
    call, rows = scored_call
    with pytest.raises(ValidationError, match="Give a reason"):
        services.decisions_save(
            call=call, decided_by=alice, decisions={rows["Egle"].pk: (decision, "  ")}
        )


def test_the_database_refuses_a_refusal_without_a_reason(scored_call, alice):
    _call, rows = scored_call
    with pytest.raises(IntegrityError), transaction.atomic():
        SelectionApplication.objects.filter(pk=rows["Egle"].pk).update(
            decision="not_selected", decided_by=alice, decided_at=timezone.now()
        )


def test_no_more_selected_than_places(scored_call, alice):
    call, rows = scored_call
    decisions = {rows["Ozols"].pk: ("selected", ""), rows["Liepa"].pk: ("selected", "")}
    with pytest.raises(ValidationError, match="2 applicants are selected but the call has 1"):
        services.decisions_save(call=call, decided_by=alice, decisions=decisions)
    assert not SelectionApplication.objects.exclude(decision="").exists()


def test_an_incomplete_application_can_only_be_not_selected(project, alice):
    call = sel.call(project, status="published")
    application = sel.application(call)
    services.call_close(call=call)
    with pytest.raises(ValidationError, match="not fully scored"):
        services.decisions_save(
            call=call, decided_by=alice, decisions={application.pk: ("selected", "")}
        )
    services.decisions_save(
        call=call, decided_by=alice, decisions={application.pk: ("not_selected", "Atsauca")}
    )


def test_deciding_from_the_ranking_fills_places_then_the_waiting_list(scored_call, alice):
    call, rows = scored_call
    proposal = services.decisions_propose(call=call, decided_by=alice, waiting_list_places=2)
    assert (proposal.selected, proposal.waiting_list, proposal.not_selected) == (1, 2, 1)
    decided = {a.applicant.last_name: a for a in call.applications.select_related("applicant")}
    assert decided["Ozols"].decision == Decision.SELECTED
    assert decided["Liepa"].decision == Decision.WAITING_LIST
    assert "waiting list position 1" in decided["Liepa"].decision_reason
    assert decided["Egle"].decision == Decision.WAITING_LIST
    assert decided["Bērzs"].decision == Decision.NOT_SELECTED
    assert "Rank 4 of 4" in decided["Bērzs"].decision_reason


def test_the_proposal_can_be_adjusted_afterwards(scored_call, alice):
    call, rows = scored_call
    services.decisions_propose(call=call, decided_by=alice, waiting_list_places=1)
    services.decisions_save(
        call=call,
        decided_by=alice,
        decisions={
            rows["Ozols"].pk: ("not_selected", "Atteicās no vietas."),
            rows["Liepa"].pk: ("selected", ""),
        },
    )
    rows["Liepa"].refresh_from_db()
    assert rows["Liepa"].decision == Decision.SELECTED


def test_deciding_from_the_ranking_waits_for_incomplete_applications(scored_call, alice):
    call, rows = scored_call
    call.status = "published"
    call.save()
    late = sel.application(call, factories.learner(call.project.organisation, last_name="Vēlā"))
    services.call_close(call=call)
    with pytest.raises(ValidationError, match="Vēlā"):
        services.decisions_propose(call=call, decided_by=alice, waiting_list_places=1)
    services.decisions_save(
        call=call, decided_by=alice, decisions={late.pk: ("not_selected", "Atsauca pieteikumu.")}
    )
    services.decisions_propose(call=call, decided_by=alice, waiting_list_places=1)
    late.refresh_from_db()
    assert late.decision == Decision.NOT_SELECTED and late.decision_reason == "Atsauca pieteikumu."


def test_an_unchanged_decision_keeps_who_and_when(scored_call, alice, school):
    call, rows = scored_call
    services.decisions_save(
        call=call, decided_by=alice, decisions={rows["Ozols"].pk: ("selected", "")}
    )
    other = factories.member(school)
    services.decisions_save(
        call=call, decided_by=other, decisions={rows["Ozols"].pk: ("selected", "")}
    )
    rows["Ozols"].refresh_from_db()
    assert rows["Ozols"].decided_by == alice


def test_the_selection_is_decided_only_when_every_application_is(scored_call, alice):
    call, rows = scored_call
    with pytest.raises(ValidationError, match="4 still without a decision"):
        services.call_finalise(call=call, decided_by=alice)
    services.decisions_propose(call=call, decided_by=alice, waiting_list_places=1)
    services.call_finalise(call=call, decided_by=alice)
    call.refresh_from_db()
    assert call.status == "decided" and call.decided_by == alice


def test_nothing_changes_once_decided(scored_call, alice):
    call, rows = scored_call
    services.decisions_propose(call=call, decided_by=alice, waiting_list_places=1)
    services.call_finalise(call=call, decided_by=alice)
    with pytest.raises(ValidationError):
        services.decisions_save(call=call, decided_by=alice, decisions={rows["Ozols"].pk: ("", "")})
    with pytest.raises(ValidationError):
        services.call_update(call=call, data={"places": 3})
    with pytest.raises(ValidationError):
        sel.score(rows["Ozols"], alice, 1, 1, 1)


def test_places_cannot_drop_below_the_selected(scored_call, alice):
    call, rows = scored_call
    services.call_update(call=call, data={"places": 2})
    services.decisions_propose(call=call, decided_by=alice, waiting_list_places=0)
    with pytest.raises(ValidationError) as error:
        services.call_update(call=call, data={"places": 1})
    assert "places" in error.value.message_dict
