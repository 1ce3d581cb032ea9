"""Builders for the selection tests: calls, applications and scores made through the
services, so every object obeys the same rules as on the pages."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from participants.models import SelectionCall
from selection import services
from tests import factories

# name, weight, maximum score
CRITERIA = [
    ("Motivation", "40", 10),
    ("Professional skills", "30", 10),
    ("Language skills", "30", 5),
]


def today():
    return timezone.localdate()


def call(project, *, status="draft", criteria=CRITERIA, places=2, **overrides) -> SelectionCall:
    """A call that took applications for the last 30 days, in `status`."""
    values = {
        "title": f"Prakse Valensijā {factories._next()}",
        "activity_types": ["learner_short_term"],
        "description": "Četru nedēļu prakse Valensijā.",
        "opens_on": today() - timedelta(days=30),
        "closes_on": today() - timedelta(days=1),
        "places": places,
    }
    new = services.call_create(
        project=project,
        criteria=[
            services.CriterionChange(
                name=name, description="", weight=Decimal(weight), max_score=max_score
            )
            for name, weight, max_score in criteria
        ],
        **(values | overrides),
    )
    return advance(new, status)


def advance(selection_call: SelectionCall, status: str) -> SelectionCall:
    order = ["draft", "published", "closed"]
    if status == "decided":
        raise ValueError("decide through the services in the test itself")
    for step in order[order.index(selection_call.status) + 1 : order.index(status) + 1]:
        if step == "published":
            services.call_publish(call=selection_call, today=selection_call.opens_on)
        if step == "closed":
            services.call_close(call=selection_call)
    return selection_call


def application(selection_call, applicant=None, *, days_ago=10, **overrides):
    organisation = selection_call.project.organisation
    return services.application_create(
        call=selection_call,
        applicant=applicant or factories.learner(organisation),
        motivation=overrides.pop("motivation", "Vēlos mācīties Spānijā."),
        submitted_on=overrides.pop("submitted_on", today() - timedelta(days=days_ago)),
    )


def score(application, evaluator, *points):
    """Points in the order of the call's criteria."""
    criteria = list(application.call.criteria.order_by("pk"))
    return services.scores_save(
        application=application,
        evaluator=evaluator,
        points={c.pk: p for c, p in zip(criteria, points, strict=True)},
    )
