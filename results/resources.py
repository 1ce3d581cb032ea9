"""The OLS levels of a project's participants in and out of spreadsheets
(django-import-export): one row per mobility, named by its mobility ID
(`<grant agreement number>-MOB-<number>`), with the language and the levels before and
after. A row changes the mobility's OLS assessment, or adds one; all rows or none."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.transfer import Column, TransferResource
from core.transfer.values import ChoiceWidget, cell_text
from mobilities.models import Mobility
from mobilities.resources.mobility import MOBILITY_ID, REFERENCE

from .models import CefrLevel, OlsAssessment, OlsLanguage


class OlsResource(TransferResource):
    reference = Column(None, MOBILITY_ID, "Mobilitātes ID", key=True, required=True)
    participant_name = Column(
        None, "Participant name", "Dalībnieka vārds un uzvārds", export_only=True
    )
    language = Column("language", "Language", "Valoda", ChoiceWidget(OlsLanguage), required=True)
    level_before = Column(
        "level_before",
        "Level before",
        "Līmenis pirms",
        ChoiceWidget(CefrLevel),
        required=True,
    )
    level_after = Column("level_after", "Level after", "Līmenis pēc", ChoiceWidget(CefrLevel))

    example = {
        "reference": "2026-1-LV01-KA121-VET-000123456-MOB-00001",
        "language": OlsLanguage.SPANISH,
        "level_before": "A2",
        "level_after": "B1",
    }

    class Meta:
        model = OlsAssessment
        fields = ("reference", "participant_name", "language", "level_before", "level_after")

    def __init__(self, *, projects=None, project=None, **kwargs):
        """`projects`: those the user may import into (None: all); `project`: the one the
        import is for."""
        super().__init__(**kwargs)
        # The mobility ID first, in the template and the export alike.
        self.fields = {name: self.fields[name] for name in self.Meta.fields if name in self.fields}
        self.allowed = None if projects is None else {p.pk for p in projects}
        self.project = project

    # --- export --------------------------------------------------------------------------

    def get_queryset(self):
        queryset = OlsAssessment.objects.select_related(
            "mobility__project", "mobility__participant"
        ).order_by("mobility__project_id", "mobility__number")
        if self.allowed is not None:
            queryset = queryset.filter(mobility__project__in=self.allowed)
        return queryset

    def organisation_id_of(self, instance) -> int:
        return instance.mobility.project.organisation_id

    def dehydrate_reference(self, assessment):
        return assessment.mobility.reference

    def dehydrate_participant_name(self, assessment):
        return assessment.mobility.participant.full_name

    # --- import --------------------------------------------------------------------------

    def prepare(self, dataset):
        super().prepare(dataset)
        self.seen = {}
        mobilities = Mobility.objects.select_related("project", "participant")
        if self.project is not None:
            mobilities = mobilities.filter(project=self.project)
        elif self.allowed is not None:
            mobilities = mobilities.filter(project__in=self.allowed)
        self.by_reference = {m.reference.upper(): m for m in mobilities}
        self.existing = {
            ols.mobility_id: ols
            for ols in OlsAssessment.objects.filter(mobility__in=list(self.by_reference.values()))
        }

    def find_instance(self, row):
        reference = cell_text(row.get(MOBILITY_ID)).upper()
        if not REFERENCE.match(reference):
            raise ValidationError(
                {
                    MOBILITY_ID: _("A mobility ID looks like %(example)s.")
                    % {"example": self.example["reference"]}
                }
            )
        mobility = self.by_reference.get(reference)
        if mobility is None:
            raise ValidationError({MOBILITY_ID: _("The project has no mobility with this ID.")})
        if mobility.status == Mobility.Status.CANCELLED:
            raise ValidationError({MOBILITY_ID: _("The mobility is cancelled.")})
        self.remember_key(self.seen, reference, MOBILITY_ID)
        self.row_mobility = mobility
        return self.existing.get(mobility.pk)

    def new_instance(self, row):
        return OlsAssessment(mobility=self.row_mobility)

    def save(self, instance, is_create):
        instance.full_clean()
        instance.save()
