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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erasmus_portal.settings.test")

import django  # noqa: E402

django.setup()

from bench_data import build, timed  # noqa: E402
from django.db import connection  # noqa: E402

from budget.selectors import project_budget  # noqa: E402
from budget.services import budget_recalculate_project  # noqa: E402

# The small size shows that query counts do not grow with the number of mobilities.
SIZES = [int(n) for n in os.environ.get("BENCH_MOBILITIES", "200,2000").split(",")]


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
    timed("full recalculation (best of 3)", lambda: budget_recalculate_project(project=project))
    budget = timed("budget page aggregate + warnings", lambda: project_budget(project), repeat=5)
    timed(
        "budget page aggregate only", lambda: project_budget(project, with_warnings=False), repeat=5
    )
    unfundable = project.mobilities.filter(grant__fundable=False).count()
    print(f"planned total: {budget.total.planned} EUR; unfundable mobilities: {unfundable}")


if __name__ == "__main__":
    main()
