"""The participant's share of a mobility's grant: which parts are paid to the participant,
which are provided in kind and which the school keeps, by the project's rule and each
mobility's override; and saving those rules. The engine's figures are not touched: the
share is a view of the stored grant."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from budget.choices import Handling, ShareHead
from budget.rules.share import (
    DEFAULT_HANDLING,
    SCHOOL_HEADS,
    GrantShare,
    inclusion_real_costs_part,
    split_grant,
)
from budget.rules.share import Handling as RuleHandling
from budget.rules.share import ShareHead as RuleHead

from .models import IN_KIND_NOTE_MAX_LENGTH, GrantHandling
from .signals import grant_share_changed

# What the school provides instead of the money, when the coordinator says nothing more.
DEFAULT_IN_KIND_NOTES = {
    ShareHead.TRAVEL: gettext_noop("The sending organisation buys the tickets for the journey."),
    ShareHead.INDIVIDUAL_SUPPORT: gettext_noop(
        "The sending organisation pays for accommodation and meals."
    ),
    ShareHead.INCLUSION_REAL_COSTS: gettext_noop(
        "The sending organisation pays for the additional support the participant needs."
    ),
    ShareHead.PREPARATORY_VISIT: gettext_noop(
        "The sending organisation pays for the preparatory visit."
    ),
    ShareHead.COURSE_FEES: gettext_noop(
        "The sending organisation pays the course fee to the course provider."
    ),
    ShareHead.LINGUISTIC_SUPPORT: gettext_noop(
        "The sending organisation provides the language course."
    ),
    ShareHead.EXCEPTIONAL_COSTS: gettext_noop(
        "The sending organisation pays the exceptional costs (visas, permits, vaccinations, "
        "expensive travel) directly."
    ),
}

EDITABLE_HEADS = [head for head in ShareHead if head.value not in SCHOOL_HEADS]


@dataclass(frozen=True)
class HeadRule:
    handling: str
    note: str = ""
    # For a mobility: whether the handling is its own or the project's.
    overridden: bool = False


def default_note(head: str) -> str:
    return _(DEFAULT_IN_KIND_NOTES.get(head, ""))


def provided_note(head: str, handling: str, note: str) -> str:
    """What the agreement says is provided for a part in kind: the coordinator's words,
    else the default; nothing for a part paid or kept."""
    if handling != Handling.IN_KIND:
        return ""
    return note or default_note(head)


def project_rules(project) -> dict[str, HeadRule]:
    rows = {row.head: row for row in _rows(project, mobility=None)}
    return {head.value: _rule(head, rows.get(head)) for head in ShareHead}


def mobility_rules(mobility, project_rows: dict | None = None) -> dict[str, HeadRule]:
    """The rule of each part for this mobility: its own where it has one, else the
    project's, else the default."""
    base = project_rows if project_rows is not None else project_rules(mobility.project)
    own = {row.head: row for row in _rows(mobility.project, mobility=mobility)}
    rules = {}
    for head in ShareHead:
        row = own.get(head)
        if row is None or head.value in SCHOOL_HEADS:
            rules[head.value] = base[head.value]
        else:
            rules[head.value] = HeadRule(row.handling, row.in_kind_note, overridden=True)
    return rules


def _rows(project, *, mobility):
    return GrantHandling.objects.filter(project=project, mobility=mobility)


def _rule(head, row) -> HeadRule:
    if row is None or head.value in SCHOOL_HEADS:
        return HeadRule(str(DEFAULT_HANDLING[RuleHead(head.value)]))
    return HeadRule(row.handling, row.in_kind_note)


@dataclass(frozen=True)
class ShareRow:
    head: str
    label: str
    amount: Decimal
    handling: str
    note: str


@dataclass(frozen=True)
class ParticipantShare:
    """A mobility's grant split for its agreement, with words in the reader's language."""

    split: GrantShare
    rows: tuple[ShareRow, ...]

    @property
    def paid(self) -> list[ShareRow]:
        return [row for row in self.rows if row.handling == Handling.PAID]

    @property
    def in_kind(self) -> list[ShareRow]:
        return [row for row in self.rows if row.handling == Handling.IN_KIND]

    @property
    def kept(self) -> list[ShareRow]:
        return [row for row in self.rows if row.handling == Handling.KEPT]

    def as_record(self) -> dict:
        """Codes and amounts (as strings) to store with an agreement version."""
        return {
            "lines": [[r.head, str(r.amount), r.handling, r.note] for r in self.rows],
            "paid": str(self.split.paid_total),
            "in_kind": str(self.split.in_kind_total),
            "kept": str(self.split.kept_total),
        }


