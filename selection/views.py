"""Pages of the participant selection: calls, applications, scores, decisions and the
printable record. Members of the organisation read everything; only its coordinators
change anything (403 for viewers); other organisations get 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core import access
from core.confirmation import unconfirmed_deletions
from core.dates import short_date
from core.errors import errors_to_form
from participants.models import SelectionCall
from projects.selectors import project_get

from . import selectors, services
from .forms import (
    ApplicationForm,
    CallForm,
    CallPlacesForm,
    DecisionForm,
    MobilitiesForm,
    MobilityPlanForm,
    PaperPublishForm,
    ProposalForm,
    ScoreForm,
    WithdrawalForm,
    criterion_formset,
)

# --- Access --------------------------------------------------------------------------------


def _project_for_coordinator(user, pk: int):
    project = project_get(user, pk)
    if not access.is_coordinator(user, project.organisation_id):
        raise PermissionDenied
    return project


def _call_for_coordinator(user, pk: int) -> SelectionCall:
    call = selectors.call_get(user, pk)
    if not access.is_coordinator(user, call.project.organisation_id):
        raise PermissionDenied
    return call


def _application_for_coordinator(user, pk: int):
    application = selectors.application_get(user, pk)
    if not access.is_coordinator(user, application.call.project.organisation_id):
        raise PermissionDenied
    return application


def _application_for_evaluator(user, pk: int):
    application = selectors.application_get(user, pk)
    if not selectors.is_evaluator(user, application.call):
        raise PermissionDenied
    return application


def _messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- Calls ---------------------------------------------------------------------------------


@login_required
def call_list(request, pk: int):
    project = project_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    context = {
        "project": project,
        "calls": selectors.call_list(project),
        "can_edit": access.is_coordinator(request.user, project.organisation_id),
    }
    return render(request, "selection/call_list.html", context)


@login_required
def call_create(request, pk: int):
    project = _project_for_coordinator(request.user, pk)
    call = SelectionCall(project=project)
    form = CallForm(request.POST or None, instance=call)
    criteria = criterion_formset(extra=4)(request.POST or None, instance=call, prefix="criteria")
    if request.method == "POST" and form.is_valid() and criteria.is_valid():
        try:
            call = services.call_create(
                project=project, criteria=criteria.changes(), **form.cleaned_data
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The call is saved as a draft."))
            return redirect("selection:selection_call_detail", pk=call.pk)
    context = {"project": project, "form": form, "criteria": criteria}
    return render(request, "selection/call_form.html", context)


@login_required
def call_edit(request, pk: int):
    call = _call_for_coordinator(request.user, pk)
    if call.status == SelectionCall.Status.DECIDED:
        messages.error(request, _("The selection is decided: the call can no longer change."))
        return redirect("selection:selection_call_detail", pk=call.pk)
    if call.criteria_frozen:
        return _call_places_edit(request, call)
    form = CallForm(request.POST or None, instance=call)
    criteria = criterion_formset(extra=2)(request.POST or None, instance=call, prefix="criteria")
    deletions = []
    if request.method == "POST" and form.is_valid() and criteria.is_valid():
        deletions = unconfirmed_deletions(request, criteria, _criterion_deletion)
    if request.method == "POST" and form.is_valid() and criteria.is_valid() and not deletions:
        try:
            services.call_update(call=call, criteria=criteria.changes(), data=form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The call is saved."))
            return redirect("selection:selection_call_detail", pk=call.pk)
    context = {
        "project": call.project,
        "call": call,
        "form": form,
        "criteria": criteria,
        "deletions": deletions,
    }
    return render(request, "selection/call_form.html", context)


def _criterion_deletion(criterion) -> str:
    return _("Criterion “%(name)s” (weight %(weight)s)") % {
        "name": criterion.name,
        "weight": floatformat(criterion.weight, "-2"),
    }


def _call_places_edit(request, call: SelectionCall):
    form = CallPlacesForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(call=call, data={"places": form.cleaned_data["places"]})
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The number of places is saved."))
            return redirect("selection:selection_call_detail", pk=call.pk)
    context = {
        "project": call.project,
        "call": call,
        "form": form,
        "criteria_list": selectors.call_criteria(call),
    }
    return render(request, "selection/call_form.html", context)


@login_required
def call_detail(request, pk: int):
    call = selectors.call_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    organisation_id = call.project.organisation_id
    ranking = selectors.call_ranking(call)
    context = {
        "project": call.project,
        "call": call,
        "ranking": ranking,
        "can_edit": access.is_coordinator(request.user, organisation_id),
        "is_evaluator": selectors.is_evaluator(request.user, call),
        "scored_by_me": _scored_by(ranking, request.user),
        "closing_passed": call.closes_on < timezone.localdate(),
    }
    return render(request, "selection/call_detail.html", context)


def _scored_by(ranking, user) -> set[int]:
    """Applications the user has scored on every criterion."""
    needed = len(ranking.criteria)
    return {
        row.application.pk
        for row in ranking.rows
        if needed
        and sum(1 for s in row.application.scores.all() if s.evaluator_id == user.pk) == needed
    }


@login_required
@require_POST
def call_publish(request, pk: int):
    call = _call_for_coordinator(request.user, pk)
    return _transition(request, call, services.call_publish, _("The call is published."))


@login_required
@require_POST
def call_close(request, pk: int):
    call = _call_for_coordinator(request.user, pk)
    return _transition(request, call, services.call_close, _("The call is closed."))


@login_required
@require_POST
def call_finalise(request, pk: int):
    call = _call_for_coordinator(request.user, pk)
    return _transition(
        request,
        call,
        lambda call: services.call_finalise(call=call, decided_by=request.user),
        _("The selection is recorded as decided."),
    )


def _transition(request, call, service, success: str):
    try:
        service(call=call)
    except ValidationError as error:
        _messages(request, error)
    else:
        messages.success(request, success)
    return redirect("selection:selection_call_detail", pk=call.pk)


# --- Applications and scores ---------------------------------------------------------------


@login_required
def application_create(request, pk: int):
    call = _call_for_coordinator(request.user, pk)
    if not call.accepts_applications:
        messages.error(request, _("Applications are recorded only while the call is published."))
        return redirect("selection:selection_call_detail", pk=call.pk)
    form = ApplicationForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_create(call=call, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The application is recorded."))
            return redirect("selection:selection_call_detail", pk=call.pk)
    context = {"project": call.project, "call": call, "form": form}
    return render(request, "selection/application_form.html", context)


@login_required
def application_edit(request, pk: int):
    application = _application_for_coordinator(request.user, pk)
    call = application.call
    if not call.accepts_applications or application.scores.exists():
        messages.error(
            request,
            _("An application can be changed only while the call is published and unscored."),
        )
        return redirect("selection:selection_call_detail", pk=call.pk)
    form = ApplicationForm(request.POST or None, instance=application, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(application=application, data=form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The application is saved."))
            return redirect("selection:selection_call_detail", pk=call.pk)
    context = {"project": call.project, "call": call, "application": application, "form": form}
    return render(request, "selection/application_form.html", context)


@login_required
def application_score(request, pk: int):
    application = _application_for_evaluator(request.user, pk)
    call = application.call
    if not call.accepts_scores:
        messages.error(request, _("Scores are given while the call is published or closed."))
        return redirect("selection:selection_call_detail", pk=call.pk)
    criteria = selectors.call_criteria(call)
    points = selectors.evaluator_points(application, request.user)
    form = ScoreForm(request.POST or None, criteria=criteria, points=points)
    if request.method == "POST" and form.is_valid():
        try:
            services.scores_save(
                application=application, evaluator=request.user, points=form.points()
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("Your scores for %(name)s are saved.")
                % {"name": application.applicant.full_name},
            )
            return redirect("selection:selection_call_detail", pk=call.pk)
    context = {
        "project": call.project,
        "call": call,
        "application": application,
        "form": form,
        "already_scored": bool(points),
    }
    return render(request, "selection/score_form.html", context)


# --- Decisions and the record --------------------------------------------------------------


@login_required
def call_decisions(request, pk: int):
    call = _call_for_coordinator(request.user, pk)
    ranking = selectors.call_ranking(call)
    rows = _decision_rows(request, call, ranking)
    if request.method == "POST":
        if not call.accepts_decisions:
            messages.error(request, _("Decisions are made once the call is closed."))
            return redirect("selection:selection_call_detail", pk=call.pk)
        if all(form.is_valid() for _row, form in rows):
            decisions = {
                row.application.pk: (
                    form.cleaned_data["decision"],
                    form.cleaned_data["reason"],
                    form.cleaned_data["decided_on"],
                )
                for row, form in rows
            }
            try:
                services.decisions_save(call=call, decided_by=request.user, decisions=decisions)
            except ValidationError as error:
                _messages(request, error)
            else:
                messages.success(request, _("The decisions are saved."))
                return redirect("selection:selection_call_decisions", pk=call.pk)
    context = {
        "project": call.project,
        "call": call,
        "ranking": ranking,
        "rows": rows,
        "proposal_form": ProposalForm(initial={"waiting_list_places": call.places}),
    }
    return render(request, "selection/decisions.html", context)


def _decision_rows(request, call, ranking) -> list:
    data = request.POST if request.method == "POST" else None
    return [
        (
            row,
            DecisionForm(
                data,
                prefix=f"application-{row.application.pk}",
                complete=row.standing.complete,
                initial={
                    "decision": row.application.decision,
                    "reason": row.application.decision_reason,
                    "decided_on": row.application.decided_on,
                },
            ),
        )
        for row in ranking.rows
    ]


@login_required
@require_POST
def call_propose(request, pk: int):
    call = _call_for_coordinator(request.user, pk)
    form = ProposalForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("selection:selection_call_decisions", pk=call.pk)
    try:
        proposal = services.decisions_propose(
            call=call,
            decided_by=request.user,
            waiting_list_places=form.cleaned_data["waiting_list_places"],
        )
    except ValidationError as error:
        _messages(request, error)
    else:
        messages.success(
            request,
            _(
                "Proposed from the ranking: %(selected)d selected, %(waiting)d on the waiting "
                "list, %(refused)d not selected. Check and adjust the decisions below."
            )
            % {
                "selected": proposal.selected,
                "waiting": proposal.waiting_list,
                "refused": proposal.not_selected,
            },
        )
    return redirect("selection:selection_call_decisions", pk=call.pk)


@login_required
def call_record(request, pk: int):
    call = selectors.call_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    context = {"project": call.project, "call": call, "ranking": selectors.call_ranking(call)}
    return render(request, "selection/call_record.html", context)


# --- A selection held on paper -------------------------------------------------------------


def _posted(request):
    # An empty POST is still a submission: its form must say what is missing.
    return request.POST if request.method == "POST" else None


@login_required
def call_publish_paper(request, pk: int):
    call = _call_for_coordinator(request.user, pk)
    if call.status != SelectionCall.Status.DRAFT or call.closes_on >= timezone.localdate():
        messages.error(
            request, _("Only a draft call whose closing date has passed is recorded from paper.")
        )
        return redirect("selection:selection_call_detail", pk=call.pk)
    form = PaperPublishForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.call_publish(call=call, paper_confirmed_by=request.user)
        except ValidationError as error:
            _messages(request, error)
        else:
            messages.success(
                request,
                _(
                    "The call is published as the record of a selection held on paper: "
                    "record its applications and scores, close it, then record the decisions."
                ),
            )
        return redirect("selection:selection_call_detail", pk=call.pk)
    context = {"project": call.project, "call": call, "form": form}
    return render(request, "selection/paper_publish.html", context)


# --- After the decision --------------------------------------------------------------------


@login_required
def application_withdraw(request, pk: int):
    """Asks first, naming who takes the place; the POST records the withdrawal."""
    application = _application_for_coordinator(request.user, pk)
    call = application.call
    refusal = _withdrawal_refusal(call, application)
    form = WithdrawalForm(_posted(request), initial={"withdrawn_on": timezone.localdate()})
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            successor = services.application_withdraw(
                application=application, recorded_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            _withdrawal_message(request, application, successor)
            return redirect("selection:selection_call_detail", pk=call.pk)
    context = {
        "project": call.project,
        "call": call,
        "application": application,
        "form": form,
        "refusal": refusal,
        "successor": None if refusal else services.next_on_waiting_list(call),
    }
    return render(request, "selection/withdraw.html", context)


def _withdrawal_refusal(call, application) -> str:
    if call.status != SelectionCall.Status.DECIDED:
        return _("A withdrawal is recorded once the selection is decided.")
    if application.decision != application.Decision.SELECTED:
        return _("Only a selected applicant can withdraw.")
    return ""


def _withdrawal_message(request, application, successor) -> None:
    name = application.applicant.full_name
    if successor is None:
        messages.warning(
            request,
            _(
                "The withdrawal of %(name)s is recorded. Nobody is on the waiting list: "
                "the place stays free."
            )
            % {"name": name},
        )
        return
    messages.success(
        request,
        _(
            "The withdrawal of %(name)s is recorded. %(next)s moves up from the waiting "
            "list and is selected."
        )
        % {"name": name, "next": successor.applicant.full_name},
    )


@login_required
def call_mobility_plan(request, pk: int):
    call = _call_for_coordinator(request.user, pk)
    form = MobilityPlanForm(_posted(request), instance=call)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.MOBILITY_PLAN_FIELDS}
        try:
            services.call_mobility_plan_update(call=call, data=fields)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The plan of the mobilities is saved."))
            return redirect("selection:selection_call_mobilities", pk=call.pk)
    context = {"project": call.project, "call": call, "form": form}
    return render(request, "selection/mobility_plan_form.html", context)


@login_required
def call_mobilities(request, pk: int):
    """Each selected applicant without a mobility, with what will be created; one POST
    creates the ticked ones, all or nothing."""
    call = _call_for_coordinator(request.user, pk)
    pending = list(selectors.applications_awaiting_mobility(call))
    form = MobilitiesForm(_posted(request), applications=pending)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.mobilities_create(
                call=call, application_ids=form.cleaned_data["applications"]
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            count = len(created)
            messages.success(
                request,
                ngettext(
                    "%(count)d planned mobility is created.",
                    "%(count)d planned mobilities are created.",
                    count,
                )
                % {"count": count},
            )
            return redirect("selection:selection_call_mobilities", pk=call.pk)
    ticked = set(form.data.getlist("applications")) if form.is_bound else None
    others = selectors.other_mobilities(call, pending)
    # An applicant who already goes somewhere in the project is left unticked at first.
    rows = [
        (
            a,
            others.get(a.applicant_id, []),
            str(a.pk) in ticked if ticked is not None else not others.get(a.applicant_id),
        )
        for a in pending
    ]
    context = {
        "project": call.project,
        "call": call,
        "form": form,
        "rows": rows,
        "created": selectors.applications_with_mobility(call),
        "missing": call.mobility_plan_missing,
        "period": _period(call),
    }
    return render(request, "selection/mobilities.html", context)


def _period(call) -> str:
    if not (call.mobility_starts_on and call.mobility_ends_on):
        return ""
    return f"{short_date(call.mobility_starts_on)} – {short_date(call.mobility_ends_on)}"
