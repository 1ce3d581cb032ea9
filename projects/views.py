from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from mobilities.selectors import mobility_list_for_host, mobility_list_for_project

from . import access, selectors


@login_required
def home(request):
    projects = selectors.project_list(request.user)
    return render(request, "projects/home.html", {"projects": projects})


@login_required
def project_detail(request, pk: int):
    project = selectors.project_get(request.user, pk)
    context = {
        "project": project,
        "mobilities": mobility_list_for_project(project),
        "is_coordinator": access.is_coordinator(request.user, project.organisation_id),
    }
    return render(request, "projects/project_detail.html", context)


@login_required
def plan_detail(request, pk: int):
    plan = selectors.plan_get(request.user, pk)
    return render(request, "projects/plan_detail.html", {"plan": plan})


@login_required
def partner_detail(request, pk: int):
    partner = selectors.partner_get(request.user, pk)
    context = {"partner": partner, "mobilities": mobility_list_for_host(partner)}
    return render(request, "projects/partner_detail.html", context)
