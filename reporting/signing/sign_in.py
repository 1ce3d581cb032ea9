"""How the session's user signed in, as a signature records it. accounts/auth.py stores
the method in the session at every sign-in."""

from ..models import AuthMethod

AUTH_METHOD_SESSION_KEY = "auth_method"


def auth_method(request) -> str:
    """How the session's user signed in. Every sign-in passes user_logged_in below; a
    session older than this feature was a password sign-in (the only way there was)."""
    return request.session.get(AUTH_METHOD_SESSION_KEY, AuthMethod.PASSWORD)
