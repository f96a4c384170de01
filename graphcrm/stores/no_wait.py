"""Writes that must not wait for another writer's lock: a write on the service's event loop.

A one-record write runs on the API's event loop (``api/crud.py``); if another
connection (another worker, or a ``graphcrm import`` in progress) holds the
SQLite file's write lock, waiting for it there would hold up every request.
Inside ``without_waiting()`` the store does not wait: the write raises
``WriterBusy`` before anything is written, and the caller runs it again where
waiting is harmless (a pool thread).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from graphcrm.errors import StoreError

__all__ = ["WriterBusy", "not_waiting", "without_waiting"]

_NOT_WAITING: ContextVar[bool] = ContextVar("graphcrm_not_waiting", default=False)


class WriterBusy(StoreError):
    """Another writer holds the store's write lock and the caller asked not to wait;
    nothing was written."""

    code = "store_busy"


@contextmanager
def without_waiting() -> Iterator[None]:
    """Writes in this block (this thread or task) raise ``WriterBusy`` instead of waiting
    for another writer's lock. The context is restored on leaving, so work handed to
    a thread afterwards waits as usual."""
    token = _NOT_WAITING.set(True)
    try:
        yield
    finally:
        _NOT_WAITING.reset(token)


def not_waiting() -> bool:
    """Whether the caller asked not to wait for another writer's lock."""
    return _NOT_WAITING.get()
