"""GET .../history for every CRUD entity of an account: a record's versions, newest first,
each with who wrote it and when (``graphcrm.access.history.record_history``)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from api.audit import PERSONAL_DATA
from api.docs import responses
from api.ui_history import write_paths
from graphcrm.access.history import Change, record_history
from graphcrm.access.team import TeamStore

__all__ = ["ChangeOut", "HistoryOut", "add_history_route"]


class ChangeOut(BaseModel):
    """One version of the record and who wrote it."""

    record: dict[str, Any] = Field(description="The record as this version holds it.")
    valid_from: date
    valid_to: date | None = Field(description="None while current.")
    recorded_at: str = Field(description="When the version was written (UTC).")
    etag: str = Field(description="The version's ETag (If-Match takes the current one).")
    changed: list[str] = Field(description="Fields changed from the version before.")
    by: str | None = Field(description="Who wrote it (the key's holder); None outside the API.")
    team: str | None
    method: str | None = Field(description="The request that wrote it: POST, PUT, PATCH.")
    path: str | None


class HistoryOut(BaseModel):
    items: list[ChangeOut]


_EXAMPLE = {
    "items": [
        {
            "record": {"id": "p-chen", "account_id": "acme", "name": "Chen Wei", "title": "CIO"},
            "valid_from": "2026-03-02",
            "valid_to": None,
            "recorded_at": "2026-03-02T09:14:03.120551+00:00",
            "etag": '"5d41402abc4b2a76"',
            "changed": ["title"],
            "by": "alice",
            "team": "team-a",
            "method": "PATCH",
            "path": "/api/v1/accounts/acme/people/p-chen",
        }
    ]
}


def add_history_route(
    router: APIRouter,
    *,
    path: str,
    name: str,
    table: str,
    params: list[inspect.Parameter],
    key: Callable[[dict[str, Any]], tuple[str, ...]],
    account: Callable[[dict[str, Any]], str],
) -> None:
    """Add ``GET <path>/history`` to ``router``; ``params`` are the read route's own
    (the team, the account, the key parts), ``key`` and ``account`` pick from them."""

    def endpoint(**given: Any) -> HistoryOut:
        request: Request = given["request"]
        own = request.url.path.removesuffix("/history")
        collection = own.rsplit("/", path.count("/"))[0]
        team: TeamStore = given["team"]
        # The pages' form posts write the same records (api.ui_history.write_paths).
        paths = {own, collection} | write_paths(table, account(given), key(given))
        found = record_history(team, table, key(given), account(given), paths)
        return HistoryOut(items=[_out(c) for c in found])

    request = inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request)
    vars(endpoint)["__signature__"] = inspect.Signature(
        [*params, request], return_annotation=HistoryOut
    )
    endpoint.__name__ = endpoint.__qualname__ = f"history_of_{name}"
    endpoint.__doc__ = (
        "Every version of the record, newest first, with who wrote it and when (from the "
        "audit log: the write request that made each version) and the fields it changed."
    )
    router.add_api_route(
        f"{path}/history",
        endpoint,
        methods=["GET"],
        summary=f"History of a {name.replace('_', ' ')}: its versions, who and when",
        response_model=HistoryOut,
        responses=responses(_EXAMPLE),
        openapi_extra=PERSONAL_DATA,
        name=f"history_of_{name}",
    )


def _out(change: Change) -> ChangeOut:
    return ChangeOut(
        record=change.record.model_dump(mode="json"),
        valid_from=change.valid_from,
        valid_to=change.valid_to,
        recorded_at=change.recorded_at,
        etag=change.etag,
        changed=list(change.changed),
        by=change.by,
        team=change.team,
        method=change.method,
        path=change.path,
    )
