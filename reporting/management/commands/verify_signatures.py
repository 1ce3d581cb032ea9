"""`python manage.py verify_signatures`: check that every frozen agreement (the bytes that
were signed) and every final signed PDF still has the SHA-256 stored when it was made.

Prints one line per file that is missing or changed, naming the agreement, and exits with
status 1 if there is any; status 0 and a count otherwise. Meant for cron or monitoring."""

from django.core.management.base import BaseCommand, CommandError

from reporting.models import AgreementVersion
from reporting.signing import agreement_files_check


class Command(BaseCommand):
    help = "Check every signed grant agreement's stored files against their SHA-256."

    def handle(self, *args, **options):
        mismatches = list(agreement_files_check())
        for mismatch in mismatches:
            agreement = mismatch.agreement
            self.stderr.write(
                f"MISMATCH {agreement.mobility.reference} version {agreement.number} "
                f"(agreement id {agreement.pk}), {mismatch.which}: {mismatch.problem}"
            )
        if mismatches:
            raise CommandError(f"{len(mismatches)} signed file(s) do not match their SHA-256.")
        checked = AgreementVersion.objects.exclude(frozen_sha256="").count()
        self.stdout.write(f"All {checked} frozen or signed agreement(s) match their SHA-256.")
