"""The participant's and the guardian's signing page and their downloads of the agreement:
the same page and checks as the coordinator's (reporting/signing/views.py), in the
portal's frame."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.views.decorators.http import require_GET

from reporting.signing import selectors as signing_selectors
from reporting.signing.views import pdf_response, sign_page

from .selectors import portal_account_get

PORTAL_BASE = "portal/base.html"


@login_required
def portal_agreement(request, pk: int):
    account = portal_account_get(request.user)
    state = signing_selectors.portal_agreement_get(account, pk)
    return sign_page(
        request,
        state,
        base_template=PORTAL_BASE,
        page="portal:portal_agreement",
        urls={
            "pdf": reverse("portal:portal_agreement_pdf", args=[pk]),
            "signed_pdf": reverse("portal:portal_agreement_signed_pdf", args=[pk]),
            "done": reverse("portal:portal_agreement", args=[pk]),
        },
    )


@login_required
@require_GET
def portal_agreement_pdf(request, pk: int):
    state = signing_selectors.portal_agreement_get(portal_account_get(request.user), pk)
    inline = "inline" in request.GET
    return pdf_response(
        request, state.agreement, signed=False, inline=inline, base_template=PORTAL_BASE
    )


@login_required
@require_GET
def portal_agreement_signed_pdf(request, pk: int):
    state = signing_selectors.portal_agreement_get(portal_account_get(request.user), pk)
    return pdf_response(
        request, state.agreement, signed=True, inline=False, base_template=PORTAL_BASE
    )
