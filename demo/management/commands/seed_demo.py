"""`python manage.py seed_demo`: the demo school, idempotent (a second run changes nothing)."""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter

from budget.services import budget_recalculate_project
from core.money import round_half_up
from demo import demo_data as demo
from finance.costs import cost_save
from finance.models import Cost, Payment
from finance.schedule import signed_agreement
from finance.services import reduction_record, transfer_record
from mobilities.models import Mobility, MobilityGroup, PreparationItem
from mobilities.services import (
    mobility_create,
    mobility_europass_update,
    mobility_file_add,
    mobility_update,
)
from participants.identity import iban_for, personal_code_for
from participants.models import (
    FileRequest,
    Participant,
    PortalAccount,
    PortalRole,
    SelectionApplication,
    SelectionCall,
    SelectionCriterion,
    SelectionScore,
)
from projects.models import (
    AwardedAmount,
    ErasmusPlan,
    Goal,
    GoalTarget,
    Membership,
    Organisation,
    PartnerOrganisation,
    Project,
)
from reporting import signing
from reporting.models import AuthMethod, GrantAgreementTerms, LearningOutcomeUnit
from reporting.services import document_render, learning_outcome_units_replace
from reporting.share import grant_handling_update
from reporting.signing.consent import CURRENT_VERSION as CURRENT_CONSENT
from results.dissemination import event_save, learning_transfer_save
from results.models import (
    DisseminationEvent,
    LearningTransfer,
    OlsAssessment,
    Recognition,
    StandardQuestion,
    SurveyStage,
    UnitAssessment,
)
from results.services import ols_save, recognition_save, unit_assessment_save
from results.surveys import project_questions, survey_submit

DEMO_PASSWORD = "erasmus-demo"  # noqa: S105 - the documented demo password
# A one-page blank PDF standing in for the scans a school keeps.


