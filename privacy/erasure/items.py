"""What an erasure removes and what it keeps, as codes with counts (stored with the
Erasure) and their words in the reader's language (put together when shown)."""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

REMOVED = {
    "record": ngettext_lazy(
        "The participant's record and its %(count)d history row: nothing about the person is "
        "needed any more.",
        "The participant's record and its %(count)d history rows: nothing about the person is "
        "needed any more.",
        "count",
    ),
    "identity": ngettext_lazy(
        "Name, e-mail, phone, national ID and city of residence, in the record and its "
        "%(count)d history row (the name becomes a pseudonym).",
        "Name, e-mail, phone, national ID and city of residence, in the record and its "
        "%(count)d history rows (the name becomes a pseudonym).",
        "count",
    ),
    "birth_date": ngettext_lazy(
        "The exact date of birth (%(count)d record): only the year is kept.",
        "The exact date of birth (%(count)d records): only the year is kept.",
        "count",
    ),
    "guardian": ngettext_lazy(
        "The guardian's name, e-mail and phone (%(count)d record).",
        "The guardian's name, e-mail and phone (%(count)d records).",
        "count",
    ),
    "sensitive": ngettext_lazy(
        "Fewer-opportunities categories and support needs (%(count)d record).",
        "Fewer-opportunities categories and support needs (%(count)d records).",
        "count",
    ),
    "nationality": ngettext_lazy(
        "Nationality (%(count)d record).",
        "Nationality (%(count)d records).",
        "count",
    ),
    "portal_accounts": ngettext_lazy(
        "%(count)d portal account (the participant's or the guardian's): closed, its e-mail "
        "and name removed.",
        "%(count)d portal accounts (the participant's or the guardian's): closed, their "
        "e-mails and names removed.",
        "count",
    ),
    "invitations": ngettext_lazy(
        "%(count)d portal invitation.",
        "%(count)d portal invitations.",
        "count",
    ),
    "mobility_notes": ngettext_lazy(
        "Notes and the monitoring text of %(count)d mobility, with their history.",
        "Notes and the monitoring text of %(count)d mobilities, with their history.",
        "count",
    ),
    "monitoring_notes": ngettext_lazy(
        "%(count)d monitoring note.",
        "%(count)d monitoring notes.",
        "count",
    ),
    "preparation_notes": ngettext_lazy(
        "Notes of %(count)d preparation step.",
        "Notes of %(count)d preparation steps.",
        "count",
    ),
    "files": ngettext_lazy(
        "%(count)d uploaded file.",
        "%(count)d uploaded files.",
        "count",
    ),
    "applications": ngettext_lazy(
        "The motivation and the reason of the decision of %(count)d selection application.",
        "The motivation and the reason of the decision of %(count)d selection applications.",
        "count",
    ),
    "documents": ngettext_lazy(
        "%(count)d generated document (PDF).",
        "%(count)d generated documents (PDF).",
        "count",
    ),
    "agreements": ngettext_lazy(
        "%(count)d grant agreement version with its signatures and PDFs.",
        "%(count)d grant agreement versions with their signatures and PDFs.",
        "count",
    ),
    "learning_agreements": ngettext_lazy(
        "The learning agreement details of %(count)d mobility.",
        "The learning agreement details of %(count)d mobilities.",
        "count",
    ),
    "justifications": ngettext_lazy(
        "The justification of a short duration of %(count)d mobility.",
        "The justification of a short duration of %(count)d mobilities.",
        "count",
    ),
}

