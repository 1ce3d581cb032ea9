"""Benchmark: importing 5 000 participants (CSV) and 5 000 mobilities (XLSX) through the
same code path as the web pages: reading the file, the preview (a dry run, rolled back),
the confirmed import, and the preview of the same file again (every row unchanged).
Prints rows per second for each step and the peak memory.

    .venv/bin/python bench/import.py            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/erasmus .venv/bin/python bench/import.py

It works in a throwaway test database (test_<name>), created and dropped by the script.
Environment: BENCH_ROWS (5000); BENCH_TRACEMALLOC=1 also traces Python allocations per
step (slower, so rows per second are then lower than without it).
"""

import os
import resource
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erasmus_portal.settings.test")

import django  # noqa: E402

django.setup()

from bench_data import TEMPLATES, coordinator_of  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import translation  # noqa: E402

from core.transfer import csv_bytes, read_dataset, run_import, xlsx_bytes  # noqa: E402
from mobilities.models import Mobility, MobilityGroup  # noqa: E402
from mobilities.resources import MobilityResource  # noqa: E402
from participants.models import Participant  # noqa: E402
from participants.resources import ParticipantResource  # noqa: E402
from projects.models import (  # noqa: E402
    ErasmusPlan,
    Goal,
    Organisation,
    PartnerOrganisation,
    Project,
)

ROWS = int(os.environ.get("BENCH_ROWS", "5000"))
TRACE = os.environ.get("BENCH_TRACEMALLOC") == "1"
HOST_OID = "E10012345"


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step(label: str, rows: int, function):
    if TRACE:
        tracemalloc.start()
    started = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - started
    traced = ""
    if TRACE:
        traced = f"  traced peak {tracemalloc.get_traced_memory()[1] / 2**20:7.1f} MB"
        tracemalloc.stop()
    print(
        f"{label:<44} {elapsed:7.2f} s  {rows / elapsed:8.0f} rows/s  "
        f"peak RSS {peak_rss_mb():7.1f} MB{traced}"
    )
    return result


def school_and_project():
    school = Organisation.objects.create(
        legal_name="Bench import school", oid="E19999999", country="LV", city="Cēsis", address="x"
    )
    plan = ErasmusPlan.objects.create(
        organisation=school, title="Plan", start_year=2026, end_year=2027
    )
    for number in range(1, 4):
        Goal.objects.create(plan=plan, number=number, title=f"Goal {number}")
    project = Project.objects.create(
        organisation=school,
        erasmus_plan=plan,
        call_year=2026,
        grant_agreement_number="2026-1-LV01-KA121-VET-000099999",
        start_date=date(2026, 6, 1),
        end_date=date(2027, 8, 31),
    )
    PartnerOrganisation.objects.create(
        organisation=school,
        name="Host",
        kind="host_company",
        country="ES",
        city="Valencia",
        oid=HOST_OID,
    )
    MobilityGroup.objects.create(
        project=project, name="Group", activity_type="learner_group", common_programme="x"
    )
    MobilityGroup.objects.create(project=project, name="Visit", activity_type="preparatory_visit")
    return school, project


PARTICIPANT_HEADERS = [
    "Kind",
    "First name",
    "Last name",
    "Date of birth",
    "E-mail",
    "National ID",
    "Nationality",
    "VET programme",
    "Qualification",
    "EQF level",
    "Learner status",
    "Position",
    "Employment documented",
    "Fewer opportunities",
    "Fewer-opportunities categories",
]


def participant_rows():
    for n in range(ROWS):
        kind = TEMPLATES[n % len(TEMPLATES)][1]
        learner, staff = kind == "learner", kind == "staff"
        fewer = n % 7 == 0
        yield [
            kind,
            "Pēteris",
            f"Bērziņš {n}",
            "1990-01-01",
            f"p{n}@bench.example",
            f"010190-{n:05d}",
            "Latvija",
            "Programmēšana" if learner else "",
            "Programmēšanas tehniķis" if learner else "",
            4 if learner else "",
            "enrolled" if learner else "",
            "Skolotājs" if staff else "",
            "jā" if staff else "nē",
            "yes" if fewer else "no",
            "economic" if fewer else "",
        ]


MOBILITY_HEADERS = [
    "Participant",
    "Activity type",
    "Role",
    "Group",
    "Status",
    "Host organisation",
    "City of origin",
    "Country of origin",
    "Destination city",
    "Destination country",
    "Start date",
    "End date",
    "Travel days",
    "Goals",
    "Linguistic support",
    "Course days",
]


def mobility_rows():
    for n in range(ROWS):
        activity, _kind, role, days, (city, country), extra = TEMPLATES[n % len(TEMPLATES)]
        incoming = activity in ("invited_expert", "hosted_teacher")
        start = date(2026, 7, 1) + timedelta(days=n % 200)
        group = {"learner_group": "Group", "preparatory_visit": "Visit"}.get(activity, "")
        yield [
            f"p{n}@bench.example",
            activity,
            role,
            group,
            "planned",
            "" if incoming else HOST_OID,
            "Trier" if incoming else "Cēsis",
            "DE" if incoming else "LV",
            city,
            country,
            start,
            start + timedelta(days=days - 1),
            2,
            "1;3",
            "yes" if extra.get("linguistic_support") else "no",
            extra.get("course_days", ""),
        ]


def imported(resource_of, content: bytes, name: str, label: str, dry_run: bool):
    dataset = step(f"{label}: read the file", ROWS, lambda: read_dataset(content, name))
    kind = "preview (dry run)" if dry_run else "confirmed import"
    outcome = step(
        f"{label}: {kind}", ROWS, lambda: run_import(resource_of(), dataset, dry_run=dry_run)
    )
    if not outcome.is_valid:
        problems = (
            outcome.problems
            or [
                (row.line, row.problems, [c.problems for c in row.cells if c.problems])
                for row in outcome.rows
                if row.status == "invalid"
            ][:5]
        )
        raise SystemExit(f"{label}: the file did not import: {problems}")
    return outcome


def run():
    school, project = school_and_project()
    user = coordinator_of(project, "bench")
    print(f"\ndatabase: {connection.vendor}; rows per file: {ROWS}")

    def people():
        return ParticipantResource(
            user=user, organisations=[school], organisation=school, strict=False
        )

    def trips():
        return MobilityResource(user=user, projects=[project], project=project, strict=False)

    participants = csv_bytes(PARTICIPANT_HEADERS, participant_rows())
    mobilities = xlsx_bytes(MOBILITY_HEADERS, mobility_rows())
    print(
        f"files: participants.csv {len(participants) / 2**20:.1f} MB, "
        f"mobilities.xlsx {len(mobilities) / 2**20:.1f} MB"
    )
    imported(people, participants, "participants.csv", "participants", dry_run=True)
    imported(people, participants, "participants.csv", "participants", dry_run=False)
    again = imported(people, participants, "participants.csv", "participants again", True)
    imported(trips, mobilities, "mobilities.xlsx", "mobilities", dry_run=True)
    imported(trips, mobilities, "mobilities.xlsx", "mobilities", dry_run=False)
    again_trips = imported(trips, mobilities, "mobilities.xlsx", "mobilities again", True)
    grants = Mobility.objects.filter(project=project, grant__isnull=False).count()
    print(
        f"participants: {Participant.objects.filter(organisation=school).count()}, "
        f"mobilities: {project.mobilities.count()} ({grants} with a stored grant); "
        f"unchanged on the second preview: {again.counts['unchanged']} and "
        f"{again_trips.counts['unchanged']}"
    )


def main():
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with translation.override("en"):
            run()
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
