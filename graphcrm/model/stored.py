"""Records read back from a store: rebuilt from stored values without validating them again.

Every record was validated when it was written, and a store keeps only what
validation produced (ISO dates, enum values, plain numbers). Validating the
same values again on every read costs most of the time of reading an account
(the id, term and date validators run per cell), so a read converts each
stored value back to its field's type and builds the record with
``model_construct``. The conversion is derived from the model's annotations,
so a field added to a record is read back without touching this module.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

from graphcrm.model.records import Record

__all__ = ["stored_record_builder"]

Converter = Callable[[Any], Any]


def stored_record_builder(model: type[Record]) -> Callable[[dict[str, Any]], Record]:
    """A function turning ``{field: stored value}`` (absent or None: the default) into a record."""
    converters = _converters(model)
    construct = model.model_construct

    def build(values: dict[str, Any]) -> Record:
        return construct(**{f: converters[f](v) for f, v in values.items() if v is not None})

    return build


@cache
def _converters(model: type[Record]) -> dict[str, Converter]:
    return {name: _converter(info.annotation) for name, info in model.model_fields.items()}


def _converter(annotation: Any) -> Converter:
    base = _unwrap(annotation)
    if typing.get_origin(base) is tuple:
        item = _converter(typing.get_args(base)[0])
        return lambda v: tuple(item(x) for x in v)
    if isinstance(base, type) and issubclass(base, Enum):
        # A dict lookup first: calling the Enum class costs ~10x more, once per cell.
        members: dict[Any, Enum] = {m.value: m for m in base}
        return lambda v: members[v] if v in members else base(v)
    if base is date:
        return lambda v: v if isinstance(v, date) else date.fromisoformat(v)
    if base in (bool, int, float, str):
        return base  # type: ignore[no-any-return]
    raise TypeError(f"no stored form for a field of type {annotation!r}")


def _unwrap(annotation: Any) -> Any:
    """The type under Optional[...] and Annotated[...]."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                raise TypeError(f"no stored form for a field of type {annotation!r}")
            annotation = args[0]
        else:
            return annotation
