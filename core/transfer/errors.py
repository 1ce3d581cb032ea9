"""The one error of reading an import file: a sentence for the user."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


class ImportFileError(CommandError):
    """A file that cannot be imported at all; the message says why in the user's words.
    A CommandError, so that django-import-export's `import` command prints the message
    without a traceback."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)

    def __repr__(self) -> str:
        return self.message


def too_many_cells(limit: int) -> ImportFileError:
    """Every cell read costs time, an empty one too: CSV and XLSX files stop at a limit."""
    return ImportFileError(
        _(
            "The file has more than %(limit)s cells, empty ones included: delete the empty "
            "rows and columns beyond your data, or split it into smaller files."
        )
        % {"limit": limit}
    )
