"""`manage.py payments`: the accountant's file on standard output, one row per payment
with a status column, filtered by status; an unknown project is a clear error."""

import csv
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from finance import services
from finance.models import Payment

pytestmark = pytest.mark.django_db


def run(*args) -> bytes:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    call_command("payments", *args, stdout=out)
    out.flush()
    return out.buffer.getvalue()


def test_the_command_writes_every_payment_as_csv(project, signed):
    content = run("--project", project.grant_agreement_number, "--language", "en")
    header, *rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    assert "Status" in header
    status = header.index("Status")
    assert sorted(row[status] for row in rows) == [
        "Overdue",
        "Waiting for the report and proof of attendance",
    ]


def test_the_command_filters_by_status_in_latvian_xlsx(project, signed, alice):
    pre = Payment.objects.get(kind="prefinancing")
    services.transfer_record(
        payment=pre, paid_on=pre.due_date, amount=pre.amount, reference="1", user=alice
    )
    content = run(
        "--project",
        project.grant_agreement_number,
        "--format",
        "xlsx",
        "--status",
        "paid",
        "--language",
        "lv",
    )
    rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.values)
    assert rows[0][0] == "Saņēmējs"
    assert len(rows) == 2 and rows[1][9] == "Samaksāts"


def test_an_unknown_project_is_named_in_the_error(db):
    with pytest.raises(
        CommandError, match="--project: no project has the grant agreement number 'X'"
    ):
        run("--project", "X")


def test_an_unknown_status_is_refused(project):
    with pytest.raises(CommandError, match="invalid choice"):
        run("--project", project.grant_agreement_number, "--status", "late")
