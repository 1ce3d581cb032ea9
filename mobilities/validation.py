"""Eligibility of a mobility as a whole: the engine's rules (duration, travel days,
destination) plus those that need the participant, the project and the group.

Every rule yields (field, message) so forms show each message next to its field. This
module does not import the mobility model, so the model's clean() can call it.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from budget.adapters import mobility_input
from budget.rules import Activity, Audience, Role, RuleError, assess_mobility, rate_table, spec_for
from budget.rules.eligibility import check_dates, check_destination, check_duration
from core.dates import add_months, short_date
from participants.models import Participant

# Statuses from which a mobility must be complete, not just planned.
COMMITTED_STATUSES = frozenset({"approved", "contracted", "ongoing", "completed"})
RECENT_GRADUATE_MONTHS = 12
MIN_GROUP_LEARNERS = 2

Problems = Iterator[tuple[str, str]]

# Groups whose composition is checked once all their rows are in (an import).
_deferred_groups: ContextVar[dict | None] = ContextVar("deferred_groups", default=None)


@contextmanager
def group_checks_deferred() -> Iterator[dict]:
    """Inside, a committed group mobility's composition (2 learners, an accompanying
    person) is not checked row by row but noted: an import brings the members of a group
    one row at a time, so the first row would always fail. The caller checks each noted
    group with `group_composition_problems` once every row is saved."""
    groups: dict = {}
    token = _deferred_groups.set(groups)
    try:
        yield groups
    finally:
        _deferred_groups.reset(token)


def raise_for_problems(problems: Iterable[tuple[str, str]]) -> None:
    errors: dict[str, list[str]] = {}
    for field, message in problems:
        errors.setdefault(field, []).append(message)
    if errors:
        raise ValidationError(errors)


def mobility_problems(mobility, goals=None) -> Problems:
    """Every broken rule of a mobility, each once; pass `goals` (a list) when they are
    being set."""
    seen = set()
    for problem in _all_problems(mobility, goals):
        if problem not in seen:
            seen.add(problem)
            yield problem


def _all_problems(mobility, goals) -> Problems:
    if not mobility.activity_type or not mobility.start_date or not mobility.end_date:
        return
    dates = check_dates(mobility.start_date, mobility.end_date)
    yield from ((p.field, p.message) for p in dates)
    if dates:
        return
    project = getattr(mobility, "project", None) if mobility.project_id else None
    participant = mobility.participant if mobility.participant_id else None
    if project:
        yield from _project_problems(mobility, project)
    if participant:
        yield from _participant_problems(mobility, participant, project)
    yield from _engine_problems(mobility, participant, project)
    yield from _group_problems(mobility)
    if goals is not None and project:
        yield from goal_problems(project, goals)


def _project_problems(mobility, project) -> Problems:
    if mobility.start_date < project.start_date:
        yield (
            "start_date",
            _("The mobility starts before the project (%(start)s).")
            % {"start": short_date(project.start_date)},
        )
    if mobility.end_date > project.end_date:
        yield (
            "end_date",
            _("The mobility ends after the project (%(end)s).")
            % {"end": short_date(project.end_date)},
        )
    for field in ("host", "sending_partner"):
        partner = getattr(mobility, field)
        if partner and partner.organisation_id != project.organisation_id:
            yield field, _("Choose a partner of the project's organisation.")
    if mobility.group_id and mobility.group.project_id != project.pk:
        yield "group", _("Choose a group of the same project.")


def _engine_problems(mobility, participant, project) -> Problems:
    """The engine's rules for the grant (duration, travel days, places and distance,
    course days, linguistic support, claimed costs), plus those it leaves to the
    application: the recorded justification of a short stay and the destination seen
    from the school's own country."""
    fewer_opportunities = bool(participant and participant.fewer_opportunities)
    if mobility.role == Role.PARTICIPANT:
        duration = check_duration(
            mobility.activity_type,
            mobility.start_date,
            mobility.end_date,
            fewer_opportunities=fewer_opportunities,
            justification=mobility.short_duration_justification,
        )
        yield from ((p.field, p.message) for p in duration)
    if project is None:
        return
    if mobility.destination_country:
        destination = check_destination(
            mobility.activity_type,
            destination_country=str(mobility.destination_country),
            origin_country=str(mobility.origin_country or ""),
            home_country=str(project.organisation.country),
        )
        yield from ((p.field, p.message) for p in destination)
    try:
        table = rate_table(project.call_year)
    except RuleError:
        return  # The project itself reports a call year without rates.
    _grant, problems = assess_mobility(
        mobility_input(mobility),
        table=table,
        rates=project.individual_support_rates,
        ordinal_in_activity=1,
    )
    # The project's own period (checked above) is narrower than the engine's window of
    # the call year: saying both would repeat the same fault.
    yield from ((p.field, p.message) for p in problems if p.code != "period")
    yield from _host_problems(mobility)


def _host_problems(mobility) -> Problems:
    incoming = spec_for(mobility.activity_type).incoming
    if incoming and mobility.host_id:
        yield (
            "host",
            _("Invited experts and hosted teachers come to the school: leave the host empty."),
        )
    if not incoming and not mobility.host_id:
        yield "host", _("Choose the host organisation.")
    if not incoming and mobility.sending_partner_id:
        yield "sending_partner", _("Only incoming participants have a sending partner.")
    if not incoming:
        yield from _host_country_problems(mobility)


