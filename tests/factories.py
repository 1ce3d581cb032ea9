"""Plain factory functions: each builds a valid object through full_clean(), with keyword
overrides for what a test is about."""

import itertools
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from mobilities.models import Mobility, MobilityGroup
from mobilities.services import mobility_create
from participants.identity import iban_for, personal_code_for
from participants.models import Participant
from projects.models import (
    AwardedAmount,
    ErasmusPlan,
    Goal,
    Membership,
    Organisation,
    PartnerOrganisation,
    Project,
)

_sequence = itertools.count(1)


def _next() -> int:
    return next(_sequence)


def identity(born: date, gender="", **overrides) -> dict:
    """A participant's valid personal code for `born`, address and IBAN (a Latvian one), as
    a grant agreement needs them to be sent for signing."""
    n = _next()
    values = {
        "national_id": personal_code_for(born, n * 20 % 980),
        "address": f"Skolas iela {n}, Cēsis, LV-4101",
        "iban": iban_for("LV", f"HABA{n:013d}"),
        "gender": gender,
    }
    return values | overrides


def agreement_terms(proj, name="Alise Kalēja", position="direktore", **overrides):
    """The project's grant agreement terms naming `name` as the organisation's
    representative, who alone countersigns."""
    from reporting.models import GrantAgreementTerms

    values = {"representative_name": name, "representative_position": position} | overrides
    terms, _created = GrantAgreementTerms.objects.update_or_create(project=proj, defaults=values)
    return terms


def ready_for_signing(mobility) -> None:
    """Give the mobility's participant and project what sending the agreement for signing
    needs, where the test has not: a personal code, an address, an IBAN and a
    representative of the organisation (Alise Kalēja)."""
    from reporting.documents import grant_agreement_terms

    participant = mobility.participant
    missing = {
        name: value
        for name, value in identity(participant.date_of_birth).items()
        if name != "gender" and not getattr(participant, name)
    }
    if missing:
        Participant.objects.filter(pk=participant.pk).update(**missing)
        for name, value in missing.items():
            setattr(participant, name, value)
    if not grant_agreement_terms(mobility.project).representative_name:
        agreement_terms(mobility.project)


def _saved(instance):
    instance.full_clean()
    instance.save()
    return instance


def organisation(**overrides) -> Organisation:
    n = _next()
    values = {
        "legal_name": f"Tehnikums {n}",
        "oid": f"E{10000000 + n:08d}",
        "country": "LV",
        "city": "Cēsis",
        "address": "Skolas iela 1",
        "registration_number": f"{90000000000 + n}",
    }
    return _saved(Organisation(**(values | overrides)))


def user(username=None, **overrides):
    username = username or f"user{_next()}"
    return get_user_model().objects.create_user(
        username=username, password="secret-pass-123", **overrides
    )


def member(org, role=Membership.Role.COORDINATOR, **user_overrides):
    person = user(**user_overrides)
    Membership.objects.create(user=person, organisation=org, role=role)
    return person


def plan(org, **overrides) -> ErasmusPlan:
    values = {"organisation": org, "title": "Erasmus plāns", "start_year": 2024, "end_year": 2027}
    return _saved(ErasmusPlan(**(values | overrides)))


def goal(erasmus_plan, number=1, **overrides) -> Goal:
    values = {"plan": erasmus_plan, "number": number, "title": f"Mērķis {number}"}
    return _saved(Goal(**(values | overrides)))


def project(org, erasmus_plan=None, **overrides) -> Project:
    erasmus_plan = erasmus_plan or plan(org)
    values = {
        "organisation": org,
        "erasmus_plan": erasmus_plan,
        "grant_agreement_number": f"2026-1-LV01-KA121-VET-{_next():09d}",
        "call_year": 2026,
        "start_date": date(2026, 6, 1),
        "end_date": date(2027, 8, 31),
        "status": Project.Status.ONGOING,
    }
    return _saved(Project(**(values | overrides)))


def awarded(proj, category="travel", amount="1000.00") -> AwardedAmount:
    return _saved(AwardedAmount(project=proj, category=category, amount=Decimal(amount)))


def partner(org, **overrides) -> PartnerOrganisation:
    values = {
        "organisation": org,
        "name": f"Host {_next()}",
        "kind": PartnerOrganisation.Kind.HOST_COMPANY,
        "country": "ES",
        "city": "Valencia",
    }
    return _saved(PartnerOrganisation(**(values | overrides)))


def learner(org, **overrides) -> Participant:
    n = _next()
    values = {
        "organisation": org,
        "kind": Participant.Kind.LEARNER,
        "first_name": "Līga",
        "last_name": f"Bērziņa{n}",
        "date_of_birth": date(2005, 1, 1),
        "email": f"learner{n}@example.lv",
        "vet_programme": "Programmēšana",
        "qualification": "Programmēšanas tehniķis",
        "eqf_level": 4,
        "learner_status": Participant.LearnerStatus.ENROLLED,
    }
    return _saved(Participant(**(values | overrides)))


def staff(org, **overrides) -> Participant:
    n = _next()
    values = {
        "organisation": org,
        "kind": Participant.Kind.STAFF,
        "first_name": "Andris",
        "last_name": f"Kalns{n}",
        "date_of_birth": date(1980, 1, 1),
        "email": f"staff{n}@example.lv",
        "position": "Skolotājs",
        "employment_documented": True,
    }
    return _saved(Participant(**(values | overrides)))


def external(org, **overrides) -> Participant:
    n = _next()
    values = {
        "organisation": org,
        "kind": Participant.Kind.EXTERNAL,
        "first_name": "Katrin",
        "last_name": f"Schulz{n}",
        "date_of_birth": date(1975, 1, 1),
        "email": f"external{n}@example.de",
    }
    return _saved(Participant(**(values | overrides)))


def group(proj, activity_type="learner_group", **overrides) -> MobilityGroup:
    values = {
        "project": proj,
        "name": f"Grupa {_next()}",
        "activity_type": activity_type,
        "common_programme": "Kopīga programma",
    }
    return _saved(MobilityGroup(**(values | overrides)))


def mobility(proj, participant=None, goals=None, **overrides) -> Mobility:
    """A valid 28-day short-term learner mobility from Cēsis to Valencia, unless told;
    without a host given, a new host where the destination is."""
    org = proj.organisation
    participant = participant or learner(org)
    if goals is None:
        goals = [proj.erasmus_plan.goals.first() or goal(proj.erasmus_plan)]
    if "host" not in overrides:
        overrides["host"] = partner(
            org,
            country=overrides.get("destination_country", "ES"),
            city=overrides.get("destination_city", "Valencia"),
        )
    values = {
        "participant": participant,
        "activity_type": "learner_short_term",
        "origin_city": "Cēsis",
        "origin_country": "LV",
        "destination_city": "Valencia",
        "destination_country": "ES",
        "start_date": date(2026, 9, 1),
        "end_date": date(2026, 9, 28),
        "travel_days": 2,
    }
    return mobility_create(project=proj, goals=goals, data=values | overrides)
