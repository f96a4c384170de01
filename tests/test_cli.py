"""The graphcrm command, run as a user runs it: a real process on a real SQLite file."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sample import small_account, write_json

GRAPHCRM = str(Path(sys.executable).parent / "graphcrm")
ROOT = Path(__file__).resolve().parent.parent


def run(store: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [GRAPHCRM, "--store", f"sqlite:///{store}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "160", "HOME": str(store.parent)},
    )


def digest(path: Path) -> str:
    parts = [p for p in (path, Path(f"{path}-wal")) if p.exists()]
    return hashlib.sha256(b"".join(p.read_bytes() for p in parts)).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store" / "g.db"


def test_import_show_export_round_trip(db: Path, tmp_path: Path) -> None:
    source = write_json(small_account(), tmp_path / "acme.json")
    done = run(db, "import", str(source))
    assert done.returncode == 0, done.stderr
    assert "people: 5 rows (5 new, 0 changed)" in done.stdout

    shown = run(db, "show", "acme")
    assert shown.returncode == 0, shown.stderr
    assert "5 people, 1 opportunities, 8 ties; covered by us: 3/5" in shown.stdout
    assert "management 管理层" in shown.stdout and "coach 教练" in shown.stdout

    listed = run(db, "accounts")
    assert "Acme 集团" in listed.stdout

    out = tmp_path / "export.json"
    assert run(db, "export", "acme", str(out), "--format", "json").returncode == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert len(exported["people"]) == 5 and len(exported["ties"]) == 8

    before = digest(db)
    again = run(db, "import", str(out))
    assert again.returncode == 0 and "0 created, 0 updated" in again.stdout
    assert digest(db) == before


def test_bad_input_exits_2_lists_every_error_and_writes_nothing(db: Path, tmp_path: Path) -> None:
    run(db, "import", str(write_json(small_account(), tmp_path / "ok.json")))
    before = digest(db)
    bad = {
        "people": [{"id": "p9", "account_id": "acme", "name": "X", "layer": "boss"}],
        "ties": [{"type": "knows", "source_id": "p9", "target_id": "ghost", "strength": 5}],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    done = run(db, "import", str(path))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "bad.json:people, row 1, column layer: " in done.stderr
    assert "bad.json:ties, row 1, column strength: " in done.stderr
    assert digest(db) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "nobody"), "no account 'nobody'"),
        (("show", "acme", "--as-of", "2026-13-01"), "--as-of '2026-13-01' is not a date"),
        (("import", "/no/such/file.json"), "/no/such/file.json"),
    ],
)
def test_user_mistakes_exit_2_without_traceback(
    db: Path, args: tuple[str, ...], message: str
) -> None:
    done = run(db, *args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr


def test_unreachable_store_exits_1(tmp_path: Path) -> None:
    done = subprocess.run(
        [GRAPHCRM, "--store", "falkordb://127.0.0.1:9/g", "accounts"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "error:" in done.stderr


def test_unknown_store_scheme_exits_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [GRAPHCRM, "--store", "mysql://x/y", "accounts"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "unknown store URL" in done.stderr


def test_demo_loads_every_fixture_account(db: Path) -> None:
    done = run(db, "demo", "--fixtures", str(ROOT / "fixtures"))
    assert done.returncode == 0, done.stderr
    listed = run(db, "accounts").stdout
    rows = [line.split("│")[1].strip() for line in listed.splitlines() if "│" in line]
    assert rows == ["jiangnan-mobile", "krackhardt-hightech", "northwind-industrial"]
    assert "loaded demo/telecom-zh: 431 record(s) written" in done.stdout
    again = run(db, "demo", "--fixtures", str(ROOT / "fixtures"))
    assert again.returncode == 0 and "0 record(s) written" in again.stdout
