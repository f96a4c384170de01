"""graphcrm's error hierarchy.

The core raises these; the CLI maps them to exit codes and the API to problem
details. Nothing here knows about HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    #: What kind of problem it is (``reports_to_cycle``...), with the values its message
    #: names: a page shows it in its own language from a catalogue keyed by kind
    #: (viz/error_messages.py) rather than translating ``message``. None: no kind yet.
    kind: str | None = field(default=None, compare=False)
    params: tuple[tuple[str, str], ...] = field(default=(), compare=False)

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


class RuleBroken(ValueError):
    """A field's value breaks a rule: a ValueError (pydantic reports it at the field as
    any other) that also says which rule (``kind``) and the values its message names,
    for a page to word it in its own language (viz/error_messages.py)."""

    def __init__(self, message: str, kind: str, **params: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.params = params
