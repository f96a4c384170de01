"""Every CLI table at 80 columns, piped: each id whole (issue 12 item 8).

The commands run as a user runs them (a real process on a real SQLite file
holding the demo accounts), their output captured through a pipe with
``COLUMNS=80``; the ids each table must show come from the store's own JSON
(``analyse --json``, ``review --json``, ``export``), not from the output.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from graphcrm.access import AccessStore
from graphcrm.cli_tables import print_table

GRAPHCRM = str(Path(sys.executable).parent / "graphcrm")
ROOT = Path(__file__).resolve().parent.parent
ACCOUNTS = ("jiangnan-mobile", "krackhardt-hightech", "northwind-industrial")


def run(store: Path, *args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [GRAPHCRM, "--store", f"sqlite:///{store}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": str(columns), "HOME": str(store.parent)},
    )
    assert done.returncode == 0, done.stderr
    return done


def tokens(text: str) -> set[str]:
    """Every run of id characters in the output: an id shows whole iff it is one of them."""
    return set(re.findall(r"[A-Za-z0-9][A-Za-z0-9_.:-]*", text))


def assert_whole(ids: set[str], text: str) -> None:
    assert ids, "the test found no ids to look for"
    missing = sorted(i for i in ids if i not in tokens(text))
    assert not missing, f"ids cut or missing: {missing}"
    assert "…" not in text


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("tables") / "g.db"
    run(db, "demo", "--fixtures", str(ROOT / "fixtures"))
    return db


def test_accounts_at_80_columns_prints_every_id_whole(demo_db: Path) -> None:
    shown = run(demo_db, "accounts").stdout
    assert_whole(set(ACCOUNTS), shown)
    # below 100 columns: one block a row, the id first, then the name
    assert "- northwind-industrial  Northwind Industrial Group" in shown.splitlines()


@pytest.mark.parametrize("account", ["jiangnan-mobile", "northwind-industrial"])
def test_analyse_tables_at_80_columns(demo_db: Path, account: str) -> None:
    result = json.loads(run(demo_db, "analyse", account, "--json").stdout)
    shown = run(demo_db, "analyse", account).stdout
    key = {k["person_id"] for k in result["key_people"]}
    gaps = {g["person_id"] for g in result["coverage"]["gaps"] if g["person_id"]}
    targets = {t["person_id"] for t in result["next_targets"]}
    owners = {t["owner"]["staff_id"] for t in result["next_targets"] if t["owner"]["staff_id"]}
    assert_whole(key | gaps | targets | owners | {account}, shown)
    for k in result["key_people"]:  # the name beside the id
        assert f"- {k['person_id']}  {k['name']}" in shown


def test_show_counts_add_up_to_the_people(demo_db: Path, tmp_path: Path) -> None:
    """jiangnan: 51 people, some with no reading; they were counted twice (65 rows for 51
    people). The demo's history is generated relative to the day it is loaded, so the
    count of people with no reading comes from the store's own export."""
    shown = run(demo_db, "show", "jiangnan-mobile").stdout
    assert "51 people" in shown
    attitudes = shown[shown.index("Attitudes") : shown.index("Coverage")]
    counts = [int(n) for n in re.findall(r"│ (\d+) +│", attitudes)]
    assert sum(counts) == 51
    exported = tmp_path / "j.json"
    run(demo_db, "export", "jiangnan-mobile", str(exported), "--format", "json")
    data = json.loads(exported.read_text(encoding="utf-8"))
    read = {a["person_id"] for a in data["attitudes"] if a["toward"] == "us"}
    unread = len({p["id"] for p in data["people"]} - read)
    assert unread > 0
    assert re.search(rf"\(no reading, counted as 0\) +│ {unread} ", attitudes), attitudes
    layers = shown[shown.index("By layer") : shown.index("By department")]
    assert sum(int(n) for n in re.findall(r"│ (\d+) +│", layers)) == 51
    assert "…" not in shown


