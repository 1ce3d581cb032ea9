"""`manage.py payments --project <grant agreement number>`: the project's payments as the
accountant's file on standard output, one row per payment with a status column."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from projects.models import Project

from ...exports import FORMATS, payments_file
from ...selectors import Status, project_payments

STATUSES = (Status.DUE, Status.OVERDUE, Status.PAID)


class Command(BaseCommand):
    help = "Write a project's payments to participants (CSV or XLSX) to standard output."

    def add_arguments(self, parser):
        parser.add_argument(
            "--project", required=True, help="The project's grant agreement number."
        )
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument(
            "--status", choices=STATUSES, help="Only the payments due, overdue or paid."
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language of the headers and texts.",
        )

    def handle(self, *args, project, format, status, language, **options):
        try:
            found = Project.objects.get(grant_agreement_number=project)
        except Project.DoesNotExist:
            raise CommandError(
                f"--project: no project has the grant agreement number {project!r}."
            ) from None
        payments = project_payments(found, today=timezone.localdate())
        if status:
            payments = payments.filter(status=status)
        payments = payments.order_by("mobility__number", "kind")
        with translation.override(language):
            content = payments_file(payments, format)
        out = getattr(self.stdout, "_out", sys.stdout)
        if format == "csv":
            out.write(content.decode("utf-8"))
        elif hasattr(out, "buffer"):
            out.flush()
            out.buffer.write(content)
        else:
            raise CommandError("--format xlsx: standard output does not take bytes.")
        out.flush()
