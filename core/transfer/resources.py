"""The base of the portal's django-import-export resources: bilingual columns, rows
matched on natural keys, every problem reported next to the cell it concerns, and
nothing saved unless every row is valid.

A resource is built for one user and what they may import into; without a user (the
`import` and `export` management commands) it may use every organisation. Rows are
written through the apps' services, which validate with full_clean() and keep grants up
to date; the recalculation of grants waits until the last row.
"""

import logging
from collections.abc import Iterable, Mapping, Sequence
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, TypeVar

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError
from django.db.models import Model, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field
from import_export.instance_loaders import BaseInstanceLoader
from import_export.results import Result, RowResult
from import_export.widgets import Widget

from .. import access
from ..deferral import ImportDeferrals, import_deferred
from .errors import ImportFileError
from .values import TextWidget, cell_text, is_formula, neutralise, normalise, unescape

if TYPE_CHECKING:
    from ..access import RequestUser

logger = logging.getLogger(__name__)

# A row being imported: its cells by (canonical) column name.
Row: TypeAlias = dict[str, object]
# What is wrong with a row: messages by column (NON_FIELD_ERRORS: the row's own).
Problems: TypeAlias = dict[str, list[str]]
# What each of a record's columns held before a row was imported: compared, and shown.
Snapshot: TypeAlias = dict[str, tuple[object, str]]

_Key = TypeVar("_Key")


class ImportOrganisation(Protocol):
    """An organisation (projects.Organisation) rows are imported into, named by its OID."""

    @property
    def pk(self) -> int: ...

    @property
    def oid(self) -> str: ...


STATUS = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "changed",
    RowResult.IMPORT_TYPE_SKIP: "unchanged",
    RowResult.IMPORT_TYPE_INVALID: "invalid",
    RowResult.IMPORT_TYPE_ERROR: "invalid",
}


class Column(Field):
    """One column of a file, with its English header (the canonical name) and its
    Latvian one; either is accepted on import.

    `required`: the file must have the column. `key`: read by the resource to find the
    row's record, not assigned. `export_only`: written on export, ignored on import.
    `sensitive`: only for coordinators. `keep_when_empty`: an empty cell keeps what the
    portal knows (keys). `resolver`: the resource method that turns the cell's text into
    a related object."""

    # Set by Field.__init__ (django-import-export is untyped).
    attribute: str
    column_name: str
    widget: Widget
    readonly: bool

    def __init__(
        self,
        attribute: str,
        en: str,
        lv: str,
        widget: Widget | None = None,
        *,
        required: bool = False,
        key: bool = False,
        export_only: bool = False,
        sensitive: bool = False,
        keep_when_empty: bool = False,
        resolver: str | None = None,
    ) -> None:
        super().__init__(
            attribute=attribute,
            column_name=en,
            widget=widget or TextWidget(),
            readonly=key or export_only,
        )
        self.lv = lv
        self.required = required
        self.key = key
        self.export_only = export_only
        self.sensitive = sensitive
        self.keep_when_empty = keep_when_empty
        self.resolver = resolver

    def header(self, language: str) -> str:
        return self.lv if language == "lv" else self.column_name

    def assign(self, instance: Model, value: object) -> None:
        if self.keep_when_empty and value in ("", None) and getattr(instance, self.attribute):
            return
        setattr(instance, self.attribute, value)


class ImportRefused(Exception):
    """Raised after the last row when a row is invalid, so that the transaction rolls
    back (nothing is imported) and the `import` command prints every problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines

    def __repr__(self) -> str:
        return str(self)


def _comparable(value: object) -> object:
    """A field's value in a form that compares equal when nothing changed."""
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return ("pk", value.pk)
    if isinstance(value, list | tuple):
        # The items of one list are alike (codes, or related records' keys): they sort.
        items: list[Any] = [_comparable(item) for item in value]
        return tuple(sorted(items))
    if hasattr(value, "code"):  # a country
        return value.code or ""
    return "" if value is None else value


