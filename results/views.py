"""The mobility's results page: each unit of the learning agreement assessed, and the
school's recognition decision. Coordinators record, viewers read; another
organisation's mobility is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import access
from core.confirmation import Confirmation, render_confirmation
from core.dates import short_date
from core.errors import errors_to_form
from mobilities.selectors import mobility_get
from reporting.documents import learning_agreement_applies

from . import selectors, services
from .forms import RecognitionForm, UnitAssessmentForm
from .services import points_text

ASSESSMENTS, RECOGNITION = "assessments", "recognition"


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


def _save_recognition(request, mobility, form) -> bool:
    if not form.is_valid():
        return False
    try:
        services.recognition_save(mobility=mobility, data=form.cleaned_data, user=request.user)
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
    part = request.POST.get("part")
    unit_forms = _unit_forms(rows, request.POST if part == ASSESSMENTS else None)
    recognition_form = RecognitionForm(
        request.POST if part == RECOGNITION else None, instance=recognition
    )
    status = 200
    if request.method == "POST" and applies:
        if part == ASSESSMENTS and _save_assessments(request, mobility, rows, unit_forms):
            messages.success(request, _("The assessments were saved."))
            return redirect(reverse("results:mobility_results", args=[pk]) + "#units")
        if part == RECOGNITION and _save_recognition(request, mobility, recognition_form):
            messages.success(request, _("The recognition decision was saved."))
            return redirect(reverse("results:mobility_results", args=[pk]) + "#recognition")
        status = 400
    agreed = services.agreed_ecvet_points(mobility) if applies else None
    context = {
        "mobility": mobility,
        "project": mobility.project,
        "applies": applies,
        "is_coordinator": coordinator,
        "units": list(zip(rows, unit_forms, strict=True)),
        "recognition": recognition,
        "recognition_form": recognition_form,
        "agreed_points": points_text(agreed) if agreed is not None else None,
    }
    return render(request, "results/mobility_results.html", context, status=status)


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
