"""RFC 9457 problem details: one schema, one set of handlers, every error rendered the same way.

The core raises graphcrm's own errors (never HTTP ones); the handlers here turn
each into ``application/problem+json`` with a stable ``code``, the offending
``field`` where there is one, and a message a person can act on. Nothing from
a store's driver (SQL, Cypher, file paths) and no traceback reaches a client:
store failures and unexpected errors are logged here and answered with a
fixed text.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.routes import allowed_methods
from graphcrm.access import AuthenticationFailed, PermissionDenied, TooManyRows
from graphcrm.access.errors import StaleWrite
from graphcrm.errors import (
    ConflictError,
    GraphcrmError,
    NotFoundError,
    StoreError,
    ValidationFailed,
)
from graphcrm.io import ExportError

__all__ = [
    "PROBLEM_MEDIA_TYPE",
    "ApiProblem",
    "FieldError",
    "Problem",
    "install_problem_handlers",
    "problem_response",
    "problem_responses",
]

log = logging.getLogger("graphcrm.api")

PROBLEM_MEDIA_TYPE = "application/problem+json"
_TYPE_BASE = "tag:graphcrm,2025:problem:"

_TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Precondition failed",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    500: "Internal error",
    503: "Service unavailable",
}


class FieldError(BaseModel):
    """One thing wrong with the input: which field (and, for imports, which file and row)."""

    field: str | None = Field(None, description="The field or column at fault.")
    location: str | None = Field(
        None, description="Where the field is: body, query, path, header, or a table."
    )
    message: str
    table: str | None = None
    row: int | None = Field(None, description="1-based row as a person sees it in the file.")
    source: str | None = Field(None, description="The file or sheet the row is in.")


class Problem(BaseModel):
    """An error, as RFC 9457 problem details with graphcrm's stable ``code``."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "tag:graphcrm,2025:problem:not_found",
                    "title": "Not found",
                    "status": 404,
                    "detail": "no account 'acme'",
                    "code": "not_found",
                    "instance": "/api/v1/accounts/acme",
                }
            ]
        }
    )

    type: str = Field(description="A URI naming the kind of problem (stable per code).")
    title: str
    status: int
    detail: str = Field(description="What went wrong, for a person to read.")
    code: str = Field(description="Stable machine-readable code, e.g. not_found.")
    instance: str | None = Field(None, description="The path of the request.")
    field: str | None = Field(None, description="The offending field, when there is one.")
    errors: list[FieldError] = Field(default_factory=list, description="Every input problem.")
    # A stale If-Match (412) only: what the record is now, to show the user what changed.
    current_etag: str | None = Field(
        None, description="412: the ETag of the record as it now stands (none if deleted)."
    )
    changed: list[str] | None = Field(
        None,
        description="412: the fields that differ from the version If-Match named "
        "(absent when that tag names no version of the record).",
    )
    current: dict[str, Any] | None = Field(
        None, description="412: the record as it now stands (absent if it was deleted)."
    )


