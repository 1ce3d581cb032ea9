"""Rows that some test setup writes, and the files it leaves under MEDIA_ROOT, taken once
and put back for each test that needs them: the demo data (`manage.py seed_demo`) takes
seconds to build, since it validates every mobility and renders agreements, and a small
part of a second to put back. Each test still has a database of its own: the rows go
into its transaction (rolled back after it), or are flushed after a transactional test.

A setup in steps (one mobility, then fifty) is taken at each step (`take_steps`); a test
puts back the first step, then brings its database to the next (`Snapshot.restore_over`)."""

import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Field, Model
from django.test import TestCase, override_settings

# Made by the migrations, and made again with new ids after each transactional test's
# flush: never in a snapshot, and no row in one may point at them.
MIGRATION_MADE = {"contenttypes.contenttype", "auth.permission"}


@dataclass(frozen=True)
class Table:
    model: type[Model]
    fields: tuple[Field, ...]  # the concrete fields, in the order of each row's values
    rows: tuple[tuple, ...]


@dataclass(frozen=True)
class Snapshot:
    tables: tuple[Table, ...]
    media: Path
    result: object = None  # what the build returned (seed_demo's output, say)

    def restore(self, media_root: Path) -> None:
        """Inserts the rows as they were (raw: no `auto_now`, no signals) and copies the
        files to `media_root`."""
        with transaction.atomic():  # foreign keys are checked at the end, in any order
            for table in self.tables:
                _insert(table)
            statements = connection.ops.sequence_reset_sql(
                no_style(), [table.model for table in self.tables]
            )
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        if self.media.exists():
            shutil.copytree(self.media, media_root, dirs_exist_ok=True)

    def restore_over(self, earlier: "Snapshot", media_root: Path) -> None:
        """Brings a database and `media_root` holding `earlier` (restored, nothing changed
        since) to this snapshot: the rows added since are inserted, those changed updated,
        those gone deleted, all raw as `restore` does; the same for the files."""
        before = {table.model: table for table in earlier.tables}
        with transaction.atomic():
            for table in self.tables:
                _bring_over(before.pop(table.model, None), table)
            for gone in before.values():
                _bring_over(gone, Table(model=gone.model, fields=gone.fields, rows=()))
            statements = connection.ops.sequence_reset_sql(
                no_style(), [table.model for table in self.tables]
            )
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        for path in _files(earlier.media) - _files(self.media):
            (media_root / path).unlink()
        if self.media.exists():
            shutil.copytree(self.media, media_root, dirs_exist_ok=True)


def take(build: Callable[[], object], media: Path, *, run_on_commit: bool = True) -> Snapshot:
    """Runs `build` in a transaction that is then rolled back, with MEDIA_ROOT at `media`,
    and keeps every row it left, and what it returned. Callbacks registered with
    `transaction.on_commit` run before the rows are read, as they would after a commit;
    without `run_on_commit` they are dropped, as in a test's own transaction, which never
    commits."""
    with override_settings(MEDIA_ROOT=media), transaction.atomic():
        with _on_commit(run_on_commit):
            result = build()
        snapshot = Snapshot(tables=current_rows(), media=media, result=result)
        transaction.set_rollback(True)
    return snapshot


def take_steps(
    build: Callable[[], Iterator[object]], media: Path, *, run_on_commit: bool = True
) -> tuple[Snapshot, ...]:
    """As `take`, for a `build` that yields between its steps: a snapshot at each `yield`
    and one at its end, each with the files as they were then."""
    snapshots = []
    work = media / "work"
    with override_settings(MEDIA_ROOT=work), transaction.atomic():
        steps = build()
        while True:
            with _on_commit(run_on_commit):
                finished = next(steps, StopIteration) is StopIteration
            step_media = media / f"step-{len(snapshots)}"
            if work.exists():
                shutil.copytree(work, step_media)
            snapshots.append(Snapshot(tables=current_rows(), media=step_media))
            if finished:
                break
        transaction.set_rollback(True)
    return tuple(snapshots)


def _on_commit(run: bool) -> AbstractContextManager[object]:
    # Not run, the callbacks wait for the outer transaction, which is rolled back.
    return TestCase.captureOnCommitCallbacks(execute=True) if run else nullcontext()


def current_rows() -> tuple[Table, ...]:
    """Every table's rows but those the migrations make, each table in primary key order."""
    tables = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in MIGRATION_MADE:
            continue
        fields = tuple(meta.concrete_fields)
        attnames = [field.attname for field in fields]
        rows = tuple(model._base_manager.order_by("pk").values_list(*attnames))
        if rows:
            _refuse_migration_made_references(model)
            tables.append(Table(model=model, fields=fields, rows=rows))
    return tuple(tables)


def _refuse_migration_made_references(model: type[Model]) -> None:
    for field in model._meta.concrete_fields:
        related = field.related_model
        if related is not None and related._meta.label_lower in MIGRATION_MADE:
            raise ValueError(
                f"{model._meta.label}.{field.name} points at {related._meta.label}, whose ids "
                "change after a flush: a snapshot cannot hold it"
            )


def _insert(table: Table) -> None:
    attnames = [field.attname for field in table.fields]
    objects = [table.model(**dict(zip(attnames, row, strict=True))) for row in table.rows]
    batch = connection.ops.bulk_batch_size(table.fields, objects) or len(objects)
    for start in range(0, len(objects), batch):
        # What Model.save_base(raw=True) does for one row, as loaddata uses it: the values
        # stored as they are, where bulk_create would set `auto_now` fields anew.
        table.model._base_manager._insert(
            objects[start : start + batch], fields=table.fields, raw=True
        )


def _bring_over(earlier: Table | None, later: Table) -> None:
    model, attnames = later.model, [field.attname for field in later.fields]
    pk = attnames.index(model._meta.pk.attname)
    before = {row[pk]: row for row in earlier.rows} if earlier else {}
    added = []
    for row in later.rows:
        old = before.pop(row[pk], None)
        if old is None:
            added.append(row)
        elif old != row:
            values = dict(zip(attnames, row, strict=True))
            del values[attnames[pk]]
            model._base_manager.filter(pk=row[pk]).update(**values)
    if before:
        model._base_manager.filter(pk__in=list(before))._raw_delete(connection.alias)
    if added:
        _insert(Table(model=model, fields=later.fields, rows=tuple(added)))


def _files(media: Path) -> set[Path]:
    if not media.exists():
        return set()
    return {path.relative_to(media) for path in media.rglob("*") if path.is_file()}
