"""The ranking of a call: pure functions, no database."""

from datetime import date
from decimal import Decimal

from selection.ranking import Candidate, Criterion, TieBreak, rank

MOTIVATION = Criterion(1, Decimal("40"), 10)
SKILLS = Criterion(2, Decimal("30"), 10)
LANGUAGE = Criterion(3, Decimal("30"), 5)
CRITERIA = [MOTIVATION, SKILLS, LANGUAGE]
ALICE, DACE = 100, 200


def candidate(pk, points, *, fewer_opportunities=False, submitted_on=date(2026, 10, 5)):
    return Candidate(pk, fewer_opportunities, submitted_on, points)


def by_one(pk, motivation, skills, language, **kwargs):
    points = {(1, ALICE): motivation, (2, ALICE): skills, (3, ALICE): language}
    return candidate(pk, points, **kwargs)


def test_the_weighted_score_is_normalised_to_100():
    (best,) = rank(CRITERIA, [by_one(1, 10, 10, 5)])
    assert best.score == Decimal("100.00")
    (worst,) = rank(CRITERIA, [by_one(1, 0, 0, 0)])
    assert worst.score == Decimal("0.00")


def test_each_criterion_counts_by_its_weight_over_its_maximum():
    # 40 × 8/10 + 30 × 5/10 + 30 × 3/5 = 32 + 15 + 18 = 65 of 100
    (standing,) = rank(CRITERIA, [by_one(1, 8, 5, 3)])
    assert standing.score == Decimal("65.00")


def test_weights_need_not_add_up_to_100():
    criteria = [Criterion(1, Decimal("2"), 10), Criterion(2, Decimal("1"), 10)]
    points = {(1, ALICE): 10, (2, ALICE): 4}
    (standing,) = rank(criteria, [candidate(1, points)])
    # (2 × 1 + 1 × 0.4) / 3 = 0.8
    assert standing.score == Decimal("80.00")


def test_the_evaluators_points_are_averaged_per_criterion():
    points = {
        (1, ALICE): 10, (2, ALICE): 10, (3, ALICE): 5,
        (1, DACE): 6, (2, DACE): 4, (3, DACE): 2,
    }  # fmt: skip
    (standing,) = rank(CRITERIA, [candidate(1, points)])
    # motivation 8/10, skills 7/10, language 3.5/5: 32 + 21 + 21 = 74
    assert standing.score == Decimal("74.00")
    assert standing.averages == {1: Decimal("8.00"), 2: Decimal("7.00"), 3: Decimal("3.50")}


def test_scores_are_rounded_half_up_to_two_decimals():
    criteria = [Criterion(1, Decimal("1"), 3)]
    (standing,) = rank(criteria, [candidate(1, {(1, ALICE): 2})])
    assert standing.score == Decimal("66.67")


def test_the_best_score_ranks_first():
    standings = rank(CRITERIA, [by_one(1, 5, 5, 2), by_one(2, 9, 9, 4), by_one(3, 7, 7, 3)])
    assert [(s.id, s.rank) for s in standings] == [(2, 1), (3, 2), (1, 3)]


def test_a_tie_goes_to_the_applicant_with_fewer_opportunities():
    standings = rank(CRITERIA, [by_one(1, 8, 8, 4), by_one(2, 8, 8, 4, fewer_opportunities=True)])
    assert [s.id for s in standings] == [2, 1]
    assert standings[0].tie_break == TieBreak.FEWER_OPPORTUNITIES
    assert standings[1].tie_break is None


def test_a_tie_without_fewer_opportunities_goes_to_the_earlier_submission():
    standings = rank(
        CRITERIA,
        [
            by_one(1, 8, 8, 4, submitted_on=date(2026, 10, 9)),
            by_one(2, 8, 8, 4, submitted_on=date(2026, 10, 2)),
        ],
    )
    assert [s.id for s in standings] == [2, 1]
    assert standings[0].tie_break == TieBreak.EARLIER_SUBMISSION


def test_fewer_opportunities_weigh_more_than_an_earlier_submission_in_a_tie():
    standings = rank(
        CRITERIA,
        [
            by_one(1, 8, 8, 4, submitted_on=date(2026, 10, 1)),
            by_one(2, 8, 8, 4, submitted_on=date(2026, 10, 9), fewer_opportunities=True),
        ],
    )
    assert [s.id for s in standings] == [2, 1]


def test_a_complete_tie_goes_to_the_application_recorded_first():
    standings = rank(CRITERIA, [by_one(7, 8, 8, 4), by_one(3, 8, 8, 4)])
    assert [s.id for s in standings] == [3, 7]
    assert standings[0].tie_break == TieBreak.RECORDED_FIRST


def test_fewer_opportunities_do_not_outrank_a_better_score():
    standings = rank(CRITERIA, [by_one(1, 8, 8, 4, fewer_opportunities=True), by_one(2, 9, 8, 4)])
    assert [s.id for s in standings] == [2, 1]
    assert standings[0].tie_break is None


def test_an_application_missing_a_criterion_is_incomplete_and_not_ranked():
    partial = candidate(2, {(1, ALICE): 10, (2, ALICE): 10})
    standings = rank(CRITERIA, [partial, by_one(1, 1, 1, 1)])
    assert [(s.id, s.rank) for s in standings] == [(1, 1), (2, None)]
    assert not standings[1].complete
    assert (standings[1].scores_given, standings[1].scores_needed) == (2, 3)


def test_every_evaluator_of_the_call_must_score_every_application():
    both = {(c.id, e): 5 for c in CRITERIA for e in (ALICE, DACE)}
    standings = rank(CRITERIA, [candidate(1, both), by_one(2, 10, 10, 5)])
    assert standings[0].id == 1 and standings[0].complete
    assert standings[1].id == 2 and not standings[1].complete
    assert (standings[1].scores_given, standings[1].scores_needed) == (3, 6)


def test_nothing_is_ranked_without_scores_or_criteria():
    assert [s.rank for s in rank(CRITERIA, [candidate(1, {})])] == [None]
    assert [s.rank for s in rank([], [candidate(1, {})])] == [None]
