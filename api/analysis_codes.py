"""The code lists of the analysis responses, checked when a result is made, not per request.

The analysis routes answer with the analyses' own dicts, serialised once and
cached (``api.analyses``), so FastAPI never validates them against their
``response_model``. What the schema promises and a client may switch on are the
codes: every field typed by a code list (a ``StrEnum`` such as ``GapCode``, or a
``Literal`` list such as a quadrant). :func:`code_check` derives from a
response model a narrow view of those fields only (TypedDicts; the models stay
the one source of the lists, and of the OpenAPI document), and
:func:`check_codes` validates a result with it when it is computed: once per
cache fill, about 40 us for a 500-person importance list, against about 3 ms for
validating the whole body with the models. A code
outside its list raises :class:`CodeNotInSchema`, so the fill fails loudly and
nothing is cached (DESIGN.md, Round 2: one source for each code list; issue 10).
"""

from __future__ import annotations

import enum
import types
from typing import Annotated, Any, Literal, NotRequired, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from typing_extensions import TypedDict

__all__ = ["CodeNotInSchema", "check_codes", "code_check"]


class CodeNotInSchema(RuntimeError):
    """An analysis answered a code its response schema does not list (a bug, not bad input)."""


def _coded(annotation: Any) -> Any | None:
    """``annotation`` narrowed to its coded parts; None when it holds no code list."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _coded(args[0])
    if origin is Literal or (isinstance(annotation, type) and issubclass(annotation, enum.Enum)):
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _coded_model(annotation)
    if origin is list:
        inner = _coded(args[0])
        return None if inner is None else list[inner]  # type: ignore[valid-type]
    if origin is dict:
        value = _coded(args[1])
        return None if value is None else dict[Any, value]  # type: ignore[valid-type]
    if origin in (Union, types.UnionType):
        narrowed = [_coded(a) for a in args]
        if all(n is None for n in narrowed):
            return None
        # A part with no code (None, a str) is kept as it is: ``Literal[...] | None`` still
        # refuses any other string.
        return Union[tuple(a if n is None else n for a, n in zip(args, narrowed, strict=True))]  # noqa: UP007
    return None


_VIEWS: dict[type[BaseModel], Any] = {}


def _coded_model(model: type[BaseModel]) -> Any | None:
    """A TypedDict of the model's coded fields (None if it has none). A TypedDict, not a
    model: validating it makes no instances, ten times faster on a 500-person list."""
    if model not in _VIEWS:
        fields = {}
        for name, field in model.model_fields.items():
            coded = _coded(field.annotation)
            if coded is not None:
                fields[name] = coded if field.is_required() else NotRequired[coded]
        # Fields without codes are left out; extra keys are ignored, so they pass as they are.
        view = TypedDict(f"{model.__name__}Codes", fields) if fields else None  # type: ignore[operator]
        _VIEWS[model] = view
    return _VIEWS[model]


def code_check(response: Any) -> TypeAdapter[Any] | None:
    """What validates the coded fields of a ``response`` type (a model, or a list of
    them); None when it spells no code list."""
    coded = _coded(response)
    return None if coded is None else TypeAdapter(coded)


def check_codes(what: str, check: TypeAdapter[Any] | None, result: Any) -> None:
    """Raise CodeNotInSchema, naming the place and the value, if ``result`` has a code
    outside the lists its schema spells."""
    if check is None:
        return
    try:
        check.validate_python(result)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CodeNotInSchema(
            f"the {what} analysis answered {first.get('input')!r} at {where}, "
            f"which its response schema does not list: {first['msg']}"
        ) from exc
