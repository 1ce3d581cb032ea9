"""The EU Beneficiary Module's mobility file: its layout (columns.py: the one table from
the portal's fields to the Module's columns and codes), written by the export
(mobilities.resources.BeneficiaryModuleResource)."""

from .columns import (
    ACTIVITY_TYPE_CODES,
    MOBILITY_ID,
    MODULE_COLUMNS,
    MODULE_HEADERS,
    ModuleCode,
    ModuleColumn,
    module_row,
)

__all__ = [
    "ACTIVITY_TYPE_CODES",
    "MOBILITY_ID",
    "MODULE_COLUMNS",
    "MODULE_HEADERS",
    "ModuleCode",
    "ModuleColumn",
    "module_row",
]
