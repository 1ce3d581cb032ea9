"""Pages of the participant portal (phone first), and the coordinator's portal actions on
a mobility: inviting the participant or their guardian, and asking for files.

Portal views find everything through portal_selectors, scoped to the signed-in user's
PortalAccount: another participant's mobility, document or file is a 404. Coordinator
views go through core.access like every other coordinator page."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.auth import AUTH_METHOD_REQUEST_ATTRIBUTE, BACKEND
from core import access
from core.confirmation import Confirmation, render_confirmation
from core.downloads import private_file
from core.errors import errors_to_form, errors_to_messages
from core.history import who_did
from mobilities.selectors import mobility_get
from participants.models import PortalRole
from reporting.models import AuthMethod
from reporting.signing.selectors import portal_agreements
from results import selectors as results_selectors
from results import surveys
from results.forms import SurveyForm
from results.models import SurveyStage

from . import selectors, services
from .forms import (
    FileRequestForm,
    InvitationPasswordForm,
    PortalInviteForm,
    PortalUploadForm,
)

# The invitation link
# Like Django's PasswordResetConfirmView: the e-mailed link (token in the URL) only checks
# the token, keeps it in the session and redirects to a URL without it. The form is shown
# and posted there, so the token never appears in the address of a page that posts a form
# and is never sent on as a Referer, while that page can keep the same-origin referrer
# policy that lets the browser send its Origin (with "no-referrer", Chromium posts
# "Origin: null" and the CSRF check refuses the form).

INVITATION_SESSION_KEY = "portal_invitation_token"


def _private(response, referrer_policy: str):
    response["Referrer-Policy"] = referrer_policy
    response["Cache-Control"] = "private, no-store"
    return response


def _gone(request, referrer_policy: str):
    request.session.pop(INVITATION_SESSION_KEY, None)
    response = render(request, "portal/invitation_invalid.html", status=410)
    return _private(response, referrer_policy)


@require_GET
def invitation_open(request, token: str):
    # This URL holds the token: nothing it answers may pass it on as a referrer.
    try:
        services.usable_invitation(token)
    except services.InvitationUnusable:
        return _gone(request, "no-referrer")
    request.session[INVITATION_SESSION_KEY] = token
    return _private(redirect("portal:portal_invitation_password"), "no-referrer")


@require_http_methods(["GET", "POST"])
def invitation_password(request):
    token = request.session.get(INVITATION_SESSION_KEY, "")
    try:
        invitation = services.usable_invitation(token)
    except services.InvitationUnusable:
        return _gone(request, "same-origin")
    user = services.account_user_for(invitation)
    form = InvitationPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _accept(request, token, form.cleaned_data["new_password1"])
    context = {"form": form, "invitation": invitation, "username": user.username}
    return _private(render(request, "portal/invitation.html", context), "same-origin")


def _accept(request, token: str, password: str):
    try:
        user = services.invitation_accept(token=token, password=password)
    except services.InvitationUnusable:
        return _gone(request, "same-origin")
    request.session.pop(INVITATION_SESSION_KEY, None)
    setattr(request, AUTH_METHOD_REQUEST_ATTRIBUTE, AuthMethod.INVITATION_LINK)
    login(request, user, backend=BACKEND)
    messages.success(
        request,
        _("Your password is set. Next time, sign in with the username %(username)s.")
        % {"username": user.username},
    )
    return redirect("portal:portal_home")


# The portal


@login_required
@require_GET
def portal_home(request):
    account = selectors.portal_account_get(request.user)
    agreements = portal_agreements(account)
    own_role = account.role
    context = {
        "account": account,
        "participant": account.participant,
        "mobilities": selectors.portal_mobilities(account),
        "agreements": agreements,
        "to_sign": [state for state in agreements if state.next_role == own_role],
    }
    return render(request, "portal/home.html", context)


@login_required
@require_GET
def portal_mobility(request, pk: int):
    account = selectors.portal_account_get(request.user)
    mobility = selectors.portal_mobility_get(account, pk)
    agreements = [s for s in portal_agreements(account) if s.agreement.mobility_id == mobility.pk]
    requests = selectors.file_requests(mobility)
    today = timezone.localdate()
    questionnaires = _questionnaires(account, mobility, today)
    context = {
        "account": account,
        "mobility": mobility,
        "agreements": agreements,
        "todo": selectors.participant_todo(mobility, agreements, requests, today)
        + [
            selectors.Todo(
                _("Answer the questionnaire: %(name)s.") % {"name": row["label"]}, "questionnaires"
            )
            for row in questionnaires
            if row["open"] and row["answers"]
        ],
        "preparation": selectors.preparation_steps(mobility),
        "documents": selectors.portal_documents(mobility),
        "requests": requests,
        "uploads": selectors.own_uploads(mobility, account),
        "upload_form": PortalUploadForm(),
        "report_to_confirm": selectors.report_to_confirm(mobility, today),
        "today": today,
        "outcomes": results_selectors.unit_rows(mobility),
        "recognition": results_selectors.recognition_of(mobility),
        "questionnaires": questionnaires,
    }
    return render(request, "portal/mobility.html", context)


def _questionnaires(account, mobility, today) -> list[dict]:
    """Each questionnaire's state for the portal: sent (when), open to answer (for the
    participant themself, not a guardian), or when it opens."""
    sent = surveys.responses_of(mobility)
    rows = []
    for stage, label in SurveyStage.choices:
        response = sent.get(stage)
        rows.append(
            {
                "stage": stage,
                "label": label,
                "sent": response.submitted_at if response else None,
                "open": response is None and surveys.stage_open(mobility, stage, today),
                "answers": account.role == PortalRole.PARTICIPANT,
                "opens_on": mobility.end_date if stage == SurveyStage.AFTER else None,
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def portal_survey(request, pk: int, stage: str):
    account = selectors.portal_account_get(request.user)
    mobility = selectors.portal_mobility_get(account, pk)
    if stage not in SurveyStage.values or account.role != PortalRole.PARTICIPANT:
        raise Http404
    back = reverse("portal:portal_mobility", args=[pk]) + "#questionnaires"
    if not surveys.stage_open(mobility, stage) or stage in surveys.responses_of(mobility):
        messages.info(request, _("This questionnaire is not open now."))
        return redirect(back)
    questions = surveys.project_questions(mobility.project, stage)
    language = request.LANGUAGE_CODE[:2]
    form = SurveyForm(questions, language, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            surveys.survey_submit(
                mobility=mobility, stage=stage, answers=form.cleaned_data, user=request.user
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("Thank you: your answers were sent."))
            return redirect(back)
    context = {
        "mobility": mobility,
        "stage_label": SurveyStage(stage).label,
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/survey.html", context, status=status)


@login_required
@require_POST
def portal_file_upload(request, pk: int, request_pk: int):
    account = selectors.portal_account_get(request.user)
    mobility = selectors.portal_mobility_get(account, pk)
    file_request = selectors.open_file_request_get(mobility, request_pk)
    form = PortalUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("file", [])))
        return redirect(reverse("portal:portal_mobility", args=[pk]) + "#uploads")
    try:
        services.file_request_fulfil(
            file_request=file_request, upload=form.cleaned_data["file"], user=request.user
        )
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("Thank you: the file was uploaded."))
    return redirect(reverse("portal:portal_mobility", args=[pk]) + "#uploads")


@login_required
@require_POST
def portal_report_confirm(request, pk: int):
    account = selectors.portal_account_get(request.user)
    mobility = selectors.portal_mobility_get(account, pk)
    try:
        services.participant_report_confirm(mobility=mobility)
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _("Thank you: your coordinator sees that you sent the report."))
    return redirect(reverse("portal:portal_mobility", args=[pk]) + "#report")


def _file_response(handle, filename: str, content_type: str) -> FileResponse:
    return private_file(handle, filename=filename, content_type=content_type)


@login_required
@require_GET
def portal_document_download(request, pk: int):
    document = selectors.portal_document_get(selectors.portal_account_get(request.user), pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return _file_response(handle, document.download_name, "application/pdf")


@login_required
@require_GET
def portal_file_download(request, pk: int):
    stored = selectors.portal_file_get(selectors.portal_account_get(request.user), pk)
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return _file_response(handle, stored.original_name, stored.content_type)


@method_decorator(login_required, name="dispatch")
class PortalPasswordChangeView(auth_views.PasswordChangeView):
    template_name = "portal/password_change.html"
    success_url = reverse_lazy("portal:portal_home")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            selectors.portal_account_get(request.user)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


# The coordinator's actions on a mobility


def _portal_section(mobility_id: int):
    return redirect(reverse("mobilities:mobility_detail", args=[mobility_id]) + "#portal")


@login_required
@require_POST
def portal_invite(request, pk: int):
    mobility = mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    form = PortalInviteForm(request.POST)
    if not form.is_valid():
        raise Http404
    role = form.cleaned_data["role"]
    try:
        outcome = services.portal_invite(
            participant=mobility.participant,
            role=role,
            invited_by=request.user,
            absolute=request.build_absolute_uri,
        )
    except ValidationError as error:
        errors_to_messages(request, error)
    else:
        messages.success(request, _invite_message(outcome))
    return _portal_section(mobility.pk)


def _invite_message(outcome: services.InviteOutcome) -> str:
    if outcome.reset_offered:
        return _(
            "%(email)s already uses their portal account, so its password stays as it is: "
            "they were sent a link to set a new one if they need it."
        ) % {"email": outcome.email}
    return _("The invitation was sent to %(email)s; it works until %(day)s.") % {
        "email": outcome.email,
        "day": date_format(timezone.localtime(outcome.expires_at), "SHORT_DATETIME_FORMAT"),
    }


@login_required
@require_POST
def file_request_create(request, pk: int):
    mobility = mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    form = FileRequestForm(request.POST)
    if form.is_valid():
        try:
            services.file_request_create(mobility=mobility, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_messages(request, error)
        else:
            messages.success(request, _("The participant is asked for the file in the portal."))
    else:
        messages.error(request, _("Choose the document to ask for."))
    return _portal_section(mobility.pk)


@login_required
@require_http_methods(["GET", "POST"])
def file_request_withdraw(request, pk: int, request_pk: int):
    """Asks first (GET); withdraws on the POST a request nothing was uploaded for yet."""
    mobility = mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    file_request = selectors.open_file_request_get(mobility, request_pk)
    if request.method == "GET":
        return render_confirmation(request, _withdraw_confirmation(mobility, file_request))
    services.file_request_withdraw(file_request=file_request)
    messages.success(request, _("The request was withdrawn."))
    return _portal_section(mobility.pk)


def _withdraw_confirmation(mobility, file_request) -> Confirmation:
    return Confirmation(
        question=_("Withdraw the request for %(document)s?")
        % {"document": file_request.get_kind_display()},
        confirm_label=_("Withdraw the request"),
        cancel_url=reverse("mobilities:mobility_detail", args=[mobility.pk]) + "#portal",
        facts=[
            (_("Mobility"), str(mobility)),
            (_("What exactly"), file_request.note or "—"),
            (
                _("Requested by"),
                who_did(file_request.requested_by) if file_request.requested_by else "—",
            ),
            (
                _("Requested at"),
                date_format(timezone.localtime(file_request.requested_at), "SHORT_DATETIME_FORMAT"),
            ),
        ],
        losses=[_("The participant no longer sees the request in the portal.")],
    )
