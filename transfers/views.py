"""The coordinator's imports and exports.

Exports: any list, filtered as it is shown (every page), as CSV or XLSX; a project's
mobilities for the Beneficiary Module; the import templates. Anyone who sees a list may
export it; another organisation's project answers 404.

The Beneficiary Module's own export of a project, uploaded by a coordinator, is compared
with the portal and the differences shown; nothing is stored or written.

Imports: upload, preview (a dry run showing every row), confirm (the file kept since the
upload is imported for real, all rows or none), result. Only coordinators import (403
for viewers), only into their own organisations and projects.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import access
from core.listing import filtered
from core.transfer import (
    ImportFileError,
    dataset_bytes,
    file_response,
    read_dataset,
    run_import,
    uploads,
)
from core.transfer.exports import xlsx_bytes
from core.transfer.forms import ImportUploadForm
from mobilities.beneficiary_module import COMPARED, compare_with_module
from mobilities.resources import BeneficiaryModuleResource, MobilityResource
from mobilities.selectors import mobility_list_for_project, mobility_list_spec
from participants.resources import ParticipantResource
from participants.selectors import PARTICIPANT_LIST_SPEC, participant_list
from projects import selectors
from projects.resources import PartnerOrganisationResource
from results.resources import OlsResource

RESULTS_KEPT = 10


@dataclass(frozen=True)
class Kind:
    """What is imported: its resource, whether it goes into a project or an
    organisation, its upload page and the list it comes back to (URL names, which take
    the project's id for a kind imported into a project)."""

    name: str
    title: str
    resource: type
    upload: str
    back: str
    per_project: bool = False

    def url(self, name: str, project) -> str:
        return reverse(name, args=[project.pk] if self.per_project else [])


KINDS = {
    "participants": Kind(
        "participants",
        gettext_lazy("Participants"),
        ParticipantResource,
        "transfers:participant_import",
        "participants:participant_list",
    ),
    "partners": Kind(
        "partners",
        gettext_lazy("Partner organisations"),
        PartnerOrganisationResource,
        "transfers:partner_import",
        "projects:partner_list",
    ),
    "mobilities": Kind(
        "mobilities",
        gettext_lazy("Mobilities"),
        MobilityResource,
        "transfers:mobility_import",
        "mobilities:mobility_list",
        per_project=True,
    ),
    "ols": Kind(
        "ols",
        gettext_lazy("OLS language levels"),
        OlsResource,
        "transfers:ols_import",
        "results:survey_overview",
        per_project=True,
    ),
}


def _export(resource, queryset, fmt: str, stem: str):
    dataset = resource.export(queryset, force_native_type=fmt == "xlsx")
    return file_response(dataset_bytes(dataset, fmt), fmt, stem)


# --- Exports -----------------------------------------------------------------------------


@login_required
def participant_export(request, fmt: str):
    queryset, *_rest = filtered(participant_list(request.user), request.GET, PARTICIPANT_LIST_SPEC)
    resource = ParticipantResource(user=request.user, language=get_language())
    return _export(resource, queryset, fmt, "participants")


@login_required
def partner_export(request, fmt: str):
    partners = selectors.partner_list(request.user)
    queryset, *_rest = filtered(partners, request.GET, selectors.partner_list_spec(partners))
    resource = PartnerOrganisationResource(user=request.user, language=get_language())
    return _export(resource, queryset, fmt, "partners")


@login_required
def mobility_export(request, pk: int, fmt: str):
    project = selectors.project_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    mobilities = mobility_list_for_project(project).select_related("sending_partner")
    queryset, *_rest = filtered(
        mobilities.prefetch_related("goals"), request.GET, mobility_list_spec(project)
    )
    resource = MobilityResource(user=request.user, language=get_language())
    return _export(resource, queryset, fmt, f"{project.grant_agreement_number}-mobilities")


@login_required
def beneficiary_module_export(request, pk: int, fmt: str):
    project = selectors.project_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    resource = BeneficiaryModuleResource(
        project=project, user=request.user, language=get_language()
    )
    return _export(resource, None, fmt, f"{project.grant_agreement_number}-beneficiary-module")


@login_required
def beneficiary_module_compare(request, pk: int):
    project = selectors.project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    comparison = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            dataset = read_dataset(upload.read(), upload.name)
            comparison = compare_with_module(project=project, dataset=dataset)
        except ImportFileError as error:
            form.add_error("file", error.message)
    context = {
        "project": project,
        "form": form,
        "comparison": comparison,
        "compared": COMPARED,
        "filename": form.cleaned_data["file"].name if comparison else "",
    }
    return render(request, "transfer/beneficiary_module_compare.html", context)


@login_required
def import_template(request, kind: str, language: str):
    if kind not in KINDS or language not in ("en", "lv"):
        raise Http404
    headers, example = KINDS[kind].resource().template(language)
    content = xlsx_bytes(headers, [example], sheet_title=str(KINDS[kind].title))
    return file_response(content, "xlsx", f"{kind}-template-{language}")


# --- Imports -----------------------------------------------------------------------------


@login_required
def participant_import(request):
    return _upload(request, KINDS["participants"], None)


@login_required
def partner_import(request):
    return _upload(request, KINDS["partners"], None)


@login_required
def mobility_import(request, pk: int):
    project = selectors.project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    return _upload(request, KINDS["mobilities"], project)


@login_required
def ols_import(request, pk: int):
    project = selectors.project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    return _upload(request, KINDS["ols"], project)


def _upload(request, kind: Kind, project):
    organisations = None
    if project is None:
        organisations = selectors.coordinated_organisations(request.user)
        if not organisations.exists():
            raise PermissionDenied
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        target = project or form.cleaned_data["organisation"]
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            dataset = read_dataset(data, upload.name)
            kind.resource(language=get_language(), **_scope(kind, target)).check_headers(
                dataset.headers
            )
        except ImportFileError as error:
            form.add_error("file", error.message)
        else:
            stored = uploads.upload_store(
                user=request.user, kind=kind.name, target=target.pk, filename=upload.name, data=data
            )
            return redirect("transfers:import_preview", token=stored.token)
    context = {"form": form, "kind": kind, "project": project, "back": _back(kind, project)}
    return render(request, "transfer/upload.html", context)


def _scope(kind: Kind, target) -> dict:
    if kind.per_project:
        return {"projects": [target], "project": target}
    return {"organisations": [target], "organisation": target}


def _back(kind: Kind, project) -> str:
    return kind.url(kind.back, project)


def _stored_import(request, token: str):
    """The user's upload, its kind and target, and a resource to import it with, after
    checking the user still coordinates the target."""
    stored = uploads.upload_get(request.user, token)
    kind = KINDS.get(stored.kind)
    if kind is None:
        raise Http404
    if kind.per_project:
        target = selectors.project_get(request.user, stored.target)
        access.require_coordinator(request.user, target.organisation_id)
    else:
        target = get_object_or_404(selectors.organisations_for(request.user), pk=stored.target)
        access.require_coordinator(request.user, target.pk)
    resource = kind.resource(
        user=request.user, language=get_language(), strict=False, **_scope(kind, target)
    )
    return stored, kind, target, resource


def _expired(request, stored, kind, target):
    uploads.upload_discard(request.user, stored)
    messages.error(request, _("The uploaded file has expired: upload it again."))
    return redirect(kind.url(kind.upload, target))


def _run(request, stored, resource, *, dry_run: bool):
    dataset = read_dataset(uploads.upload_data(request.user, stored), stored.filename)
    return run_import(resource, dataset, dry_run=dry_run)


@login_required
def import_preview(request, token: str):
    stored, kind, target, resource = _stored_import(request, token)
    if stored.expired:
        return _expired(request, stored, kind, target)
    outcome = _run(request, stored, resource, dry_run=True)
    return _preview_page(request, stored, kind, target, outcome)


def _preview_page(request, stored, kind, target, outcome):
    project = target if kind.per_project else None
    context = {
        "stored": stored,
        "kind": kind,
        "target": target,
        "project": project,
        "outcome": outcome,
        "back": _back(kind, project),
        "upload_again": kind.url(kind.upload, project),
    }
    return render(request, "transfer/preview.html", context)


@login_required
@require_POST
def import_confirm(request, token: str):
    stored, kind, target, resource = _stored_import(request, token)
    if stored.expired:
        return _expired(request, stored, kind, target)
    outcome = _run(request, stored, resource, dry_run=False)
    if not outcome.is_valid:
        messages.error(request, _("Nothing was imported: the rows below are invalid."))
        return _preview_page(request, stored, kind, target, outcome)
    uploads.upload_discard(request.user, stored)
    results = request.session.get("imports", {})
    results[token] = {
        "kind": kind.name,
        "target": target.pk,
        "filename": stored.filename,
        "counts": outcome.counts,
    }
    request.session["imports"] = dict(list(results.items())[-RESULTS_KEPT:])
    return redirect("transfers:import_done", token=token)


@login_required
@require_POST
def import_cancel(request, token: str):
    stored, kind, target, _resource = _stored_import(request, token)
    uploads.upload_discard(request.user, stored)
    messages.info(request, _("The import was cancelled; nothing was imported."))
    return redirect(_back(kind, target if kind.per_project else None))


@login_required
def import_done(request, token: str):
    result = request.session.get("imports", {}).get(token)
    if result is None or result["kind"] not in KINDS:
        raise Http404
    kind = KINDS[result["kind"]]
    project = selectors.project_get(request.user, result["target"]) if kind.per_project else None
    context = {"result": result, "kind": kind, "project": project, "back": _back(kind, project)}
    return render(request, "transfer/done.html", context)
