"""The EU Beneficiary Module's mobility file: its layout (columns.py: the one table from
the portal's fields to the Module's columns and codes), written by the export
(mobilities.resources.BeneficiaryModuleResource), and a file exported from the Module
read back and compared with the portal (comparison.py)."""

from .columns import (
    ACTIVITY_TYPE_CODES,
    MOBILITY_ID,
    MODULE_COLUMNS,
    MODULE_HEADERS,
    ModuleCode,
    ModuleColumn,
    module_row,
)
from .comparison import (
    COMPARED,
    ChangedMobility,
    Comparison,
    Difference,
    FileOnlyRow,
    RowProblem,
    compare_with_module,
)

__all__ = [
    "ACTIVITY_TYPE_CODES",
    "COMPARED",
    "MOBILITY_ID",
    "MODULE_COLUMNS",
    "MODULE_HEADERS",
    "ChangedMobility",
    "Comparison",
    "Difference",
    "FileOnlyRow",
    "ModuleCode",
    "ModuleColumn",
    "RowProblem",
    "compare_with_module",
    "module_row",
]
