"""The coordinator's view of a mobility's participant portal, included in the mobility
page: who has an account or an invitation, and the files asked for."""

from django import template

from core import access

from ..forms import FileRequestForm
from ..selectors import file_requests, portal_access

register = template.Library()


@register.inclusion_tag("portal/_portal_panel.html", takes_context=True)
def mobility_portal_panel(context, mobility):
    user = context["request"].user
    coordinator = access.is_coordinator(user, mobility.project.organisation_id)
    return {
        "mobility": mobility,
        "accesses": portal_access(mobility.participant),
        "requests": file_requests(mobility),
        # Its own ids: the same page has the upload form, with a "kind" field too.
        "request_form": FileRequestForm(auto_id="request_%s") if coordinator else None,
        "is_coordinator": coordinator,
        "csrf_token": context.get("csrf_token"),
    }
