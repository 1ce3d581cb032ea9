"""Import and export of spreadsheets: reading CSV and XLSX files, the base of the
apps' django-import-export resources, the preview of an import, uploads waiting for
confirmation, and the files written for exports."""

from .errors import ImportFileError
from .exports import CSV, FORMATS, XLSX, csv_bytes, dataset_bytes, file_response, xlsx_bytes
from .files import read_dataset
from .preview import Outcome, run_import
from .resources import (
    ORGANISATION,
    Column,
    ImportRefused,
    OrganisationRowsResource,
    OrganisationWidget,
    TransferResource,
)

__all__ = [
    "CSV",
    "FORMATS",
    "ORGANISATION",
    "XLSX",
    "Column",
    "ImportFileError",
    "ImportRefused",
    "OrganisationRowsResource",
    "OrganisationWidget",
    "Outcome",
    "TransferResource",
    "csv_bytes",
    "dataset_bytes",
    "file_response",
    "read_dataset",
    "run_import",
    "xlsx_bytes",
]
