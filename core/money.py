"""Money and its rounding: Decimal only, one rounding helper, one rounding mode; and the
one way amounts and shares are written.

The Programme Guide rounds half up (0.5 goes up), both for cents and for the whole-euro
daily amount of the days after the full-rate days of a stay.
"""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
WHOLE_EURO = Decimal("1")


def round_half_up(value: Decimal, step: Decimal = CENT) -> Decimal:
    """`value` rounded to a multiple of `step` (CENT or WHOLE_EURO), half up."""
    return value.quantize(step, rounding=ROUND_HALF_UP)


def euros(value: Decimal) -> str:
    """An amount as machines read it (JSON): two decimals, no thousands separator."""
    return f"{round_half_up(value):.2f}"


def money_text(value: Decimal) -> str:
    """An amount inside a sentence, in the active language's number format: "1,234.56" in
    English, "1 234,56" in Latvian."""
    return number_format(round_half_up(value), 2, use_l10n=True, force_grouping=True)


def percent(share: Decimal, decimals: int = 0) -> str:
    """A share (0.80) as a number of per cent in the active language's format: "80"; with
    one decimal "12.3" in English, "12,3" in Latvian. The sign is the caller's ("80%%" in
    a message, "80 %" beside a figure).

    Cut, not rounded, to `decimals`: a share shown is never more than it is (99.96% of a
    grant used is not 100%)."""
    shown = (share * 100).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN)
    return number_format(shown, decimals, use_l10n=True)
