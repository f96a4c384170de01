"""Bulk import (zip of CSVs, XLSX, JSON) and export, through the API."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import create_app
from tests.api.conftest import ApiEnv, make_keys, make_settings
from tests.io.bombs import deep_json, many_members_zip, rows_zip, xlsx_bomb, zeros_zip
from tests.sample import small_account, write_json

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "demo" / "manufacturing-en"


def zipped(folder: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for f in sorted(folder.glob("*.csv")):
            z.write(f, f.name)
    return buf.getvalue()


class TestImport:
    def test_zip_of_csvs(self, empty_env: ApiEnv) -> None:
        answer = empty_env.post("a", "/imports", files={"file": ("demo.zip", zipped(DEMO))})
        assert answer.status_code == 201, answer.text
        body = answer.json()
        assert body["rows"]["people"] == body["created"]["people"] > 0
        assert body["sources"]["people"] == "people.csv"
        [account] = body["accounts"]
        assert empty_env.get("a", "/accounts").json()["items"][0]["id"] == account
        assert empty_env.get("b", f"/accounts/{account}").status_code == 404

    def test_json_then_again_changes_nothing(self, empty_env: ApiEnv, tmp_path: Path) -> None:
        path = write_json(small_account("acme"), tmp_path / "acme.json")
        first = empty_env.post("a", "/imports", files={"file": ("acme.json", path.read_bytes())})
        assert first.status_code == 201 and first.json()["created"]["people"] == 5
        again = empty_env.post("a", "/imports", files={"file": ("acme.json", path.read_bytes())})
        assert again.status_code == 201
        assert again.json()["created"] == {} and again.json()["updated"] == {}
        assert again.json()["unchanged"]["people"] == 5

    def test_every_row_error_and_nothing_written(self, empty_env: ApiEnv) -> None:
        doc = {
            "accounts": [{"id": "acme", "name": "Acme"}],
            "people": [
                {"id": "p1", "account_id": "acme", "name": "A", "layer": "boss"},
                {"id": "p2", "account_id": "nowhere", "name": "B"},
                {"id": "p3", "account_id": "acme"},
            ],
        }
        answer = empty_env.post("a", "/imports", files={"file": ("bad.json", json.dumps(doc))})
        assert answer.status_code == 422
        problem = answer.json()
        assert problem["code"] == "validation_failed"
        where = {(e["source"], e["row"], e["field"]) for e in problem["errors"]}
        assert where == {("bad.json:people", 1, "layer"), ("bad.json:people", 3, "name")}
        assert empty_env.get("a", "/accounts").json()["total"] == 0
        assert empty_env.services.access.owners() == {}

    def test_unreadable_file(self, empty_env: ApiEnv) -> None:
        answer = empty_env.post("a", "/imports", files={"file": ("notes.txt", b"hello")})
        assert answer.status_code == 422 and "unsupported" in answer.text

    def test_missing_file(self, empty_env: ApiEnv) -> None:
        answer = empty_env.post("a", "/imports")
        assert answer.status_code == 422 and answer.json()["field"] == "file"

    def test_read_only_keys_cannot_import(self, empty_env: ApiEnv) -> None:
        answer = empty_env.post("a_ro", "/imports", files={"file": ("x.json", b"{}")})
        assert answer.status_code == 403 and answer.json()["code"] == "read_only_key"


class TestExport:
    @pytest.mark.parametrize(
        ("fmt", "media", "name"),
        [
            ("json", "application/json", "acme.json"),
            ("csv", "application/zip", "acme-csv.zip"),
            (
                "xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "acme.xlsx",
            ),
        ],
    )
    def test_round_trip(self, env: ApiEnv, fmt: str, media: str, name: str) -> None:
        answer = env.get("a", f"/accounts/acme/export?format={fmt}")
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
        assert name in answer.headers["content-disposition"]
        upload = "acme.zip" if fmt == "csv" else name
        again = env.post("a", "/imports", files={"file": (upload, answer.content)})
        assert again.status_code == 201, again.text
        assert again.json()["created"] == {} and again.json()["updated"] == {}

    def test_as_of(self, env: ApiEnv) -> None:
        env.put("a", "/accounts/acme/people/eng1", json={"name": "Eve Z"})
        old = env.get("a", "/accounts/acme/export?as_of=2026-06-01").json()
        assert {p["name"] for p in old["people"]} >= {"Eve"}

    def test_unknown_format(self, env: ApiEnv) -> None:
        answer = env.get("a", "/accounts/acme/export?format=pdf")
        assert answer.status_code == 422 and answer.json()["field"] == "format"


class TestImportLimits:
    """Bombs and deep JSON through the API: 413 (or 422) as problem details, nothing written."""

    def refused(self, env: ApiEnv, name: str, content: bytes, status: int, code: str) -> dict:
        before = env.snapshot()
        answer = env.post("a", "/imports", files={"file": (name, content)})
        assert answer.status_code == status, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
        body = answer.json()
        assert body["code"] == code and body["type"].endswith(code) and body["status"] == status
        assert env.snapshot() == before
        return body

    def test_a_zip_bomb(self, env: ApiEnv, tmp_path: Path) -> None:
        bomb = zeros_zip(tmp_path / "bomb.zip", expanded_mib=256).read_bytes()
        body = self.refused(env, "bomb.zip", bomb, 413, "compression_ratio_too_high")
        assert body["detail"].startswith("bomb.zip: member 'people.csv' expands")
        assert body["detail"].endswith("nothing was written")

    def test_an_xlsx_bomb(self, env: ApiEnv, tmp_path: Path) -> None:
        bomb = xlsx_bomb(tmp_path / "book.xlsx", expanded_mib=256).read_bytes()
        self.refused(env, "book.xlsx", bomb, 413, "compression_ratio_too_high")

    def test_too_many_members(self, env: ApiEnv, tmp_path: Path) -> None:
        path = many_members_zip(tmp_path / "many.zip", members=1001)
        body = self.refused(env, "many.zip", path.read_bytes(), 413, "too_many_members")
        assert "more than 1000 entries" in body["detail"]

    def test_deep_json(self, env: ApiEnv) -> None:
        body = self.refused(env, "deep.json", deep_json(100_000), 422, "validation_failed")
        (error,) = body["errors"]
        assert error["source"] == "deep.json" and "nested more than 64 deep" in error["message"]

    def test_members_outside_the_top_folder(self, env: ApiEnv) -> None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("competitors.csv", "id,name\nrival,Rival\n")
            z.writestr(zipfile.ZipInfo("/etc/competitors.csv"), "id,name\nevil,Evil\n")
        body = self.refused(env, "in.zip", buf.getvalue(), 422, "validation_failed")
        assert [e["source"] for e in body["errors"]] == ["/etc/competitors.csv"]


def test_the_expanded_size_limit_is_a_setting(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, max_import_expanded_bytes=2 * 1024 * 1024)
    keys = make_keys(settings.access_db)
    with TestClient(create_app(settings)) as client:
        env = ApiEnv(client, client.app, settings, keys)  # type: ignore[arg-type]
        content = rows_zip(tmp_path / "rows.zip", expanded_mib=3).read_bytes()
        answer = env.post("a", "/imports", files={"file": ("rows.zip", content)})
        assert answer.status_code == 413 and answer.json()["code"] == "expanded_too_large"
        assert "unzips to more than 2.0 MiB" in answer.json()["detail"]