def test_plan_and_review_at_80_columns(demo_db: Path, tmp_path: Path) -> None:
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    run(demo_db, "export", "northwind-industrial", str(before), "--format", "json")
    planned = run(demo_db, "plan", "northwind-industrial", "--from-next-targets", "2").stdout
    run(demo_db, "export", "northwind-industrial", str(after), "--format", "json")
    old, data = (json.loads(p.read_text(encoding="utf-8")) for p in (before, after))
    added = {p["person_id"] for p in data["plans"]} - {p["person_id"] for p in old["plans"]}
    owners = {p["owner_staff_id"] for p in data["plans"] if p["person_id"] in added}
    assert len(added) == 2
    assert_whole(added | {o for o in owners if o}, planned)

    review = json.loads(run(demo_db, "review", "northwind-industrial", "--json").stdout)
    shown = run(demo_db, "review", "northwind-industrial").stdout
    people = {c["person_id"] for c in review["level_changes"] + review["coverage_gained"]}
    gap_people = {g["person_id"] for g in review["gaps_opened"] + review["gaps_closed"]}
    staff = {s for c in review["coverage_gained"] for s in c["staff_added"]}
    assert_whole(people | {p for p in gap_people if p} | staff, shown)
    # staff show as name (id), never an id alone beside names
    names = {s["id"]: s["name"] for s in data["staff"]}
    for sid in staff:
        assert f"{names[sid]} ({sid})" in shown


def test_keys_list_at_80_columns(tmp_path: Path) -> None:
    db = tmp_path / "access.db"
    with AccessStore(str(db)) as access:
        made = [
            access.create_key(f"team-{n}-with-a-long-name", f"p{n}", create_team=True)
            for n in range(3)
        ]
    listed = subprocess.run(
        [GRAPHCRM, "keys", "list", "--access-db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "80", "HOME": str(tmp_path)},
    )
    assert listed.returncode == 0, listed.stderr
    ids = {k.info.id for k in made} | {f"team-{n}-with-a-long-name" for n in range(3)}
    assert_whole(ids, listed.stdout)


@pytest.mark.parametrize("width", [60, 80, 99, 100, 160])
def test_print_table_never_cuts_an_id(width: int) -> None:
    long_id = "an-account-id-much-longer-than-any-column-of-a-narrow-terminal-0123456789"
    rows = [(long_id, "名字" * 12, "x" * 50), ("short", "name", "")]
    console = Console(file=io.StringIO(), width=width, color_system=None)
    print_table(console, ("id", "name", "other"), rows, ids=(0,), head=(0, 1))
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert long_id in tokens(shown) and "short" in tokens(shown)
    assert "…" not in shown
    # a grid from 100 columns when the ids fit, blocks below
    assert ("┃ id" in shown) == (width >= 100)


def test_portfolio_tables_at_80_columns(demo_db: Path) -> None:
    """The portfolio's table (it cut every account id, 'pf-…', at 80 columns) and its
    outside people: each account, person and party id whole."""
    rows = json.loads(run(demo_db, "portfolio", "--json").stdout)
    shown = run(demo_db, "portfolio").stdout
    assert len(rows) > 20
    assert_whole({r["account_id"] for r in rows}, shown)
    outside = json.loads(run(demo_db, "portfolio", "--outside", "--json").stdout)
    listed = run(demo_db, "portfolio", "--outside").stdout
    reached = {r["account_id"] for o in outside for r in o["reaches"]}
    assert_whole({o["person_id"] for o in outside} | {o["account_id"] for o in outside}, listed)
    assert_whole(reached, listed)


def test_settings_show_at_80_columns(tmp_path: Path) -> None:
    """Every settings key whole ('interaction_type_weigh…' was cut): the key is what
    ``settings set`` takes next."""
    store, access = tmp_path / "g.db", tmp_path / "access.db"
    with AccessStore(str(access)) as keys:
        keys.ensure_team("demo")
    args = ("settings", "show", "--team", "demo", "--access-db", str(access))
    settings = json.loads(run(store, *args, "--json").stdout)["settings"]
    shown = run(store, *args).stdout
    assert "interaction_type_weights" in settings
    assert_whole(set(settings), shown)
