"""What each kind of document says: the data of a document, read from the database and
the budget engine, and its HTML in the document's language. No rendering here: pdf.py
turns the HTML into a PDF."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from budget.choices import BudgetCategory
from budget.rules import Audience, Role, round_half_up, spec_for
from budget.selectors import mobility_grant
from mobilities.models import Mobility

from .final_report import final_report
from .models import (
    DocumentKind,
    GeneratedDocument,
    GrantAgreementTerms,
    LearningAgreementDetails,
    ecvet_total,
)
from .pdf import FONT_FAMILY, font_face_css
from .share import participant_share

TEMPLATES = {
    DocumentKind.GRANT_AGREEMENT: "pdf/grant_agreement.html",
    DocumentKind.LEARNING_AGREEMENT: "pdf/learning_agreement.html",
    DocumentKind.ATTENDANCE_CERTIFICATE: "pdf/attendance_certificate.html",
    DocumentKind.FINAL_REPORT: "pdf/final_report.html",
    DocumentKind.TRANSCRIPT: "pdf/transcript.html",
}


class DocumentError(Exception):
    """The document cannot be made from the data as it stands; the message says why and
    is shown to the coordinator as the reason of the failure."""


def learning_agreement_applies(mobility) -> bool:
    """Learning agreements are for learners abroad, not for staff or accompanying persons."""
    try:
        audience = spec_for(mobility.activity_type).audience
    except ValueError:
        return False
    return audience == Audience.LEARNER and mobility.role == Role.PARTICIPANT


def learners_only_message() -> str:
    return _(
        "A learning agreement is made for learners only, not for staff or accompanying persons."
    )


def transcript_learners_only_message() -> str:
    return _(
        "A transcript of learning outcomes is made for learners only, not for staff or "
        "accompanying persons."
    )


def no_recognition_message() -> str:
    return _(
        "The transcript states the school's recognition decision: record it first on the "
        "mobility's results page."
    )


# The results app (the same layer) imports this module, so its rows are read here through
# the relations it adds: Mobility.recognition and LearningOutcomeUnit.assessment_result.
def _one_to_one(instance, name: str):
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


def has_recognition(mobility) -> bool:
    """Asked of the database, not of an instance that may hold an older answer."""
    return Mobility.objects.filter(pk=mobility.pk, recognition__isnull=False).exists()


def certificate_not_yet(mobility, *, today, issue_early: bool = False) -> str:
    """Why a certificate of attendance cannot be made for `mobility` today ("" when it can).
    The certificate states what happened: it is made from the end date on, or earlier only
    for a completed mobility whose early issue the coordinator confirmed."""
    if today >= mobility.end_date:
        return ""
    values = {"date": formats.date_format(mobility.end_date, "SHORT_DATE_FORMAT")}
    if mobility.status != Mobility.Status.COMPLETED:
        return (
            _(
                "A certificate of attendance states what happened: it is made from the "
                "mobility's end date (%(date)s) on, or earlier only for a completed mobility."
            )
            % values
        )
    if not issue_early:
        return (
            _(
                "The mobility ends on %(date)s: to certify the completed mobility before then, "
                "confirm the early issue."
            )
            % values
        )
    return ""


def kinds_for_mobility(mobility) -> list[str]:
    learner = learning_agreement_applies(mobility)
    kinds = [DocumentKind.GRANT_AGREEMENT]
    if learner:
        kinds.append(DocumentKind.LEARNING_AGREEMENT)
    kinds.append(DocumentKind.ATTENDANCE_CERTIFICATE)
    if learner:
        # Offered to every learner; requested before the recognition decision, it is refused.
        kinds.append(DocumentKind.TRANSCRIPT)
    return kinds


def grant_agreement_terms(project) -> GrantAgreementTerms:
    """The project's terms, or the defaults (unsaved) when none were set."""
    try:
        return project.grant_agreement_terms
    except GrantAgreementTerms.DoesNotExist:
        return GrantAgreementTerms(project=project)


def learning_agreement_details(mobility) -> LearningAgreementDetails:
    try:
        return mobility.learning_agreement_details
    except LearningAgreementDetails.DoesNotExist:
        return LearningAgreementDetails(mobility=mobility)


def europass_outcomes_text(units) -> str:
    """The learning outcomes of the agreement's units as plain text, in the active
    language, for the coordinator to paste into the Europass Mobility form."""
    blocks = []
    for unit in units:
        heading = unit.title
        if unit.ecvet_points is not None:
            points = formats.number_format(unit.ecvet_points, decimal_pos=None)
            heading += " (" + _("ECVET points: %(points)s") % {"points": points} + ")"
        lines = [heading, unit.outcomes.strip()]
        if unit.assessment:
            lines.append(_("Assessed: %(how)s") % {"how": unit.assessment.strip()})
        if unit.assessed_by:
            lines.append(_("Assessed by: %(who)s") % {"who": unit.assessed_by})
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def document_html(document: GeneratedDocument) -> str:
    """The complete HTML of the document, in its language; DocumentError when the data
    cannot make this document."""
    with translation.override(document.language):
        context = BUILDERS[document.kind](document)
        context |= {
            "document": document,
            "project": document.project,
            "organisation": document.project.organisation,
            "generated_on": timezone.localdate(),
            "font_css": font_face_css(),
            "font_family": FONT_FAMILY,
        }
        return render_to_string(TEMPLATES[document.kind], context)


def _mobility(mobility_id: int, *related: str) -> Mobility:
    return Mobility.objects.select_related(
        "project__organisation",
        "participant",
        "host",
        "sending_partner",
        "group",
        "grant",
        "learning_agreement_details",
        *related,
    ).get(pk=mobility_id)


