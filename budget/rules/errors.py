"""The one way the engine says no: a rule broken, naming the field it concerns.

A problem holds the rule's code and the values it concerns, not a sentence, so that it
reads in English and in Latvian without the input being checked again: `message` words
it in the active language when a form, a page or the JSON command shows it
(problem_text.py).
"""

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .problem_text import problem_text


@dataclass(frozen=True)
class Problem:
    """One broken rule. `field` names the input field (a mobility field or a JSON key);
    `ref` names the mobility when the problem belongs to one of several. `params` are
    raw values: amounts as Decimal, counts, dates, names."""

    field: str
    code: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict, hash=False)
    ref: str | None = None

    @property
    def message(self) -> str:
        """The sentence, in the active language."""
        return problem_text(self.code, self.params)

    def __str__(self) -> str:
        return ": ".join(part for part in (self.ref, self.field, self.message) if part)


class RuleError(ValueError):
    """Raised when input breaks one or more rules; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        # Worded when shown, like each problem.
        return "; ".join(str(p) for p in self.problems)
