"""graphcrm's error hierarchy.

The core raises these; the CLI maps them to exit codes and the API to problem
details. Nothing here knows about HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ConfigurationError",
    "ConflictError",
    "GraphcrmError",
    "NotFoundError",
    "RecordError",
    "StoreError",
    "ValidationFailed",
]


class GraphcrmError(Exception):
    """Root of every error graphcrm raises on purpose."""

    code = "graphcrm_error"


@dataclass(frozen=True)
class RecordError:
    """One thing wrong with one input row: where it is and why it is wrong.

    ``source`` is the file or sheet, ``row`` the 1-based row as a person sees it
    in that file (the header is row 1 of a CSV or sheet; JSON rows count from 1),
    ``column`` the field.
    """

    table: str
    row: int | None
    column: str | None
    message: str
    source: str | None = None

    def __str__(self) -> str:
        where = self.source or self.table
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class ValidationFailed(GraphcrmError):
    """Input was refused; ``errors`` lists every problem found, nothing was written."""

    code = "validation_failed"

    def __init__(self, errors: list[RecordError]) -> None:
        self.errors = list(errors)
        head = f"{len(self.errors)} error(s) in the input; nothing was written"
        super().__init__(head + "".join(f"\n  {e}" for e in self.errors[:20]))


class NotFoundError(GraphcrmError):
    code = "not_found"


class ConflictError(GraphcrmError):
    code = "conflict"


class StoreError(GraphcrmError):
    """The store could not be reached or failed; the message is safe to show."""

    code = "store_error"


class ConfigurationError(GraphcrmError):
    code = "configuration_error"
