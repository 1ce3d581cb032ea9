"""Following a mobility: its group, preparation checklist, monitoring notes and files."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects import access
from projects.selectors import project_get
from projects.views import add_form_errors

from . import selectors, services
from .forms import MobilityFileForm, MobilityGroupForm, MonitoringNoteForm, PreparationItemForm
from .models import MobilityGroup, PreparationItem


def _group_get(user, pk: int) -> MobilityGroup:
    queryset = MobilityGroup.objects.select_related("project__organisation")
    return access.get_for_user(queryset, user, "project__organisation", pk=pk)


@login_required
def group_detail(request, pk: int):
    group = _group_get(request.user, pk)
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
        return redirect("group_detail", pk=group.pk)
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
            add_form_errors(form, error)
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
            for message in error.messages:
                messages.error(request, message)
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
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=stored.original_name, content_type=stored.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def mobility_file_delete(request, pk: int):
    stored = selectors.mobility_file_get(request.user, pk)
    mobility = stored.mobility
    access.require_coordinator(request.user, mobility.project.organisation_id)
    services.mobility_file_delete(stored)
    messages.success(request, _("The file was deleted."))
    return redirect(f"{mobility.get_absolute_url()}#files")
