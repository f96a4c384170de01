"""Group commit: items submitted together are committed together, in one transaction.

Every read of personal data writes one audit entry, and the request waits until
it is committed (README "Personal data": no audit entry, no personal data). One
transaction per entry made two worker processes contend for the access
database's write lock about 4,000 times a second, and SQLite's busy handler
sleeps (1, 2, 5 ms ...) while it waits (issue 17). Here one committer thread
commits everything queued so far in one transaction; what arrives meanwhile
joins the next group. So a slow commit (a busy lock) makes the next group
larger instead of making every request wait its turn.

Each item has a future, done when its group is committed; if the group's
commit fails, every future of that group gets the error. Groups are committed
in the order their items were submitted, so nothing changes order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

__all__ = ["GroupCommit"]

T = TypeVar("T")


class GroupCommit(Generic[T]):
    """Commits submitted items in groups with ``commit`` (one call per group, in a
    thread of its own), in the order they were submitted."""

    def __init__(self, commit: Callable[[list[T]], None], *, name: str) -> None:
        self._commit = commit
        self._name = name
        self._lock = threading.Lock()
        self._pending: list[tuple[list[T], Future[None]]] = []
        self._committing = False
        self._last: Future[None] | None = None
        self._executor: ThreadPoolExecutor | None = None

    def submit(self, item: T) -> Future[None]:
        """Queue ``item``; its future is done once its group is committed (or failed)."""
        return self.submit_all([item])

    def submit_all(self, items: list[T]) -> Future[None]:
        """Queue ``items`` together, in order, with one future for them all."""
        done: Future[None] = Future()
        with self._lock:
            self._pending.append((items, done))
            self._last = done
            if self._committing:
                return done  # the committer takes it with the next group
            self._committing = True
            executor = self._thread()
        executor.submit(self._drain)
        return done

    def idle(self) -> bool:
        """Whether nothing is queued or being committed: what is committed elsewhere now
        comes after everything submitted here."""
        with self._lock:
            return not self._committing

    def run(self, job: Callable[[], object]) -> None:
        """Run ``job`` in the committer thread, between two groups (a checkpoint)."""
        with self._lock:
            executor = self._thread()
        executor.submit(job)

    def flush(self) -> None:
        """Wait until everything submitted so far is committed (or failed)."""
        with self._lock:
            last = self._last
        if last is not None:
            last.exception()  # waits; a failure was its request's to report

    def close(self) -> None:
        """Commit what is queued, then stop the committer thread."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True)

    def _thread(self) -> ThreadPoolExecutor:
        """The committer thread (started on first use); called holding the lock."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix=self._name)
        return self._executor

    def _drain(self) -> None:
        while True:
            with self._lock:
                group, self._pending = self._pending, []
                if not group:
                    self._committing = False
                    return
            try:
                self._commit([item for items, _ in group for item in items])
            except BaseException as exc:  # every request of the group learns it failed
                for _, done in group:
                    done.set_exception(exc)
            else:
                for _, done in group:
                    done.set_result(None)
