"""The demo's call for applicants is realistic, consistent with its own ranking and
seeded once."""

from io import StringIO

import pytest
from django.core.management import call_command

from participants.models import SelectionCall, SelectionScore
from selection import selectors
from selection.ranking import TieBreak

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(demo_data):
    return SelectionCall.objects.select_related("project__organisation").get(
        title="Prakse Valensijā 2027"
    )


def test_the_demo_has_a_decided_call_with_scored_applications(call):
    assert call.status == "decided" and call.decided_by.username == "coordinator"
    assert 3 <= call.criteria.count() <= 4
    ranking = selectors.call_ranking(call)
    assert 6 <= len(ranking.rows) <= 8
    assert not ranking.incomplete
    assert [e.username for e in ranking.evaluators] == ["coordinator"]


def test_the_demo_decisions_follow_the_ranking(call):
    ranking = selectors.call_ranking(call)
    decisions = [row.application.decision for row in ranking.rows]
    places = call.places
    assert decisions[:places] == ["selected"] * places
    assert decisions[places : places + 2] == ["waiting_list"] * 2
    assert decisions[places + 2 :] == ["not_selected"] * (len(decisions) - places - 2)
    for row in ranking.rows:
        assert row.application.decision_reason.startswith(f"{row.standing.rank}. vieta")
        assert f"{row.standing.score:.2f}".replace(".", ",") in row.application.decision_reason


def test_the_demo_shows_a_tie_broken_by_the_earlier_submission(call):
    ranking = selectors.call_ranking(call)
    assert TieBreak.EARLIER_SUBMISSION in [row.standing.tie_break for row in ranking.rows]


def test_scores_and_decisions_are_seeded_once(call):
    scores = list(SelectionScore.objects.order_by("pk").values_list("pk", "points", "scored_at"))
    decisions = list(call.applications.order_by("pk").values_list("pk", "decision", "decided_at"))
    call_command("seed_demo", stdout=StringIO())  # a second run, on the first one's data
    assert list(SelectionScore.objects.order_by("pk").values_list("pk", "points", "scored_at")) == (
        scores
    )
    assert (
        list(call.applications.order_by("pk").values_list("pk", "decision", "decided_at"))
        == decisions
    )
