"""Following a mobility: its group, preparation checklist, monitoring notes and files."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core import access
from core.confirmation import Confirmation, render_confirmation
from core.downloads import private_stored_file
from core.errors import errors_to_form, errors_to_messages
from core.history import who_did
from projects.selectors import project_get

from .. import selectors, services
from ..forms import (
    EuropassForm,
    MobilityFileForm,
    MobilityGroupForm,
    MonitoringNoteForm,
    PreparationItemForm,
)
from ..models import MobilityFile, MobilityGroup, PreparationItem


def _group_get(user, pk: int) -> MobilityGroup:
    queryset = MobilityGroup.objects.select_related("project__organisation")
    return access.get_for_user(queryset, user, "project__organisation", pk=pk)


@login_required
def group_detail(request, pk: int):
    group = _group_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    members = group.mobilities.select_related("participant", "grant").order_by("role", "number")
    context = {
        "group": group,
        "project": group.project,
        "members": members,
        "is_coordinator": access.is_coordinator(request.user, group.project.organisation_id),
    }
    return render(request, "mobilities/group_detail.html", context)


@login_required
def group_create(request, pk: int):
    project = project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    return _group_form(request, project, MobilityGroup(project=project))


@login_required
def group_edit(request, pk: int):
    group = _group_get(request.user, pk)
    access.require_coordinator(request.user, group.project.organisation_id)
    return _group_form(request, group.project, group)


def _group_form(request, project, group: MobilityGroup):
    form = MobilityGroupForm(request.POST or None, instance=group, project=project)
    if request.method == "POST" and form.is_valid():
        group = services.mobility_group_save(group=form.save(commit=False))
        messages.success(request, _("The group was saved."))
        return redirect("mobilities:group_detail", pk=group.pk)
    context = {"form": form, "project": project, "group": group}
    return render(request, "mobilities/group_form.html", context)


def _owners(organisation_id: int):
    return get_user_model().objects.filter(memberships__organisation_id=organisation_id)


@login_required
def preparation_item_edit(request, pk: int, item_pk: int | None = None):
    mobility = selectors.mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    item = PreparationItem(mobility=mobility, kind=PreparationItem.Kind.OTHER)
    if item_pk is not None:
        item = get_object_or_404(mobility.preparation_items, pk=item_pk)
    owners = _owners(mobility.project.organisation_id)
    form = PreparationItemForm(request.POST or None, instance=item, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            services.preparation_item_save(item=form.save(commit=False))
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The preparation step was saved."))
            return redirect(f"{mobility.get_absolute_url()}#preparation")
    context = {"form": form, "mobility": mobility, "project": mobility.project, "item": item}
    return render(request, "mobilities/preparation_form.html", context)


@login_required
@require_POST
def preparation_item_done(request, pk: int, item_pk: int):
    mobility = selectors.mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    item = get_object_or_404(mobility.preparation_items, pk=item_pk)
    item.status = PreparationItem.Status.DONE
    services.preparation_item_save(item=item)
    return redirect(f"{mobility.get_absolute_url()}#preparation")


@login_required
@require_POST
def monitoring_note_add(request, pk: int):
    mobility = selectors.mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    form = MonitoringNoteForm(request.POST)
    if form.is_valid():
        services.monitoring_note_add(mobility=mobility, author=request.user, **form.cleaned_data)
        messages.success(request, _("The note was added."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}")
    return redirect(f"{mobility.get_absolute_url()}#monitoring")


@login_required
@require_POST
def mobility_europass_edit(request, pk: int):
    mobility = selectors.mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    form = EuropassForm(request.POST)
    if form.is_valid():
        try:
            services.mobility_europass_update(mobility=mobility, **form.cleaned_data)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("The Europass Mobility was saved."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}")
    return redirect(f"{mobility.get_absolute_url()}#europass")


@login_required
@require_POST
def mobility_file_upload(request, pk: int):
    mobility = selectors.mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    form = MobilityFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.mobility_file_add(
                mobility=mobility,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                uploaded_by=request.user,
            )
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("The file was uploaded."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}")
    return redirect(f"{mobility.get_absolute_url()}#files")


@login_required
def mobility_file_download(request, pk: int):
    stored = selectors.mobility_file_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    return private_stored_file(
        stored.file, filename=stored.original_name, content_type=stored.content_type
    )


@login_required
@require_http_methods(["GET", "POST"])
def mobility_file_delete(request, pk: int):
    """Asks first (GET), naming the file; deletes it on the POST, into the history."""
    stored = selectors.mobility_file_get(request.user, pk)
    mobility = stored.mobility
    access.require_coordinator(request.user, mobility.project.organisation_id)
    if request.method == "GET":
        return render_confirmation(request, _file_delete_confirmation(stored))
    services.mobility_file_delete(stored=stored, deleted_by=request.user)
    messages.success(request, _("The file %(name)s was deleted.") % {"name": stored.original_name})
    return redirect(f"{mobility.get_absolute_url()}#files")


def _file_delete_confirmation(stored: MobilityFile) -> Confirmation:
    confirmation = Confirmation(
        question=_("Delete the file %(name)s?") % {"name": stored.original_name},
        confirm_label=_("Delete the file"),
        cancel_url=f"{stored.mobility.get_absolute_url()}#files",
        facts=[
            (_("Mobility"), str(stored.mobility)),
            (_("Document"), stored.get_kind_display()),
            (_("File name"), stored.original_name),
            (_("Size"), filesizeformat(stored.size)),
            (_("Uploaded by"), who_did(stored.uploaded_by) if stored.uploaded_by else "—"),
            (_("Uploaded"), date_format(localtime(stored.uploaded_at), "SHORT_DATETIME_FORMAT")),
        ],
        losses=[_("The file itself: it cannot be restored.")],
        kept=[_("The mobility's history records who deleted which file, and when.")],
    )
    if stored.kind == MobilityFile.Kind.GRANT_AGREEMENT:
        confirmation.losses.append(
            _("Unless its grant agreement is signed online, the mobility counts as not signed.")
        )
    if selectors.file_answers_request(stored):
        confirmation.losses.append(
            _("The participant uploaded it when asked in the portal; the request keeps no file.")
        )
    return confirmation
