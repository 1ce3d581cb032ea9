"""Benchmark: the payments of a project with 2 000 signed agreements (4 000 payments, a
third of them paid): the payments page as a coordinator opens it (first page, filtered,
sorted by participant), the totals, and the accountant's export (CSV and XLSX, every
payment) and `manage.py payments`. Prints seconds and query counts.

    .venv/bin/python bench/payments.py            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/erasmus .venv/bin/python bench/payments.py

It works in a throwaway test database (test_<name>), created and dropped by the script.
Target on the 2-core machine: the page under 0.3 s and the export of 4 000 payments under
3 s, with queries that do not grow with the number of mobilities (the 200 and the 2 000
rows print the same counts).
"""

import io
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erasmus_portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

from bench_data import build, coordinator_of, timed  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from budget.services import budget_recalculate_project  # noqa: E402
from finance.models import Payment, Transfer  # noqa: E402
from finance.schedule import schedule_sync  # noqa: E402
from finance.selectors import payment_totals  # noqa: E402
from reporting.models import AgreementVersion, GeneratedDocument  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_MOBILITIES", "200,2000").split(",")]


def main():
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        for size in SIZES:
            measure(*signed_project(size))
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def signed_project(size: int):
    """A project whose every mobility has a signed agreement, the pre-financing of every
    third one paid."""
    project = build(size)
    budget_recalculate_project(project=project)
    now = timezone.now()
    mobilities = list(project.mobilities.select_related("grant"))
    documents = GeneratedDocument.objects.bulk_create(
        GeneratedDocument(
            project=project,
            mobility=m,
            kind="grant_agreement",
            language="lv",
            version=1,
            status="ready",
            file=f"documents/{m.pk}.pdf",
            sha256="0" * 64,
        )
        for m in mobilities
    )
    AgreementVersion.objects.bulk_create(
        AgreementVersion(
            mobility=m,
            number=1,
            language="lv",
            status="signed",
            document=document,
            content_fingerprint="f" * 64,
            frozen_file=f"agreements/{m.pk}.pdf",
            frozen_sha256="1" * 64,
            final_file=f"agreements/{m.pk}-signed.pdf",
            final_sha256="2" * 64,
            signed_at=now,
            participant_share={"paid": str(m.grant.total)},
        )
        for m, document in zip(mobilities, documents, strict=True)
    )
    started = time.perf_counter()
    for mobility in mobilities:
        schedule_sync(mobility_id=mobility.pk)
    print(f"\nschedules of {size} signed agreements: {time.perf_counter() - started:.1f} s")
    paid = Payment.objects.filter(mobility__project=project, kind="prefinancing")
    Transfer.objects.bulk_create(
        Transfer(
            payment=p,
            paid_on=p.due_date - timedelta(days=3),
            amount=p.amount,
            reference=f"SEB {p.pk}",
        )
        for p in paid.order_by("pk")[::3]
        if p.amount
    )
    return project, coordinator_of(project, f"finance-{size}")


def measure(project, user):
    count = Payment.objects.filter(mobility__project=project).count()
    mobilities = project.mobilities.count()
    print(f"database: {connection.vendor}; mobilities: {mobilities}; payments: {count}")
    client = Client()
    client.force_login(user)
    page = reverse("finance:payment_list", args=[project.pk])

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    timed("payments page", lambda: get(page))
    timed(
        "payments page, overdue, by participant",
        lambda: get(page + "?status=overdue&sort=participant"),
    )
    timed("totals", lambda: payment_totals(project, today=timezone.localdate()))
    export = reverse("finance:payment_export", args=[project.pk, "csv"])
    csv = timed("export CSV (every payment)", lambda: get(export), repeat=2)
    print(f"{'':<42} {len(csv.content) // 1024:8d} KiB")
    xlsx = reverse("finance:payment_export", args=[project.pk, "xlsx"])
    timed("export XLSX (every payment)", lambda: get(xlsx), repeat=2)

    def command():
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        call_command("payments", "--project", project.grant_agreement_number, stdout=out)

    timed("manage.py payments (CSV)", command, repeat=2)


if __name__ == "__main__":
    main()
