"""The draft of a project's final report: one section per question of the Beneficiary
Module, each with the figures the portal already knows and the coordinator's answer.

The figures are loaded once, in a fixed number of aggregate queries whatever the
project's size, and formatted in the active language, so that the editor page, the PDF
and the text to paste into the Beneficiary Module show the same strings.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django_countries import countries

from budget.choices import ActivityType
from budget.rules import Role
from budget.selectors import project_budget
from core.money import percent
from core.templatetags.formatting import eur
from finance.final import final_report_figures
from mobilities.models import Mobility, MobilityFile, MonitoringNote, PreparationItem
from participants.models import Participant
from projects.models import PartnerOrganisation, Project

from .models import (
    DocumentKind,
    FinalReportAnswer,
    FinalReportSection,
    GeneratedDocument,
    LearningOutcomeUnit,
)
from .progress import SHARES, activity_status_table, goal_progress, level_rose

OUTCOME_LABELS = {
    "meets": lambda: _("meets"),
    "breaks": lambda: _("breaks"),
    "approval": lambda: _("needs approval"),
    "not_set": lambda: _("not set"),
}
ACTIVE = ~Q(status=Mobility.Status.CANCELLED)
COMPLETED = Q(status=Mobility.Status.COMPLETED)


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    # Columns from this index on are figures, aligned right.
    figures_from: int = 1


@dataclass
class Figures:
    facts: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __bool__(self):
        return bool(self.facts or self.tables or self.notes)


@dataclass
class ReportSection:
    code: str
    number: int
    question: str
    figures: Figures
    answer: str

    @property
    def anchor(self) -> str:
        return f"section-{self.code}"


@dataclass
class FinalReport:
    project: object
    sections: list[ReportSection]


def number(value) -> str:
    return number_format(value, 0, use_l10n=True, force_grouping=True)


def percent_of(part: Decimal, whole: Decimal) -> str:
    if not whole:
        return "–"
    return f"{percent(part / whole, 1)} %"


def final_report(project, answers: dict[str, str] | None = None) -> FinalReport:
    """Every section with its figures and saved answer, in the active language."""
    if answers is None:
        answers = answers_of(project)
    figures = _SectionFigures(project)
    sections = [
        ReportSection(code, n, str(label), figures.for_section(code), answers.get(code, ""))
        for n, (code, label) in enumerate(FinalReportSection.choices, start=1)
    ]
    return FinalReport(project, sections)


def answers_of(project) -> dict[str, str]:
    return dict(FinalReportAnswer.objects.filter(project=project).values_list("section", "text"))


class _SectionFigures:
    """Loads what the sections show, each part once, and builds each section's figures."""

    def __init__(self, project):
        self.project = project
        self.mobilities = project.mobilities.all()
        self.active = self.mobilities.filter(ACTIVE)
        self.counts = self._counts()

    def for_section(self, code: str) -> Figures:
        builder = getattr(self, f"_{code}", None)
        return builder() if builder else Figures()

    def _counts(self) -> dict:
        is_participant = Q(role=Role.PARTICIPANT)
        person = "participant"
        return self.mobilities.aggregate(
            active=Count("pk", filter=ACTIVE),
            completed=Count("pk", filter=COMPLETED),
            cancelled=Count("pk", filter=~ACTIVE),
            people=Count(person, filter=ACTIVE, distinct=True),
            learners=Count(
                person,
                filter=ACTIVE & is_participant & Q(participant__kind=Participant.Kind.LEARNER),
                distinct=True,
            ),
            staff=Count(
                person,
                filter=ACTIVE & is_participant & Q(participant__kind=Participant.Kind.STAFF),
                distinct=True,
            ),
            external=Count(
                person,
                filter=ACTIVE & is_participant & Q(participant__kind=Participant.Kind.EXTERNAL),
                distinct=True,
            ),
            accompanying=Count(
                person, filter=ACTIVE & Q(role=Role.ACCOMPANYING_PERSON), distinct=True
            ),
            fewer_opportunities=Count(
                person,
                filter=ACTIVE & is_participant & Q(participant__fewer_opportunities=True),
                distinct=True,
            ),
            reports_submitted=Count("pk", filter=ACTIVE & Q(participant_report="submitted")),
            countries=Count("destination_country", filter=ACTIVE, distinct=True),
            green=Count("pk", filter=ACTIVE & Q(green_travel=True)),
            ols_assessed=Count("pk", filter=ACTIVE & Q(ols_assessment__isnull=False)),
            fewer_opportunities_mobilities=Count(
                "pk", filter=ACTIVE & Q(participant__fewer_opportunities=True)
            ),
            inclusion_real_costs=Sum("inclusion_support_real_costs", filter=ACTIVE),
        )

    # One method per section that has figures; the others are narrative only.

    def _goals(self) -> Figures:
        rows = []
        for progress in goal_progress(self.project):
            goal = progress.goal
            if not progress.targets:
                rows.append([str(goal), "", number(progress.mobilities), "", "", ""])
            for target in progress.targets:
                achieved = target.achieved
                rows.append(
                    [
                        str(goal),
                        f"{target.target.indicator} ({target.target.year})",
                        number(progress.mobilities),
                        f"{number(target.target.target_value)} {target.target.unit}",
                        _achieved_text(target.target, achieved),
                        _reached(achieved, target.target.target_value),
                    ]
                )
        headers = [
            _("Goal"),
            _("Target"),
            _("Mobilities"),
            _("Target value"),
            _("Achieved"),
            _("Reached"),
        ]
        caption = _("Goals of the Erasmus plan and their targets of the call year")
        return Figures(tables=[Table(caption, headers, rows, figures_from=2)])

    def _summary(self) -> Figures:
        c = self.counts
        return Figures(
            facts=[
                (_("Mobilities"), number(c["active"])),
                (_("Completed mobilities"), number(c["completed"])),
                (_("Participants"), number(c["people"])),
                (_("Countries"), number(c["countries"])),
            ]
        )

    def _inclusion(self) -> Figures:
        c = self.counts
        return Figures(
            facts=[
                (_("Participants with fewer opportunities"), number(c["fewer_opportunities"])),
                (_("Their mobilities"), number(c["fewer_opportunities_mobilities"])),
                (
                    _("Inclusion support for participants, real costs"),
                    eur(c["inclusion_real_costs"] or Decimal(0)),
                ),
            ]
        )

    def _green(self) -> Figures:
        c = self.counts
        green = f"{number(c['green'])} / {number(c['active'])}"
        return Figures(facts=[(_("Mobilities with green travel"), green)])

    def _digital(self) -> Figures:
        return Figures(
            facts=[(_("Participants assessed in OLS"), number(self.counts["ols_assessed"]))]
        )

    def _hosts(self) -> Figures:
        rows = (
            self.active.filter(host__isnull=False)
            .values("host__country")
            .annotate(hosts=Count("host", distinct=True), n=Count("pk"))
            .order_by("-n", "host__country")
        )
        table = Table(
            _("Host organisations by country"),
            [_("Country"), _("Host organisations"), _("Mobilities")],
            [[_country(r["host__country"]), number(r["hosts"]), number(r["n"])] for r in rows],
        )
        return Figures(tables=[table])

    def _evaluation(self) -> Figures:
        c = self.counts
        return Figures(
            facts=[
                (_("Participants' reports submitted"), f"{c['reports_submitted']} / {c['active']}")
            ]
        )

    def _coordination(self) -> Figures:
        status_table = activity_status_table(self.project)
        headers = [_("Activity"), *[str(label) for _code, label in status_table["statuses"]]]
        rows = [
            [str(row["label"]), *[number(n) for n in row["cells"]]] for row in status_table["rows"]
        ]
        return Figures(tables=[Table(_("Mobilities by activity and status"), headers, rows)])

    def _preparation(self) -> Figures:
        steps = (
            PreparationItem.objects.filter(mobility__project=self.project)
            .exclude(mobility__status=Mobility.Status.CANCELLED)
            .values("kind")
            .annotate(
                done=Count("mobility", filter=Q(status=PreparationItem.Status.DONE), distinct=True),
                planned=Count("mobility", distinct=True),
            )
        )
        counts = {r["kind"]: r for r in steps}
        rows = [
            [str(label), number(counts[kind]["done"]), number(counts[kind]["planned"])]
            for kind, label in PreparationItem.Kind.choices
            if kind in counts
        ]
        headers = [_("Step"), _("Done"), _("Mobilities with the step")]
        return Figures(tables=[Table(_("Preparation steps done"), headers, rows)])

    def _support(self) -> Figures:
        notes = MonitoringNote.objects.filter(mobility__project=self.project).aggregate(
            notes=Count("pk"), mobilities=Count("mobility", distinct=True)
        )
        return Figures(
            facts=[
                (_("Monitoring notes"), number(notes["notes"])),
                (_("Mobilities with monitoring notes"), number(notes["mobilities"])),
            ]
        )

    def _changes(self) -> Figures:
        c = self.counts
        return Figures(
            facts=[
                (_("Mobilities (not cancelled)"), number(c["active"])),
                (_("Completed mobilities"), number(c["completed"])),
                (_("Cancelled mobilities"), number(c["cancelled"])),
            ]
        )

    def _selection(self) -> Figures:
        c = self.counts
        return Figures(
            facts=[
                (_("Participants"), number(c["people"])),
                (_("VET learners"), number(c["learners"])),
                (_("Staff"), number(c["staff"])),
                (_("Invited experts and hosted teachers"), number(c["external"])),
                (_("Accompanying persons"), number(c["accompanying"])),
                (_("Participants with fewer opportunities"), number(c["fewer_opportunities"])),
            ]
        )

    def _learning_outcomes(self) -> Figures:
        rows = (
            self.active.values("activity_type", "destination_country")
            .annotate(
                n=Count("pk"),
                people=Count("participant", distinct=True),
                done=Count("pk", filter=COMPLETED),
            )
            .order_by("activity_type", "destination_country")
        )
        labels = dict(ActivityType.choices)
        order = list(labels)
        table = Table(
            _("Mobilities by activity type and country"),
            [_("Activity"), _("Country"), _("Mobilities"), _("Participants"), _("Completed")],
            [
                [
                    str(labels.get(r["activity_type"], r["activity_type"])),
                    _country(r["destination_country"]),
                    number(r["n"]),
                    number(r["people"]),
                    number(r["done"]),
                ]
                for r in sorted(rows, key=lambda r: order.index(r["activity_type"]))
            ],
            figures_from=2,
        )
        results = self._unit_results()
        return Figures(
            facts=self._recognition_facts(),
            tables=[table] + ([results] if results.rows else []),
        )

    def _unit_results(self) -> Table:
        """The units of learning outcomes of the learners' agreements, by their result."""
        assessment = _related(LearningOutcomeUnit, "assessment_result")
        counts = dict(
            assessment.objects.filter(mobility__project=self.project)
            .exclude(mobility__status=Mobility.Status.CANCELLED)
            .values("result")
            .annotate(n=Count("pk"))
            .values_list("result", "n")
        )
        labels = assessment._meta.get_field("result").choices
        return Table(
            _("Units of learning outcomes by their assessment"),
            [_("Result"), _("Units")],
            [[str(label), number(counts[code])] for code, label in labels if counts.get(code)],
        )

    def _recognition_facts(self) -> list[tuple[str, str]]:
        recognition = _related(Mobility, "recognition")
        rows = (
            recognition.objects.filter(mobility__project=self.project)
            .exclude(mobility__status=Mobility.Status.CANCELLED)
            .values("decision")
            .annotate(n=Count("pk"), points=Sum("ecvet_points"))
        )
        by_decision = {r["decision"]: r for r in rows}
        if not by_decision:
            return []
        labels = recognition._meta.get_field("decision").choices
        facts = [
            (str(label), number(by_decision[code]["n"]))
            for code, label in labels
            if code in by_decision
        ]
        points = sum((r["points"] or Decimal(0) for r in rows), Decimal(0))
        facts.append((_("ECVET points recognised"), number_format(points, 1, use_l10n=True)))
        return facts

    def _assessment(self) -> Figures:
        assessment = _related(LearningOutcomeUnit, "assessment_result")
        counts = dict(
            assessment.objects.filter(mobility__project=self.project)
            .exclude(mobility__status=Mobility.Status.CANCELLED)
            .values("method")
            .annotate(n=Count("pk"))
            .values_list("method", "n")
        )
        labels = assessment._meta.get_field("method").choices
        table = Table(
            _("Assessment methods of the units of learning outcomes"),
            [_("Method"), _("Units")],
            [[str(label), number(counts[code])] for code, label in labels if counts.get(code)],
        )
        return Figures(tables=[table] if table.rows else [])

    def _certificates(self) -> Figures:
        files = dict(
            MobilityFile.objects.filter(mobility__project=self.project)
            .values("kind")
            .annotate(n=Count("mobility", distinct=True))
            .values_list("kind", "n")
        )
        generated = (
            GeneratedDocument.objects.filter(
                project=self.project,
                kind=DocumentKind.ATTENDANCE_CERTIFICATE,
                status=GeneratedDocument.Status.READY,
            )
            .values("mobility")
            .distinct()
            .count()
        )
        completed = self.counts["completed"]
        kinds = MobilityFile.Kind
        return Figures(
            facts=[
                (_("Completed mobilities"), number(completed)),
                (
                    _("Europass Mobility documents kept"),
                    number(files.get(kinds.EUROPASS_MOBILITY, 0)),
                ),
                (_("Proofs of attendance kept"), number(files.get(kinds.ATTENDANCE_PROOF, 0))),
                (_("Certificates of attendance generated"), number(generated)),
            ]
        )

    def _impact(self) -> Figures:
        c = self.counts
        facts = [
            (_("Participants"), number(c["people"])),
            (_("Participants with fewer opportunities"), number(c["fewer_opportunities"])),
        ]
        ols = list(
            self.active.exclude(ols_assessment__level_after="")
            .filter(ols_assessment__isnull=False)
            .values_list("ols_assessment__level_before", "ols_assessment__level_after")
        )
        if ols:
            rose = sum(level_rose(before, after) for before, after in ols)
            share = percent_of(Decimal(rose), Decimal(len(ols)))
            facts.append(
                (_("OLS language level rose"), f"{number(rose)} / {number(len(ols))} ({share})")
            )
        return Figures(facts=facts, tables=self._survey_tables())

    def _dissemination(self) -> Figures:
        event = _related(Project, "dissemination_events")
        reach = event._meta.get_field("reach")
        rows = (
            event.objects.filter(project=self.project)
            .values("kind", "reach")
            .annotate(n=Count("pk"), people=Sum("audience_size"))
        )
        by_kind: dict[str, list[int]] = {}
        reached = dict.fromkeys([code for code, _label in reach.choices], 0)
        for row in rows:
            tally = by_kind.setdefault(row["kind"], [0, 0])
            tally[0] += row["n"]
            tally[1] += row["people"] or 0
            reached[row["reach"]] += row["people"] or 0
        if not by_kind:
            return Figures()
        facts = [(_("Dissemination events"), number(sum(n for n, _p in by_kind.values())))]
        facts += [
            (_("People reached: %(where)s") % {"where": str(label).lower()}, number(reached[code]))
            for code, label in reach.choices
        ]
        table = Table(
            _("Dissemination events by kind"),
            [_("Kind"), _("Events"), _("People reached")],
            [
                [str(label), number(by_kind[code][0]), number(by_kind[code][1])]
                for code, label in event._meta.get_field("kind").choices
                if code in by_kind
            ],
        )
        return Figures(facts=facts, tables=[table])

    def _transfer(self) -> Figures:
        staff = self.active.filter(
            role=Role.PARTICIPANT,
            participant__kind=Participant.Kind.STAFF,
            status=Mobility.Status.COMPLETED,
        ).aggregate(
            completed=Count("pk"), recorded=Count("pk", filter=Q(learning_transfer__isnull=False))
        )
        if not staff["completed"]:
            return Figures()
        return Figures(
            facts=[
                (
                    _("Completed staff mobilities with a transfer of learning recorded"),
                    f"{number(staff['recorded'])} / {number(staff['completed'])}",
                )
            ]
        )

    def _survey_tables(self) -> list[Table]:
        """The standard questions of the questionnaires, answered before and after."""
        answer = _related(_related(Mobility, "survey_responses"), "answers")
        rows = (
            answer.objects.filter(response__mobility__in=self.active)
            .exclude(question__code="")
            .values("response__stage", "question__code")
            .annotate(n=Count("pk"), average=Avg("score"))
        )
        figures = {(r["response__stage"], r["question__code"]): r for r in rows}
        if not figures:
            return []
        levels = self._self_assessed_levels(answer)
        table_rows = []
        for code, label in (
            ("skills", _("Confidence in professional skills (1-5)")),
            ("satisfaction", _("Satisfaction with the mobility (1-5)")),
        ):
            before, after = figures.get(("before", code)), figures.get(("after", code))
            if before or after:
                table_rows.append([str(label), _average(before), _average(after)])
        if levels:
            rose, paired = levels
            table_rows.append(
                [
                    str(_("Own language level rose (answered before and after)")),
                    "",
                    f"{number(rose)} / {number(paired)}",
                ]
            )
        caption = _("The questionnaires before departure and after return")
        return [Table(caption, [_("Question"), _("Before"), _("After")], table_rows)]

    def _self_assessed_levels(self, answer) -> tuple[int, int] | None:
        """How many rated their language higher after than before, of those who answered
        both."""
        levels = answer.objects.filter(
            response__mobility__in=self.active, question__code="language_level"
        ).values_list("response__mobility_id", "response__stage", "level")
        by_mobility: dict[int, dict[str, str]] = {}
        for mobility_id, stage, level in levels:
            by_mobility.setdefault(mobility_id, {})[stage] = level
        paired = [(v["before"], v["after"]) for v in by_mobility.values() if len(v) == 2]
        if not paired:
            return None
        return sum(level_rose(before, after) for before, after in paired), len(paired)

    def _future(self) -> Figures:
        rows = (
            PartnerOrganisation.objects.filter(hosted_mobilities__project=self.project)
            .values("mou_status")
            .annotate(n=Count("pk", distinct=True))
        )
        labels = dict(PartnerOrganisation.MouStatus.choices)
        counts = {r["mou_status"]: r["n"] for r in rows}
        table = Table(
            _("Host organisations by memorandum of understanding"),
            [_("Memorandum of understanding"), _("Host organisations")],
            [
                [str(label), number(counts[code])]
                for code, label in labels.items()
                if code in counts
            ],
        )
        return Figures(tables=[table])

    def _budget_figures(self):
        if not hasattr(self, "_budget_cache"):
            self._budget_cache = project_budget(self.project)
        return self._budget_cache

    def _budget(self) -> Figures:
        budget = self._budget_figures()
        rows = [
            [str(r.label), eur(r.planned), eur(r.awarded), eur(r.spent), eur(r.remaining)]
            for r in budget.rows
        ]
        total = budget.total
        rows.append(
            [
                _("Total"),
                eur(total.planned),
                eur(total.awarded),
                eur(total.spent),
                eur(total.remaining),
            ]
        )
        headers = [_("Budget category"), _("Planned"), _("Awarded"), _("Used"), _("Remaining")]
        notes = [
            _("%(category)s: planned more than awarded.") % {"category": r.label}
            for r in budget.rows
            if r.over_awarded
        ]
        tables = [Table(_("Budget per category"), headers, rows)]
        transfers = self._transfers()
        if transfers.rows:
            tables.append(transfers)
        return Figures(tables=tables, notes=notes)

    def _transfers(self) -> Table:
        """The transfers between categories the final figures imply, with their rules."""
        figures = final_report_figures(self.project).figures
        rows = [
            [
                str(t.source.label),
                str(t.target.label),
                " ".join(f"{OUTCOME_LABELS[c.outcome]()}: {c}" for c in t.checks),
                eur(t.amount),
            ]
            for t in figures.transfers
        ]
        headers = [_("From"), _("To"), _("Rules"), _("Amount")]
        return Table(_("Transfers between categories"), headers, rows, figures_from=3)

    def _consistency(self) -> Figures:
        budget = self._budget_figures()
        total = budget.total
        c = self.counts
        facts = [
            (_("Completed mobilities"), f"{number(c['completed'])} / {number(c['active'])}"),
            (_("Grant used by completed mobilities"), eur(total.spent)),
            (_("Awarded grant"), eur(total.awarded)),
            (_("Share of the awarded grant used"), percent_of(total.spent, total.awarded)),
        ]
        notes = [
            _("%(category)s: %(spent)s used, more than the %(awarded)s awarded.")
            % {"category": r.label, "spent": eur(r.spent), "awarded": eur(r.awarded)}
            for r in budget.rows
            if r.spent > r.awarded
        ]
        notes += [str(w) for w in budget.warnings]
        notes += [
            _("%(mobility)s cannot be funded as it stands.") % {"mobility": m.reference}
            for m in budget.unfundable
        ]
        return Figures(facts=facts, notes=notes)


