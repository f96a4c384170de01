"""Rules a store applies to the records of one write or read, apart from the store's own
work (``graphcrm.stores.base.GraphStore``): the records of one kind read from a table,
undated attitudes dated with the day of the write, and one id naming both a person and a
staff member."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from graphcrm.errors import RecordError
from graphcrm.model import Dataset, Person, Record, Staff
from graphcrm.model.integrity import Locator

__all__ = ["dated_attitudes", "id_clashes", "records_of"]

R = TypeVar("R", bound=Record)


def records_of(kind: type[R], rows: list[tuple[Record, date]]) -> list[R]:
    """The records of ``rows``, read from a table that holds only ``kind`` records.

    Anything else there is a store bug, so it raises TypeError rather than pass on.
    """
    records = []
    for record, _ in rows:
        if not isinstance(record, kind):
            raise TypeError(f"expected {kind.__name__} records, read a {type(record).__name__}")
        records.append(record)
    return records


def dated_attitudes(data: Dataset, on: date) -> Dataset:
    """``data`` with every undated attitude dated ``on`` (a copy; ``data`` if none is)."""
    if all(a.as_of is not None for a in data.attitudes):
        return data
    dated = [a if a.as_of else a.model_copy(update={"as_of": on}) for a in data.attitudes]
    copy = Dataset()
    for name, records in data.tables():
        setattr(copy, name, list(records))
    copy.attitudes = dated
    return copy


def id_clashes(data: Dataset, existing: Dataset, locate: Locator | None) -> list[RecordError]:
    """People and staff share one graph, so one id cannot name both."""
    staff = {s.id for s in [*existing.staff, *data.staff]}
    people = {p.id for p in [*existing.people, *data.people]}
    errors = []
    checks: tuple[tuple[str, Sequence[Person | Staff], set[str]], ...] = (
        ("people", data.people, staff),
        ("staff", data.staff, people),
    )
    for table, ids, other in checks:
        for i, rec in enumerate(ids):
            if rec.id in other:
                source, row = locate(table, i) if locate else (None, i + 1)
                what = "a staff member's" if table == "people" else "a customer person's"
                errors.append(
                    RecordError(table, row, "id", f"id {rec.id!r} is already {what} id", source)
                )
    return errors
