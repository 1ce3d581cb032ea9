"""The one way the engine says no: a rule broken, naming the field it concerns."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One broken rule. `field` names the input field (a mobility field or a JSON key);
    `ref` names the mobility when the problem belongs to one of several."""

    field: str
    message: str
    code: str
    ref: str | None = None

    def __str__(self) -> str:
        return ": ".join(part for part in (self.ref, self.field, self.message) if part)


class RuleError(ValueError):
    """Raised when input breaks one or more rules; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))