def demo_scan() -> bytes:
    """A blank A4 page standing in for a scanned document: a real PDF, since uploads are
    opened and checked like any other."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def demo_photo() -> bytes:
    """A plain picture standing in for a photo of an event: a real PNG, checked like any
    upload."""
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (0, 94, 184)).save(out, format="PNG")
    return out.getvalue()


DEMO_USERS = [
    # username, first name, last name, superuser, role in the demo school
    ("coordinator", "Inese", "Kalēja", False, Membership.Role.COORDINATOR),
    ("viewer", "Aivars", "Celms", False, Membership.Role.VIEWER),
    ("admin", "Admin", "", True, None),
]


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


def _differs(instance, values: dict) -> bool:
    return any(getattr(instance, name) != value for name, value in values.items())


def _upsert(model, lookup: dict, values: dict):
    """Create or update one row through full_clean(), so demo data obeys every rule;
    an unchanged row is not saved again (its history stays as it is)."""
    instance = model.objects.filter(**lookup).first()
    if instance is not None and not _differs(instance, values):
        return instance
    instance = instance or model(**lookup)
    for name, value in values.items():
        setattr(instance, name, value)
    return _save(instance)


class Command(BaseCommand):
    help = "Create or refresh the demo school, its project and the demo users."

    @transaction.atomic
    def handle(self, *args, **options):
        organisation = _upsert(Organisation, {"oid": demo.ORGANISATION["oid"]}, demo.ORGANISATION)
        goals = self._plan(organisation)
        project = self._project(organisation, goals[1].plan)
        partners = self._partners(organisation)
        participants = self._participants(organisation)
        started = self._mobilities(project, goals, partners, participants)
        self._follow_up(started)
        budget_recalculate_project(project=project)
        self._users(organisation)
        seed_selection(project, participants, goals=goals, partners=partners)
        for line in seed_portal(project, participants):
            self.stdout.write(line)
        seed_payments(project, participants)
        seed_costs(project, participants)
        seed_dissemination(project, participants)

    def _plan(self, organisation) -> dict[int, Goal]:
        plan = _upsert(
            ErasmusPlan, {"organisation": organisation, "title": demo.PLAN["title"]}, demo.PLAN
        )
        goals = {}
        for number, title, description, targets in demo.GOALS:
            goal = _upsert(
                Goal,
                {"plan": plan, "number": number},
                {"title": title, "description": description},
            )
            for indicator, value, unit, year, measure, achieved in targets:
                _upsert(
                    GoalTarget,
                    {"goal": goal, "indicator": indicator},
                    {
                        "target_value": value,
                        "unit": unit,
                        "year": year,
                        "measure": measure,
                        "achieved_value": achieved,
                    },
                )
            goals[number] = goal
        return goals

    def _project(self, organisation, plan) -> Project:
        project = _upsert(
            Project,
            {"grant_agreement_number": demo.PROJECT["grant_agreement_number"]},
            {**demo.PROJECT, "organisation": organisation, "erasmus_plan": plan},
        )
        for category, amount in demo.AWARDED.items():
            _upsert(AwardedAmount, {"project": project, "category": category}, {"amount": amount})
        return project

    def _partners(self, organisation) -> dict[str, PartnerOrganisation]:
        partners = {}
        for key, row in demo.PARTNERS.items():
            name, kind, country, city, oid, contact, mou_status, mou_signed_on = row
            partners[key] = _upsert(
                PartnerOrganisation,
                {"organisation": organisation, "name": name},
                {
                    "kind": kind,
                    "country": country,
                    "city": city,
                    "oid": oid,
                    "contact_name": contact,
                    "mou_status": mou_status,
                    "mou_signed_on": mou_signed_on,
                    "contact_email": f"{key}@partners.example",
                },
            )
        return partners

    def _participants(self, organisation) -> dict[str, Participant]:
        people = {}
        for key, row in demo.LEARNERS.items():
            first, last, born, programme, status, graduated, categories = row
            vet_programme, qualification, eqf = demo.PROGRAMMES[programme]
            values = {
                "kind": Participant.Kind.LEARNER,
                "first_name": first,
                "last_name": last,
                "date_of_birth": born,
                "vet_programme": vet_programme,
                "qualification": qualification,
                "eqf_level": eqf,
                "learner_status": status,
                "graduation_date": graduated,
                "nationality": "LV",
                "city": "Cēsis",
                "fewer_opportunities": bool(categories),
                "fewer_opportunities_categories": categories,
                "support_needs": "Individuāls mentors un papildu sagatavošana."
                if categories
                else "",
            }
            if key in demo.GUARDIANS:
                guardian_first, guardian_email = demo.GUARDIANS[key]
                values |= {
                    "guardian_name": f"{guardian_first} {last}",
                    "guardian_email": guardian_email,
                    "guardian_phone": "+371 20000000",
                }
            people[key] = self._person(organisation, key, values)
        for key, (first, last, born, position) in demo.STAFF.items():
            values = {
                "kind": Participant.Kind.STAFF,
                "first_name": first,
                "last_name": last,
                "date_of_birth": born,
                "position": position,
                "employment_documented": True,
                "nationality": "LV",
                "city": "Cēsis",
            }
            people[key] = self._person(organisation, key, values)
        for key, (first, last, born, country) in demo.EXTERNAL.items():
            values = {
                "kind": Participant.Kind.EXTERNAL,
                "first_name": first,
                "last_name": last,
                "date_of_birth": born,
                "nationality": country,
            }
            people[key] = self._person(organisation, key, values)
        return people

    def _person(self, organisation, key, values) -> Participant:
        values = values | identity_details(key, values["date_of_birth"])
        return _upsert(
            Participant,
            {"organisation": organisation, "email": f"{key}@demo.example.lv"},
            values,
        )

    def _mobilities(self, project, goals, partners, participants):
        groups = {
            key: _upsert(
                MobilityGroup,
                {"project": project, "name": name},
                {"activity_type": activity, "common_programme": programme},
            )
            for key, (name, activity, programme) in demo.GROUPS.items()
        }
        saved = []
        # First pass as planned: a group mobility can only be approved once its whole
        # group exists.
        for number, row in enumerate(demo.MOBILITIES, start=1):
            fields, mobility_goals, status = self._mobility_fields(
                row, goals, partners, participants, groups
            )
            mobility = Mobility.objects.filter(project=project, number=number).first()
            if mobility is None:
                mobility = mobility_create(
                    project=project,
                    goals=mobility_goals,
                    data={**fields, "number": number, "status": Mobility.Status.PLANNED},
                )
            elif _differs(mobility, fields) or set(mobility.goals.all()) != set(mobility_goals):
                mobility_update(mobility=mobility, goals=mobility_goals, data=fields)
            saved.append((row[0], mobility, status))
        for _person, mobility, status in saved:
            if mobility.status != status:
                mobility_update(mobility=mobility, data={"status": status})
        return [(person, mobility) for person, mobility, _status in saved]

    def _follow_up(self, started):
        """Mobilities that have started: preparation done, reports and documents kept."""
        for person, mobility in started:
            if mobility.status not in ("ongoing", "completed"):
                continue
            mobility.preparation_items.exclude(status=PreparationItem.Status.DONE).update(
                status=PreparationItem.Status.DONE
            )
            if mobility.status != "completed":
                continue
            report = "requested" if person in demo.REPORT_NOT_SUBMITTED else "submitted"
            if mobility.participant_report != report:
                mobility_update(mobility=mobility, data={"participant_report": report})
            kinds = ["grant_agreement"]
            if person not in demo.ATTENDANCE_PROOF_MISSING:
                kinds.append("attendance_proof")
            for kind in kinds:
                if not mobility.files.filter(kind=kind).exists():
                    scan = ContentFile(demo_scan(), name=f"{kind}-{mobility.number}.pdf")
                    mobility_file_add(mobility=mobility, kind=kind, upload=scan, uploaded_by=None)
            self._learning_outcomes(person, mobility)
            self._languages_and_surveys(person, mobility)

    def _learning_outcomes(self, person, mobility):
        """Units of learning outcomes and the Europass Mobility of a learner back home."""
        units = demo.LEARNING_OUTCOME_UNITS.get(person)
        has_units = LearningOutcomeUnit.objects.filter(details__mobility=mobility).exists()
        if units and not has_units:
            learning_outcome_units_replace(mobility=mobility, units=units)
        assessments = demo.UNIT_ASSESSMENTS.get(person, [])
        kept = LearningOutcomeUnit.objects.filter(details__mobility=mobility)
        for unit, assessment in zip(kept.order_by("position"), assessments, strict=False):
            if not UnitAssessment.objects.filter(unit=unit).exists():
                unit_assessment_save(unit=unit, data=assessment)
        decision = demo.RECOGNITION.get(person)
        if decision and not Recognition.objects.filter(mobility=mobility).exists():
            recognition_save(mobility=mobility, data=decision)
        status, issued_on = demo.EUROPASS.get(person, (None, None))
        current = (mobility.europass_status, mobility.europass_issued_on)
        if status and current != (status, issued_on):
            mobility_europass_update(
                mobility=mobility, europass_status=status, europass_issued_on=issued_on
            )

    def _languages_and_surveys(self, person, mobility):
        """The OLS levels and the two questionnaires of a learner back home."""
        if person in demo.OLS_LEVELS and not OlsAssessment.objects.filter(mobility=mobility):
            language, before, after = demo.OLS_LEVELS[person]
            ols_save(
                mobility=mobility,
                data={"language": language, "level_before": before, "level_after": after},
            )
        if person not in demo.SURVEYS or mobility.survey_responses.exists():
            return
        level_before, level_after, skills_before, skills_after, satisfied, expected, useful = (
            demo.SURVEYS[person]
        )
        values = {
            SurveyStage.BEFORE: {
                StandardQuestion.LANGUAGE_LEVEL: level_before,
                StandardQuestion.SKILLS: skills_before,
                StandardQuestion.EXPECTATIONS: expected,
            },
            SurveyStage.AFTER: {
                StandardQuestion.LANGUAGE_LEVEL: level_after,
                StandardQuestion.SKILLS: skills_after,
                StandardQuestion.SATISFACTION: satisfied,
                StandardQuestion.MOST_USEFUL: useful,
            },
        }
        days = {SurveyStage.BEFORE: mobility.start_date, SurveyStage.AFTER: mobility.end_date}
        for stage, by_code in values.items():
            questions = project_questions(mobility.project, stage)
            answers = {f"q{q.pk}": by_code.get(q.code, "") for q in questions}
            survey_submit(mobility=mobility, stage=stage, answers=answers, on=days[stage])

    def _mobility_fields(self, row, goals, partners, participants, groups):
        (
            person,
            activity,
            role,
            host,
            (city, country),
            start,
            end,
            travel_days,
            green,
            goal_numbers,
            status,
            group,
            justification,
        ) = row
        fields = {
            "participant": participants[person],
            "activity_type": activity,
            "role": role,
            "host": partners[host] if host else None,
            "destination_city": city,
            "destination_country": country,
            "origin_city": demo.ORGANISATION["city"],
            "origin_country": "LV",
            "sending_partner": None,
            "start_date": start,
            "end_date": end,
            "travel_days": travel_days,
            "green_travel": green,
            "group": groups[group] if group else None,
            "short_duration_justification": justification,
        }
        fields |= demo.BUDGET_DETAILS.get((person, activity), {})
        if person in demo.INCOMING_ORIGINS:
            partner, origin_city, origin_country = demo.INCOMING_ORIGINS[person]
            fields |= {
                "sending_partner": partners[partner],
                "origin_city": origin_city,
                "origin_country": origin_country,
            }
        return fields, [goals[n] for n in goal_numbers], status

    def _users(self, organisation):
        User = get_user_model()  # noqa: N806
        for username, first, last, superuser, role in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first, last
            user.email = f"{username}@demo.example.lv"
            user.is_staff = user.is_superuser = superuser
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
            user.save()
            if role:
                Membership.objects.update_or_create(
                    user=user, organisation=organisation, defaults={"role": role}
                )
            self.stdout.write(
                f"  {username:<12} password: {DEMO_PASSWORD}  ({role or 'superuser'})"
            )


# --- Selection of participants (issue 4) ---------------------------------------------------


def identity_details(key: str, born) -> dict:
    """A demo person's gender, personal code (or foreign ID), address and IBAN."""
    gender = Participant.Gender.FEMALE if key in demo.WOMEN else Participant.Gender.MALE
    if key in demo.EXTERNAL_DETAILS:
        national_id, address, iban = demo.EXTERNAL_DETAILS[key]
        return {"gender": gender, "national_id": national_id, "address": address, "iban": iban}
    order = [*demo.LEARNERS, *demo.STAFF].index(key) + 1
    street = demo.STREETS[order % len(demo.STREETS)]
    return {
        "gender": gender,
        "national_id": personal_code_for(born, 100 + order * 7),
        "address": f"{street} {order}, Cēsis, LV-4101",
        "iban": iban_for("LV", f"{demo.DEMO_BANK}{5510000000000 + order}"),
    }


