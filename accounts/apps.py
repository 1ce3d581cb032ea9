from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Everyone's sign-in, password reset and the throttle on both."""

    name = "accounts"

    def ready(self):
        from . import auth  # noqa: F401 - remembers each sign-in in its session