def participant_share(
    mobility, rules: dict[str, HeadRule] | None = None, amounts: dict | None = None
) -> ParticipantShare:
    """The split of the mobility's stored grant (or of `amounts` per budget category, as
    the engine computed them otherwise) by its rules."""
    rules = rules if rules is not None else mobility_rules(mobility)
    if amounts is None:
        grant = getattr(mobility, "grant", None)
        amounts = grant.amounts if grant else {}
    real_costs = inclusion_real_costs_part(
        amounts.get("inclusion_support", Decimal("0.00")),
        mobility.inclusion_support_real_costs,
        mobility.project.call_year,
    )
    split = split_grant(
        amounts,
        inclusion_real_costs=real_costs,
        handling={RuleHead(h): RuleHandling(r.handling) for h, r in rules.items()},
    )
    labels = dict(ShareHead.choices)
    rows = tuple(
        ShareRow(
            head=line.head.value,
            label=str(labels[line.head.value]),
            amount=line.amount,
            handling=line.handling.value,
            note=provided_note(line.head.value, line.handling, rules[line.head.value].note),
        )
        for line in split.lines
    )
    return ParticipantShare(split, rows)


def share_fingerprint_content(mobility) -> tuple[ParticipantShare, list]:
    """The share, and what of it an agreement states, for its fingerprint: codes and
    amounts, and the coordinator's own notes (the default notes follow the agreement's
    language)."""
    rules = mobility_rules(mobility)
    share = participant_share(mobility, rules)
    stated = [[row.head, str(row.amount), row.handling, rules[row.head].note] for row in share.rows]
    return share, stated


# Saving the rules


def _validate(head: str, handling: str, note: str) -> None:
    if head not in ShareHead.values:
        raise ValidationError(_("Unknown part of the grant: %(head)s.") % {"head": head})
    if handling not in Handling.values:
        raise ValidationError(
            {head: _("Choose paid to the participant, provided in kind or kept.")}
        )
    if head in SCHOOL_HEADS and handling != Handling.KEPT:
        raise ValidationError(
            {
                head: _(
                    "Organisational support and the organisation's inclusion support are "
                    "kept by the organisation: they are never the participant's."
                )
            }
        )
    if len(note) > IN_KIND_NOTE_MAX_LENGTH:
        raise ValidationError({head: _("Say what is provided in at most 300 characters.")})


@transaction.atomic
def grant_handling_update(*, project, mobility=None, rules: dict[str, tuple[str, str]]) -> int:
    """Save the project's rules (mobility None) or a mobility's overrides: `rules` maps a
    head to (handling, note); for a mobility an empty handling means "as the project".
    Agreements that no longer say what the participant receives get a new version;
    answers how many."""
    for head, (handling, note) in rules.items():
        note = note.strip()
        existing = GrantHandling.objects.filter(project=project, mobility=mobility, head=head)
        if mobility is not None and not handling:
            existing.delete()
            continue
        _validate(head, handling, note)
        row = existing.first() or GrantHandling(project=project, mobility=mobility, head=head)
        row.handling, row.in_kind_note = handling, note
        row.full_clean()
        row.save()
    mobilities = project.mobilities.all() if mobility is None else [mobility]
    answers = grant_share_changed.send(
        sender=GrantHandling, mobility_ids=[m.pk for m in mobilities]
    )
    return sum(answer or 0 for _receiver, answer in answers)


def rule_rows(rules: dict[str, HeadRule]) -> list[tuple[str, str, str]]:
    """(part, handling, what is provided) per part, in the reader's language, the
    school's parts included: for reading the rules."""
    labels = dict(Handling.choices)
    return [
        (
            head.label,
            labels[rules[head.value].handling],
            provided_note(head.value, rules[head.value].handling, rules[head.value].note),
        )
        for head in ShareHead
    ]
