"""Writes of the selection of participants. What may change depends on the call's status,
so that criteria are known before anyone applies and the record stays as decided:

| status    | call               | criteria | applications          | scores | decisions |
|-----------|--------------------|----------|-----------------------|--------|-----------|
| draft     | every field        | edited   | -                     | -      | -         |
| published | number of places   | frozen   | added; edited unscored| given  | -         |
| closed    | number of places   | frozen   | frozen                | given  | made      |
| decided   | frozen             | frozen   | frozen                | frozen | withdrawal|

A call whose closing date has passed is published only as the record of a selection held
on paper, confirmed by a coordinator. The plan of the mobilities (activity, goal, host,
dates) may change in any status: the applicants were not judged on it. After the decision,
a selected applicant may withdraw; the first on the waiting list by rank takes the place.

Every service locks the call's row first (SELECT ... FOR UPDATE on PostgreSQL), so that a
status change and a write racing it cannot both succeed.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.dates import short_date
from core.services import model_update
from mobilities.models import Mobility
from mobilities.services import mobility_cancel, mobility_create
from participants.models import (
    Participant,
    SelectionApplication,
    SelectionCall,
    SelectionCriterion,
    SelectionScore,
)
from projects.models import Project

from . import selectors

Status = SelectionCall.Status
Decision = SelectionApplication.Decision
# The fields of a call that may still change once it is published.
FIELDS_OPEN_AFTER_PUBLISHING = {"places"}


@dataclass(frozen=True)
class CriterionChange:
    """A criterion to add (criterion=None), change, or delete (delete=True)."""

    name: str = ""
    description: str = ""
    weight: Decimal | None = None
    max_score: int | None = None
    criterion: SelectionCriterion | None = None
    delete: bool = False


def _locked(call: SelectionCall) -> SelectionCall:
    locked = SelectionCall.objects.select_for_update().get(pk=call.pk)
    call.status = locked.status
    return call


def _refuse(message: str, field: str | None = None):
    raise ValidationError({field: message} if field else message)


# --- Calls and criteria -------------------------------------------------------------------


@transaction.atomic
def call_create(
    *,
    project: Project,
    title: str,
    activity_types: list[str],
    description: str,
    opens_on: date,
    closes_on: date,
    places: int,
    criteria: Sequence[CriterionChange] = (),
) -> SelectionCall:
    """A new call, in draft, with its criteria."""
    call = SelectionCall(
        project=project,
        title=title,
        activity_types=list(activity_types),
        description=description,
        opens_on=opens_on,
        closes_on=closes_on,
        places=places,
    )
    call.full_clean()
    call.save()
    _apply_criteria(call, criteria)
    return call


# What the call's and the application's edit pages change.
CALL_FIELDS = ("title", "activity_types", "description", "opens_on", "closes_on", "places")
APPLICATION_FIELDS = ("applicant", "submitted_on", "motivation")


@transaction.atomic
def call_update(
    *,
    call: SelectionCall,
    data: Mapping[str, Any] | None = None,
    criteria: Sequence[CriterionChange] = (),
) -> SelectionCall:
    """Change a call; once published only its number of places, and never its criteria."""
    fields = dict(data or {})
    _locked(call)
    if call.status == Status.DECIDED:
        _refuse(_("The selection is decided: the call can no longer change."))
    if call.criteria_frozen:
        _check_open_fields(call, fields)
        if criteria:
            _refuse(_("The criteria were published with the call and can no longer change."))
        if "places" in fields:
            _check_places(call, fields["places"])
    model_update(instance=call, fields=CALL_FIELDS, data=fields)
    call.full_clean()
    call.save()
    _apply_criteria(call, criteria)
    return call


def _check_open_fields(call: SelectionCall, fields: dict) -> None:
    frozen = {
        name: _("The call is published: this field can no longer change.")
        for name, value in fields.items()
        if name not in FIELDS_OPEN_AFTER_PUBLISHING and getattr(call, name) != value
    }
    if frozen:
        raise ValidationError(frozen)


def _check_places(call: SelectionCall, places: int) -> None:
    selected = call.applications.filter(decision=Decision.SELECTED).count()
    if places is not None and places < selected:
        _refuse(
            ngettext(
                "%(count)d applicant is already selected: keep at least that many places.",
                "%(count)d applicants are already selected: keep at least that many places.",
                selected,
            )
            % {"count": selected},
            "places",
        )


def _apply_criteria(call: SelectionCall, changes: Sequence[CriterionChange]) -> None:
    for change in changes:
        if change.criterion is not None and change.criterion.call_id != call.pk:
            _refuse(_("This criterion belongs to another call."))
        if change.delete:
            if change.criterion is not None:
                change.criterion.delete()
            continue
        criterion = change.criterion or SelectionCriterion(call=call)
        criterion.name = change.name
        criterion.description = change.description
        criterion.weight = change.weight
        criterion.max_score = change.max_score
        criterion.full_clean()
        criterion.save()


# --- Status --------------------------------------------------------------------------------


@transaction.atomic
def call_publish(
    *, call: SelectionCall, today: date | None = None, paper_confirmed_by=None
) -> SelectionCall:
    """Publish a draft call: its criteria and weights are then frozen. Once its closing
    date has passed, only as the record of a selection held on paper, which the
    coordinator `paper_confirmed_by` confirms."""
    today = today or timezone.localdate()
    _locked(call)
    if call.status != Status.DRAFT:
        _refuse(_("Only a draft call can be published."))
    if not call.criteria.exists():
        _refuse(_("Add at least one criterion before publishing the call."))
    paper = call.closes_on < today
    if paper and paper_confirmed_by is None:
        _refuse(
            _(
                "The closing date has passed: move it before publishing the call, or "
                "publish it as the record of a selection held on paper."
            ),
            "closes_on",
        )
    return _set_status(
        call,
        Status.PUBLISHED,
        published_at=timezone.now(),
        paper_record=paper,
        paper_confirmed_by=paper_confirmed_by if paper else None,
    )


@transaction.atomic
def call_close(*, call: SelectionCall, today: date | None = None) -> SelectionCall:
    """Close a published call once its closing date has passed: no more applications."""
    today = today or timezone.localdate()
    _locked(call)
    if call.status != Status.PUBLISHED:
        _refuse(_("Only a published call can be closed."))
    if today <= call.closes_on:
        _refuse(
            _("The call accepts applications until %(day)s; close it after that day.")
            % {"day": short_date(call.closes_on)}
        )
    return _set_status(call, Status.CLOSED, closed_at=timezone.now())


@transaction.atomic
def call_finalise(*, call: SelectionCall, decided_by) -> SelectionCall:
    """Record the selection as decided: every application has a decision, at most as many
    selected as places. Nothing of the call changes afterwards."""
    _locked(call)
    if call.status != Status.CLOSED:
        _refuse(_("Only a closed call can be marked as decided."))
    undecided = call.applications.filter(decision="").count()
    if undecided:
        _refuse(
            _("Decide on every application first; %(count)d still without a decision.")
            % {"count": undecided}
        )
    return _set_status(call, Status.DECIDED, decided_at=timezone.now(), decided_by=decided_by)


def _set_status(call: SelectionCall, status: str, **fields) -> SelectionCall:
    call.status = status
    for name, value in fields.items():
        setattr(call, name, value)
    call.full_clean()
    call.save()
    return call


# --- Applications --------------------------------------------------------------------------


@transaction.atomic
def application_create(
    *, call: SelectionCall, applicant: Participant, motivation: str, submitted_on: date
) -> SelectionApplication:
    _locked(call)
    if not call.accepts_applications:
        _refuse(_("Applications are recorded only while the call is published."))
    application = SelectionApplication(
        call=call, applicant=applicant, motivation=motivation, submitted_on=submitted_on
    )
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def application_update(
    *, application: SelectionApplication, data: Mapping[str, Any]
) -> SelectionApplication:
    """Change an application nobody has scored yet, while the call is published."""
    _locked(application.call)
    if not application.call.accepts_applications:
        _refuse(_("Applications can be changed only while the call is published."))
    if application.scores.exists():
        _refuse(_("This application has been scored: it can no longer change."))
    model_update(instance=application, fields=APPLICATION_FIELDS, data=data)
    application.full_clean()
    application.save()
    return application


# --- Scores --------------------------------------------------------------------------------


@transaction.atomic
def scores_save(
    *, application: SelectionApplication, evaluator, points: Mapping[int, int]
) -> list[SelectionScore]:
    """The evaluator's points for the application, by criterion id: a score given earlier
    is changed (and its time updated) only when its points change."""
    call = _locked(application.call)
    if not call.accepts_scores:
        _refuse(_("Scores are given while the call is published or closed."))
    criteria = {c.pk: c for c in call.criteria.all()}
    existing = {s.criterion_id: s for s in application.scores.filter(evaluator=evaluator)}
    now = timezone.now()
    saved = []
    for criterion_id, value in points.items():
        if criterion_id not in criteria:
            _refuse(_("Choose a criterion of the application's call."))
        score = existing.get(criterion_id) or SelectionScore(
            application=application, criterion=criteria[criterion_id], evaluator=evaluator
        )
        if score.pk and score.points == value:
            continue
        score.points, score.scored_at = value, now
        score.full_clean()
        score.save()
        saved.append(score)
    return saved


# --- Decisions -----------------------------------------------------------------------------


@transaction.atomic
def decisions_save(
    *, call: SelectionCall, decided_by, decisions: Mapping[int, tuple], today: date | None = None
) -> int:
    """Decisions by application id: (decision, reason) or (decision, reason, decision
    date); "" undoes a decision, and a decision without a date is dated today. Who decided
    and when changes only for the applications whose decision, reason or date changes.
    Returns how many changed."""
    _locked(call)
    if not call.accepts_decisions:
        _refuse(_("Decisions are made once the call is closed, and not after it is decided."))
    ranking = selectors.call_ranking(call).by_application()
    today = today or timezone.localdate()
    changed = 0
    for application_id, (decision, reason, *decided_on) in decisions.items():
        if application_id not in ranking:
            _refuse(_("This application belongs to another call."))
        if decision == Decision.WITHDRAWN:
            _refuse(_("A withdrawal is recorded once the selection is decided."))
        row = ranking[application_id]
        _check_complete(row, decision)
        day = (decided_on[0] if decided_on else None) or today
        changed += _decide(row.application, decision, reason, decided_by, day)
    _check_selected_within_places(call)
    return changed


def _check_complete(row, decision: str) -> None:
    if decision in (Decision.SELECTED, Decision.WAITING_LIST) and not row.standing.complete:
        _refuse(
            _(
                "%(name)s is not fully scored: an incomplete application can only be "
                "marked “Not selected”."
            )
            % {"name": row.application.applicant.full_name}
        )


def _check_selected_within_places(call: SelectionCall) -> None:
    selected = call.applications.filter(decision=Decision.SELECTED).count()
    if selected > call.places:
        _refuse(
            ngettext(
                "%(count)d applicants are selected but the call has %(places)d place.",
                "%(count)d applicants are selected but the call has %(places)d places.",
                call.places,
            )
            % {"count": selected, "places": call.places}
        )


def _decide(
    application: SelectionApplication, decision: str, reason: str, user, decided_on: date
) -> int:
    reason = reason.strip()
    decided_on = decided_on if decision else None
    current = (application.decision, application.decision_reason, application.decided_on)
    if current == (decision, reason, decided_on):
        return 0
    application.decision, application.decision_reason = decision, reason
    application.decided_on = decided_on
    if decision:
        application.decided_by, application.decided_at = user, timezone.now()
    else:
        application.decided_by = application.decided_at = None
    try:
        application.full_clean()
    except ValidationError as error:
        name = application.applicant.full_name
        raise ValidationError([f"{name}: {message}" for message in error.messages]) from error
    application.save()
    return 1


@dataclass(frozen=True)
class Proposal:
    selected: int
    waiting_list: int
    not_selected: int


@transaction.atomic
def decisions_propose(*, call: SelectionCall, decided_by, waiting_list_places: int) -> Proposal:
    """Decide from the ranking: the top `places` selected, the next `waiting_list_places`
    on the waiting list, the others not selected, each with its rank as the reason. It
    replaces the decisions of every ranked application; the coordinator adjusts them
    afterwards. Incomplete applications must be decided (not selected) by hand first."""
    _locked(call)
    if not call.accepts_decisions:
        _refuse(_("Decisions are made once the call is closed, and not after it is decided."))
    ranking = selectors.call_ranking(call)
    undecided = [row for row in ranking.incomplete if not row.application.decision]
    if undecided:
        names = ", ".join(row.application.applicant.full_name for row in undecided)
        _refuse(
            _(
                "Not fully scored: %(names)s. Finish the scores, or mark these applications "
                "“Not selected” with a reason, before deciding from the ranking."
            )
            % {"names": names}
        )
    counts = dict.fromkeys(Decision.values, 0)
    today = timezone.localdate()
    for row in ranking.ranked:
        decision, reason = _proposed(row, call.places, waiting_list_places, len(ranking.ranked))
        application = row.application
        unchanged = (application.decision, application.decision_reason) == (decision, reason)
        day = application.decided_on if unchanged and application.decided_on else today
        _decide(application, decision, reason, decided_by, day)
        counts[decision] += 1
    return Proposal(
        counts[Decision.SELECTED], counts[Decision.WAITING_LIST], counts[Decision.NOT_SELECTED]
    )


def _proposed(row, places: int, waiting: int, count: int) -> tuple[str, str]:
    rank = row.standing.rank
    values = {
        "rank": rank,
        "count": count,
        "score": number_format(row.standing.score, 2),
        "places": places,
        "waiting": waiting,
        "position": rank - places,
    }
    if rank <= places:
        return Decision.SELECTED, ngettext(
            "Rank %(rank)d of %(count)d with %(score)s points, within the %(places)d place.",
            "Rank %(rank)d of %(count)d with %(score)s points, within the %(places)d places.",
            places,
        ) % values
    if rank <= places + waiting:
        return Decision.WAITING_LIST, ngettext(
            "Rank %(rank)d of %(count)d with %(score)s points, below the %(places)d place: "
            "waiting list position %(position)d.",
            "Rank %(rank)d of %(count)d with %(score)s points, below the %(places)d places: "
            "waiting list position %(position)d.",
            places,
        ) % values
    return Decision.NOT_SELECTED, ngettext(
        "Rank %(rank)d of %(count)d with %(score)s points, below the %(places)d places "
        "and the waiting list (places: %(waiting)d).",
        "Rank %(rank)d of %(count)d with %(score)s points, below the %(places)d places "
        "and the waiting list (places: %(waiting)d).",
        places,
    ) % values


# --- After the decision: withdrawals -------------------------------------------------------

# A mobility already under way or done is ended on its own page, not by a withdrawal.
MOBILITY_STATUSES_WITHDRAWAL_CANCELS = (
    Mobility.Status.PLANNED,
    Mobility.Status.APPROVED,
    Mobility.Status.CONTRACTED,
)


def next_on_waiting_list(call: SelectionCall) -> SelectionApplication | None:
    """The first application on the waiting list by rank, if any."""
    for row in selectors.call_ranking(call).ranked:
        if row.application.decision == Decision.WAITING_LIST:
            return row.application
    return None


@transaction.atomic
def application_withdraw(
    *,
    application: SelectionApplication,
    withdrawn_on: date,
    reason: str,
    recorded_by,
    today: date | None = None,
) -> SelectionApplication | None:
    """A selected applicant gives up the place once the selection is decided: the place
    goes to the first on the waiting list by rank, dated the day of the withdrawal.
    A planned mobility of the applicant is cancelled. Returns who moved up, if anyone."""
    call = _locked(application.call)
    application.refresh_from_db()
    today = today or timezone.localdate()
    if call.status != Status.DECIDED:
        _refuse(_("A withdrawal is recorded once the selection is decided."))
    if application.decision != Decision.SELECTED:
        _refuse(_("Only a selected applicant can withdraw."))
    reason = reason.strip()
    if not reason:
        _refuse(_("Give the reason for the withdrawal."), "reason")
    _check_withdrawal_date(application, withdrawn_on, today)
    _cancel_mobility(application)
    application.decision = Decision.WITHDRAWN
    application.withdrawn_on, application.withdrawal_reason = withdrawn_on, reason
    application.full_clean()
    application.save()
    successor = next_on_waiting_list(call)
    if successor is not None:
        successor.decision = Decision.SELECTED
        successor.decision_reason = _("Place freed by the withdrawal of %(name)s.") % {
            "name": application.applicant.full_name
        }
        successor.decided_on = withdrawn_on
        successor.decided_by, successor.decided_at = recorded_by, timezone.now()
        successor.full_clean()
        successor.save()
    return successor


def _check_withdrawal_date(application, withdrawn_on: date, today: date) -> None:
    if withdrawn_on > today:
        _refuse(_("The withdrawal date cannot be in the future."), "withdrawn_on")
    if application.decided_on and withdrawn_on < application.decided_on:
        _refuse(
            _("The applicant was selected on %(day)s: give a withdrawal date on or after it.")
            % {"day": short_date(application.decided_on)},
            "withdrawn_on",
        )


def _cancel_mobility(application: SelectionApplication) -> None:
    mobility = application.mobility
    if mobility is None or mobility.status == Mobility.Status.CANCELLED:
        return
    if mobility.status not in MOBILITY_STATUSES_WITHDRAWAL_CANCELS:
        _refuse(
            _(
                "The mobility of %(name)s is %(status)s: end it on the mobility's page "
                "instead of recording a withdrawal."
            )
            % {"name": application.applicant.full_name, "status": mobility.get_status_display()}
        )
    mobility_cancel(mobility=mobility)


# --- After the decision: the planned mobilities ---------------------------------------------

MOBILITY_PLAN_FIELDS = (
    "mobility_activity_type",
    "mobility_goal",
    "mobility_host",
    "mobility_starts_on",
    "mobility_ends_on",
)


@transaction.atomic
def call_mobility_plan_update(*, call: SelectionCall, data: Mapping[str, Any]) -> SelectionCall:
    """The activity, goal, host and dates of the call's mobilities, in any status."""
    _locked(call)
    if set(data) - set(MOBILITY_PLAN_FIELDS):
        _refuse(_("Only the plan of the mobilities can change here."))
    model_update(instance=call, fields=MOBILITY_PLAN_FIELDS, data=data)
    call.full_clean()
    call.save(update_fields=list(data))
    return call


