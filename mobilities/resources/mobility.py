"""MobilityResource, mobilities in and out of spreadsheets. A row is matched on its mobility
ID, <grant agreement number>-MOB-<number:05d>: an ID of the project updates that mobility,
an unknown one creates it with that number. A row without an ID is matched on participant,
activity type, start date and role, else it creates a mobility with the project's next
number. Every row goes through the mobility services, and groups whose members came row by
row are checked as a whole at the end."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from budget.choices import ActivityType, MobilityRole
from budget.models import MobilityGrant
from core.transfer import Column, TransferResource
from core.transfer.values import (
    BooleanWidget,
    ChoiceWidget,
    CountryWidget,
    DateWidget,
    IntegerWidget,
    cell_text,
    normalise,
)
from participants.models import Participant
from participants.resources import national_id_key
from projects.models import Goal, PartnerOrganisation, Project

from ..models import Mobility, MobilityGroup, ParticipantReport
from ..services import mobility_add, mobility_update
from ..validation import group_checks_deferred, group_composition_problems
from .widgets import (
    GoalsColumn,
    GoalsWidget,
    GroupWidget,
    ParticipantWidget,
    PartnerWidget,
    ProjectWidget,
    money,
)

MOBILITY_ID = "Mobility ID"
PROJECT = "Project"
PARTICIPANT = "Participant"
GROUP = "Group"
REFERENCE = re.compile(r"^(?P<project>.+)-MOB-(?P<number>\d{1,9})$", re.IGNORECASE)


class MobilityResource(TransferResource):
    reference = Column(None, MOBILITY_ID, "Mobilitātes ID", key=True)
    project = Column("project", PROJECT, "Projekts", ProjectWidget(), key=True)
    participant = Column(
        "participant",
        PARTICIPANT,
        "Dalībnieks",
        ParticipantWidget(),
        required=True,
        resolver="resolve_participant",
    )
    participant_name = Column(
        None, "Participant name", "Dalībnieka vārds un uzvārds", export_only=True
    )
    activity_type = Column(
        "activity_type",
        "Activity type",
        "Aktivitātes veids",
        ChoiceWidget(ActivityType),
        required=True,
    )
    role = Column(
        "role", "Role", "Loma", ChoiceWidget(MobilityRole, empty=MobilityRole.PARTICIPANT)
    )
    group = Column("group", GROUP, "Grupa", GroupWidget(), resolver="resolve_group")
    status = Column(
        "status", "Status", "Statuss", ChoiceWidget(Mobility.Status, empty=Mobility.Status.PLANNED)
    )
    host = Column(
        "host",
        "Host organisation",
        "Uzņemošā organizācija",
        PartnerWidget(),
        resolver="resolve_partner",
    )
    sending_partner = Column(
        "sending_partner",
        "Sending partner",
        "Nosūtošais partneris",
        PartnerWidget(),
        resolver="resolve_partner",
    )
    origin_city = Column("origin_city", "City of origin", "Izbraukšanas pilsēta", required=True)
    origin_country = Column(
        "origin_country",
        "Country of origin",
        "Izbraukšanas valsts",
        CountryWidget(),
        required=True,
    )
    destination_city = Column(
        "destination_city", "Destination city", "Galamērķa pilsēta", required=True
    )
    destination_country = Column(
        "destination_country",
        "Destination country",
        "Galamērķa valsts",
        CountryWidget(),
        required=True,
    )
    start_date = Column("start_date", "Start date", "Sākuma datums", DateWidget(), required=True)
    end_date = Column("end_date", "End date", "Beigu datums", DateWidget(), required=True)
    travel_days = Column("travel_days", "Travel days", "Ceļa dienas", IntegerWidget(empty=0))
    green_travel = Column("green_travel", "Green travel", "Zaļais ceļojums", BooleanWidget())
    virtual_component = Column(
        "virtual_component", "Virtual component", "Virtuālā komponente", BooleanWidget()
    )
    short_duration_justification = Column(
        "short_duration_justification",
        "Justification for a short duration",
        "Īsa ilguma pamatojums",
    )
    goals = GoalsColumn(
        "goals", "Goals", "Mērķi", GoalsWidget(), required=True, resolver="resolve_goals"
    )
    linguistic_support = Column(
        "linguistic_support", "Linguistic support", "Valodu atbalsts", BooleanWidget()
    )
    course_days = Column("course_days", "Course days", "Kursu dienas", IntegerWidget())
    distance_km = money(
        "distance_km", "Distance typed in by hand (km)", "Manuāli ievadīts attālums (km)"
    )
    expensive_travel_real_cost = money(
        "expensive_travel_real_cost",
        "Expensive travel real cost (EUR)",
        "Dārgu ceļa izdevumu faktiskās izmaksas (EUR)",
    )
    financial_guarantee = money(
        "financial_guarantee", "Financial guarantee (EUR)", "Finanšu garantija (EUR)"
    )
    visa_and_medical = money(
        "visa_and_medical",
        "Visas and medical certificates (EUR)",
        "Vīzas un medicīniskās izziņas (EUR)",
    )
    inclusion_support_real_costs = money(
        "inclusion_support_real_costs",
        "Inclusion support real costs (EUR)",
        "Iekļaušanas atbalsta faktiskās izmaksas (EUR)",
    )
    participant_report = Column(
        "participant_report",
        "Participant report",
        "Dalībnieka ziņojums",
        ChoiceWidget(ParticipantReport, empty=ParticipantReport.NOT_YET),
    )
    notes = Column("notes", "Notes", "Piezīmes")
    grant_total = Column(None, "Grant (EUR)", "Dotācija (EUR)", export_only=True)

    example = {
        "participant": "liga.berzina@example.lv",
        "activity_type": ActivityType.LEARNER_SHORT_TERM,
        "role": MobilityRole.PARTICIPANT,
        "status": Mobility.Status.PLANNED,
        "host": "E10012345",
        "origin_city": "Cēsis",
        "origin_country": "LV",
        "destination_city": "Valencia",
        "destination_country": "ES",
        "start_date": date(2026, 9, 1),
        "end_date": date(2026, 9, 28),
        "travel_days": 2,
        "green_travel": False,
        "virtual_component": False,
        "goals": "1;3",
        "linguistic_support": False,
        "participant_report": ParticipantReport.NOT_YET,
    }

    class Meta:
        model = Mobility
        fields = (
            "reference",
            "project",
            "participant",
            "participant_name",
            "activity_type",
            "role",
            "group",
            "status",
            "host",
            "sending_partner",
            "origin_city",
            "origin_country",
            "destination_city",
            "destination_country",
            "start_date",
            "end_date",
            "travel_days",
            "green_travel",
            "virtual_component",
            "short_duration_justification",
            "goals",
            "linguistic_support",
            "course_days",
            "distance_km",
            "expensive_travel_real_cost",
            "financial_guarantee",
            "visa_and_medical",
            "inclusion_support_real_costs",
            "participant_report",
            "notes",
            "grant_total",
        )

    def __init__(self, *, projects=None, project=None, **kwargs):
        """`projects`: those the user may import into (None: all); `project`: the one the
        import is for, when rows need not say it."""
        super().__init__(**kwargs)
        self.allowed = None if projects is None else {p.pk for p in projects}
        self.project = project

    # --- export --------------------------------------------------------------------------

    def get_queryset(self):
        queryset = (
            Mobility.objects.select_related(
                "project", "participant", "host", "sending_partner", "group", "grant"
            )
            .prefetch_related("goals")
            .order_by("project_id", "number")
        )
        if self.allowed is not None:
            queryset = queryset.filter(project__in=self.allowed)
        return queryset

    def organisation_id_of(self, instance) -> int:
        return instance.project.organisation_id

    def dehydrate_reference(self, mobility):
        return mobility.reference

    def dehydrate_participant_name(self, mobility):
        return mobility.participant.full_name

    def dehydrate_grant_total(self, mobility):
        try:
            return mobility.grant.total
        except MobilityGrant.DoesNotExist:
            return ""

    # --- import: columns and keys ----------------------------------------------------------

    def column_of(self, attribute):
        aliases = {"number": "reference", "goals": "goals"}
        if attribute in aliases:
            return self.fields[aliases[attribute]]
        return super().column_of(attribute)

    def missing_columns(self, present):
        missing = super().missing_columns(present)
        if self.project is None and not {PROJECT, MOBILITY_ID} & present:
            missing.append(self.fields["project"])
        return missing

    def enter_import(self, stack):
        self.deferred_groups = stack.enter_context(group_checks_deferred())

    def prepare(self, dataset):
        self.seen, self.group_rows = {}, {}
        projects = self._projects(dataset)
        self.projects_by_ga = {p.grant_agreement_number.upper(): p for p in projects}
        organisations = {p.organisation_id for p in projects}
        self._load_people_and_partners(organisations)
        self.groups = {
            (g.project_id, normalise(g.name)): g
            for g in MobilityGroup.objects.filter(project__in=projects)
        }
        plans = {p.erasmus_plan_id for p in projects}
        self.goals = {(g.plan_id, g.number): g for g in Goal.objects.filter(plan__in=plans)}
        self._load_mobilities(projects, dataset)

    def _projects(self, dataset) -> list[Project]:
        numbers = set()
        if PROJECT in dataset.headers:
            numbers |= {cell_text(v).upper() for v in dataset[PROJECT]}
        if MOBILITY_ID in dataset.headers:
            for value in dataset[MOBILITY_ID]:
                if match := REFERENCE.match(cell_text(value)):
                    numbers.add(match["project"].upper())
        queryset = Project.objects.select_related("organisation", "erasmus_plan")
        queryset = queryset.filter(grant_agreement_number__in=numbers - {""})
        if self.allowed is not None:
            queryset = queryset.filter(pk__in=self.allowed)
        projects = {p.pk: p for p in queryset}
        if self.project is not None:
            projects[self.project.pk] = self.project
        return list(projects.values())

    def _load_people_and_partners(self, organisations) -> None:
        self.by_email, self.by_national_id = {}, {}
        for person in Participant.objects.filter(organisation__in=organisations):
            if person.email:
                self.by_email[person.organisation_id, person.email.casefold()] = person
            if person.national_id:
                key = (person.organisation_id, national_id_key(person.national_id))
                self.by_national_id[key] = person
        self.partners_by_oid, self.partners_by_name = {}, {}
        for partner in PartnerOrganisation.objects.filter(organisation__in=organisations):
            if partner.oid:
                self.partners_by_oid[partner.organisation_id, partner.oid.upper()] = partner
            key = (partner.organisation_id, normalise(partner.name))
            self.partners_by_name.setdefault(key, []).append(partner)

    def _load_mobilities(self, projects, dataset) -> None:
        by_pk = {p.pk: p for p in projects}
        self.by_number, self.by_natural, self.next_numbers = {}, {}, {}
        mobilities = (
            Mobility.objects.filter(project__in=projects)
            .select_related("participant", "host", "sending_partner", "group")
            .prefetch_related("goals")
        )
        for mobility in mobilities:
            mobility.project = by_pk[mobility.project_id]
            self.by_number[mobility.project_id, mobility.number] = mobility
            key = self._natural(mobility.project_id, mobility.participant_id, mobility)
            self.by_natural.setdefault(key, []).append(mobility)
        reserved = [
            (self.projects_by_ga.get(match["project"].upper()), int(match["number"]))
            for value in (dataset[MOBILITY_ID] if MOBILITY_ID in dataset.headers else [])
            if (match := REFERENCE.match(cell_text(value)))
        ]
        for project in projects:
            numbers = [n for p, n in reserved if p == project]
            numbers += [n for pk, n in self.by_number if pk == project.pk]
            self.next_numbers[project.pk] = max(numbers, default=0) + 1

    @staticmethod
    def _natural(project_id, participant_id, values) -> tuple:
        return (project_id, participant_id, values.activity_type, values.start_date, values.role)

    def project_of(self, row) -> Project:
        column, number = PROJECT, cell_text(row.get(PROJECT)).upper()
        if not number and (match := REFERENCE.match(cell_text(row.get(MOBILITY_ID)))):
            column, number = MOBILITY_ID, match["project"].upper()
        if not number:
            if self.project is not None:
                return self.project
            raise ValidationError({PROJECT: _("Give the project's grant agreement number.")})
        project = self.projects_by_ga.get(number)
        if project is None or (self.project is not None and project != self.project):
            raise ValidationError(
                {
                    column: _("You cannot import into the project %(project)s here.")
                    % {"project": number}
                }
            )
        return project

    def find_instance(self, row):
        self.row_project = project = self.project_of(row)
        self.row_number_given = None
        reference = cell_text(row.get(MOBILITY_ID))
        natural = self._natural_key(row, project)
        if reference:
            match = REFERENCE.match(reference)
            if not match:
                example = f"{project.grant_agreement_number}-MOB-00001"
                raise ValidationError(
                    {MOBILITY_ID: _("A mobility ID looks like %(example)s.") % {"example": example}}
                )
            number = int(match["number"])
            self.remember_key(self.seen, ("number", project.pk, number), MOBILITY_ID)
            if natural:
                self.seen.setdefault(("natural", *natural), self.line)
            self.row_number_given = number
            return self.by_number.get((project.pk, number))
        if natural is None:
            return None
        self.remember_key(self.seen, ("natural", *natural), PARTICIPANT)
        matches = self.by_natural.get(natural, [])
        if len(matches) > 1:
            raise ValidationError(
                {
                    PARTICIPANT: _(
                        "Several mobilities of this participant start that day: give the "
                        "mobility ID."
                    )
                }
            )
        return matches[0] if matches else None

    def _natural_key(self, row, project) -> tuple | None:
        """Participant, activity, start and role of the row, if all of them read."""
        mobility = Mobility(project=project)
        try:
            participant = self.resolve_participant(cell_text(row.get(PARTICIPANT)), mobility)
            for name in ("activity_type", "start_date", "role"):
                column = self.fields[name]
                value = row.get(column.column_name)
                setattr(mobility, name, column.widget.clean(value))
        except ValueError:
            return None
        if participant is None or not mobility.activity_type or not mobility.start_date:
            return None
        return self._natural(project.pk, participant.pk, mobility)

    def new_instance(self, row):
        project = self.row_project
        number = self.row_number_given
        if number is None:
            number = self.next_numbers[project.pk]
            self.next_numbers[project.pk] += 1
        return Mobility(project=project, number=number)

    # --- import: cells naming other records ---------------------------------------------------

    def resolve_participant(self, text, mobility):
        if not text:
            return None
        organisation = mobility.project.organisation_id
        person = self.by_email.get((organisation, text.casefold())) or self.by_national_id.get(
            (organisation, national_id_key(text))
        )
        if person is None:
            raise ValueError(
                _("No participant of %(organisation)s has this e-mail or national ID.")
                % {"organisation": mobility.project.organisation}
            )
        return person

    def resolve_partner(self, text, mobility):
        if not text:
            return None
        organisation = mobility.project.organisation_id
        partner = self.partners_by_oid.get((organisation, text.upper()))
        if partner is not None:
            return partner
        namesakes = self.partners_by_name.get((organisation, normalise(text)), [])
        if len(namesakes) > 1:
            raise ValueError(_("Several partners have this name: write the OID."))
        if not namesakes:
            raise ValueError(
                _("No partner organisation of %(organisation)s has this OID or name.")
                % {"organisation": mobility.project.organisation}
            )
        return namesakes[0]

    def resolve_group(self, text, mobility):
        if not text:
            return None
        group = self.groups.get((mobility.project_id, normalise(text)))
        if group is None:
            raise ValueError(
                _("The project has no group “%(name)s”: create the group first.") % {"name": text}
            )
        return group

    def resolve_goals(self, text, mobility):
        goals = []
        for part in re.split(r"[;,\s]+", text):
            if not part:
                continue
            if not part.isdigit():
                raise ValueError(_("Write the goals' numbers separated by semicolons, e.g. 1;3."))
            goal = self.goals.get((mobility.project.erasmus_plan_id, int(part)))
            if goal is None:
                raise ValueError(_("The Erasmus plan has no goal %(number)s.") % {"number": part})
            goals.append(goal)
        return sorted(set(goals), key=lambda goal: goal.number)

    # --- import: saving ----------------------------------------------------------------------

    def before_import_row(self, row, **kwargs):
        self.row, self.row_number = row, kwargs.get("row_number", 1)
        super().before_import_row(row, **kwargs)

    def save(self, instance, is_create):
        goals = getattr(instance, "_import_goals", None)
        # The resource numbers the rows itself; the database enforces the constraints
        # (a violation is reported on the row) instead of a query each per row.
        if is_create:
            mobility_add(mobility=instance, goals=goals or [], validate_constraints=False)
        else:
            mobility_update(mobility=instance, goals=goals, validate_constraints=False)
        if instance.group_id:
            self.group_rows.setdefault(instance.group_id, []).append((self.row_number, self.row))

    def finish_import(self, result):
        """Groups whose members came row by row are checked as a whole."""
        for group in self.deferred_groups.values():
            messages = [message for _field, message in group_composition_problems(group)]
            if not messages:
                continue
            column = GROUP if GROUP in self.original_headers else "__all__"
            for row_number, row in self.group_rows.get(group.pk, []):
                self.mark_invalid(result, row_number, row, {column: messages})