KEPT = {
    "mobilities": ngettext_lazy(
        "%(count)d mobility: dates, activity, places and amounts.",
        "%(count)d mobilities: dates, activity, places and amounts.",
        "count",
    ),
    "profile": ngettext_lazy(
        "Kind of participant, year of birth, nationality, VET programme or position, and "
        "whether they had fewer opportunities (%(count)d record).",
        "Kind of participant, year of birth, nationality, VET programme or position, and "
        "whether they had fewer opportunities (%(count)d records).",
        "count",
    ),
    "statistics": ngettext_lazy(
        "Kind of participant, year of birth, VET programme or position, and whether they "
        "had fewer opportunities (%(count)d record).",
        "Kind of participant, year of birth, VET programme or position, and whether they "
        "had fewer opportunities (%(count)d records).",
        "count",
    ),
    "documents": ngettext_lazy(
        "%(count)d generated document: grant agreement, learning agreement or certificate of "
        "attendance.",
        "%(count)d generated documents: grant agreements, learning agreements or "
        "certificates of attendance.",
        "count",
    ),
    "files": ngettext_lazy(
        "%(count)d uploaded file: signed grant agreement, learning agreement, proof of "
        "attendance or course invoice.",
        "%(count)d uploaded files: signed grant agreements, learning agreements, proofs of "
        "attendance or course invoices.",
        "count",
    ),
    "agreements": ngettext_lazy(
        "%(count)d grant agreement version, its PDFs and signatures (the name typed, the time, "
        "the address and browser of each signer).",
        "%(count)d grant agreement versions, their PDFs and signatures (the name typed, the "
        "time, the address and browser of each signer).",
        "count",
    ),
    "learning_agreements": ngettext_lazy(
        "The learning agreement details of %(count)d mobility.",
        "The learning agreement details of %(count)d mobilities.",
        "count",
    ),
    "justifications": ngettext_lazy(
        "The justification of a short duration of %(count)d mobility.",
        "The justification of a short duration of %(count)d mobilities.",
        "count",
    ),
    "selection": ngettext_lazy(
        "The decision and the evaluators' points of %(count)d selection application.",
        "The decisions and the evaluators' points of %(count)d selection applications.",
        "count",
    ),
}

AUDIT_REASON = _(
    "The national agency may audit the grant until the retention period ends: it checks "
    "each funded mobility against its agreement, its proof of attendance and its amounts."
)
REASONS = {
    "mobilities": AUDIT_REASON,
    "profile": _(
        "Whether a mobility was eligible and what it was paid depend on them (age, learner "
        "or staff, fewer opportunities); they are kept until the retention period ends."
    ),
    "statistics": _(
        "Without a name, contacts, national ID or exact date of birth they no longer tell "
        "who the person was; the project's figures count them."
    ),
    "documents": AUDIT_REASON,
    "files": AUDIT_REASON,
    "agreements": _(
        "The signed agreement and its record of signatures prove that the grant agreement "
        "was signed; the record of signatures can never be changed, only deleted once the "
        "retention period ends. Signature checks (verify_signatures) keep working."
    ),
    "learning_agreements": AUDIT_REASON,
    "justifications": _(
        "It justifies a duration of the mobility that the grant pays for; it is kept until "
        "the retention period ends."
    ),
    "selection": _(
        "The selection record shows that the call was fair to every applicant; without the "
        "name it no longer says who applied, and the other applicants' ranking stays as "
        "decided."
    ),
}


@dataclass
class Item:
    code: str
    count: int
    until: date | None = None

    def as_json(self) -> dict:
        data = {"code": self.code, "count": self.count}
        if self.until:
            data["until"] = self.until.isoformat()
        return data


@dataclass
class Shown:
    text: str
    reason: str = ""
    until: str = ""


def removed_text(entries) -> list[Shown]:
    """Stored or planned removals, in the active language."""
    return [Shown(str(REMOVED[e["code"]] % {"count": e["count"]})) for e in _json(entries)]


def kept_text(entries) -> list[Shown]:
    shown = []
    for entry in _json(entries):
        until = entry.get("until")
        shown.append(
            Shown(
                str(KEPT[entry["code"]] % {"count": entry["count"]}),
                str(REASONS[entry["code"]]),
                date_format(date.fromisoformat(until), "SHORT_DATE_FORMAT") if until else "",
            )
        )
    return shown


def _json(entries) -> list[dict]:
    return [e.as_json() if isinstance(e, Item) else e for e in entries]