def seed_selection(
    project: Project, participants: dict[str, Participant], *, goals: dict, partners: dict
) -> None:
    """The demo's calls for applicants: one decided, one still open. Calls, criteria and
    applications are upserted; scores and decisions are created once and never
    rewritten, so a second run (or anything changed on the pages) leaves them as they
    are."""
    coordinator = get_user_model().objects.get(username="coordinator")
    values = {
        **demo.SELECTION_CALL,
        "decided_by": coordinator,
        "mobility_goal": goals[demo.SELECTION_MOBILITY_GOAL],
        "mobility_host": partners[demo.SELECTION_MOBILITY_HOST],
    }
    call, criteria = _seed_call(project, values, demo.SELECTION_CRITERIA)
    for key, row in demo.SELECTION_APPLICATIONS.items():
        submitted_on, motivation, points, decision, reason = row
        application = _seed_application(call, participants[key], submitted_on, motivation)
        _seed_scores(application, criteria, points, coordinator)
        if not application.decision:
            application.decision, application.decision_reason = decision, reason
            application.decided_by = coordinator
            application.decided_at = demo.SELECTION_CALL["decided_at"]
            application.decided_on = demo.SELECTION_DECIDED_ON
            _save(application)
    call, criteria = _seed_call(project, demo.OPEN_CALL, demo.OPEN_CALL_CRITERIA)
    for key, (submitted_on, motivation, points) in demo.OPEN_CALL_APPLICATIONS.items():
        application = _seed_application(call, participants[key], submitted_on, motivation)
        if points:
            _seed_scores(application, criteria, points, coordinator)
    # Created once: after that it is the coordinator's, recorded from paper or not.
    if not project.selection_calls.filter(title=demo.PAPER_CALL["title"]).exists():
        _seed_call(project, demo.PAPER_CALL, demo.PAPER_CALL_CRITERIA)


