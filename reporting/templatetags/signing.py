"""The signing state of a mobility's grant agreement, included in the coordinator's
mobility and documents pages."""

from django import template

from core import access
from mobilities.models import Mobility

from ..models import AgreementVersion, SignerRole
from ..signing import missing_parties, signer_role
from ..signing.forms import AgreementSendForm
from ..signing.selectors import mobility_agreements

register = template.Library()


@register.inclusion_tag("signing/_agreement_panel.html", takes_context=True)
def mobility_signing_panel(context, mobility):
    request = context["request"]
    coordinator = access.is_coordinator(request.user, mobility.project.organisation_id)
    agreements = mobility_agreements(mobility)
    superseded = AgreementVersion.Status.SUPERSEDED
    current = next((s for s in agreements if s.agreement.status != superseded), None)
    return {
        "mobility": mobility,
        "agreements": agreements,
        "current": current,
        "is_coordinator": coordinator,
        "may_countersign": bool(
            current
            and current.next_role == SignerRole.ORGANISATION
            and signer_role(request.user, current.agreement) == SignerRole.ORGANISATION
        ),
        "send_form": AgreementSendForm() if coordinator else None,
        # Said before Send is pressed; sending refuses the same list.
        "missing": missing_parties(mobility) if coordinator else [],
        "cancelled": mobility.status == Mobility.Status.CANCELLED,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
