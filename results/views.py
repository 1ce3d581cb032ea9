"""The mobility's results page: each unit of the learning agreement assessed, and the
school's recognition decision; the project's dissemination events (with their evidence,
downloaded privately) and a staff mobility's transfer of learning. Coordinators record,
viewers read; another organisation's project or mobility is a 404."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import access
from core.confirmation import Confirmation, render_confirmation
from core.dates import short_date
from core.downloads import private_stored_file
from core.errors import errors_to_form
from core.listing import filtered, list_page
from mobilities.selectors import mobility_get
from projects.selectors import project_get
from reporting.documents import learning_agreement_applies
from reporting.models import ecvet_total

from . import dissemination, selectors, services, surveys
from .forms import (
    DisseminationEventForm,
    LearningTransferForm,
    OlsAssessmentForm,
    RecognitionForm,
    SurveyQuestionForm,
    UnitAssessmentForm,
)
from .models import DisseminationEvent, SurveyQuestion, SurveyStage
from .services import points_text

ASSESSMENTS, RECOGNITION, OLS = "assessments", "recognition", "ols"


def _unit_forms(rows, data=None) -> list[UnitAssessmentForm]:
    return [
        UnitAssessmentForm(data, instance=row.assessment, prefix=f"unit-{row.unit.pk}")
        for row in rows
    ]


def _save_assessments(request, mobility, rows, forms) -> bool:
    """Every unit's assessment, all or none; False with the errors on the forms."""
    if not all(form.is_valid() for form in forms):
        return False
    try:
        with transaction.atomic():
            for row, form in zip(rows, forms, strict=True):
                current = form  # the form an error belongs to
                services.unit_assessment_save(
                    unit=row.unit, data=form.cleaned_data, user=request.user
                )
    except ValidationError as error:
        errors_to_form(current, error)
        return False
    return True


def _saved(form, save) -> bool:
    """The form's data saved by `save`; False with the errors on the form."""
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as error:
        errors_to_form(form, error)
        return False
    return True


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mobility_results(request, pk: int):
    mobility = mobility_get(request.user, pk)
    coordinator = access.is_coordinator(request.user, mobility.project.organisation_id)
    applies = learning_agreement_applies(mobility)
    if request.method == "POST":
        access.require_coordinator(request.user, mobility.project.organisation_id)
    rows = selectors.unit_rows(mobility) if applies else []
    recognition = selectors.recognition_of(mobility)
    ols = selectors.ols_of(mobility)
    part = request.POST.get("part")
    unit_forms = _unit_forms(rows, request.POST if part == ASSESSMENTS else None)
    recognition_form = RecognitionForm(
        request.POST if part == RECOGNITION else None, instance=recognition
    )
    ols_form = OlsAssessmentForm(request.POST if part == OLS else None, instance=ols)
    status = 200
    if request.method == "POST":
        saved, message = _save_part(
            request, mobility, part, rows, unit_forms, recognition_form, ols_form
        )
        if saved:
            messages.success(request, message)
            return redirect(reverse("results:mobility_results", args=[pk]) + f"#{part}")
        status = 400
    agreed = ecvet_total(row.unit for row in rows)
    context = {
        "mobility": mobility,
        "project": mobility.project,
        "applies": applies,
        "is_coordinator": coordinator,
        "units": list(zip(rows, unit_forms, strict=True)),
        "recognition": recognition,
        "recognition_form": recognition_form,
        "ols": ols,
        "ols_form": ols_form,
        "agreed_points": points_text(agreed) if agreed is not None else None,
    }
    return render(request, "results/mobility_results.html", context, status=status)