def _host_country_problems(mobility) -> Problems:
    """The participant goes where the host is. (Invited experts and hosted teachers have
    no host: the school receives them.)"""
    host = mobility.host if mobility.host_id else None
    if host is None or not host.country or not mobility.destination_country:
        return
    if host.country.code != mobility.destination_country.code:
        yield (
            "destination_country",
            _(
                "The host %(host)s is in %(host_country)s; the destination country must be "
                "%(host_country)s, not %(destination)s."
            )
            % {
                "host": host.name,
                "host_country": host.country.name,
                "destination": mobility.destination_country.name,
            },
        )


def _participant_problems(mobility, participant: Participant, project) -> Problems:
    if project and participant.organisation_id != project.organisation_id:
        yield "participant", _("Choose a participant of the project's organisation.")
        return
    if mobility.role == Role.ACCOMPANYING_PERSON:
        yield from _accompanying_person_problems(mobility, participant)
        return
    spec = spec_for(mobility.activity_type)
    expected = {
        Audience.LEARNER: Participant.Kind.LEARNER,
        Audience.STAFF: Participant.Kind.STAFF,
        Audience.INCOMING: Participant.Kind.EXTERNAL,
    }[spec.audience]
    if mobility.activity_type == Activity.PREPARATORY_VISIT:
        yield from _preparatory_visit_problems(mobility, participant)
    elif participant.kind != expected:
        yield (
            "participant",
            _("This activity is for participants of the kind “%(kind)s”.")
            % {"kind": Participant.Kind(expected).label},
        )
    elif expected == Participant.Kind.LEARNER:
        yield from _recent_graduate_problems(mobility, participant)
    elif (
        expected == Participant.Kind.STAFF
        and mobility.status in COMMITTED_STATUSES
        and not participant.employment_documented
    ):
        yield (
            "participant",
            _("Document the staff member's employment before the mobility is approved."),
        )


def _accompanying_person_problems(mobility, participant: Participant) -> Problems:
    if spec_for(mobility.activity_type).audience != Audience.LEARNER:
        yield "role", _("Accompanying persons go with learners only.")
    if participant.kind == Participant.Kind.LEARNER:
        yield "participant", _("An accompanying person is a teacher or another adult.")
    elif participant.is_minor_on(mobility.start_date):
        yield "participant", _("An accompanying person must be an adult.")


def _preparatory_visit_problems(mobility, participant: Participant) -> Problems:
    if participant.kind == Participant.Kind.STAFF:
        return
    if participant.kind == Participant.Kind.LEARNER:
        goes_on_erasmuspro = participant.mobilities.filter(
            activity_type=Activity.LEARNER_ERASMUSPRO
        ).exists()
        if participant.fewer_opportunities or goes_on_erasmuspro:
            return
    yield (
        "participant",
        _(
            "Preparatory visits are for staff; exceptionally for ErasmusPro learners and "
            "learners with fewer opportunities."
        ),
    )


def _recent_graduate_problems(mobility, participant: Participant) -> Problems:
    if participant.learner_status != Participant.LearnerStatus.RECENT_GRADUATE:
        return
    if not participant.graduation_date:
        return
    months = RECENT_GRADUATE_MONTHS + participant.compulsory_service_months
    last_day = add_months(participant.graduation_date, months)
    if mobility.end_date > last_day:
        yield (
            "end_date",
            ngettext(
                "A recent graduate's mobility must end within %(months)d month of graduation "
                "(by %(day)s).",
                "A recent graduate's mobility must end within %(months)d months of graduation "
                "(by %(day)s).",
                months,
            )
            % {"months": months, "day": short_date(last_day)},
        )


def _group_problems(mobility) -> Problems:
    group = mobility.group if mobility.group_id else None
    if group is None:
        return
    if group.activity_type != mobility.activity_type:
        yield "group", _("The group is for another activity type.")
        return
    if group.activity_type == Activity.LEARNER_GROUP and mobility.status in COMMITTED_STATUSES:
        deferred = _deferred_groups.get()
        if deferred is not None:
            deferred[group.pk] = group
            return
        yield from group_composition_problems(group, exclude_pk=mobility.pk, adding=mobility)


def group_composition_problems(group, *, exclude_pk=None, adding=None) -> Problems:
    """A group mobility has at least 2 learners, an accompanying person and a common
    programme."""
    members = [m for m in group.mobilities.exclude(status="cancelled") if m.pk != exclude_pk]
    if adding is not None and adding.status != "cancelled":
        members.append(adding)
    learners = sum(1 for m in members if m.role == Role.PARTICIPANT)
    accompanying = sum(1 for m in members if m.role == Role.ACCOMPANYING_PERSON)
    if learners < MIN_GROUP_LEARNERS or accompanying < 1:
        yield (
            "group",
            ngettext(
                "A group mobility needs at least %(min)d learner and an accompanying person "
                "(now learners: %(learners)d, accompanying persons: %(accompanying)d).",
                "A group mobility needs at least %(min)d learners and an accompanying person "
                "(now learners: %(learners)d, accompanying persons: %(accompanying)d).",
                MIN_GROUP_LEARNERS,
            )
            % {"min": MIN_GROUP_LEARNERS, "learners": learners, "accompanying": accompanying},
        )
    if not group.common_programme.strip():
        yield "group", _("A group mobility needs its common programme.")


def goal_problems(project, goals) -> Problems:
    if not goals:
        yield "goals", _("Choose at least one Erasmus plan goal the mobility serves.")
        return
    if any(goal.plan_id != project.erasmus_plan_id for goal in goals):
        yield "goals", _("Choose goals of the project's Erasmus plan.")
