"""OpenAPI helpers: a success example plus the problem responses a route can give."""

from __future__ import annotations

from typing import Any

from api.problems import problem_responses
from api.schemas import EXAMPLES

__all__ = ["READ_ERRORS", "WRITE_ERRORS", "example_page", "responses"]

READ_ERRORS = (401, 404, 422, 503)
WRITE_ERRORS = (400, 401, 403, 404, 409, 422, 503)


def responses(
    example: Any = None,
    *,
    status: int = 200,
    errors: tuple[int, ...] = READ_ERRORS,
    description: str | None = None,
    media_type: str = "application/json",
) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: its success example and its error statuses."""
    out = problem_responses(*errors)
    ok: dict[str, Any] = {}
    if example is not None:
        ok["content"] = {media_type: {"example": example}}
    if description:
        ok["description"] = description
    if ok:
        out[status] = ok
    return out


def example_page(table: str, **override: Any) -> dict[str, Any]:
    """A one-item page of the example record of ``table``."""
    return {
        "items": [{**EXAMPLES[table], **override}],
        "total": 1,
        "limit": 100,
        "offset": 0,
        "next_offset": None,
    }


def example(table: str, **override: Any) -> dict[str, Any]:
    return {**EXAMPLES[table], **override}
