from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from budget.rules import LATEST_CALL_YEAR, RATE_TABLES, RuleError, rate_table
from core import access
from core.history import budget_history
from projects.selectors import project_get

from . import selectors
from .rates_page import rates_context


@login_required
def project_budget(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get(request.user, pk)
    refused: HttpResponse | None = access.read_only(request)
    if refused:
        return refused
    context = {
        "project": project,
        "budget": selectors.project_budget(project),
        "history": budget_history(project),
    }
    return render(request, "budget/project_budget.html", context)


@login_required
def rates_latest(request: HttpRequest) -> HttpResponse:
    return redirect("budget:rates", year=LATEST_CALL_YEAR)


@login_required
def rates(request: HttpRequest, year: int) -> HttpResponse:
    try:
        table = rate_table(year)
    except RuleError:
        raise Http404 from None
    context = rates_context(table) | {"years": sorted(RATE_TABLES)}
    return render(request, "budget/rates.html", context)
