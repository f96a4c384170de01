"""OpenAPI links: what a client can do next with a record it has just created.

A POST that creates a record (201) links to every operation below its path whose
path parameters it can fill: from the request's own path (``account_id``) or from
the created record (``id``, ``person_id``, ``type`` for ``tie_type`` ...). So
``POST /accounts/{account_id}/people`` links to reading, replacing and deleting
that person, and ``POST /accounts`` to every route of the new account. Clients
(and schemathesis' stateful phase) follow them to chain calls.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["add_links"]

_PARAM = re.compile(r"\{([^}]+)\}")
# A path parameter named otherwise than the field of the record that fills it.
_FIELD_FOR = {"tie_type": "type", "dated": "as_of"}


def add_links(schema: dict[str, Any]) -> None:
    """Add ``links`` to the 201 response of every creating POST in ``schema``."""
    paths: dict[str, dict[str, Any]] = schema["paths"]
    components = schema.get("components", {}).get("schemas", {})
    for source_path, operations in paths.items():
        created = operations.get("post", {}).get("responses", {}).get("201")
        fields = _record_fields(created, components)
        if not fields:
            continue
        own = set(_PARAM.findall(source_path))
        links: dict[str, Any] = {}
        for target_path, targets in paths.items():
            if not target_path.startswith(source_path + "/"):
                continue
            parameters = _fill(_PARAM.findall(target_path), own, fields)
            if parameters is None:
                continue
            for method, target in targets.items():
                if method == "post":  # another creation, not a use of this record
                    continue
                if any(
                    p["in"] != "path" and p.get("required") for p in target.get("parameters", [])
                ):
                    continue  # needs more than the record (paths needs a target person)
                name = f"{method.upper()} {target_path.removeprefix(source_path) or '/'}"
                links[name] = {
                    "operationId": target["operationId"],
                    "parameters": parameters,
                    "description": f"{target.get('summary', name)}, for the record created.",
                }
        if links:
            created["links"] = links


def _record_fields(created: dict[str, Any] | None, components: dict[str, Any]) -> set[str]:
    if created is None:
        return set()
    body = created.get("content", {}).get("application/json", {}).get("schema", {})
    ref = body.get("$ref", "")
    record = components.get(ref.rsplit("/", 1)[-1], {}) if ref else body
    return set(record.get("properties", {}))


def _fill(names: list[str], own: set[str], fields: set[str]) -> dict[str, str] | None:
    """Where each path parameter comes from, or None if one cannot be filled."""
    out = {}
    for name in names:
        field = _FIELD_FOR.get(name, name)
        if name in own:
            out[name] = f"$request.path.{name}"
        elif field in fields:
            out[name] = f"$response.body#/{field}"
        elif "id" in fields:
            out[name] = "$response.body#/id"
        else:
            return None
    # The record's own id fills at most one parameter: two would name the same record twice.
    if list(out.values()).count("$response.body#/id") > 1:
        return None
    return out