def _save_part(request, mobility, part, rows, unit_forms, recognition_form, ols_form):
    """(saved, message) for the part of the page posted."""
    user = request.user
    if part == OLS:
        save = lambda data: services.ols_save(mobility=mobility, data=data, user=user)  # noqa: E731
        return _saved(ols_form, save), _("The OLS levels were saved.")
    if not learning_agreement_applies(mobility):
        return False, ""
    if part == ASSESSMENTS:
        return _save_assessments(request, mobility, rows, unit_forms), _(
            "The assessments were saved."
        )
    if part == RECOGNITION:
        save = lambda data: services.recognition_save(mobility=mobility, data=data, user=user)  # noqa: E731
        return _saved(recognition_form, save), _("The recognition decision was saved.")
    return False, ""


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def recognition_delete(request, pk: int):
    mobility = mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    back = reverse("results:mobility_results", args=[pk])
    recognition = selectors.recognition_of(mobility)
    if recognition is None:
        return redirect(back)
    if request.method == "POST":
        services.recognition_delete(mobility=mobility)
        messages.success(request, _("The recognition decision was removed."))
        return redirect(back)
    confirmation = Confirmation(
        question=_("Remove the recognition decision?"),
        confirm_label=_("Remove the decision"),
        cancel_url=back,
        facts=[
            (_("Participant"), str(mobility.participant)),
            (_("Decision"), recognition.get_decision_display()),
            (_("Decided on"), short_date(recognition.decided_on)),
            (_("Decided by"), recognition.decided_by),
        ],
        losses=[_("The learner's transcript can no longer be made until a decision is recorded.")],
        kept=[_("The history keeps the decision and who removed it.")],
    )
    return render_confirmation(request, confirmation)


# The questionnaires before and after


@login_required
@require_http_methods(["GET", "HEAD"])
def survey_overview(request, pk: int):
    project = project_get(request.user, pk)
    context = {
        "project": project,
        "is_coordinator": access.is_coordinator(request.user, project.organisation_id),
        "stages": surveys.survey_figures(project),
    }
    return render(request, "results/survey_overview.html", context)


def _question_page(request, project, form, question=None, status=200):
    context = {"project": project, "form": form, "question": question}
    return render(request, "results/survey_question_form.html", context, status=status)


