"""The final figures of a project and the transfers between categories they imply: each
deficit covered from the categories with the most to spare, within the project's limit
on what a category gives before beyond it; what no category can cover is beyond the
award; each transfer checked against the rate table's rules and the project's settings."""

from decimal import Decimal

from django.utils import translation

from budget.rules import BudgetCategory as C
from budget.rules.rates import rate_table
from budget.rules.transfers import Outcome, final_figures, rule_text

RULES = rate_table(2026).transfer_rules
UNSET = {"transfer_out_limit_percent": None, "transfer_in_limit_percent": None}


def d(value) -> Decimal:
    return Decimal(str(value))


def figures(awarded, final, **settings):
    return final_figures(
        {c: d(v) for c, v in awarded.items()},
        {c: d(v) for c, v in final.items()},
        RULES,
        UNSET | {k: d(v) for k, v in settings.items()},
    )


def moves(result):
    return [(t.source.value, t.target.value, t.amount) for t in result.transfers]


def outcomes(transfer):
    return {check.rule.code: check.outcome for check in transfer.checks}


def test_within_every_award_nothing_moves():
    result = figures({C.TRAVEL: 1000, C.INDIVIDUAL_SUPPORT: 5000}, {C.TRAVEL: 900})
    assert result.transfers == () and result.uncovered == 0
    assert result.final == d(900) and result.grant == d(900)


def test_a_deficit_is_taken_from_the_category_with_most_to_spare():
    result = figures(
        {C.TRAVEL: 1000, C.INDIVIDUAL_SUPPORT: 5000, C.ORGANISATIONAL_SUPPORT: 1000},
        {C.TRAVEL: 1300, C.INDIVIDUAL_SUPPORT: 4000, C.ORGANISATIONAL_SUPPORT: 900},
    )
    assert moves(result) == [("individual_support", "travel", d(300))]
    travel = next(c for c in result.categories if c.category == C.TRAVEL)
    assert (travel.difference, travel.moved_in, travel.after_transfers) == (d(300), d(300), d(1300))


def test_a_large_deficit_takes_from_several_categories_largest_first():
    result = figures(
        {C.TRAVEL: 1000, C.INDIVIDUAL_SUPPORT: 1000, C.LINGUISTIC_SUPPORT: 300},
        {C.TRAVEL: 1500, C.INDIVIDUAL_SUPPORT: 800, C.LINGUISTIC_SUPPORT: 0},
    )
    assert moves(result) == [
        ("linguistic_support", "travel", d(300)),
        ("individual_support", "travel", d(200)),
    ]
    assert result.uncovered == 0


def test_what_no_category_can_cover_is_beyond_the_award():
    result = figures(
        {C.TRAVEL: 1000, C.INDIVIDUAL_SUPPORT: 1000}, {C.TRAVEL: 1500, C.INDIVIDUAL_SUPPORT: 900}
    )
    assert moves(result) == [("individual_support", "travel", d(100))]
    assert result.uncovered == d(400)
    assert result.final == d(2400) and result.grant == d(2000)


def test_the_out_limit_is_met_first_then_broken():
    awarded = {C.TRAVEL: 1000, C.INDIVIDUAL_SUPPORT: 1000, C.LINGUISTIC_SUPPORT: 1000}
    final = {C.TRAVEL: 1300, C.INDIVIDUAL_SUPPORT: 500, C.LINGUISTIC_SUPPORT: 800}
    # 10 % of each award may go: 100 from each source, then the rest beyond the limit.
    result = figures(awarded, final, transfer_out_limit_percent=10)
    assert moves(result) == [
        ("individual_support", "travel", d(200)),
        ("linguistic_support", "travel", d(100)),
    ]
    by_source = {t.source: outcomes(t)["out_limit"] for t in result.transfers}
    assert by_source == {C.INDIVIDUAL_SUPPORT: Outcome.BREAKS, C.LINGUISTIC_SUPPORT: Outcome.MEETS}
    assert result.breaks


