"""Pages of documents and the final report. Every view finds its object through a
selector scoped to the user (another organisation's object is a 404); coordinators
generate and edit, viewers read and download. Nothing here renders a PDF: requests queue
documents, Celery workers render them, and the pages poll their status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import access
from core.downloads import private_bytes, private_stored_file
from core.errors import errors_to_form
from mobilities.selectors import mobility_get
from projects.selectors import project_get

from . import bundles, selectors, services, share
from .documents import (
    europass_outcomes_text,
    grant_agreement_terms,
    kinds_for_mobility,
    learning_agreement_details,
)
from .documents import learning_agreement_applies as needs_learning_agreement
from .final_report import final_report as build_final_report
from .final_report import final_report_text
from .forms import (
    DocumentRequestForm,
    FinalReportAnswerForm,
    GrantAgreementTermsForm,
    GrantShareForm,
    LearningAgreementDetailsForm,
    unit_formset,
    unit_rows,
)
from .models import MOBILITY_KINDS, PROJECT_KINDS, DocumentKind, FinalReportSection


def _said_failed(request, document_ids: list[int], label: str) -> bool:
    """Say so when documents just requested failed already, instead of "queued": their
    tasks could not be sent (the broker is down), or, without a broker, rendering them
    in this process failed. True when it said so."""
    failed = list(selectors.failed_documents(document_ids))
    if not failed:
        return False
    values = {"document": label, "reason": failed[0].failure_reason}
    if len(document_ids) == 1:
        messages.error(request, _("%(document)s failed: %(reason)s") % values)
        return True
    values |= {"failed": len(failed), "n": len(document_ids)}
    message = ngettext(
        "%(document)s: %(failed)d of %(n)d document failed: %(reason)s",
        "%(document)s: %(failed)d of %(n)d documents failed: %(reason)s",
        len(document_ids),
    )
    messages.error(request, message % values)
    return True


# Mobility documents


def _request_form(mobility, data=None) -> DocumentRequestForm:
    """The request form; before the end date, with the confirmation of an early issue."""
    early = timezone.localdate() < mobility.end_date
    return DocumentRequestForm(data, kinds=kinds_for_mobility(mobility), early_issue=early)


def _mobility_page(
    request, mobility, *, request_form=None, details_form=None, units_formset=None, status=200
):
    coordinator = access.is_coordinator(request.user, mobility.project.organisation_id)
    kinds = kinds_for_mobility(mobility)
    documents = selectors.mobility_documents(mobility)
    applies = needs_learning_agreement(mobility)
    details = learning_agreement_details(mobility)
    units = selectors.learning_outcome_units(details) if applies else []
    if details_form is None and applies:
        details_form = LearningAgreementDetailsForm(instance=details)
    if units_formset is None and applies and coordinator:
        units_formset = unit_formset(units)
    context = {
        "mobility": mobility,
        "project": mobility.project,
        "is_coordinator": coordinator,
        "kinds": [(kind, DocumentKind(kind).label, documents.get(kind, [])) for kind in kinds],
        "request_form": request_form or _request_form(mobility),
        "details_form": details_form,
        "units": units,
        "units_formset": units_formset,
        "europass_outcomes": europass_outcomes_text(units),
        "learning_agreement_applies": applies,
    }
    return render(request, "reporting/mobility_documents.html", context, status=status)


@login_required
@require_GET
def mobility_documents(request, pk: int):
    return _mobility_page(request, mobility_get(request.user, pk))


@login_required
@require_POST
def mobility_document_request(request, pk: int):
    mobility = mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    form = _request_form(mobility, request.POST)
    if form.is_valid():
        try:
            document = services.document_request(
                project=mobility.project, mobility=mobility, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            if not _said_failed(request, [document.pk], document.get_kind_display()):
                messages.success(
                    request,
                    _("%(document)s is queued; it appears below when it is ready.")
                    % {"document": document.get_kind_display()},
                )
            return redirect(
                reverse("reporting:mobility_documents", args=[pk]) + f"#{document.kind}"
            )
    return _mobility_page(request, mobility, request_form=form, status=400)


@login_required
@require_POST
def learning_agreement_details_edit(request, pk: int):
    mobility = mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    details = learning_agreement_details(mobility)
    form = LearningAgreementDetailsForm(request.POST, instance=details)
    units = unit_formset(selectors.learning_outcome_units(details), request.POST)
    if form.is_valid() and units.is_valid():
        try:
            with transaction.atomic():
                services.learning_agreement_details_update(
                    mobility=mobility, data=form.cleaned_data
                )
                services.learning_outcome_units_replace(mobility=mobility, units=unit_rows(units))
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The learning agreement details were saved."))
            return redirect(
                reverse("reporting:mobility_documents", args=[pk]) + "#learning-agreement"
            )
    return _mobility_page(request, mobility, details_form=form, units_formset=units, status=400)


# Project documents


def _project_page(request, project, *, batch_form=None, terms_form=None, status=200):
    coordinator = access.is_coordinator(request.user, project.organisation_id)
    context = {
        "project": project,
        "is_coordinator": coordinator,
        "rows": selectors.project_document_rows(project),
        "batches": selectors.recent_batches(project),
        "batch_form": batch_form or DocumentRequestForm(kinds=MOBILITY_KINDS),
        "terms_form": terms_form
        or GrantAgreementTermsForm(instance=grant_agreement_terms(project)),
    }
    return render(request, "reporting/project_documents.html", context, status=status)


@login_required
@require_GET
def project_documents(request, pk: int):
    return _project_page(request, project_get(request.user, pk))


@login_required
@require_POST
def project_documents_batch(request, pk: int):
    project = project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    form = DocumentRequestForm(request.POST, kinds=MOBILITY_KINDS)
    if form.is_valid():
        try:
            batch = services.document_batch_request(
                project=project, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            ids = list(batch.documents.values_list("pk", flat=True))
            if not _said_failed(request, ids, batch.get_kind_display()):
                messages.success(
                    request,
                    ngettext(
                        "%(document)s: %(n)d document is queued.",
                        "%(document)s: %(n)d documents are queued.",
                        len(ids),
                    )
                    % {"document": batch.get_kind_display(), "n": len(ids)},
                )
            if batch.skipped_not_ended:
                messages.info(request, services.not_ended_message(batch.skipped_not_ended))
            return redirect(reverse("reporting:project_documents", args=[pk]) + "#batches")
    return _project_page(request, project, batch_form=form, status=400)


@login_required
@require_POST
def grant_agreement_terms_edit(request, pk: int):
    project = project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    form = GrantAgreementTermsForm(request.POST, instance=grant_agreement_terms(project))
    if form.is_valid():
        try:
            _terms, renewed = services.grant_agreement_terms_update(
                project=project, data=form.cleaned_data
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The terms of the grant agreements were saved."))
            if renewed:
                messages.info(
                    request,
                    ngettext(
                        "%(n)d agreement sent for signing said the old terms: a new version "
                        "is being prepared for signing.",
                        "%(n)d agreements sent for signing said the old terms: new versions "
                        "are being prepared for signing.",
                        renewed,
                    )
                    % {"n": renewed},
                )
            return redirect(reverse("reporting:project_documents", args=[pk]) + "#terms")
    return _project_page(request, project, terms_form=form, status=400)


@login_required
@require_GET
def batch_progress(request, pk: int, batch_pk: int):
    project = project_get(request.user, pk)
    batch = selectors.batch_get(request.user, project, batch_pk)
    response = render(request, "reporting/_batch.html", {"batch": batch, "project": project})
    finished = batch.ready + batch.failed >= batch.total
    if finished and request.htmx:
        # The last poll: refresh the table of documents once.
        response["HX-Trigger"] = "documents-changed"
    return response


# Final report


def _final_report_page(request, project, *, forms=None, request_form=None, status=200):
    coordinator = access.is_coordinator(request.user, project.organisation_id)
    report = build_final_report(project)
    forms = forms or {}
    sections = [
        (
            section,
            forms.get(section.code)
            or FinalReportAnswerForm(
                prefix=section.code, initial={"text": section.answer}, section=section.code
            ),
        )
        for section in report.sections
    ]
    context = {
        "project": project,
        "report": report,
        "sections": sections,
        "is_coordinator": coordinator,
        "documents": selectors.project_reports(project),
        "request_form": request_form or DocumentRequestForm(kinds=PROJECT_KINDS),
    }
    return render(request, "reporting/final_report.html", context, status=status)


@login_required
@require_GET
def final_report(request, pk: int):
    return _final_report_page(request, project_get(request.user, pk))


@login_required
@require_POST
def final_report_answer(request, pk: int, section: str):
    project = project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    if section not in FinalReportSection.values:
        raise Http404
    form = FinalReportAnswerForm(request.POST, prefix=section, section=section)
    saved = False
    if form.is_valid():
        try:
            services.final_report_answer_save(
                project=project, section=section, text=form.cleaned_data["text"], user=request.user
            )
            saved = True
        except ValidationError as error:
            errors_to_form(form, error)
    if request.htmx:
        context = {
            "project": project,
            "section_code": section,
            "form": form,
            "saved": saved,
            "saved_at": timezone.localtime() if saved else None,
        }
        return render(request, "reporting/_answer_form.html", context)
    if saved:
        messages.success(request, _("The answer was saved."))
        return redirect(reverse("reporting:final_report", args=[pk]) + f"#section-{section}")
    return _final_report_page(request, project, forms={section: form}, status=400)


@login_required
@require_POST
def final_report_request(request, pk: int):
    project = project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    form = DocumentRequestForm(request.POST, kinds=PROJECT_KINDS)
    if form.is_valid():
        try:
            document = services.document_request(
                project=project, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            if not _said_failed(request, [document.pk], document.get_kind_display()):
                messages.success(request, _("The final report draft is queued."))
            return redirect(reverse("reporting:final_report", args=[pk]) + "#documents")
    return _final_report_page(request, project, request_form=form, status=400)


@login_required
@require_GET
def final_report_download_text(request, pk: int):
    project = project_get(request.user, pk)
    report = build_final_report(project)
    text = final_report_text(report, day=timezone.localdate())
    filename = f"final-report-{project.grant_agreement_number}.txt"
    return private_bytes(text.encode(), filename=filename, content_type="text/plain; charset=utf-8")


# One document


@login_required
@require_GET
def document_status(request, pk: int):
    document = selectors.document_get(request.user, pk)
    return render(request, "reporting/_document.html", {"document": document})


@login_required
@require_GET
def document_download(request, pk: int):
    document = selectors.document_get(request.user, pk)
    if not document.is_ready:
        raise Http404
    return private_stored_file(
        document.file,
        filename=document.download_name,
        content_type="application/pdf",
        etag=document.sha256,
    )


# Who receives which part of the grant


def _renewed_message(request, renewed: int) -> None:
    if renewed:
        messages.info(
            request,
            ngettext(
                "%(n)d agreement said otherwise: a new version is being prepared for signing.",
                "%(n)d agreements said otherwise: new versions are being prepared for signing.",
                renewed,
            )
            % {"n": renewed},
        )


def _share_page(request, template, context, form, status=200):
    return render(request, template, context | {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def project_grant_share(request, pk: int):
    project = project_get(request.user, pk)
    coordinator = access.is_coordinator(request.user, project.organisation_id)
    rules = share.project_rules(project)
    context = {"project": project, "is_coordinator": coordinator, "rules": share.rule_rows(rules)}
    template = "reporting/project_grant_share.html"
    if request.method != "POST":
        return _share_page(request, template, context, GrantShareForm(rules=rules))
    access.require_coordinator(request.user, project.organisation_id)
    form = GrantShareForm(request.POST, rules=rules)
    if form.is_valid():
        try:
            renewed = share.grant_handling_update(project=project, rules=form.rules())
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Who receives which part of the grant was saved."))
            _renewed_message(request, renewed)
            return redirect("reporting:project_grant_share", pk)
    return _share_page(request, template, context, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def mobility_grant_share(request, pk: int):
    mobility = mobility_get(request.user, pk)
    project = mobility.project
    coordinator = access.is_coordinator(request.user, project.organisation_id)
    base = share.project_rules(project)
    rules = share.mobility_rules(mobility, base)
    context = {
        "mobility": mobility,
        "project": project,
        "is_coordinator": coordinator,
        "share": share.participant_share(mobility, rules),
    }
    template = "reporting/mobility_grant_share.html"
    if request.method != "POST":
        return _share_page(request, template, context, GrantShareForm(rules=rules, base=base))
    access.require_coordinator(request.user, project.organisation_id)
    form = GrantShareForm(request.POST, rules=rules, base=base)
    if form.is_valid():
        try:
            renewed = share.grant_handling_update(
                project=project, mobility=mobility, rules=form.rules()
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Who receives which part of the grant was saved."))
            _renewed_message(request, renewed)
            return redirect("reporting:mobility_grant_share", pk)
    return _share_page(request, template, context, form, status=400)


# A batch as one download


def _bundle_response(request, project, batch, bundle, filename, content_type):
    if not bundle.included:
        messages.error(request, _("No document of this batch is ready to download."))
        return redirect(reverse("reporting:project_documents", args=[project.pk]) + "#batches")
    response = private_bytes(bundle.data, filename=filename, content_type=content_type)
    # Documents whose stored file is missing or altered are left out, and counted.
    response["X-Documents-Left-Out"] = str(len(bundle.left_out))
    return response


def _batch_filename(batch, extension: str) -> str:
    return f"{batch.kind}-{batch.project.grant_agreement_number}-{batch.language}.{extension}"


@login_required
@require_GET
def batch_download_zip(request, pk: int, batch_pk: int):
    project = project_get(request.user, pk)
    batch = selectors.batch_get(request.user, project, batch_pk)
    bundle = bundles.batch_zip(selectors.batch_ready_documents(batch))
    return _bundle_response(
        request, project, batch, bundle, _batch_filename(batch, "zip"), "application/zip"
    )


@login_required
@require_GET
def batch_download_pdf(request, pk: int, batch_pk: int):
    project = project_get(request.user, pk)
    batch = selectors.batch_get(request.user, project, batch_pk)
    bundle = bundles.batch_merged_pdf(selectors.batch_ready_documents(batch))
    return _bundle_response(
        request, project, batch, bundle, _batch_filename(batch, "pdf"), "application/pdf"
    )