class TransferResource(resources.ModelResource):
    #: Values (as the model holds them) of the import template's example row.
    example: dict[str, object] = {}
    # Every field of a portal resource is declared as a Column.
    fields: dict[str, Column]

    class Meta:
        skip_unchanged = True
        report_skipped = True
        skip_diff = True
        use_transactions = True
        clean_model_instances = False

    def __init__(
        self,
        *,
        user: "RequestUser | None" = None,
        language: str = "en",
        strict: bool = True,
        **kwargs: object,
    ) -> None:
        """`strict`: refuse (roll back) even a dry run with an invalid row, which is what
        the command line needs to print the problems; the web and the admin preview show
        them instead."""
        super().__init__(**kwargs)
        self.user = user
        self.language = language
        self.strict = strict
        self.sensitive_organisations = self._sensitive_organisations(user)
        if self.sensitive_organisations == set():
            self.fields = {n: f for n, f in self.fields.items() if not getattr(f, "sensitive", 0)}
        self.lines: list[int] = []
        self.original_headers: dict[str, str] = {}
        self.unknown_columns: list[str] = []
        self.deferred: ImportDeferrals | None = None

    @staticmethod
    def _sensitive_organisations(user: "RequestUser | None") -> set[int] | None:
        if user is None or user.is_superuser:
            return None  # every organisation
        return set(access.organisation_ids(user, role=access.Role.COORDINATOR))

    # --- columns -----------------------------------------------------------------------

    def columns(self) -> list[Column]:
        return list(self.fields.values())

    def get_import_fields(self) -> list[Column]:
        return [f for f in super().get_import_fields() if not getattr(f, "export_only", False)]

    def column_of(self, attribute: str) -> Column | None:
        for column in self.columns():
            if column.attribute == attribute:
                return column
        return None

    def missing_columns(self, present: set[str]) -> list[Column]:
        """Columns the file must have; resources add the ones their context needs."""
        return [c for c in self.columns() if c.required and c.column_name not in present]

    def check_headers(self, headers: Iterable[object]) -> list[str]:
        """The file's headers as canonical column names, or ImportFileError for missing
        or repeated columns. Unknown columns are kept and ignored."""
        index: dict[str, Column] = {}
        for known in self.columns():
            index[normalise(known.column_name)] = known
            index[normalise(known.lv)] = known
        renamed: list[str] = []
        seen: dict[str, str] = {}
        self.unknown_columns = []
        for header in headers:
            header = cell_text(header)
            column = index.get(normalise(header))
            if column is None:
                self.unknown_columns.append(header)
                renamed.append(header)
                continue
            if column.column_name in seen:
                raise ImportFileError(
                    _("The columns “%(first)s” and “%(second)s” are the same column.")
                    % {"first": seen[column.column_name], "second": header}
                )
            seen[column.column_name] = header
            renamed.append(column.column_name)
        self.original_headers = seen
        missing = self.missing_columns(set(seen))
        if missing:
            names = ", ".join(f"“{c.header(self.language)}”" for c in missing)
            raise ImportFileError(
                _("The file lacks the columns %(columns)s: start from the template.")
                % {"columns": names}
            )
        return renamed

    # --- import --------------------------------------------------------------------------

    def import_data(
        self,
        dataset: tablib.Dataset,
        dry_run: bool = False,
        raise_errors: bool = False,
        **kwargs: object,
    ) -> Result:
        try:
            dataset.headers = self.check_headers(dataset.headers)
        except ImportFileError as error:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            self.handle_import_error(result, error, raise_errors)
            return result
        self.lines = getattr(dataset, "line_numbers", None) or list(range(2, len(dataset) + 2))
        with ExitStack() as stack:
            # Cached pages and budgets learn of the changes once, after the last row (see
            # after_import and core/deferral.py).
            self.deferred = stack.enter_context(import_deferred())
            self.enter_import(stack)
            return super().import_data(
                dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs
            )

    def enter_import(self, stack: ExitStack) -> None:
        """Contexts a resource needs around the whole import."""

    def before_import(self, dataset: tablib.Dataset, **kwargs: object) -> None:
        self.prepare(dataset)

    def prepare(self, dataset: tablib.Dataset) -> None:
        """Load what the rows are matched against, in a few queries for the whole file."""

    def line_of(self, row_number: int) -> int:
        return self.lines[row_number - 1] if row_number <= len(self.lines) else row_number + 1

    def before_import_row(self, row: Row, row_number: int = 1, **kwargs: object) -> None:
        self.line = self.line_of(row_number)
        formulas: Problems = {}
        for column, value in row.items():
            if is_formula(value):
                start = {"\t": _("a tab"), "\r": _("a line break")}.get(value[0], value[0])
                formulas[column] = [
                    _(
                        "Formulas are not imported, and this cell starts with “%(start)s”: "
                        "type the value itself, or put an apostrophe before it."
                    )
                    % {"start": start}
                ]
            row[column] = unescape(value)
        if formulas:
            raise ValidationError(formulas)

    def get_or_init_instance(
        self, instance_loader: BaseInstanceLoader, row: Row
    ) -> tuple[Model, bool]:
        instance = self.find_instance(row)
        if instance is not None:
            return instance, False
        return self.new_instance(row), True

    def find_instance(self, row: Row) -> Model | None:
        """The record the row is about, by its natural key; None for a new one. Raises
        ValidationError (keyed by column) when the key is wrong or repeats a row's."""
        raise NotImplementedError

    def new_instance(self, row: Row) -> Model:
        instance: Model = self._meta.model()
        return instance

    def remember_key(self, seen: dict[_Key, int], key: _Key, column: str) -> None:
        """Refuse a second row with the same natural key."""
        if key in seen:
            raise ValidationError(
                {column: _("Line %(line)s already has this value.") % {"line": seen[key]}}
            )
        seen[key] = self.line

    def after_init_instance(self, instance: Model, new: bool, row: Row, **kwargs: object) -> None:
        self.is_new = new
        self.changes: dict[str, str] = {}
        self.before: Snapshot = {} if new else self.snapshot(instance, row)

    def snapshot(self, instance: Model, row: Row) -> Snapshot:
        return {
            column.column_name: (
                _comparable(column.get_value(instance)),
                self.shown(column, instance),
            )
            for column in self.get_import_fields()
            if not column.readonly and column.column_name in row
        }

    def shown(self, column: Column, instance: Model) -> str:
        return str(neutralise(column.export(instance)))

    def import_instance(self, instance: Model, row: Row, **kwargs: object) -> None:
        problems: Problems = {}
        for column in self.get_import_fields():
            if column.readonly or column.column_name not in row:
                continue
            try:
                value = self.clean_cell(column, row[column.column_name], instance)
            except ValueError as error:
                problems.setdefault(column.column_name, []).append(str(error))
                continue
            column.assign(instance, value)
        if problems:
            raise ValidationError(problems)

    def clean_cell(self, column: Column, value: object, instance: Model) -> object:
        if column.resolver:
            text = cell_text(value)
            return getattr(self, column.resolver)(text, instance)
        return column.widget.clean(value)

    def skip_row(
        self,
        instance: Model,
        original: Model,
        row: Row,
        import_validation_errors: Mapping[str, Sequence[object]] | None = None,
    ) -> bool:
        self.changes = {}
        if import_validation_errors or self.is_new:
            return False
        after = self.snapshot(instance, row)
        self.changes = {
            name: shown for name, (value, shown) in self.before.items() if after[name][0] != value
        }
        return not self.changes

    def validate_instance(
        self,
        instance: Model,
        import_validation_errors: Mapping[str, Sequence[object]] | None = None,
        validate_unique: bool = True,
    ) -> None:
        """Cells that could not be read, and what the model says about the others; rows
        whose cells all read are validated by the services as they are saved."""
        if not import_validation_errors:
            return
        problems: dict[str, Sequence[object]] = {
            k: list(v) for k, v in import_validation_errors.items()
        }
        unread = {c.attribute for c in self.columns() if c.column_name in problems}
        try:
            instance.full_clean(
                exclude=[a for a in unread if a], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for column, messages in self.column_problems(error).items():
                if column not in problems:
                    problems[column] = messages
        except Exception:  # a half-read row may confuse a model's clean(): say what is known
            pass
        raise ValidationError(problems)

    def column_problems(self, error: ValidationError) -> dict[str, list[str]]:
        """A service's or model's errors keyed by the column they concern; those about no
        column of the file are the row's, each saying which field it is about."""
        problems: dict[str, list[str]] = {}
        items = (
            error.message_dict.items()
            if hasattr(error, "error_dict")
            else [(NON_FIELD_ERRORS, error.messages)]
        )
        for field, messages in items:
            column = self.column_of(field) if field != NON_FIELD_ERRORS else None
            if column is not None and column.column_name in self.original_headers:
                problems.setdefault(column.column_name, []).extend(messages)
            elif column is not None:
                label = column.header(self.language)
                problems.setdefault(NON_FIELD_ERRORS, []).extend(f"{label}: {m}" for m in messages)
            else:
                problems.setdefault(NON_FIELD_ERRORS, []).extend(messages)
        return problems

    def save_instance(self, instance: Model, is_create: bool, row: Row, **kwargs: object) -> None:
        try:
            self.save(instance, is_create)
        except ValidationError as error:
            raise ValidationError(self.column_problems(error)) from None
        except IntegrityError as error:
            raise ValidationError(self.constraint_problem(error)) from None

    def constraint_problem(self, error: IntegrityError) -> Problems:
        """A constraint the database refused the row for (the services leave them to it
        during imports), as the constraint's own message."""
        for constraint in self._meta.model._meta.constraints:
            if constraint.name in str(error):
                return {NON_FIELD_ERRORS: [str(constraint.get_violation_error_message())]}
        logger.warning("Import row refused by the database: %s", error)
        return {NON_FIELD_ERRORS: [_("The row conflicts with a record already in the portal.")]}

    def save(self, instance: Model, is_create: bool) -> None:
        """Write the row's record through the app's service."""
        raise NotImplementedError

    def save_m2m(self, instance: Model, row: Row, **kwargs: object) -> None:
        """The services set many-to-many relations with the record."""

    def after_import_row(self, row: Row, row_result: RowResult, **kwargs: object) -> None:
        updated = row_result.import_type == RowResult.IMPORT_TYPE_UPDATE
        row_result.changes = self.changes if updated else {}
        # What django-import-export's admin shows for each row of its preview.
        row_result.diff = [cell_text(row.get(name)) for name in self.get_diff_headers()]

    def after_import(self, dataset: tablib.Dataset, result: Result, **kwargs: object) -> None:
        dry_run = kwargs.get("dry_run", False)
        self.finish_import(result)
        invalid = result.has_validation_errors() or result.has_errors()
        assert self.deferred is not None, "after_import runs within import_data, which defers"
        if dry_run or invalid:
            self.deferred.discard()
        else:
            self.deferred.flush()
        if result.has_validation_errors() and (self.strict or not dry_run):
            raise ImportRefused(self.problem_lines(result))

    def finish_import(self, result: Result) -> None:
        """Checks that need every row saved (still inside the transaction)."""

    def problem_lines(self, result: Result) -> list[str]:
        lines = [_("Nothing was imported: correct these rows and import the file again.")]
        for invalid in result.invalid_rows:
            line = self.line_of(invalid.number)
            for column, messages in invalid.error_dict.items():
                where = "" if column == NON_FIELD_ERRORS else f", {column}"
                lines.extend(
                    _("Line %(line)s%(where)s: %(message)s")
                    % {"line": line, "where": where, "message": m}
                    for m in messages
                )
        return lines

    def mark_invalid(self, result: Result, row_number: int, row: Row, problems: Problems) -> None:
        """Turn a row already imported into an invalid one (a check after the last row)."""
        row_result = result.rows[row_number - 1]
        result.totals[row_result.import_type] -= 1
        row_result.import_type = RowResult.IMPORT_TYPE_INVALID
        row_result.validation_error = ValidationError(problems)
        result.totals[RowResult.IMPORT_TYPE_INVALID] += 1
        result.append_invalid_row(row_number, row, row_result.validation_error)

    # --- export --------------------------------------------------------------------------

    def export(self, queryset: QuerySet[Model] | None = None, **kwargs: object) -> tablib.Dataset:
        with translation.override(self.language):
            return super().export(queryset, **kwargs)

    def get_export_headers(self, selected_fields: Sequence[str] | None = None) -> list[str]:
        return [f.header(self.language) for f in self.get_export_fields(selected_fields)]

    def organisation_id_of(self, instance: Model) -> int:
        """The organisation of a row's record: its own (records of a project say so)."""
        organisation_id: int = getattr(instance, "organisation_id")  # noqa: B009 - not on Model
        return organisation_id

    def export_field(self, field: Column, instance: Model, **kwargs: object) -> object:
        coordinated = self.sensitive_organisations
        hidden = coordinated is not None and self.organisation_id_of(instance) not in coordinated
        if hidden and getattr(field, "sensitive", False):
            return ""
        return neutralise(super().export_field(field, instance, **kwargs))

    def template(self, language: str) -> tuple[list[str], list[object]]:
        """The import template: headers in `language` and the example row."""
        columns = {name: c for name, c in self.fields.items() if not c.export_only}
        with translation.override(language):
            row = [
                c.widget.render(self.example[name], force_native_type=True)
                if name in self.example
                else ""
                for name, c in columns.items()
            ]
        return [c.header(language) for c in columns.values()], row


class OrganisationWidget(TextWidget):
    def render(self, value: object, obj: object = None, **kwargs: object) -> str:
        return str(getattr(value, "oid", value) or "")  # an Organisation, or its OID


ORGANISATION = "Organisation OID"


class OrganisationRowsResource(TransferResource):
    """Rows that each belong to one organisation: the one named by the row's
    "Organisation OID", else the organisation the import is for. `organisations` are
    those the user may import into (None: all, for superusers and the command line)."""

    def __init__(
        self,
        *,
        organisations: Iterable[ImportOrganisation] | None = None,
        organisation: ImportOrganisation | None = None,
        **kwargs: Any,  # TransferResource's
    ) -> None:
        super().__init__(**kwargs)
        self.allowed = None if organisations is None else {o.pk for o in organisations}
        self.organisation = organisation
        self.by_oid: dict[str, ImportOrganisation] = {}

    def missing_columns(self, present: set[str]) -> list[Column]:
        missing = super().missing_columns(present)
        if self.organisation is None and ORGANISATION not in present:
            missing.append(self.fields["organisation"])
        return missing

    def prepare(self, dataset: tablib.Dataset) -> None:
        # The organisation model, as the rows' own model refers to it.
        Organisation = self._meta.model._meta.get_field("organisation").related_model  # noqa: N806

        oids: set[str] = set()
        if ORGANISATION in dataset.headers:
            oids = {cell_text(v).upper() for v in dataset[ORGANISATION]} - {""}
        organisations = Organisation.objects.filter(oid__in=oids)
        if self.allowed is not None:
            organisations = organisations.filter(pk__in=self.allowed)
        self.by_oid = {o.oid: o for o in organisations}
        if self.organisation is not None:
            self.by_oid.setdefault(self.organisation.oid, self.organisation)

    def organisation_of(self, row: Row) -> ImportOrganisation:
        oid = cell_text(row.get(ORGANISATION)).upper()
        if not oid:
            if self.organisation is None:
                raise ValidationError(
                    {ORGANISATION: _("Give the OID of the organisation the row belongs to.")}
                )
            return self.organisation
        organisation = self.by_oid.get(oid)
        if organisation is None or (self.organisation and organisation != self.organisation):
            raise ValidationError(
                {
                    ORGANISATION: _("You cannot import into the organisation %(oid)s here.")
                    % {"oid": oid}
                }
            )
        return organisation

    def get_queryset(self) -> QuerySet[Model]:
        queryset: QuerySet[Model] = super().get_queryset().select_related("organisation")
        if self.allowed is not None:
            queryset = queryset.filter(organisation__in=self.allowed)
        return queryset