@dataclass
class PaymentSchedule:
    prefinancing_percent: int
    prefinancing: object
    balance_percent: int
    balance: object
    days_before_departure: int
    days_after_report: int


def payment_schedule(terms: GrantAgreementTerms, total) -> PaymentSchedule:
    prefinancing = round_half_up(total * terms.prefinancing_share)
    return PaymentSchedule(
        terms.prefinancing_percent,
        prefinancing,
        terms.balance_percent,
        total - prefinancing,
        terms.prefinancing_days_before_departure,
        terms.balance_days_after_report,
    )


def _grant_agreement(document) -> dict:
    return grant_agreement_context(_mobility(document.mobility_id))


def grant_agreement_context(mobility) -> dict:
    """What a mobility's grant agreement says, for its PDF and its text on the signing
    page; DocumentError when the mobility cannot be funded as it stands."""
    grant = mobility_grant(mobility)
    if grant.problems:
        raise DocumentError(
            _("The mobility cannot be funded as it stands: %(problems)s")
            % {"problems": " ".join(grant.problems)}
        )
    terms = grant_agreement_terms(mobility.project)
    participant = mobility.participant
    share = participant_share(mobility)
    rules = {
        category: line[2] for category, line in zip(BudgetCategory.values, grant.lines, strict=True)
    }
    return {
        "mobility": mobility,
        "participant": participant,
        "minor": participant.is_minor_on(mobility.start_date),
        # The engine's rule beside each part paid; inclusion real costs are named by their
        # label alone (the category's rule also counts the organisation's unit cost).
        "paid": [(row, rules.get(row.head, "")) for row in share.paid],
        "in_kind": share.in_kind,
        "share": share.split,
        "funded_days": getattr(mobility.grant, "funded_days", None),
        "terms": terms,
        "schedule": payment_schedule(terms, share.split.paid_total),
        "incoming": spec_for(mobility.activity_type).incoming,
        "retention_years": settings.AUDIT_RETENTION_YEARS,
    }


def grant_agreement_text(mobility_id: int, language: str) -> str:
    """The body of the grant agreement (parties to the quality commitment) as HTML, in
    `language`: the same template as the PDF's."""
    with translation.override(language):
        mobility = _mobility(mobility_id)
        context = grant_agreement_context(mobility) | {
            "project": mobility.project,
            "organisation": mobility.project.organisation,
        }
        return render_to_string("pdf/_grant_agreement_text.html", context)


def _learning_agreement(document) -> dict:
    mobility = _mobility(document.mobility_id)
    if not learning_agreement_applies(mobility):
        raise DocumentError(learners_only_message())
    details = learning_agreement_details(mobility)
    units = [] if details._state.adding else list(details.units.all())
    return {
        "mobility": mobility,
        "participant": mobility.participant,
        "details": details,
        "units": units,
        "ecvet_total": ecvet_total(units),
    }


def _attendance_certificate(document) -> dict:
    mobility = _mobility(document.mobility_id)
    # Checked again here: the mobility may have changed between the request and the render.
    refusal = certificate_not_yet(
        mobility, today=timezone.localdate(), issue_early=document.issued_early
    )
    if refusal:
        raise DocumentError(refusal)
    accompanying = []
    if mobility.group_id:
        accompanying = [
            m.participant
            for m in mobility.group.mobilities.select_related("participant")
            .filter(role=Role.ACCOMPANYING_PERSON)
            .exclude(status=Mobility.Status.CANCELLED)
            .exclude(pk=mobility.pk)
            .order_by("number")
        ]
    spec = spec_for(mobility.activity_type)
    return {
        "mobility": mobility,
        "participant": mobility.participant,
        "accompanying_persons": accompanying,
        "incoming": spec.incoming,
        "days": (mobility.end_date - mobility.start_date).days + 1,
        **_venue(mobility, spec.incoming),
    }


def _venue(mobility, incoming: bool) -> dict:
    """Where the activity took place: incoming activities at the school itself."""
    place = mobility.project.organisation if incoming else None
    return {
        "venue_city": place.city if place else mobility.destination_city,
        "venue_country": place.country if place else mobility.destination_country,
    }


def _transcript(document) -> dict:
    mobility = _mobility(document.mobility_id, "recognition")
    if not learning_agreement_applies(mobility):
        raise DocumentError(transcript_learners_only_message())
    # Checked again here: the decision may have been removed since the request.
    recognition = _one_to_one(mobility, "recognition")
    if recognition is None:
        raise DocumentError(no_recognition_message())
    details = learning_agreement_details(mobility)
    units = (
        []
        if details._state.adding
        else list(details.units.select_related("assessment_result").order_by("position", "pk"))
    )
    return {
        "mobility": mobility,
        "participant": mobility.participant,
        "rows": [(unit, _one_to_one(unit, "assessment_result")) for unit in units],
        "ecvet_total": ecvet_total(units),
        "recognition": recognition,
        "days": (mobility.end_date - mobility.start_date).days + 1,
    }


def _final_report(document) -> dict:
    return {"report": final_report(document.project)}


BUILDERS = {
    DocumentKind.GRANT_AGREEMENT: _grant_agreement,
    DocumentKind.LEARNING_AGREEMENT: _learning_agreement,
    DocumentKind.ATTENDANCE_CERTIFICATE: _attendance_certificate,
    DocumentKind.FINAL_REPORT: _final_report,
    DocumentKind.TRANSCRIPT: _transcript,
}
