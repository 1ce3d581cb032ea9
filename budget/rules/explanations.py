"""Why a budget line has its amount: the rules that made it, worded when read.

A line holds reasons (a rule code and the figures it used), not a sentence, so that the
same quote reads in English and in Latvian without being computed again, as its notices
do (notices.py). `explanation_text` joins a line's reasons into one sentence in the
active language, amounts in its number format. Figures are raw values: Decimal amounts,
rates and shares, counts, band labels.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.money import money_text, percent

from .rates import RateKind

Params = Mapping[str, Any]


@dataclass(frozen=True)
class Reason:
    """One rule behind a line's amount."""

    code: str
    params: Params = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        return _SENTENCES[self.code](self.params)


def explanation_text(reasons: Iterable[Reason]) -> str:
    """A line's reasons as one sentence ("" for none), in the active language."""
    text = "; ".join(str(reason) for reason in reasons)
    return text[:1].upper() + text[1:]


# Travel


def _expensive_travel_replaces(p: Params) -> str:
    return _(
        "Band %(band)s km: the unit cost %(unit)s EUR is replaced by expensive travel "
        "(exceptional costs)."
    ) % {"band": p["band"], "unit": money_text(p["unit"])}


def _travel_band(p: Params) -> str:
    if p["green"]:
        message = _("Band %(band)s km, green travel: %(amount)s EUR")
    else:
        message = _("Band %(band)s km, standard travel: %(amount)s EUR")
    return message % {"band": p["band"], "amount": money_text(p["amount"])}


# Individual support


def _individual_support(p: Params) -> str:
    """The funded days (the stay, without days beyond an accompanying person's maximum,
    plus travel days) and their arithmetic."""
    return ngettext(
        "%(funded)d day (%(days)d + travel days: %(travel)d), group %(group)d, %(kind)s "
        "rate: %(arithmetic)s",
        "%(funded)d days (%(days)d + travel days: %(travel)d), group %(group)d, %(kind)s "
        "rate: %(arithmetic)s",
        p["funded"],
    ) % {
        "funded": p["funded"],
        "days": p["days"],
        "travel": p["travel"],
        "group": p["group"],
        "kind": _("staff") if p["kind"] == RateKind.STAFF else _("learner"),
        "arithmetic": _daily_arithmetic(p),
    }


def _daily_arithmetic(p: Params) -> str:
    """ "14 days × 100.00 + 16 days × 70.00 = 2,520.00 EUR": the full-rate days, then the
    days at the reduced rate."""
    arithmetic = _days_times(p["full_days"], p["rate"])
    if p["reduced_days"]:
        arithmetic += " + " + _days_times(p["reduced_days"], p["reduced_rate"])
    return f"{arithmetic} = {money_text(p['amount'])} EUR"


def _days_times(days: int, rate: Decimal) -> str:
    return ngettext("%(days)d day × %(rate)s", "%(days)d days × %(rate)s", days) % {
        "days": days,
        "rate": money_text(rate),
    }


# Organisational support


def _organisational_support_reduced(p: Params) -> str:
    return _(
        "Participant no. %(ordinal)d of this activity type (from no. %(from)d): %(amount)s EUR"
    ) % {"ordinal": p["ordinal"], "from": p["from"], "amount": money_text(p["amount"])}


# Shapes of sentence shared by several rules


def _real_cost_share(p: Params, message: str) -> str:
    return message % {
        "percent": percent(p["share"]),
        "cost": money_text(p["cost"]),
        "amount": money_text(p["amount"]),
    }


def _amount(message: Callable[[], str]) -> Callable[[Params], str]:
    """A rule whose sentence shows only its amount."""
    return lambda p: message() % {"amount": money_text(p["amount"])}


# A line of several parts (inclusion, linguistic support, exceptional costs) joins them:
# each part is in lower case, and explanation_text capitalises the first.
_SENTENCES: Mapping[str, Callable[[Params], str]] = {
    # Travel
    "visit_no_travel": lambda p: _(
        "A preparatory visit has no travel grant: its unit cost covers the trip."
    ),
    "expensive_travel_replaces": _expensive_travel_replaces,
    "travel_band": _travel_band,
    # Individual support
    "visit_no_individual_support": lambda p: _(
        "A preparatory visit has no individual support: its unit cost covers it."
    ),
    "individual_support": _individual_support,
    # Organisational support
    "accompanying_no_organisational_support": lambda p: _(
        "No organisational support for accompanying persons."
    ),
    "visit_no_organisational_support": lambda p: _(
        "A preparatory visit has no organisational support: its unit cost covers it."
    ),
    "organisational_support_third_country": _amount(
        lambda: _("Individual activity in a non-associated third country: %(amount)s EUR")
    ),
    "organisational_support_reduced": _organisational_support_reduced,
    "organisational_support": _amount(
        lambda: _("%(amount)s EUR per participant in this activity type")
    ),
    # Inclusion support
    "fewer_opportunities": _amount(
        lambda: _("participant with fewer opportunities: %(amount)s EUR")
    ),
    "inclusion_real_costs": lambda p: (
        _("real costs at %(percent)s%%: %(amount)s EUR")
        % {"percent": percent(p["share"]), "amount": money_text(p["amount"])}
    ),
    # Preparatory visit
    "preparatory_visit": _amount(lambda: _("Preparatory visit: %(amount)s EUR per participant")),
    # Course fees
    "course_fees": lambda p: (
        ngettext(
            "%(days)d course day × %(rate)s EUR", "%(days)d course days × %(rate)s EUR", p["days"]
        )
        % {"days": p["days"], "rate": money_text(p["rate"])}
    ),
    # Linguistic support
    "linguistic_support": _amount(lambda: _("linguistic support: %(amount)s EUR")),
    "linguistic_support_reinforced": _amount(
        lambda: _("reinforced linguistic support for ErasmusPro: %(amount)s EUR")
    ),
    # Exceptional costs: a share of the real cost
    "expensive_travel": lambda p: _real_cost_share(
        p, _("expensive travel: %(percent)s%% of %(cost)s EUR = %(amount)s EUR")
    ),
    "financial_guarantee": lambda p: _real_cost_share(
        p, _("financial guarantee: %(percent)s%% of %(cost)s EUR = %(amount)s EUR")
    ),
    "visa_and_medical": lambda p: _real_cost_share(
        p,
        _(
            "visas, residence permits, vaccinations and medical certificates: "
            "%(percent)s%% of %(cost)s EUR = %(amount)s EUR"
        ),
    ),
}