def _seed_call(project, values: dict, criteria_rows) -> tuple[SelectionCall, list]:
    call = _upsert(SelectionCall, {"project": project, "title": values["title"]}, values)
    criteria = [
        _upsert(
            SelectionCriterion,
            {"call": call, "name": name},
            {"description": description, "weight": weight, "max_score": max_score},
        )
        for name, description, weight, max_score in criteria_rows
    ]
    return call, criteria


def _seed_application(call, applicant, submitted_on, motivation) -> SelectionApplication:
    return _upsert(
        SelectionApplication,
        {"call": call, "applicant": applicant},
        {"submitted_on": submitted_on, "motivation": motivation},
    )


def _seed_scores(application, criteria, points, evaluator) -> None:
    scored = set(application.scores.values_list("criterion_id", flat=True))
    for criterion, value in zip(criteria, points, strict=True):
        if criterion.pk not in scored:
            _save(
                SelectionScore(
                    application=application,
                    criterion=criterion,
                    evaluator=evaluator,
                    points=value,
                    scored_at=demo.SELECTION_SCORED_AT,
                )
            )


# --- Participant portal and signing (issue 7) ----------------------------------------------


def seed_portal(project: Project, participants: dict[str, Participant]) -> list[str]:
    """Portal accounts of demo learners and a guardian, who receives which part of the
    grant where a mobility differs, and grant agreements in each state of signing: signed
    by everybody, waiting for the participant, waiting for the
    guardian. Agreements are made once, through the same services as the pages (rendered
    here, synchronously): a second run finds them and leaves them, and their signature
    events, as they are. Returns the lines to print."""
    lines = []
    for username, (key, role) in demo.PORTAL_USERS.items():
        _portal_user(username, participants[key], role)
        what = "participant portal" if role == PortalRole.PARTICIPANT else "guardian, portal"
        lines.append(f"  {username:<12} password: {DEMO_PASSWORD}  ({what})")
    for key, rules in demo.GRANT_SHARE_OVERRIDES.items():
        mobility = project.mobilities.exclude(status=Mobility.Status.CANCELLED).get(
            participant=participants[key]
        )
        grant_handling_update(project=project, mobility=mobility, rules=rules)
    coordinator = get_user_model().objects.get(username="coordinator")
    name, position = demo.AGREEMENT_REPRESENTATIVE
    terms, _created = GrantAgreementTerms.objects.get_or_create(
        project=project,
        defaults={"representative_name": name, "representative_position": position},
    )
    if not terms.representative_name:
        terms.representative_name, terms.representative_position = name, position
        terms.save(update_fields=["representative_name", "representative_position"])
    for key, signers in demo.AGREEMENTS.items():
        mobility = project.mobilities.exclude(status=Mobility.Status.CANCELLED).get(
            participant=participants[key]
        )
        if not mobility.agreement_versions.exists():
            _seed_agreement(mobility, coordinator, signers)
    for key, asked in demo.FILE_REQUESTS.items():
        mobility = project.mobilities.exclude(status=Mobility.Status.CANCELLED).get(
            participant=participants[key]
        )
        for kind, note in asked:
            FileRequest.objects.get_or_create(
                mobility=mobility, kind=kind, defaults={"note": note, "requested_by": coordinator}
            )
    return lines