def test_the_in_limit_is_the_receiving_categorys():
    awarded = {C.TRAVEL: 1000, C.INDIVIDUAL_SUPPORT: 5000}
    final = {C.TRAVEL: 1150, C.INDIVIDUAL_SUPPORT: 1000}
    assert (
        outcomes(figures(awarded, final, transfer_in_limit_percent=20).transfers[0])["in_limit"]
        == Outcome.MEETS
    )
    (transfer,) = figures(awarded, final, transfer_in_limit_percent=10).transfers
    assert outcomes(transfer)["in_limit"] == Outcome.BREAKS
    check = next(c for c in transfer.checks if c.rule.code == "in_limit")
    assert str(check) == (
        "Travel receives 150.00 EUR, more than the project's limit of 10% of its award "
        "(100.00 EUR)."
    )


def test_a_limit_the_project_has_not_set_is_neither_met_nor_broken():
    (transfer,) = figures({C.TRAVEL: 100, C.INDIVIDUAL_SUPPORT: 500}, {C.TRAVEL: 200}).transfers
    assert outcomes(transfer) == {"out_limit": Outcome.NOT_SET, "in_limit": Outcome.NOT_SET}
    assert not transfer.breaks


def test_course_fees_after_the_transfers_stay_within_half_of_the_award():
    awarded = {C.COURSE_FEES: 20000, C.INDIVIDUAL_SUPPORT: 40000}
    (within,) = figures(awarded, {C.COURSE_FEES: 30000}).transfers
    assert outcomes(within)["course_fees_cap"] == Outcome.MEETS
    (above,) = figures(awarded, {C.COURSE_FEES: 30001}).transfers
    assert outcomes(above)["course_fees_cap"] == Outcome.BREAKS
    check = next(c for c in above.checks if c.rule.code == "course_fees_cap")
    assert check.params["cap"] == d(30000)
    assert "50% of the awarded grant" in str(check)


def test_a_small_grant_caps_course_fees_at_a_fixed_amount():
    awarded = {C.COURSE_FEES: 19000, C.INDIVIDUAL_SUPPORT: 21000}
    (transfer,) = figures(awarded, {C.COURSE_FEES: 20500}).transfers
    check = next(c for c in transfer.checks if c.rule.code == "course_fees_cap")
    assert check.outcome == Outcome.BREAKS and check.params["cap"] == d(20000)
    assert "of a grant of at most 40,000.00 EUR" in str(check)


def test_money_moved_into_inclusion_support_needs_the_agencys_approval():
    (transfer,) = figures(
        {C.INCLUSION_SUPPORT: 100, C.TRAVEL: 1000}, {C.INCLUSION_SUPPORT: 400}
    ).transfers
    assert outcomes(transfer)["inclusion_approval"] == Outcome.APPROVAL
    assert not transfer.breaks


def test_the_rules_are_the_rate_tables_data():
    assert [(r.code, r.from_project) for r in RULES] == [
        ("course_fees_cap", False),
        ("inclusion_approval", False),
        ("out_limit", True),
        ("in_limit", True),
    ]
    table = rate_table(2026)
    cap = RULES[0]
    assert (cap.share, cap.small_award, cap.small_award_cap) == (
        table.course_fees_share_of_grant,
        table.course_fees_small_grant,
        table.course_fees_small_grant_cap,
    )


def test_the_checks_and_rules_read_in_latvian():
    (transfer,) = figures(
        {C.TRAVEL: 1000, C.INDIVIDUAL_SUPPORT: 5000},
        {C.TRAVEL: 1150},
        transfer_out_limit_percent=50,
    ).transfers
    with translation.override("lv"):
        text = str(next(c for c in transfer.checks if c.rule.code == "out_limit"))
        assert text == (
            "Individuālais atbalsts atdod 150,00 EUR, nepārsniedzot projekta robežu — 50% no "
            "tai piešķirtā (2\xa0500,00 EUR)."
        )
        assert rule_text(RULES[2], d(50)) == (
            "Kategorija drīkst atdot citām kategorijām ne vairāk kā 50% no tai piešķirtā."
        )
