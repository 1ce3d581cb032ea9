"""generate_documents queues the same tasks as the pages, validates its arguments with
clear messages (no traceback), and with --wait exits non-zero if a document failed."""

import os
import subprocess
import sys
from datetime import date

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from mobilities.models import Mobility
from reporting.models import GeneratedDocument
from tests import factories

from .helpers import database_url

pytestmark = pytest.mark.django_db(transaction=True)


def generate(*args):
    call_command("generate_documents", *args)


@pytest.fixture
def two_mobilities(project, host):
    return [factories.mobility(project, host=host) for _ in range(2)]


def test_it_queues_and_waits_for_every_document(project, two_mobilities, capsys):
    number = project.grant_agreement_number
    generate("--project", number, "--kind", "grant_agreement", "--language", "en", "--wait")
    assert GeneratedDocument.objects.filter(status="ready").count() == 2
    output = capsys.readouterr().out
    assert "Queued 2 document(s)" in output
    assert "2 ready, 0 failed" in output


def test_it_queues_the_final_report_in_latvian_by_default(project):
    generate("--project", project.grant_agreement_number, "--kind", "final_report")
    document = GeneratedDocument.objects.get()
    assert (document.kind, document.language, document.mobility) == (
        "final_report",
        "lv",
        None,
    )


def test_it_exits_non_zero_when_a_document_failed(project, two_mobilities, capsys):
    Mobility.objects.filter(pk=two_mobilities[0].pk).update(end_date=date(2027, 10, 5))
    with pytest.raises(CommandError, match="1 of 2 document"):
        generate(
            "--project",
            project.grant_agreement_number,
            "--kind",
            "grant_agreement",
            "--language",
            "en",
            "--wait",
        )
    assert "cannot be funded" in capsys.readouterr().out


@pytest.mark.parametrize(
    "arguments, message",
    [
        (
            ["--project", "2026-1-LV01-KA121-VET-999999999", "--kind", "final_report"],
            "No project",
        ),
        (["--kind", "passport"], "--kind must be one of grant_agreement"),
        (
            ["--kind", "final_report", "--language", "de"],
            "--language must be one of lv, en",
        ),
        (["--kind", "grant_agreement"], "No mobility of this project needs this document"),
    ],
)
def test_it_refuses_bad_arguments_with_a_clear_message(project, arguments, message):
    if "--project" not in arguments:
        arguments = ["--project", project.grant_agreement_number, *arguments]
    with pytest.raises(CommandError, match=message):
        generate(*arguments)
    assert not GeneratedDocument.objects.exists()


def test_bad_arguments_exit_with_status_1_and_no_traceback(project):
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "erasmus_portal.settings.test",
        "DATABASE_URL": database_url(),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "generate_documents", "--project", "nope", "--kind", "x"],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env=environment,
        timeout=120,
    )
    assert result.returncode == 1
    assert "No project with the grant agreement number 'nope'" in result.stderr
    assert "Traceback" not in result.stderr