class ApiProblem(Exception):
    """A failure found by the HTTP layer itself (a bad header, a body too large)."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail
        self.field, self.headers = field, headers


def problem_response(
    request: Request | None,
    status: int,
    code: str,
    detail: str,
    *,
    field: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
    more: dict[str, Any] | None = None,
) -> JSONResponse:
    errors = errors or []
    if field is None and len(errors) == 1:
        field = errors[0].field
    body = Problem(
        type=_TYPE_BASE + code,
        title=_TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        code=code,
        instance=request.url.path if request is not None else None,
        field=field,
        errors=errors,
        **(more or {}),
    )
    content = body.model_dump(mode="json", exclude_none=True)
    if not errors:
        del content["errors"]
    return JSONResponse(
        content,
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for error statuses, all with the Problem schema."""
    descriptions = {
        400: "Malformed request body (code `malformed_json`).",
        401: "No API key, or an unknown or revoked one (code `unauthorized`).",
        403: "The key may not do this (codes `read_only_key`, `admin_required`, "
        "`operator_required`: managing teams, handing an account to another team, or "
        "changing a shared staff member or competitor that another team's accounts use).",
        404: "Unknown, or belonging to another team (code `not_found`).",
        409: "Conflicts with what is stored (code `conflict`), such as an id that is taken "
        "(whoever holds it; the answer does not say).",
        412: "If-Match names a version that is no longer current: someone changed or "
        "deleted the record meanwhile (code `precondition_failed`); nothing was written. "
        "The answer carries the record as it now stands (`current`, and its ETag in "
        "`current_etag` and the ETag header) and the fields that changed (`changed`).",
        413: "Request body or upload too large, too many rows, or an archive past its limits "
        "(codes `payload_too_large`, `file_too_large`, `too_many_rows`, `expanded_too_large`, "
        "`compression_ratio_too_high`, `too_many_members`).",
        422: "Invalid input; every error listed (codes `invalid_request`, `validation_failed`, "
        "`as_of_in_future`, `date_in_future`, `invalid_period`, `confirmation_mismatch`). "
        "Rules a schema cannot state are listed in `x-refused-when`.",
        503: "The store is unavailable (code `store_unavailable`).",
    }
    return {
        s: {
            "description": descriptions[s],
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for s in statuses
    }


def _request_errors(errors: Any) -> list[FieldError]:
    out = []
    for e in errors:
        loc = [str(part) for part in e.get("loc", ())]
        location = loc[0] if loc and loc[0] in ("body", "query", "path", "header") else None
        name_parts = loc[1:] if location else loc
        message = str(e.get("msg", "invalid value"))
        if e.get("type") == "extra_forbidden":
            message = "unknown field; it is not part of this resource"
        out.append(
            FieldError(field=".".join(name_parts) or None, location=location, message=message)
        )
    return out


def _graphcrm_errors(exc: ValidationFailed) -> list[FieldError]:
    return [
        FieldError(
            field=e.column,
            location="body" if e.source is None else "file",
            message=e.message,
            table=e.table,
            row=e.row,
            source=e.source,
        )
        for e in exc.errors
    ]


def install_problem_handlers(app: FastAPI) -> None:
    """Register the one set of handlers that renders every error as problem details."""

    @app.exception_handler(RequestValidationError)
    async def _request_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        if any(e.get("type") == "json_invalid" for e in errors):
            return problem_response(
                request, 400, "malformed_json", "the request body is not valid JSON"
            )
        fields = _request_errors(errors)
        return problem_response(
            request,
            422,
            "invalid_request",
            f"{len(fields)} problem(s) with the request; nothing was done",
            errors=fields,
        )

    @app.exception_handler(ValidationError)
    async def _model_invalid(request: Request, exc: ValidationError) -> JSONResponse:
        fields = _request_errors([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()])
        return problem_response(
            request,
            422,
            "invalid_request",
            f"{len(fields)} problem(s) with the request; nothing was done",
            errors=fields,
        )

    @app.exception_handler(ApiProblem)
    async def _api_problem(request: Request, exc: ApiProblem) -> JSONResponse:
        return problem_response(
            request, exc.status, exc.code, exc.detail, field=exc.field, headers=exc.headers
        )

    @app.exception_handler(GraphcrmError)
    async def _domain(request: Request, exc: GraphcrmError) -> JSONResponse:
        return domain_problem(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        detail = "no such route" if exc.status_code == 404 else str(exc.detail)
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            allow = allowed_methods(request.app, request.scope["path"])
            headers["Allow"] = ", ".join(allow)
            detail = f"{request.method} is not allowed here; this path takes {', '.join(allow)}"
        return problem_response(request, exc.status_code, code, detail, headers=headers or None)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem_response(
            request, 500, "internal_error", "an unexpected error occurred; it has been logged"
        )


def domain_problem(request: Request | None, exc: GraphcrmError) -> JSONResponse:
    """graphcrm's error hierarchy, as problem details."""
    if isinstance(exc, ValidationFailed):
        fields = _graphcrm_errors(exc)
        return problem_response(
            request,
            422,
            "validation_failed",
            f"{len(fields)} error(s) in the input; nothing was written",
            errors=fields,
        )
    if isinstance(exc, NotFoundError):
        return problem_response(request, 404, "not_found", str(exc))
    if isinstance(exc, StaleWrite):
        return _stale_problem(request, exc)
    if isinstance(exc, ConflictError):
        return problem_response(request, 409, exc.code, str(exc))
    if isinstance(exc, AuthenticationFailed):
        return problem_response(
            request, 401, "unauthorized", str(exc), headers={"WWW-Authenticate": "Bearer"}
        )
    if isinstance(exc, PermissionDenied):
        return problem_response(request, 403, exc.code, str(exc))
    if isinstance(exc, TooManyRows):
        return problem_response(request, 413, exc.code, str(exc))
    if isinstance(exc, ExportError):
        return problem_response(request, 422, exc.code, str(exc))
    if isinstance(exc, StoreError):
        log.error("store error: %s", exc, exc_info=exc)
        return problem_response(
            request,
            503,
            "store_unavailable",
            "the data store is unavailable or failed; nothing was changed; try again later",
        )
    log.error("unmapped graphcrm error: %r", exc, exc_info=exc)
    return problem_response(
        request, 500, "internal_error", "an unexpected error occurred; it has been logged"
    )


def _stale_problem(request: Request | None, exc: StaleWrite) -> JSONResponse:
    """412 for a stale If-Match: the record as it stands now, its ETag, the fields changed."""
    current = exc.current.model_dump(mode="json") if exc.current is not None else None
    more = {"current_etag": exc.etag, "changed": exc.changed, "current": current}
    headers = {"ETag": exc.etag} if exc.etag else None
    return problem_response(request, 412, exc.code, str(exc), headers=headers, more=more)
