"""`python manage.py retention_sweep [--today YYYY-MM-DD]`: flag the projects whose
retention period for the grant's audit has ended (as the nightly Celery task does) and list
every flagged project whose personal data waits for a coordinator to erase it."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from privacy import services
from privacy.models import RetentionFlag


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today: a date as YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = "Flag the projects whose retention period ended and list those waiting for erasure."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The day to check as (YYYY-MM-DD); default: today.")

    def handle(self, *args, **options):
        today = _day(options["today"]) if options["today"] else None
        new = services.retention_sweep(today=today)
        waiting = RetentionFlag.objects.filter(erased_at__isnull=True).select_related(
            "project__organisation"
        )
        for flag in waiting:
            mark = "new" if flag in new else "waiting"
            project = flag.project
            self.stdout.write(
                f"{mark}: {project.grant_agreement_number} ({project.organisation.legal_name}), "
                f"retention ended {flag.retention_ended_on}"
            )
        self.stdout.write(f"{len(new)} project(s) flagged now, {len(waiting)} waiting for erasure.")
