"""Every entry point that serves traffic runs the production settings unless told
otherwise, and the production settings pass Django's deployment checks without a warning.
Each check runs in a fresh interpreter, as a server would start. The documented stack
shares the sign-in throttle's counters between its processes: CACHE_URL selects the
Redis cache, and docker-compose.yml, .env.example and the README all set or name it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core import checks

ROOT = Path(settings.BASE_DIR)
# A key as `python -c "import secrets; print(secrets.token_urlsafe(50))"` makes one.
PRODUCTION_KEY = "0tq3hXk5Lr9m2VbZ8cN1yW4pE7sA6dF0gH3jK5lQ8wR2tY4uI6oP9aS1dG3fJ5hL"


# What a server's environment would not have: the suite's settings module and key, and
# the browser tests' permission to run the ORM next to Playwright's event loop.
NOT_IN_A_SERVER = ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")


def server_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in NOT_IN_A_SERVER}


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    base = server_environment()
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_of(module: str, **env) -> subprocess.CompletedProcess:
    code = (
        f"import {module}, os; from django.conf import settings; "
        "print(os.environ['DJANGO_SETTINGS_MODULE'], settings.DEBUG)"
    )
    return run_python(code, **env)


@pytest.mark.parametrize(
    "module", ["erasmus_portal.wsgi", "erasmus_portal.asgi", "erasmus_portal.celery"]
)
def test_a_server_entry_point_defaults_to_production(module):
    started = settings_of(module, SECRET_KEY=PRODUCTION_KEY)
    assert started.stdout.split() == ["erasmus_portal.settings.prod", "False"], started.stderr


@pytest.mark.parametrize(
    "module", ["erasmus_portal.wsgi", "erasmus_portal.asgi", "erasmus_portal.celery"]
)
def test_a_server_entry_point_refuses_to_start_without_a_key(module):
    started = settings_of(module)
    assert started.returncode != 0
    assert "SECRET_KEY must be set" in started.stderr


def test_management_commands_default_to_production_and_runserver_to_development():
    code = "import manage; print(manage.default_settings(['manage.py', '{}']))"
    migrate = run_python(code.format("migrate")).stdout.strip()
    runserver = run_python(code.format("runserver")).stdout.strip()
    assert (migrate, runserver) == ("erasmus_portal.settings.prod", "erasmus_portal.settings.dev")


def test_the_production_settings_pass_the_deployment_checks():
    checked = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=server_environment()
        | {
            "SECRET_KEY": PRODUCTION_KEY,
            "ALLOWED_HOSTS": "erasmus.example.lv",
            "CACHE_URL": "redis://127.0.0.1:6379/1",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no issues" in checked.stdout


def test_the_proxys_https_header_is_trusted_only_when_configured():
    code = "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
    prod = {"DJANGO_SETTINGS_MODULE": "erasmus_portal.settings.prod", "SECRET_KEY": PRODUCTION_KEY}
    default = run_python("import django; django.setup(); " + code, **prod)
    behind_proxy = run_python(
        "import django; django.setup(); " + code, **prod, TRUST_X_FORWARDED_PROTO="true"
    )
    assert default.stdout.strip() == "None", default.stderr
    assert behind_proxy.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_docker_compose_runs_with_the_secure_defaults():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    web = compose["services"]["web"]["environment"]
    assert web["DJANGO_SETTINGS_MODULE"] == "erasmus_portal.settings.prod"
    for loosening in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT"):
        assert str(web.get(loosening, "${X:-true}")).endswith(":-true}"), loosening


def production_caches(**environment) -> dict:
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.CACHES))"
    )
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "erasmus_portal.settings.prod",
        "SECRET_KEY": "test-only",
    }
    env.pop("CACHE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env | environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_cache_url_selects_the_shared_redis_cache():
    caches = production_caches(CACHE_URL="redis://redis:6379/1")
    assert caches["default"] == {
        "BACKEND": "erasmus_portal.cache.SharedClientRedisCache",
        "LOCATION": "redis://redis:6379/1",
    }


def test_without_cache_url_each_process_counts_alone_and_the_deploy_check_says_so(settings):
    assert production_caches()["default"]["BACKEND"].endswith("LocMemCache")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    found = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    assert "participants.W001" in {message.id for message in found}


def test_docker_compose_gives_every_process_the_shared_cache():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert "--workers 3" in services["web"]["command"]
    for name in ("web", "worker"):
        environment = services[name]["environment"]
        assert environment["CACHE_URL"] == "${CACHE_URL:-redis://redis:6379/1}", name
    assert services["web"]["environment"]["CELERY_BROKER_URL"].endswith("/0")  # not the cache's
    assert "redis" in services["web"]["depends_on"]


def test_env_example_and_readme_name_cache_url():
    assert "CACHE_URL=redis://redis:6379/1" in (ROOT / ".env.example").read_text().splitlines()
    readme = (ROOT / "README.md").read_text()
    assert "| `CACHE_URL` |" in readme