def _question_saved(request, project, form, question) -> bool:
    save = lambda data: surveys.survey_question_save(question=question, data=data)  # noqa: E731
    if request.method != "POST" or not _saved(form, save):
        return False
    messages.success(request, _("The question was saved."))
    return True


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_question_create(request, pk: int, stage: str):
    project = project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    if stage not in SurveyStage.values:
        raise Http404
    last = max((q.position for q in surveys.project_questions(project, stage)), default=0)
    question = SurveyQuestion(project=project, stage=stage)
    form = SurveyQuestionForm(
        request.POST or None, instance=question, initial={"position": last + 1}
    )
    if _question_saved(request, project, form, question):
        return redirect(reverse("results:survey_overview", args=[pk]) + f"#{stage}")
    return _question_page(request, project, form, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_question_edit(request, pk: int):
    question = selectors.survey_question_get(request.user, pk)
    project = question.project
    access.require_coordinator(request.user, project.organisation_id)
    form = SurveyQuestionForm(request.POST or None, instance=question)
    if _question_saved(request, project, form, question):
        return redirect(
            reverse("results:survey_overview", args=[project.pk]) + f"#{question.stage}"
        )
    status = 400 if request.method == "POST" else 200
    return _question_page(request, project, form, question, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_question_delete(request, pk: int):
    question = selectors.survey_question_get(request.user, pk)
    project = question.project
    access.require_coordinator(request.user, project.organisation_id)
    back = reverse("results:survey_overview", args=[project.pk]) + f"#{question.stage}"
    answered = question.answers.exists()
    if request.method == "POST" and not answered:
        surveys.survey_question_delete(question=question)
        messages.success(request, _("The question was deleted."))
        return redirect(back)
    confirmation = Confirmation(
        question=_("Delete this question?"),
        confirm_label=_("Delete the question"),
        cancel_url=back,
        facts=[
            (_("Questionnaire"), question.get_stage_display()),
            (_("Question"), question.text(request.LANGUAGE_CODE)),
        ],
        losses=[_("Participants who have not answered yet are no longer asked it.")],
        kept=[_("The history keeps the question.")],
    )
    if answered:
        confirmation.refusal = _("The question has answers: it stays, so that they are not lost.")
    return render_confirmation(request, confirmation)


# The project's dissemination events


@login_required
def dissemination_list(request, pk: int):
    project = project_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    spec = selectors.event_list_spec()
    events = selectors.project_events(project)
    shown, *_rest = filtered(events, request.GET, spec)
    context = {
        "project": project,
        "listing": list_page(events, request.GET, spec),
        "totals": selectors.event_totals(shown),
        "is_coordinator": access.is_coordinator(request.user, project.organisation_id),
    }
    return render(request, "results/dissemination_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_create(request, pk: int):
    project = project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    initial = {}
    mobility_id = request.GET.get("mobility", "")
    if mobility_id.isdigit():
        initial["mobility"] = project.mobilities.filter(pk=int(mobility_id)).first()
    return _event_form(request, project, DisseminationEvent(project=project), initial)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_edit(request, pk: int):
    event = selectors.event_get(request.user, pk)
    access.require_coordinator(request.user, event.project.organisation_id)
    return _event_form(request, event.project, event, {})


def _event_form(request, project, event: DisseminationEvent, initial: dict):
    form = DisseminationEventForm(
        request.POST or None,
        request.FILES or None,
        instance=event,
        initial=initial,
        project=project,
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in dissemination.EVENT_FIELDS}
        try:
            event = dissemination.event_save(
                event=event,
                data=data,
                evidence=form.cleaned_data.get("evidence_file"),
                user=request.user,
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(
                request, _("The event “%(title)s” was saved.") % {"title": event.title}
            )
            return redirect("results:dissemination_list", pk=project.pk)
    context = {"form": form, "project": project, "event": event}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "results/event_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_delete(request, pk: int):
    event = selectors.event_get(request.user, pk)
    access.require_coordinator(request.user, event.project.organisation_id)
    back = reverse("results:dissemination_list", args=[event.project_id])
    if request.method == "POST":
        dissemination.event_delete(event=event, user=request.user)
        messages.success(request, _("The event “%(title)s” was deleted.") % {"title": event.title})
        return redirect(back)
    confirmation = Confirmation(
        question=_("Delete the event “%(title)s”?") % {"title": event.title},
        confirm_label=_("Delete the event"),
        cancel_url=back,
        facts=[
            (_("Date"), short_date(event.held_on)),
            (_("Kind"), event.get_kind_display()),
            (_("Audience"), event.audience),
            (_("Presented by"), event.presented_by),
        ],
        losses=[_("The event, and its evidence file if it has one.")],
        kept=[_("The history keeps the event and who deleted it.")],
    )
    return render_confirmation(request, confirmation)


@login_required
def event_evidence(request, pk: int):
    event = selectors.event_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    if not event.evidence_file:
        raise Http404
    stored = event.evidence_file
    name = event.evidence_name or stored.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return private_stored_file(stored, filename=name, content_type=content_type)


# The transfer of learning of a staff mobility


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def learning_transfer(request, pk: int):
    mobility = mobility_get(request.user, pk)
    if request.method == "POST":
        access.require_coordinator(request.user, mobility.project.organisation_id)
    transfer = selectors.learning_transfer_of(mobility)
    form = LearningTransferForm(request.POST or None, instance=transfer)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in dissemination.TRANSFER_FIELDS}
            try:
                dissemination.learning_transfer_save(
                    mobility=mobility, data=data, user=request.user
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("The transfer of learning was saved."))
                return redirect("results:learning_transfer", pk=mobility.pk)
        status = 400
    context = {
        "mobility": mobility,
        "project": mobility.project,
        "transfer": transfer,
        "form": form,
        "is_coordinator": access.is_coordinator(request.user, mobility.project.organisation_id),
    }
    return render(request, "results/learning_transfer.html", context, status=status)
