"""A write's precondition and its refusal (optimistic concurrency, DESIGN.md "Editing where
you read"): the stores check an ``Expected`` version inside the write's own unit of work
and raise ``VersionMoved`` when the record has changed since."""

from __future__ import annotations

from dataclasses import dataclass

from graphcrm.errors import ConflictError

__all__ = ["Expected", "VersionMoved"]


@dataclass(frozen=True)
class Expected:
    """A write's precondition: the current version of ``table``/``key`` is still the one
    recorded at ``recorded_at`` (optimistic concurrency, DESIGN.md "Editing where you read").

    Checked in the write's own unit of work (see ``GraphStore._apply_expecting``), so two
    writers expecting the same version cannot both pass.
    """

    table: str
    key: tuple[str, ...]  # the record's key (graphcrm.stores.base.Key)
    recorded_at: str


class VersionMoved(ConflictError):
    """The record's current version is not the one a write expected; nothing was written."""

    code = "version_moved"
