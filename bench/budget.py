"""Benchmark: recalculating the grant of a project with 2 000 mobilities of every activity
type, and the budget page's aggregate. Prints seconds and query counts.

    .venv/bin/python bench/budget.py            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/erasmus .venv/bin/python bench/budget.py

It works in a throwaway test database (test_<name>), created and dropped by the script.

Target on the 2-core machine: recalculation under 1 s; queries that do not grow with
the number of mobilities.
"""

import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erasmus_portal.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from budget.selectors import project_budget  # noqa: E402
from budget.services import budget_recalculate_project  # noqa: E402
from mobilities.models import Mobility, MobilityGroup  # noqa: E402
from participants.models import Participant  # noqa: E402
from projects.models import ErasmusPlan, Organisation, PartnerOrganisation, Project  # noqa: E402

# The small size shows that query counts do not grow with the number of mobilities.
SIZES = [int(n) for n in os.environ.get("BENCH_MOBILITIES", "200,2000").split(",")]

# activity, participant kind, role, days, destination, extra fields
TEMPLATES = [
    ("learner_short_term", "learner", "participant", 28, ("Valencia", "ES"), {}),
    (
        "learner_erasmuspro",
        "learner",
        "participant",
        120,
        ("Leipzig", "DE"),
        {"linguistic_support": True},
    ),
    ("learner_skills_competition", "learner", "participant", 5, ("Herning", "DK"), {}),
    ("learner_group", "learner", "participant", 14, ("Tallinn", "EE"), {}),
    ("learner_group", "staff", "accompanying_person", 14, ("Tallinn", "EE"), {}),
    ("staff_job_shadowing", "staff", "participant", 5, ("Espoo", "FI"), {}),
    ("staff_teaching", "staff", "participant", 5, ("Kaunas", "LT"), {}),
    ("staff_course", "staff", "participant", 5, ("Florence", "IT"), {"course_days": 5}),
    ("invited_expert", "external", "participant", 5, ("Cēsis", "LV"), {}),
    ("hosted_teacher", "external", "participant", 14, ("Cēsis", "LV"), {}),
    ("preparatory_visit", "staff", "participant", 3, ("Rimini", "IT"), {}),
]


def build(size: int) -> Project:
    school = Organisation.objects.create(
        legal_name=f"Bench school {size}",
        oid=f"E1{size:07d}",
        country="LV",
        city="Cēsis",
        address="x",
    )
    plan = ErasmusPlan.objects.create(
        organisation=school, title="Plan", start_year=2026, end_year=2027
    )
    project = Project.objects.create(
        organisation=school,
        erasmus_plan=plan,
        call_year=2026,
        grant_agreement_number=f"2026-1-LV01-KA121-VET-{size:09d}",
        start_date=date(2026, 6, 1),
        end_date=date(2027, 8, 31),
    )
    host = PartnerOrganisation.objects.create(
        organisation=school, name="Host", kind="host_company", country="ES", city="Valencia"
    )
    group = MobilityGroup.objects.create(
        project=project, name="Group", activity_type="learner_group", common_programme="x"
    )
    visit = MobilityGroup.objects.create(
        project=project, name="Visit", activity_type="preparatory_visit"
    )
    people = Participant.objects.bulk_create(
        Participant(
            organisation=school,
            kind=TEMPLATES[n % len(TEMPLATES)][1],
            first_name="P",
            last_name=str(n),
            date_of_birth=date(1990, 1, 1),
            email=f"p{n}@bench.example",
            fewer_opportunities=n % 7 == 0,
            fewer_opportunities_categories=["economic"] if n % 7 == 0 else [],
        )
        for n in range(size)
    )
    mobilities = []
    for n, person in enumerate(people):
        activity, _kind, role, days, (city, country), extra = TEMPLATES[n % len(TEMPLATES)]
        start = date(2026, 7, 1) + timedelta(days=n % 200)
        incoming = activity in ("invited_expert", "hosted_teacher")
        mobilities.append(
            Mobility(
                project=project,
                number=n + 1,
                participant=person,
                activity_type=activity,
                role=role,
                host=None if incoming else host,
                group={"learner_group": group, "preparatory_visit": visit}.get(activity),
                origin_city="Trier" if incoming else "Cēsis",
                origin_country="DE" if incoming else "LV",
                destination_city=city,
                destination_country=country,
                start_date=start,
                end_date=start + timedelta(days=days - 1),
                travel_days=2,
                **extra,
            )
        )
    Mobility.objects.bulk_create(mobilities, batch_size=1000)
    return project


def timed(label: str, function, repeat: int = 3):
    best, queries = None, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = function()
            elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
        queries = len(captured)
    print(f"{label:<38} {best:8.3f} s  {queries:4d} queries")
    return result


def main():
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def run():
    for size in SIZES:
        measure(build(size))


def measure(project):
    count = project.mobilities.count()
    print(f"\ndatabase: {connection.vendor}; mobilities: {count}")
    timed("full recalculation (best of 3)", lambda: budget_recalculate_project(project))
    budget = timed("budget page aggregate + warnings", lambda: project_budget(project), repeat=5)
    timed(
        "budget page aggregate only", lambda: project_budget(project, with_warnings=False), repeat=5
    )
    unfundable = project.mobilities.filter(grant__fundable=False).count()
    print(f"planned total: {budget.total.planned} EUR; unfundable mobilities: {unfundable}")


if __name__ == "__main__":
    main()
