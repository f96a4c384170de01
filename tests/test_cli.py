"""The graphcrm command, run as a user runs it: a real process on a real SQLite file."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.io.helpers import PEOPLE, valid_folder, write_csvs
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
        # the store file does not exist yet: a read says so, not "no account" (issue 12)
        (("show", "nobody"), "no store at "),
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
    assert rows[:3] == ["jiangnan-mobile", "krackhardt-hightech", "northwind-industrial"]
    # issue 14: the portfolio demo adds 24 customers (a group of four among them) and
    # three outside parties, all with ids starting pf-
    assert len(rows) == 30 and all(r.startswith("pf-") for r in rows[3:])
    assert "loaded demo/telecom-zh: 431 record(s) written" in done.stdout
    again = run(db, "demo", "--fixtures", str(ROOT / "fixtures"))
    assert again.returncode == 0 and "0 record(s) written" in again.stdout


# Each mistake of the acceptance list, through the command a user runs: exit 2, the place of
# every error on stderr, and the store's bytes untouched.
_MISTAKES = {
    "missing required column": ({"people": "id,name\np1,Ann\n"}, "column account_id"),
    "unknown person in a tie": (
        {"ties": "type,source_id,target_id\nknows,p1,ghost\n"},
        "ties.csv, row 2, column target_id",
    ),
    "level 5": ({"attitudes": "person_id,level\np2,5\n"}, "attitudes.csv, row 2, column level"),
    "strength 0 and 1.5": (
        {"ties": "type,source_id,target_id,strength\nknows,p1,p2,0\nknows,p2,p3,1.5\n"},
        "ties.csv, row 3, column strength",
    ),
    "duplicate id": ({"people": PEOPLE + "p2,acme,Bo again\n"}, "people.csv, row 5, column id"),
    "reports_to cycle": (
        {"ties": "type,source_id,target_id\nreports_to,p2,p1\nreports_to,p1,p2\n"},
        "reports_to cycle",
    ),
    "bad date": (
        {"ties": "type,source_id,target_id,since\nknows,p1,p2,2024-13-01\n"},
        "ties.csv, row 2, column since",
    ),
    "unknown role": (
        {"decision_roles": "opportunity_id,person_id,role\nacme-cloud,p1,chief\n"},
        "decision_roles.csv, row 2, column role",
    ),
    "empty file": ({"people": ""}, "people.csv"),
}


@pytest.mark.parametrize("mistake", list(_MISTAKES))
def test_each_mistake_exits_2_with_its_place_and_changes_nothing(
    db: Path, tmp_path: Path, mistake: str
) -> None:
    assert run(db, "import", str(write_json(small_account(), tmp_path / "ok.json"))).returncode == 0
    before = digest(db)
    tables, place = _MISTAKES[mistake]
    done = run(db, "import", str(valid_folder(tmp_path / "bad", **tables)))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert place in done.stderr
    assert digest(db) == before


def test_a_binary_file_exits_2_and_changes_nothing(db: Path, tmp_path: Path) -> None:
    assert run(db, "import", str(write_json(small_account(), tmp_path / "ok.json"))).returncode == 0
    before = digest(db)
    folder = valid_folder(tmp_path / "bad")
    (folder / "people.csv").write_bytes(bytes(range(256)) * 4)
    done = run(db, "import", str(folder))
    assert done.returncode == 2 and "people.csv" in done.stderr and "binary" in done.stderr
    assert digest(db) == before


def test_a_gb18030_csv_with_chinese_headers_imports(db: Path, tmp_path: Path) -> None:
    folder = write_csvs(
        tmp_path / "gb",
        encoding="gb18030",
        accounts="id,名称,行业\nhz,杭州电力,电网\n",
        people="id,account_id,姓名,职务,层级\nz1,hz,张伟,总经理,决策层\nz2,hz,李娜,主任,管理层\n",
        ties="type,source_id,target_id\nreports_to,z2,z1\n",
    )
    done = run(db, "import", str(folder))
    assert done.returncode == 0, done.stderr
    shown = run(db, "show", "hz")
    assert "杭州电力" in shown.stdout and "2 people" in shown.stdout
    assert "decision 决策层" in shown.stdout


def test_analyse_is_a_command_of_graphcrm(db: Path) -> None:
    assert run(db, "demo", "--fixtures", str(ROOT / "fixtures")).returncode == 0
    tables = run(db, "analyse", "northwind-industrial")
    assert tables.returncode == 0, tables.stderr
    assert "Key people" in tables.stdout and "Next targets" in tables.stdout
    done = run(db, "analyse", "jiangnan-mobile", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {"importance", "key_people", "coverage", "next_targets", "fishbone"} <= set(result)
    assert len(result["importance"]) == 51  # every person of the account, ranked
    assert run(db, "analyse", "ghost").returncode == 2


def test_plan_from_next_targets_then_review(db: Path, tmp_path: Path) -> None:
    assert run(db, "demo", "--fixtures", str(ROOT / "fixtures")).returncode == 0
    before = tmp_path / "before.json"
    run(db, "export", "northwind-industrial", str(before), "--format", "json")
    planned = run(db, "plan", "northwind-industrial", "--from-next-targets", "2")
    assert planned.returncode == 0, planned.stderr
    assert "New plans" in planned.stdout and "Already planned, passed over" in planned.stdout
    after = tmp_path / "after.json"
    run(db, "export", "northwind-industrial", str(after), "--format", "json")
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (before, after))
    added = {p["person_id"] for p in new["plans"]} - {p["person_id"] for p in old["plans"]}
    assert len(added) == 2 and len(new["actions"]) == len(old["actions"]) + 2
    for person in added:  # each new plan shows in the output with its person
        assert person in planned.stdout

    reviewed = run(db, "review", "northwind-industrial", "--json")
    assert reviewed.returncode == 0, reviewed.stderr
    analysed = json.loads(run(db, "analyse", "northwind-industrial", "--json").stdout)
    assert json.loads(reviewed.stdout)["health_to"] == pytest.approx(analysed["coverage"]["health"])
    ghost = run(db, "plan", "northwind-industrial", "--from-next-targets", "1", "--owner", "ghost")
    assert ghost.returncode == 2 and "no staff member 'ghost'" in ghost.stderr
    bad = run(db, "review", "northwind-industrial", "--from", "2026-12-31", "--to", "2026-01-01")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