def planned_mobility_fields(call: SelectionCall, application: SelectionApplication) -> dict:
    """What the mobility service is given for a selected applicant: the participant and
    the call's plan; the trip goes from the school's city to the host's."""
    organisation, host = call.project.organisation, call.mobility_host
    return {
        "project": call.project,
        "participant": application.applicant,
        "activity_type": call.mobility_activity_type,
        "host": host,
        "origin_city": organisation.city,
        "origin_country": organisation.country,
        "destination_city": host.city if host else "",
        "destination_country": host.country if host else "",
        "start_date": call.mobility_starts_on,
        "end_date": call.mobility_ends_on,
        "status": Mobility.Status.PLANNED,
    }


@transaction.atomic
def mobilities_create(*, call: SelectionCall, application_ids: Sequence[int]) -> list[Mobility]:
    """A planned mobility for each chosen selected applicant without one, through the
    mobility service (validated, budget recomputed), linked to the application. All or
    nothing: if one breaks a rule, none is created and the error names each applicant."""
    _locked(call)
    if call.status != Status.DECIDED:
        _refuse(_("Mobilities are created once the selection is decided."))
    missing = call.mobility_plan_missing
    if missing:
        _refuse(
            _("Complete the plan of the mobilities first: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    if not application_ids:
        _refuse(_("Tick at least one applicant."))
    pending = {a.pk: a for a in selectors.applications_awaiting_mobility(call)}
    if set(application_ids) - set(pending):
        _refuse(_("Choose selected applicants of this call who have no mobility yet."))
    created, problems = [], []
    for application_id in application_ids:
        application = pending[application_id]
        try:
            planned = planned_mobility_fields(call, application)
            mobility = mobility_create(
                project=planned.pop("project"), goals=[call.mobility_goal], data=planned
            )
        except ValidationError as error:
            problems += [
                f"{application.applicant.full_name}: {message}" for message in error.messages
            ]
            continue
        application.mobility = mobility
        application.save(update_fields=["mobility"])
        created.append(mobility)
    if problems:
        # Raising rolls back the mobilities already created in this transaction.
        raise ValidationError(problems)
    return created
