"""A project of any size with mobilities of every activity type, built in bulk (no
validation, no history) for the benchmarks. Needs Django set up."""

from datetime import date, timedelta

from mobilities.models import Mobility, MobilityGroup
from participants.models import Participant
from projects.models import (
    ErasmusPlan,
    Goal,
    GoalTarget,
    Membership,
    Organisation,
    PartnerOrganisation,
    Project,
)

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
    """A school with a 2026 project of `size` mobilities (grants not computed yet)."""
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
    goals = [Goal.objects.create(plan=plan, number=n, title=f"Goal {n}") for n in range(1, 9)]
    for goal in goals:
        GoalTarget.objects.create(
            goal=goal,
            indicator="Learners",
            target_value=100,
            unit="persons",
            year=2026,
            measure=GoalTarget.Measure.LEARNERS,
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
    Mobility.goals.through.objects.bulk_create(
        [
            Mobility.goals.through(mobility=mobility, goal=goals[mobility.number % len(goals)])
            for mobility in mobilities
        ],
        batch_size=1000,
    )
    return project


def coordinator_of(project, username: str):
    """A coordinator of the project's school, for the page benchmarks."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username=username, password="bench-pass-123")
    Membership.objects.create(user=user, organisation=project.organisation, role="coordinator")
    return user


def timed(label: str, function, repeat: int = 3, width: int = 42):
    """The best of `repeat` runs of `function`, printed with its query count; answers the
    last run's result."""
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best, queries, result = None, 0, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = function()
            elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
        queries = len(captured)
    print(f"{label:<{width}} {best:8.3f} s  {queries:4d} queries")
    return result