def _reached(achieved, target) -> str:
    if achieved is None:
        return "–"
    return _("yes") if achieved >= target else _("no")


def _country(code: str) -> str:
    return str(countries.name(code)) or code


def final_report_text(report: FinalReport, *, day) -> str:
    """The draft as plain text, section by section, to paste into the Beneficiary Module."""
    from .templatetags.documents import doc_date

    project = report.project
    lines = [
        f"{_('Final report draft')} – {project.grant_agreement_number}",
        project.organisation.legal_name,
        _("Project period %(start)s – %(end)s · draft of %(day)s")
        % {
            "start": doc_date(project.start_date),
            "end": doc_date(project.end_date),
            "day": doc_date(day),
        },
    ]
    for section in report.sections:
        lines += ["", f"{section.number}. {section.question}", ""]
        lines += _figures_text(section.figures)
        lines.append(section.answer.strip() or _("No answer written yet."))
    return "\n".join(lines) + "\n"


def _figures_text(figures: Figures) -> list[str]:
    lines = [f"- {label}: {value}" for label, value in figures.facts]
    for table in figures.tables:
        lines.append(f"{table.caption}:")
        for row in table.rows:
            cells = [
                f"{header}: {cell}" if index >= table.figures_from else cell
                for index, (header, cell) in enumerate(zip(table.headers, row, strict=True))
                if cell
            ]
            lines.append("- " + "; ".join(cells))
    lines += [f"! {note}" for note in figures.notes]
    return [*lines, ""] if lines else []


def _related(model, related_name: str):
    """The model behind `model`'s relation `related_name`: the results' models are read
    through the mobilities' and the units' relations, as the results app builds on this
    one and not this one on it."""
    return model._meta.get_field(related_name).related_model


def _average(row) -> str:
    if not row or row["average"] is None:
        return "–"
    return number_format(Decimal(str(row["average"])), 1, use_l10n=True)


def _achieved_text(target, achieved) -> str:
    """A target's achieved value: a share computed from the results with its decimal."""
    if achieved is None:
        return "–"
    if target.measure in SHARES:
        return number_format(achieved, 1, use_l10n=True)
    return number(achieved)
