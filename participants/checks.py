"""System checks: a deployment's processes must share the sign-in throttle's counters."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.security, deploy=True)
def throttle_counters_shared(app_configs, **kwargs):
    if settings.CACHES["default"]["BACKEND"] not in PER_PROCESS_CACHES:
        return []
    return [
        Warning(
            "The sign-in throttle counts failures in each process on its own: with several "
            "web processes, a guesser gets as many tries as there are processes.",
            hint="Set CACHE_URL to a Redis database shared by every web process.",
            id="participants.W001",
        )
    ]
