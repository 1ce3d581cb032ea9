"""The Beneficiary Module: the export of a project's mobilities for the EU's Beneficiary
Module, one row per mobility in the module's columns. Export only."""

from datetime import date

from django.utils.translation import gettext as _

from budget.choices import BudgetCategory
from budget.models import MobilityGrant
from budget.rules import spec_for
from budget.rules.eligibility import duration_days
from core.transfer import Column, ImportFileError, TransferResource
from core.transfer.values import BooleanWidget, neutralise

from ..models import Mobility

BENEFICIARY_MODULE_COLUMNS = [
    ("activity_id", "Mobility activity ID", "Mobilitātes aktivitātes ID"),
    ("first_name", "Participant first name", "Dalībnieka vārds"),
    ("last_name", "Participant last name", "Dalībnieka uzvārds"),
    ("email", "Participant e-mail", "Dalībnieka e-pasts"),
    ("date_of_birth", "Date of birth", "Dzimšanas datums"),
    ("nationality", "Nationality", "Pilsonība"),
    ("accompanying_person", "Accompanying person", "Pavadošā persona"),
    ("activity_type", "Activity type", "Aktivitātes veids"),
    ("sending_organisation", "Sending organisation", "Nosūtošā organizācija"),
    ("sending_oid", "Sending organisation OID", "Nosūtošās organizācijas OID"),
    ("sending_city", "Sending city", "Nosūtīšanas pilsēta"),
    ("sending_country", "Sending country", "Nosūtīšanas valsts"),
    ("receiving_organisation", "Receiving organisation", "Uzņemošā organizācija"),
    ("receiving_oid", "Receiving organisation OID", "Uzņemošās organizācijas OID"),
    ("receiving_city", "Receiving city", "Uzņemšanas pilsēta"),
    ("receiving_country", "Receiving country", "Uzņemšanas valsts"),
    ("start_date", "Start date", "Sākuma datums"),
    ("end_date", "End date", "Beigu datums"),
    ("duration", "Duration (days)", "Ilgums (dienas)"),
    ("travel_days", "Funded travel days", "Finansētās ceļa dienas"),
    ("distance_band", "Distance band (km)", "Attāluma josla (km)"),
    ("green_travel", "Green travel", "Zaļais ceļojums"),
    ("fewer_opportunities", "Fewer opportunities", "Ierobežotas iespējas"),
    (BudgetCategory.TRAVEL, "Travel (EUR)", "Ceļa izdevumi (EUR)"),
    (BudgetCategory.INDIVIDUAL_SUPPORT, "Individual support (EUR)", "Individuālais atbalsts (EUR)"),
    (
        BudgetCategory.ORGANISATIONAL_SUPPORT,
        "Organisational support (EUR)",
        "Organizatoriskais atbalsts (EUR)",
    ),
    (BudgetCategory.INCLUSION_SUPPORT, "Inclusion support (EUR)", "Iekļaušanas atbalsts (EUR)"),
    (BudgetCategory.PREPARATORY_VISIT, "Preparatory visits (EUR)", "Sagatavošanas vizītes (EUR)"),
    (BudgetCategory.COURSE_FEES, "Course fees (EUR)", "Kursu maksa (EUR)"),
    (BudgetCategory.LINGUISTIC_SUPPORT, "Linguistic support (EUR)", "Valodu atbalsts (EUR)"),
    (BudgetCategory.EXCEPTIONAL_COSTS, "Exceptional costs (EUR)", "Ārkārtas izmaksas (EUR)"),
    ("total", "Total grant (EUR)", "Dotācija kopā (EUR)"),
]


class _BeneficiaryModuleBase(TransferResource):
    """One row per mobility as the Beneficiary Module asks for it; cancelled mobilities
    are not reported. Export only."""

    def __init__(self, *, project=None, **kwargs):
        super().__init__(**kwargs)
        self.project = project

    def get_queryset(self):
        queryset = (
            Mobility.objects.exclude(status=Mobility.Status.CANCELLED)
            .select_related(
                "project__organisation", "participant", "host", "sending_partner", "grant"
            )
            .order_by("project_id", "number")
        )
        return queryset.filter(project=self.project) if self.project else queryset

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        raise ImportFileError(_("The Beneficiary Module export is not imported back."))

    def organisation_id_of(self, instance) -> int:
        return instance.project.organisation_id

    def export_resource(self, instance, selected_fields=None, **kwargs):
        values = self.row_values(instance, native=bool(kwargs.get("force_native_type")))
        fields = self.get_export_fields(selected_fields)
        return [values[self.get_field_name(field)] for field in fields]

    def row_values(self, mobility, *, native: bool) -> dict:
        school = mobility.project.organisation
        incoming = spec_for(mobility.activity_type).incoming
        sender = mobility.sending_partner if incoming else school
        receiver = school if incoming else mobility.host
        person = mobility.participant
        try:
            grant = mobility.grant
        except MobilityGrant.DoesNotExist:
            grant = MobilityGrant()
        yes_no = BooleanWidget()
        values = {
            "activity_id": mobility.reference,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "date_of_birth": person.date_of_birth,
            "nationality": str(person.nationality or ""),
            "accompanying_person": yes_no.render(mobility.is_accompanying_person),
            "activity_type": mobility.get_activity_type_display(),
            "sending_organisation": _name(sender),
            "sending_oid": getattr(sender, "oid", "") or "",
            "sending_city": mobility.origin_city,
            "sending_country": str(mobility.origin_country),
            "receiving_organisation": _name(receiver),
            "receiving_oid": getattr(receiver, "oid", "") or "",
            "receiving_city": mobility.destination_city,
            "receiving_country": str(mobility.destination_country),
            "start_date": mobility.start_date,
            "end_date": mobility.end_date,
            "duration": duration_days(mobility.start_date, mobility.end_date),
            "travel_days": mobility.travel_days,
            "distance_band": grant.band,
            "green_travel": yes_no.render(mobility.green_travel),
            "fewer_opportunities": yes_no.render(person.fewer_opportunities),
            **grant.amounts,
            "total": grant.total,
        }
        if not native:
            values = {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}
        return {k: neutralise(v) for k, v in values.items()}


def _name(organisation) -> str:
    if organisation is None:
        return ""
    return getattr(organisation, "legal_name", None) or organisation.name


class _BeneficiaryModuleMeta:
    model = Mobility
    fields = tuple(str(name) for name, _en, _lv in BENEFICIARY_MODULE_COLUMNS)


# Built from the list above: one export-only column per entry.
BeneficiaryModuleResource = type(
    "BeneficiaryModuleResource",
    (_BeneficiaryModuleBase,),
    {
        "__module__": __name__,
        "__doc__": _BeneficiaryModuleBase.__doc__,
        "Meta": _BeneficiaryModuleMeta,
        **{
            str(name): Column(None, en, lv, export_only=True)
            for name, en, lv in BENEFICIARY_MODULE_COLUMNS
        },
    },
)