def _portal_user(username: str, participant: Participant, role: str):
    guardian = role == PortalRole.GUARDIAN
    first, _space, last = participant.guardian_name.partition(" ")
    user, _created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first if guardian else participant.first_name,
            "last_name": last if guardian else participant.last_name,
            "email": participant.guardian_email if guardian else participant.email,
        },
    )
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save()
    PortalAccount.objects.get_or_create(
        user=user, defaults={"participant": participant, "role": role}
    )
    return user


def _seed_agreement(mobility: Mobility, coordinator, signers: tuple[str, ...]) -> None:
    """Send the mobility's agreement, freeze it, and sign it in `signers`' roles."""
    agreement = signing.agreement_send(
        mobility=mobility, language=demo.AGREEMENT_LANGUAGE, user=coordinator
    )
    document_render(document_id=agreement.document_id)
    agreement = signing.agreement_document_rendered(document_id=agreement.document_id)
    if agreement is None:
        return
    address, browser = demo.DEMO_SIGNING_CLIENT
    client = signing.SigningClient(address, browser, AuthMethod.PASSWORD)
    accounts = {a.role: a.user for a in mobility.participant.portal_accounts.all()}
    people = {
        "participant": (accounts.get(PortalRole.PARTICIPANT), agreement.participant_name),
        "guardian": (accounts.get(PortalRole.GUARDIAN), agreement.guardian_name),
        "organisation": (coordinator, coordinator.get_full_name()),
    }
    for role in signers:
        user, name = people[role]
        signing.agreement_sign(
            agreement=agreement,
            user=user,
            typed_name=name,
            document_sha256=agreement.frozen_sha256,
            consent_version=CURRENT_CONSENT,
            language=demo.AGREEMENT_LANGUAGE,
            client=client,
        )
        agreement.refresh_from_db()
    if "organisation" in signers:
        signing.agreement_finalize(agreement_id=agreement.pk)


# --- Payments to participants (issue 17) -----------------------------------------------


