"""Personas of the data protection tests, on top of the suite's (alice coordinates school
A, bob views it, charlie coordinates school B): Žanete, a minor learner of school A with
a record of every kind (portal accounts for her and her guardian Ģirts, a mobility with
notes, monitoring, preparation, uploads, documents, an agreement signed by all three
signers, a selection application with points, history rows), and Marta, an adult learner
of school A with a portal account and nothing else."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from finance import costs as finance_costs
from finance import services as finance_services
from finance.models import Cost, Payment, Reduction
from mobilities.models import MobilityFile, PreparationItem
from mobilities.services import mobility_file_add, monitoring_note_add
from participants.models import PortalInvitation, PortalRole
from participants.services import participant_update
from reporting import services as reporting_services
from reporting.models import AgreementVersion, DocumentKind, LearningOutcomeUnit
from reporting.share import grant_handling_update
from results import dissemination as results_dissemination
from results import services as results_services
from results import surveys as results_surveys
from results.models import DisseminationEvent, LearningTransfer
from tests import factories, upload_files
from tests.portal.helpers import countersign, open_agreement, portal_user, sign_in_portal
from tests.selection import factories as selection_factories

PDF = upload_files.pdf()
NATIONAL_ID = "040310-12345"


@pytest.fixture
def alice(alice):
    alice.first_name, alice.last_name = "Alise", "Kalēja"
    alice.save()
    return alice


@pytest.fixture
def zanete_participant(school):
    return factories.learner(
        school,
        first_name="Žanete",
        last_name="Ķēniņa",
        date_of_birth=date(2010, 3, 4),
        email="zanete@example.lv",
        phone="+371 20000001",
        national_id=NATIONAL_ID,
        city="Cēsis",
        guardian_name="Ģirts Ķēniņš",
        guardian_email="girts@example.lv",
        guardian_phone="+371 20000002",
        fewer_opportunities=True,
        fewer_opportunities_categories=["economic", "health"],
        support_needs="Needs an accompanying adult on flights.",
    )


@pytest.fixture
def zanete(zanete_participant):
    return portal_user(zanete_participant, username="zanete@example.lv")


@pytest.fixture
def girts(zanete_participant):
    return portal_user(zanete_participant, role="guardian", username="girts@example.lv")


@pytest.fixture
def zanete_mobility(project, host, zanete_participant):
    mobility = factories.mobility(
        project,
        participant=zanete_participant,
        host=host,
        notes="Žanete prefers the morning shift.",
        monitoring_notes="Weekly call with Žanete's mentor.",
    )
    return mobility


def _upload(mobility, kind, name, user):
    return mobility_file_add(
        mobility=mobility, kind=kind, upload=ContentFile(PDF, name=name), uploaded_by=user
    )


def _sign(client, agreement, zanete, girts, alice, capture):
    client.force_login(zanete)
    assert sign_in_portal(client, agreement, "Žanete Ķēniņa").status_code == 302
    client.force_login(girts)
    assert sign_in_portal(client, agreement, "Ģirts Ķēniņš").status_code == 302
    client.force_login(alice)
    with capture(execute=True):
        assert countersign(client, agreement, "Alise Kalēja").status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementVersion.Status.SIGNED
    client.logout()
    return agreement


@pytest.fixture
def everything(
    client, project, alice, zanete, girts, zanete_mobility, django_capture_on_commit_callbacks
):
    """Žanete with a record of every kind; answers the objects by name."""
    participant, mobility = zanete_participant_of(zanete), zanete_mobility
    # A history row; what her agreement needs to be sent for signing.
    participant_update(
        participant=participant,
        data={
            "phone": "+371 20000009",
            "address": "Rīgas iela 1, Cēsis, LV-4101",
            "iban": "LV44HABA0551000000001",
        },
    )
    factories.agreement_terms(project)
    monitoring_note_add(
        mobility=mobility, author=alice, written_on=date(2026, 9, 5), text="Žanete is well."
    )
    step = mobility.preparation_items.first() or PreparationItem.objects.create(
        mobility=mobility, kind=PreparationItem.Kind.OTHER, title="Visa"
    )
    step.note = "Žanete's passport expires soon."
    step.save()
    proof = _upload(mobility, MobilityFile.Kind.ATTENDANCE_PROOF, "zanete-proof.pdf", zanete)
    other = _upload(mobility, MobilityFile.Kind.OTHER, "zanete-medical.pdf", alice)
    request = mobility.file_requests.create(kind=MobilityFile.Kind.ATTENDANCE_PROOF, note="")
    details = reporting_services.learning_agreement_details_update(
        mobility=mobility,
        data={"learning_outcomes": "Web design", "insurance": "Policy 123 of Žanete"},
    )
    unit = LearningOutcomeUnit.objects.create(
        details=details, title="Web pages", outcomes="Builds a page", assessed_by="Mentor"
    )
    # What she achieved, and the school's recognition of it.
    results_services.unit_assessment_save(
        unit=unit,
        data={
            "result": "achieved",
            "method": "observation",
            "assessed_by": "Host mentor",
            "assessed_on": mobility.start_date,
            "mentor_assessment": "Žanete worked carefully.",
        },
        user=alice,
    )
    results_services.ols_save(
        mobility=mobility, data={"language": "en", "level_before": "A2", "level_after": "B1"}
    )
    questions = results_surveys.project_questions(mobility.project, "before")
    answers = {f"q{q.pk}": {"language_level": "A2", "skills": 3}.get(q.code, "") for q in questions}
    answers[f"q{questions[-1].pk}"] = "Žanete hopes to learn web design."
    results_surveys.survey_submit(
        mobility=mobility, stage="before", answers=answers, on=mobility.start_date
    )
    results_services.recognition_save(
        mobility=mobility,
        data={
            "decision": "full",
            "ecvet_points": None,
            "programme_part": "Module 4, web design",
            "decided_on": mobility.end_date,
            "decided_by": "Deputy head",
            "note": "Žanete's mobility is recognised.",
        },
        user=alice,
    )
    # She told the 1st-year learners about Valencia; the photo shows her.
    event = results_dissemination.event_save(
        event=DisseminationEvent(project=project),
        data={
            "held_on": mobility.end_date,
            "kind": "lesson",
            "title": "Prakse Valensijā",
            "description": "Žanete rādīja savus darbus.",
            "audience": "1. kursa audzēkņi",
            "audience_size": 20,
            "reach": "inside",
            "presented_by": "Žanete Ķēniņa",
            "mobility": mobility,
            "goal": None,
            "evidence_url": "",
        },
        evidence=ContentFile(upload_files.png(), name="zanete-lesson.png"),
        user=alice,
    )
    # A transfer of learning is a staff member's (the service refuses a learner's): made
    # directly, so that the fixture has a row of every kind.
    LearningTransfer.objects.create(
        mobility=mobility, changes="Žanete's notes.", applied_from=mobility.end_date
    )
    grant_handling_update(
        project=project, mobility=mobility, rules={"travel": ("in_kind", "Tickets bought.")}
    )
    agreement = _sign(
        client,
        open_agreement(mobility, alice),
        zanete,
        girts,
        alice,
        django_capture_on_commit_callbacks,
    )
    # Her pre-financing paid in part, and a reduction for a week not spent.
    payment = Payment.objects.get(mobility=mobility, kind=Payment.Kind.PREFINANCING)
    transfer = finance_services.transfer_record(
        payment=payment,
        paid_on=date(2026, 8, 20),
        amount=Decimal("100.00"),
        reference="Statement 12, line 4",
        user=alice,
    )
    reduction = finance_services.reduction_record(
        mobility=mobility,
        reason=Reduction.Reason.EARLY_RETURN,
        explanation="Žanete came home a week early.",
        amount=Decimal("50.00"),
        last_day=date(2026, 9, 21),
        user=alice,
    )
    # The school bought her tickets: the invoice names her.
    cost = finance_costs.cost_save(
        cost=Cost(project=project),
        data={
            "mobility": mobility,
            "kind": Cost.Kind.TICKETS,
            "category": "",
            "supplier": "airBaltic",
            "invoice_number": "AB-1",
            "invoice_date": date(2026, 8, 1),
            "amount": Decimal("240.00"),
            "currency": "EUR",
            "exchange_rate": Decimal("1"),
            "paid_on": None,
            "note": "Tickets of Žanete Ķēniņa",
        },
        files={"invoice": ContentFile(upload_files.pdf(), name="zanete-tickets.pdf")},
        user=alice,
    )
    certificate = reporting_services.document_request(
        kind=DocumentKind.ATTENDANCE_CERTIFICATE,
        language="en",
        project=project,
        mobility=mobility,
        user=alice,
    )
    reporting_services.document_render(document_id=certificate.pk)
    now = timezone.now()
    invitation = PortalInvitation.objects.create(
        participant=participant,
        role=PortalRole.PARTICIPANT,
        email=participant.email,
        token_hash="0" * 64,
        created_at=now - timedelta(days=30),
        expires_at=now - timedelta(days=23),
    )
    call = selection_factories.call(project, status="published")
    application = selection_factories.application(
        call, participant, motivation="Žanete wants to learn web design in Valencia."
    )
    selection_factories.score(application, alice, 8, 7, 4)
    return {
        "participant": participant,
        "mobility": mobility,
        "proof": proof,
        "other": other,
        "request": request,
        "agreement": agreement,
        "certificate": certificate,
        "invitation": invitation,
        "application": application,
        "transfer": transfer,
        "reduction": reduction,
        "cost": cost,
        "event": event,
    }


def zanete_participant_of(user):
    return user.portal_account.participant


@pytest.fixture
def marta_participant(school):
    return factories.learner(
        school,
        first_name="Marta",
        last_name="Bērziņa",
        date_of_birth=date(2005, 5, 30),
        email="marta@example.lv",
        national_id="300505-21128",
    )


@pytest.fixture
def marta(marta_participant):
    return portal_user(marta_participant, username="marta@example.lv")
