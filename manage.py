#!/usr/bin/env python
import os
import sys

PRODUCTION = "erasmus_portal.settings.prod"
DEVELOPMENT = "erasmus_portal.settings.dev"


def default_settings(argv: list[str]) -> str:
    """Production, unless DJANGO_SETTINGS_MODULE says otherwise: a command run on a server
    (migrate, shell, the portal's own commands) must never fall back to the development
    key and debug pages. The development server is the one exception: it serves only a
    developer's machine (bin/demo, `manage.py runserver`)."""
    return DEVELOPMENT if argv[1:2] == ["runserver"] else PRODUCTION


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings(sys.argv))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
