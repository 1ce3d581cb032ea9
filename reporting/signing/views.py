"""Signing pages. Coordinators send an agreement for signing and countersign it from the
mobility's pages; participants and guardians sign in the portal (portal/signing.py, with
the page and the download built here). Every download of a
frozen or signed agreement checks the stored SHA-256 first and refuses a file that no
longer matches. Every form here is CSRF-protected (no view is exempt)."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import access
from core.client import client_ip
from core.downloads import private_bytes
from core.errors import errors_to_form, errors_to_messages
from mobilities.selectors import mobility_get

from .. import signing
from . import selectors as signing_selectors
from .consent import CURRENT_VERSION, consent_for
from .forms import AgreementSendForm, SignForm
from .sign_in import auth_method

logger = logging.getLogger(__name__)


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def _mobility_signing_url(mobility_id: int) -> str:
    return reverse("mobilities:mobility_detail", args=[mobility_id]) + "#signing"


# Downloads


def pdf_response(
    request, agreement, *, signed: bool, inline: bool, base_template="base.html"
) -> HttpResponse:
    file_field = agreement.final_file if signed else agreement.frozen_file
    expected = agreement.final_sha256 if signed else agreement.frozen_sha256
    context = {"agreement": agreement, "base_template": base_template}
    if not expected:
        return render(request, "signing/not_available.html", context, status=404)
    try:
        data = signing.verified_bytes(file_field, expected)
    except signing.TamperedFile as error:
        logger.error("Refused to serve agreement version %s: %s", agreement.pk, error)
        return render(request, "signing/tampered.html", context, status=409)
    name = agreement.signed_download_name if signed else agreement.download_name
    response = private_bytes(
        data, filename=name, content_type="application/pdf", etag=expected, inline=inline
    )
    # The agreement is shown in a frame of the signing page, and nowhere else.
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@login_required
@require_GET
def agreement_pdf(request, pk: int):
    agreement = signing_selectors.agreement_get(request.user, pk)
    return pdf_response(request, agreement, signed=False, inline="inline" in request.GET)


@login_required
@require_GET
def agreement_signed_pdf(request, pk: int):
    agreement = signing_selectors.agreement_get(request.user, pk)
    return pdf_response(request, agreement, signed=True, inline=False)


# Signing


def _sign_form(request, state, role, user):
    agreement = state.agreement
    consent = consent_for(agreement, role, get_language())
    try:
        name = signing.expected_name(agreement, role, user)
        hint = _("As on the agreement: %(name)s") % {"name": name}
    except ValidationError as error:
        hint = " ".join(error.messages)
    initial = {"document_sha256": agreement.frozen_sha256, "consent_version": CURRENT_VERSION}
    data = request.POST if request.method == "POST" else None
    return SignForm(data, initial=initial, consent_text=consent.text, name_hint=hint)


def _sign(request, state, form, role) -> ValidationError | None:
    client = signing.SigningClient(
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        auth_method=auth_method(request),
    )
    try:
        signing.agreement_sign(
            agreement=state.agreement,
            user=request.user,
            language=get_language(),
            client=client,
            **form.cleaned_data_for_service(),
        )
    except ValidationError as error:
        return error
    return None


def sign_page(request, state, *, base_template: str, page: str, urls: dict[str, str]):
    """The agreement's text, its signatures and, for whoever signs next, the form.
    `page` is the route of this page, for links to another version."""
    role = signing.signer_role(request.user, state.agreement)
    may_sign = role is not None and role == state.next_role
    form = _sign_form(request, state, role, request.user) if may_sign else None
    if request.method == "POST" and form is not None and form.is_valid():
        error = _sign(request, state, form, role)
        if error is None:
            messages.success(request, _("Thank you: your signature was recorded."))
            return redirect(urls["done"])
        errors_to_form(form, error)
    newest = signing_selectors.newest_version(state.agreement)
    context = {
        "base_template": base_template,
        "state": state,
        "agreement": state.agreement,
        "role": role,
        "my_signature": state.signature_of(role),
        "newest": newest,
        "newest_url": reverse(page, args=[newest.pk]) if newest else "",
        "form": form,
        "refused": _refusal(newest) if request.method == "POST" and not may_sign else "",
        "pdf_url": urls["pdf"],
        "signed_pdf_url": urls["signed_pdf"],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "signing/sign.html", context, status=status)


def _refusal(newest) -> str:
    """Why a signature posted for this version was not recorded: it was replaced while
    the signer read it, or it is not the signer's turn (or no longer)."""
    if newest is not None:
        return _(
            "Your signature was not recorded: this version of the agreement was replaced by "
            "version %(number)s while you were reading it. Read the new version and sign it."
        ) % {"number": newest.number}
    return _("Your signature was not recorded: it is not your turn to sign this agreement.")


@login_required
def agreement_countersign(request, pk: int):
    agreement = signing_selectors.agreement_get(request.user, pk)
    access.require_coordinator(request.user, agreement.mobility.project.organisation_id)
    return sign_page(
        request,
        signing_selectors.agreement_state(agreement),
        base_template="base.html",
        page="signing:agreement_countersign",
        urls={
            "pdf": reverse("signing:agreement_pdf", args=[pk]),
            "signed_pdf": reverse("signing:agreement_signed_pdf", args=[pk]),
            "done": _mobility_signing_url(agreement.mobility_id),
        },
    )


# The coordinator's actions


@login_required
@require_POST
def agreement_send(request, pk: int):
    mobility = mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    form = AgreementSendForm(request.POST)
    if form.is_valid():
        try:
            signing.agreement_send(
                mobility=mobility, language=form.cleaned_data["language"], user=request.user
            )
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            for warning in signing.agreement_send_warnings(mobility):
                messages.warning(request, warning)
            messages.success(
                request,
                _("The grant agreement is being prepared; the participant can sign it soon."),
            )
    else:
        messages.error(request, _("Choose Latvian or English."))
    return _back(request, _mobility_signing_url(mobility.pk))


@login_required
@require_POST
def agreement_finalize_retry(request, pk: int):
    agreement = signing_selectors.agreement_get(request.user, pk)
    access.require_coordinator(request.user, agreement.mobility.project.organisation_id)
    signing.agreement_finalize_again(agreement)
    messages.info(request, _("The signed PDF is being made again."))
    return _back(request, _mobility_signing_url(agreement.mobility_id))
