"""Participants and guardians signed in to the portal reach the portal and nothing else.

They are users without an organisation Membership, so the coordinator's pages would show
them nothing anyway (other organisations' objects answer 404); this keeps them from even
seeing the empty coordinator pages: any other page sends them to their portal. The role is
remembered in the session at sign-in (portal_auth.remember_sign_in), so the check costs
no query."""

from django.shortcuts import redirect

from accounts.auth import PORTAL_ROLE_SESSION_KEY

PORTAL_PATHS = ("/portal/", "/accounts/logout/", "/i18n/", "/static/", "/health/")


class PortalUsersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.get(PORTAL_ROLE_SESSION_KEY) and not request.path.startswith(
            PORTAL_PATHS
        ):
            return redirect("portal:portal_home")
        return self.get_response(request)
