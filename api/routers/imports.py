"""Bulk import (zip of CSVs, XLSX or JSON) and export of one account in the import format."""

from __future__ import annotations

import io
from enum import StrEnum
from typing import Annotated, cast

from fastapi import APIRouter, File, Query, Response, UploadFile

from api.audit import PERSONAL_DATA
from api.deps import AccountDep, AsOfDep, SettingsDep, TeamDep
from api.docs import responses
from api.problems import ApiProblem
from api.schemas import EXAMPLES, ImportOut
from graphcrm.io import ImportLimits, ImportTooLarge, export_dataset

router = APIRouter(tags=["imports"])


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


_MEDIA = {
    "json": "application/json",
    "csv": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_SUFFIX = {"json": ".json", "csv": "-csv.zip", "xlsx": ".xlsx"}


@router.post(
    "/imports",
    status_code=201,
    summary="Import a zip of CSVs, an XLSX workbook or a JSON file: every row, or none",
    response_model=ImportOut,
    responses=responses(
        cast("dict[str, list[object]]", ImportOut.model_config["json_schema_extra"])["examples"][0],
        status=201,
        errors=(400, 401, 403, 409, 413, 422, 503),
    ),
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "example": {"file": '{"competitors": [{"id": "rival", "name": "Rival Corp"}]}'}
                }
            }
        }
    },
)
def create_import(
    team: TeamDep,
    settings: SettingsDep,
    as_of: AsOfDep,
    file: Annotated[
        UploadFile,
        File(description="accounts.zip (CSV files named by table), book.xlsx or data.json."),
    ],
) -> ImportOut:
    """Every row is validated against the format and what is stored; any problem answers 422
    listing all of them with file, row and column, and nothing is written. New accounts
    become your team's; rows may touch only your team's accounts. ``as_of`` dates what
    the import records (default today). A zip or .xlsx past its limits (unzipped size,
    compression ratio, entries) or more rows than allowed answers 413; JSON nested
    deeper than 64 answers 422."""
    limits = ImportLimits(
        max_expanded_bytes=settings.max_import_expanded_bytes,
        max_ratio=settings.max_import_ratio,
        max_members=settings.max_import_members,
        # Also counted while reading, so a long CSV stops being parsed at the limit.
        max_rows=settings.max_import_rows,
    )
    try:
        result = team.import_bytes(
            file.file.read(),
            file.filename or "upload",
            on=as_of,
            max_rows=settings.max_import_rows,
            limits=limits,
        )
    except ImportTooLarge as exc:
        raise ApiProblem(413, exc.code, str(exc)) from None
    return ImportOut(
        accounts=[a.id for a in result.dataset.accounts],
        rows={t: n for t, n in result.rows.items() if n},
        created={t: n for t, n in result.report.created.items() if n},
        updated={t: n for t, n in result.report.updated.items() if n},
        unchanged={t: n for t, n in result.report.unchanged.items() if n},
        sources=result.sources,
    )


@router.get(
    "/accounts/{account_id}/export",
    summary="Export an account in the import format (json, csv as a zip, or xlsx)",
    response_class=Response,
    responses={
        **responses(errors=(401, 404, 422, 503)),
        200: {
            "description": "The account's tables in the import format.",
            "content": {
                "application/json": {
                    "schema": {"type": "object"},
                    "example": {
                        "accounts": [EXAMPLES["accounts"]],
                        "people": [{**EXAMPLES["people"], "roles": "evaluator;influencer"}],
                        "ties": [EXAMPLES["ties"]],
                    },
                },
                "application/zip": {"schema": {"type": "string", "format": "binary"}},
                _MEDIA["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
            },
        },
    },
    openapi_extra=PERSONAL_DATA,
)
def export(
    team: TeamDep,
    account_id: AccountDep,
    as_of: AsOfDep,
    format: Annotated[ExportFormat, Query(description="json, csv (a zip) or xlsx.")] = (
        ExportFormat.json
    ),
) -> Response:
    """Staff and competitors are those the account refers to; importing it gives the same
    records."""
    out = io.BytesIO()
    export_dataset(team.account_data(account_id, as_of=as_of), out, format.value)
    name = f"{account_id}{_SUFFIX[format.value]}"
    return Response(
        out.getvalue(),
        media_type=_MEDIA[format.value],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
