"""PATCH bodies: JSON merge patches (RFC 7396) of a record's update body.

A patch body names any of the fields of the entity's PUT body (``PersonUpdate``
for a person); each optional one may be ``null`` (clear it). The patch is merged into the
stored record's fields and the result validated by the PUT body itself, so a
PATCH is refused exactly where and as a PUT with the same result would be.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from graphcrm.access.merge_patch import merge_patch
from graphcrm.model import Record

__all__ = ["patch_model", "patched_body"]


def patch_model(update: type[BaseModel]) -> type[BaseModel]:
    """The PATCH body of an entity whose PUT body is ``update``: its fields, each optional.

    Its example is the first field of the PUT body's example: a patch sends only a change.
    """
    fields: dict[str, Any] = {}
    for field_name, info in update.model_fields.items():
        # The field's rules (bounds, lengths, JSON type guards) apply to a value, not to null.
        annotation: Any = info.annotation
        if info.metadata:
            annotation = Annotated[annotation, *info.metadata]
        field = Field(
            default=None, description=info.description, json_schema_extra=info.json_schema_extra
        )
        # A required field may be left out of a patch but not cleared: null is no value.
        fields[field_name] = (annotation if info.is_required() else annotation | None, field)
    whole = (update.model_json_schema().get("examples") or [{}])[0]
    first = next((name for name in update.model_fields if name in whole), None)
    example = {first: whole[first]} if first else {}
    name = update.__name__.removesuffix("Update") + "Patch"
    model: type[BaseModel] = create_model(
        name,
        __config__=ConfigDict(
            extra="forbid", str_strip_whitespace=True, json_schema_extra={"examples": [example]}
        ),
        __doc__=f"A JSON merge patch (RFC 7396) of {update.__name__}: only the fields sent "
        "change; null clears an optional field; the result is validated as a PUT body.",
        **fields,
    )
    return model


def patched_body(update: type[BaseModel], current: Record, patch: BaseModel) -> BaseModel:
    """``update`` (the PUT body) of ``current`` with ``patch`` merged in (ValidationError if
    the result is invalid: the same errors, at the same fields, as that PUT body's)."""
    stored = current.model_dump(mode="json")
    document = {name: stored[name] for name in update.model_fields if stored.get(name) is not None}
    sent = patch.model_dump(mode="json", exclude_unset=True)
    return update.model_validate(merge_patch(document, sent))
