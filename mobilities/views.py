from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from budget.selectors import mobility_grant
from projects import access

from . import selectors


@login_required
def mobility_detail(request, pk: int):
    mobility = selectors.mobility_get(request.user, pk)
    context = {
        "mobility": mobility,
        "group_members": selectors.group_members(mobility),
        "grant": mobility_grant(mobility),
        "sees_sensitive_data": access.can_see_sensitive_data(
            request.user, mobility.project.organisation_id
        ),
    }
    return render(request, "mobilities/mobility_detail.html", context)
