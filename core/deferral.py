"""Work that waits until an import ends. Saving thousands of rows one by one would bump a
project's page version and recalculate its budget once per row; inside `import_deferred()`
each app's deferral only notes what to do, and the import does it once at the end, or
drops it when the import is rolled back.

An app registers its deferral when it is ready (`register`): a context manager yielding an
object with `flush()` and `discard()`. The import framework enters every registered one."""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import Protocol


class Deferred(Protocol):
    def flush(self) -> object: ...

    def discard(self) -> None: ...


_registered: dict[str, Callable[[], AbstractContextManager[Deferred]]] = {}


def register(name: str, factory: Callable[[], AbstractContextManager[Deferred]]) -> None:
    """`factory()` defers one kind of work; registering a name again replaces it."""
    _registered[name] = factory


class ImportDeferrals:
    """Every registered deferral of one import, flushed or discarded together."""

    def __init__(self, deferred: dict[str, Deferred]):
        self.deferred = deferred

    def flush(self) -> None:
        """The last registered first: an app registered later (the budget) may note work
        for one registered before it (the projects' page versions)."""
        for deferred in reversed(self.deferred.values()):
            deferred.flush()

    def discard(self) -> None:
        for deferred in self.deferred.values():
            deferred.discard()


@contextmanager
def import_deferred() -> Iterator[ImportDeferrals]:
    with ExitStack() as stack:
        yield ImportDeferrals({name: stack.enter_context(f()) for name, f in _registered.items()})
