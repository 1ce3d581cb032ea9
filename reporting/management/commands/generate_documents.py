"""Queue documents of a project from the command line, e.g. for scripts:

    python manage.py generate_documents --project 2026-1-LV01-KA121-VET-000123456 \\
        --kind grant_agreement --language lv --wait

The same service and the same Celery task as the web pages. With --wait, it polls the
database until every document is ready or failed, and exits with status 1 if any failed
(or --timeout passed).
"""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from projects.models import Project
from reporting import selectors, services
from reporting.models import MOBILITY_KINDS, DocumentKind, DocumentLanguage, GeneratedDocument

POLL_SECONDS = 0.5


class Command(BaseCommand):
    help = "Queue a kind of document for every mobility of a project (or its final report)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--project", required=True, metavar="NUMBER", help="the grant agreement number"
        )
        parser.add_argument(
            "--kind", required=True, metavar="KIND", help=", ".join(DocumentKind.values)
        )
        parser.add_argument(
            "--language", default=DocumentLanguage.LATVIAN, metavar="LANGUAGE", help="lv or en"
        )
        parser.add_argument(
            "--wait", action="store_true", help="wait until every document is ready or failed"
        )
        parser.add_argument(
            "--timeout", type=float, default=600, help="seconds to wait at most (default 600)"
        )

    def handle(self, *args, project, kind, language, wait, timeout, **options):
        project = self._project(project)
        self._check_choice("--kind", kind, DocumentKind.values)
        self._check_choice("--language", language, DocumentLanguage.values)
        ids = self._queue(project, kind, language)
        not_queued = list(selectors.failed_documents(ids))
        if not_queued and not wait:
            # The broker is down (or, without one, rendering in process failed); --wait
            # lists each document with its reason.
            raise CommandError(
                f"{len(not_queued)} of {len(ids)} document(s) failed: "
                f"{not_queued[0].failure_reason}"
            )
        self.stdout.write(f"Queued {len(ids)} document(s): {DocumentKind(kind).label}.")
        if wait:
            self._wait(ids, timeout)

    def _project(self, number: str) -> Project:
        try:
            return Project.objects.select_related("organisation").get(
                grant_agreement_number=number.strip()
            )
        except Project.DoesNotExist:
            raise CommandError(f"No project with the grant agreement number {number!r}.") from None

    def _check_choice(self, option: str, value: str, allowed: list[str]) -> None:
        if value not in allowed:
            raise CommandError(f"{option} must be one of {', '.join(allowed)}; not {value!r}.")

    def _queue(self, project, kind, language) -> list[int]:
        try:
            if kind in MOBILITY_KINDS:
                batch = services.document_batch_request(
                    project=project, kind=kind, language=language
                )
                return list(batch.documents.values_list("pk", flat=True))
            document = services.document_request(project=project, kind=kind, language=language)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return [document.pk]

    def _wait(self, ids: list[int], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        documents = GeneratedDocument.objects.filter(pk__in=ids)
        while documents.exclude(status__in=GeneratedDocument.FINISHED).exists():
            if time.monotonic() > deadline:
                raise CommandError(f"Timed out after {timeout:g} s; some documents are not done.")
            time.sleep(POLL_SECONDS)
        failed = 0
        for document in documents.select_related("project", "mobility").order_by("pk"):
            line = f"{document.status:7} {document}"
            if document.status == GeneratedDocument.Status.FAILED:
                failed += 1
                line += f": {document.failure_reason}"
            self.stdout.write(line)
        self.stdout.write(
            f"{len(ids) - failed} ready, {failed} failed ({timezone.now():%H:%M:%S})."
        )
        if failed:
            raise CommandError(f"{failed} of {len(ids)} document(s) failed.")
