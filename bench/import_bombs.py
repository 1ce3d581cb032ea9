"""Benchmark: hostile spreadsheets (tests/core/transfer/bombs.py) against the importer's reading
(core.transfer.read_dataset). Prints, for each, the seconds (and CPU seconds, less
disturbed by a busy machine) and the growth of the peak memory until the answer, and the
answer itself (its first words).

    .venv/bin/python bench/import_bombs.py            # every case
    .venv/bin/python bench/import_bombs.py sparse     # the cases whose name holds "sparse"

Each case runs in a child process capped at BENCH_MEMORY_MB (2048) of address space and
BENCH_TIMEOUT seconds (60), so that a reader without defences is measured without taking
the machine down: such a case prints "killed" or "timeout" instead of an answer.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.core.transfer import bombs  # noqa: E402

MEMORY_MB = int(os.environ.get("BENCH_MEMORY_MB", "2048"))
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "60"))

CASES = {
    "entity expansion (billion laughs)": (lambda: bombs.entity_expansion(), "x.xlsx"),
    "external entity": (lambda: bombs.external_entity(), "x.xlsx"),
    "10 million shared strings (deflate)": (lambda: bombs.shared_strings_bomb(), "x.xlsx"),
    "256 MB shared strings (bzip2)": (lambda: bombs.bzip2_bomb(256), "x.xlsx"),
    "sparse: declared range A1:XFD1048576": (lambda: bombs.sparse_dimension(), "x.xlsx"),
    "row 1048576 after row 2, 200 columns": (lambda: bombs.row_jump(), "x.xlsx"),
    "cell in column XFD": (lambda: bombs.far_column(), "x.xlsx"),
    "one row of a million cells": (lambda: bombs.wide_row(), "x.xlsx"),
    "1 million rows, declared range": (lambda: bombs.many_rows(), "x.xlsx"),
    "1 million rows, no declared range": (lambda: bombs.many_rows(dimension=False), "x.xlsx"),
    "2 million blank row elements": (lambda: bombs.blank_rows(), "x.xlsx"),
    "1 million distinct shared texts": (lambda: bombs.many_texts(), "x.xlsx"),
    "2 million elements of no meaning": (lambda: bombs.many_elements(), "x.xlsx"),
    # Just within the limits: what the worst file read through costs.
    "within: 499 000 blank rows": (lambda: bombs.blank_rows(499_000), "x.xlsx"),
    "within: 499 000 distinct shared texts": (lambda: bombs.many_texts(499_000), "x.xlsx"),
    "within: 1 490 000 elements": (lambda: bombs.many_elements(1_490_000), "x.xlsx"),
    "within: 490 000 cells of numbers": (lambda: bombs.many_cells(490_000), "x.xlsx"),
    "90 000 zip members": (lambda: bombs.many_members(), "x.xlsx"),
    "CSV of 1 million rows": (lambda: bombs.csv_rows(), "x.csv"),
    "CSV of 10 million blank lines": (lambda: bombs.csv_blank_lines(), "x.csv"),
}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def child(path: str, name: str) -> None:
    """Read one file; print seconds, peak-memory growth and the answer."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erasmus_portal.settings.test")
    import django

    django.setup()
    from django.utils import translation

    from core.transfer import ImportFileError, read_dataset

    data = Path(path).read_bytes()
    before = peak_mb()
    started, cpu = time.perf_counter(), time.process_time()
    with translation.override("en"):
        try:
            dataset = read_dataset(data, name)
            answer = f"read: {len(dataset)} rows"
        except ImportFileError as error:
            answer = error.message
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{elapsed:6.2f} s ({cpu:5.2f} s CPU)  +{peak_mb() - before:6.1f} MB  {answer[:60]}")


def run(label: str, build, name: str) -> None:
    data = build()
    with tempfile.NamedTemporaryFile(suffix=name) as file:
        file.write(data)
        file.flush()
        limit = MEMORY_MB * 1024 * 1024

        def cap():
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

        command = [sys.executable, __file__, "--child", file.name, name]
        try:
            done = subprocess.run(
                command, preexec_fn=cap, capture_output=True, text=True, timeout=TIMEOUT
            )
            line = done.stdout.strip() or _failure(done)
        except subprocess.TimeoutExpired:
            line = f"timeout after {TIMEOUT} s"
    print(f"{label:<40} {len(data) / 1024:9.1f} KB  {line}", flush=True)


def _failure(done) -> str:
    last = (done.stderr.strip().splitlines() or [""])[-1]
    return f"killed (exit {done.returncode}): {last[:60]}"


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        child(argv[1], argv[2])
        return
    print(f"memory cap {MEMORY_MB} MB, timeout {TIMEOUT} s")
    for label, (build, name) in CASES.items():
        if not argv or any(word in label for word in argv):
            run(label, build, name)


if __name__ == "__main__":
    main(sys.argv[1:])
