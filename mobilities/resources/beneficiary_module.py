"""The export of a project's mobilities as the EU Beneficiary Module imports them: one row
per mobility that is not cancelled, in the Module's columns and codes
(mobilities/beneficiary_module/columns.py), headed in English whatever the reader's
language, as the Module names its columns. Export only: a file exported from the Module
is compared with the portal (mobilities.beneficiary_module.compare_with_module), never
imported."""

from django.utils.translation import gettext as _

from core.transfer import Column, ImportFileError, TransferResource
from core.transfer.values import neutralise

from ..beneficiary_module import MODULE_HEADERS, module_row
from ..models import Mobility
from ..selectors import beneficiary_module_mobilities

# The resource's field names, one per column of the Module (its headers are not names).
FIELD_NAMES = tuple(f"module_{position:02d}" for position in range(len(MODULE_HEADERS)))


class _BeneficiaryModuleBase(TransferResource):
    """One row per mobility that is not cancelled, in the Beneficiary Module's columns.
    Export only."""

    def __init__(self, *, project=None, **kwargs):
        super().__init__(**kwargs)
        self.project = project

    def get_queryset(self):
        return beneficiary_module_mobilities(self.project).exclude(status=Mobility.Status.CANCELLED)

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        raise ImportFileError(_("The Beneficiary Module export is not imported back."))

    def organisation_id_of(self, instance) -> int:
        return instance.project.organisation_id

    def export_resource(self, instance, selected_fields=None, **kwargs):
        row = module_row(instance, native=bool(kwargs.get("force_native_type")))
        values = dict(zip(FIELD_NAMES, row, strict=True))
        fields = self.get_export_fields(selected_fields)
        return [neutralise(values[self.get_field_name(field)]) for field in fields]


class _BeneficiaryModuleMeta:
    model = Mobility
    fields = FIELD_NAMES


# Built from the Module's columns: one export-only column each, headed as the Module heads
# it in either language.
BeneficiaryModuleResource = type(
    "BeneficiaryModuleResource",
    (_BeneficiaryModuleBase,),
    {
        "__module__": __name__,
        "__doc__": _BeneficiaryModuleBase.__doc__,
        "Meta": _BeneficiaryModuleMeta,
        **{
            name: Column(None, header, header, export_only=True)
            for name, header in zip(FIELD_NAMES, MODULE_HEADERS, strict=True)
        },
    },
)