def seed_payments(project: Project, participants: dict[str, Participant]) -> None:
    """What the bank statements show: transfers of the pre-financing and the balance, in
    full or in part, and a reduction, recorded through the finance services as a finance
    officer would. A second run finds them and adds nothing."""
    coordinator = get_user_model().objects.get(username="coordinator")
    payments = Payment.objects.filter(mobility__project=project).select_related(
        "mobility__participant"
    )
    key_of = {participant.pk: key for key, participant in participants.items()}
    line = 0
    for payment in payments.order_by("mobility__start_date", "mobility__number", "kind"):
        mobility = payment.mobility
        key = (key_of.get(mobility.participant_id), mobility.activity_type)
        if payment.transfers.exists():
            continue
        if payment.kind == Payment.Kind.PREFINANCING and key not in demo.PREFINANCING_UNPAID:
            paid_on, amount = mobility.start_date - timedelta(days=10), payment.amount
        elif payment.kind == Payment.Kind.BALANCE and key in demo.BALANCE_PAID:
            paid_on, amount = mobility.end_date + timedelta(days=14), payment.amount
        elif payment.kind == Payment.Kind.BALANCE and key in demo.BALANCE_PAID_IN_PART:
            paid_on, amount = mobility.end_date + timedelta(days=14), demo.BALANCE_PAID_IN_PART[key]
        else:
            continue
        if paid_on > timezone.localdate() or not amount:
            continue
        line += 1
        reference = demo.BANK_STATEMENT.format(month=paid_on.strftime("%Y-%m"), line=line)
        transfer_record(
            payment=payment, paid_on=paid_on, amount=amount, reference=reference, user=coordinator
        )
    for (person, activity), (reason, explanation, share) in demo.REDUCTIONS.items():
        mobility = project.mobilities.get(participant=participants[person], activity_type=activity)
        signed = signed_agreement(mobility)
        if signed is None or mobility.reductions.exists():
            continue
        reduction_record(
            mobility=mobility,
            reason=reason,
            explanation=explanation,
            amount=round_half_up(signed.agreed * share),
            last_day=None,
            user=coordinator,
        )


def seed_costs(project: Project, participants: dict[str, Participant]) -> None:
    """The school's real costs with their invoices (scans), through the same service as
    the pages; a second run finds them and adds nothing."""
    if project.costs.exists():
        return
    coordinator = get_user_model().objects.get(username="coordinator")
    for number, row in enumerate(demo.COSTS, start=1):
        key, kind, category, supplier, invoice, day, amount, currency, rate, paid_on = row
        mobility = None
        if key is not None:
            person, activity = key
            mobility = project.mobilities.get(
                participant=participants[person], activity_type=activity
            )
        scan = ContentFile(demo_scan(), name=f"rekins-{number}.pdf")
        cost_save(
            cost=Cost(project=project),
            data={
                "mobility": mobility,
                "kind": kind,
                "category": category,
                "supplier": supplier,
                "invoice_number": invoice,
                "invoice_date": day,
                "amount": amount,
                "currency": currency,
                "exchange_rate": rate,
                "paid_on": paid_on,
                "note": "",
            },
            files={"invoice": scan},
            user=coordinator,
        )


def seed_dissemination(project: Project, participants: dict[str, Participant]) -> None:
    """The project's dissemination events and a staff member's transfer of learning,
    through the same services as the pages; a second run finds them and adds nothing."""
    coordinator = get_user_model().objects.get(username="coordinator")

    def mobility_of(key):
        person, activity = key
        return project.mobilities.get(participant=participants[person], activity_type=activity)

    if not project.dissemination_events.exists():
        goals = {goal.number: goal for goal in project.erasmus_plan.goals.all()}
        for number, row in enumerate(demo.DISSEMINATION_EVENTS, start=1):
            day, kind, title, description, audience, size, reach, presenter = row[:8]
            key, goal, link, with_photo = row[8:]
            event_save(
                event=DisseminationEvent(project=project),
                data={
                    "held_on": day,
                    "kind": kind,
                    "title": title,
                    "description": description,
                    "audience": audience,
                    "audience_size": size,
                    "reach": reach,
                    "presented_by": presenter,
                    "mobility": mobility_of(key) if key else None,
                    "goal": goals.get(goal),
                    "evidence_url": link,
                },
                evidence=ContentFile(demo_photo(), name=f"foto-{number}.png")
                if with_photo
                else None,
                user=coordinator,
            )
    for key, data in demo.LEARNING_TRANSFERS.items():
        mobility = mobility_of(key)
        if not LearningTransfer.objects.filter(mobility=mobility).exists():
            learning_transfer_save(mobility=mobility, data=data, user=coordinator)
