"""``graphcrm portfolio``: the table and the JSON list, as a user runs it."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import openpyxl

from graphcrm.access import AccessStore
from tests.test_cli import run

ACCOUNTS = "id,name,tier\nbig,Big,\nmid,Mid,ordinary\nsmall,Small,\n"
TODAY = date.today()  # the import writes today: the portfolio is read as of today
DAY = (TODAY - timedelta(days=3)).isoformat()
VALUES = (
    f"account_id,as_of,profit,credit,network\nbig,{DAY},5,4,3\nmid,{DAY},3,3,\nsmall,{DAY},1,5,\n"
)
ORDERS = f"account_id,date,amount\nbig,{DAY},1000\n"


def test_portfolio_json_and_table(tmp_path: Path) -> None:
    db = tmp_path / "store" / "g.db"
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in {"accounts": ACCOUNTS, "account_values": VALUES, "orders": ORDERS}.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    done = run(db, "import", str(folder))
    assert done.returncode == 0, done.stderr
    shown = run(db, "portfolio", "--as-of", TODAY.isoformat(), "--json")
    assert shown.returncode == 0, shown.stderr
    rows = {r["account_id"]: r for r in json.loads(shown.stdout)}
    # big 4.3, mid 3.0, small 2.5: N = 3 -> 1 strategic, value up to 1, potential up to 2
    big, mid = rows["big"], rows["mid"]
    assert (big["tier"], big["tier_computed"], big["tier_override"]) == (
        "strategic",
        "strategic",
        False,
    )
    assert round(big["value_score"], 6) == 4.3
    assert (big["current"], big["future"], big["social"]) == (5.0, 4.0, 3.0)
    assert (big["quadrant"], big["rfm"]) == ("star", "1-1-1")
    assert (mid["tier"], mid["tier_computed"], mid["tier_override"]) == (
        "ordinary",
        "potential",
        True,
    )
    assert rows["small"]["tier"] == "ordinary" and rows["small"]["rfm"] is None
    assert all(isinstance(r["health"], float) for r in rows.values())
    # two worker processes: the same list
    both = run(db, "portfolio", "--as-of", TODAY.isoformat(), "--json", "--jobs", "2")
    assert both.returncode == 0, both.stderr
    assert json.loads(both.stdout) == json.loads(shown.stdout)
    book = tmp_path / "portfolio.xlsx"
    table = run(db, "portfolio", "--xlsx", str(book))
    assert table.returncode == 0 and "ordinary *" in table.stdout and "star" in table.stdout
    sheet = openpyxl.load_workbook(book)["portfolio"]
    assert [r[0] for r in sheet.iter_rows(values_only=True)][1:] == ["big", "mid", "small"]
    bad = run(db, "portfolio", "--as-of", "30/06/2026")
    assert bad.returncode == 2 and "--as-of" in bad.stderr


def test_portfolio_with_a_teams_settings(tmp_path: Path) -> None:
    db, access = tmp_path / "store" / "g.db", str(tmp_path / "access.db")
    AccessStore(access).create_team("east")
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in {"accounts": ACCOUNTS, "account_values": VALUES}.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    assert run(db, "import", str(folder)).returncode == 0
    args = ("--team", "east", "--access-db", access)
    future_only = '{"current": 0, "future": 1, "social": 0}'
    done = run(db, "settings", "set", "value_weights", future_only, *args)
    assert done.returncode == 0, done.stderr
    done = run(db, "settings", "set", "cadence_days", '{"potential": 75}', *args)
    assert done.returncode == 0, done.stderr

    def read(*extra: str) -> dict[str, tuple[str, float, int]]:
        shown = run(db, "portfolio", "--as-of", TODAY.isoformat(), "--json", *extra)
        assert shown.returncode == 0, shown.stderr
        rows = json.loads(shown.stdout)
        return {
            r["account_id"]: (r["tier_computed"], r["value_score"], r["cadence_days"]) for r in rows
        }

    # the future part alone: small 5, big 4, mid 3; N = 3 gives bounds (1, 1, 2)
    assert read(*args) == {
        "small": ("strategic", 5.0, 30),
        "big": ("potential", 4.0, 75),
        "mid": ("ordinary", 3.0, 180),  # mid's recorded tier is ordinary too
    }
    # without --team, the defaults: big 4.3, mid 3.0, small 2.5
    assert {a: t for a, (t, _, _) in read().items()} == {
        "big": "strategic",
        "mid": "potential",
        "small": "ordinary",
    }
    unknown = run(db, "portfolio", "--team", "west", "--access-db", access)
    assert unknown.returncode == 2


def test_outside_people_and_outside_influencers(tmp_path: Path) -> None:
    """An institute's engineer tied into two customers: listed once by ``portfolio
    --outside`` with both, and by each customer's ``analyse`` (not ranked there)."""
    db = tmp_path / "g.db"
    folder = tmp_path / "in"
    folder.mkdir()
    files = {
        "accounts": "id,name,kind\nacme,Acme,\nglobex,Globex,\ndi,Institute,design_institute\n",
        "people": "id,account_id,name\na1,acme,A1\ng1,globex,G1\neng,di,Eng Wang\n",
        "ties": "type,source_id,target_id,strength\ninfluences,eng,a1,0.8\nknows,eng,g1,0.5\n",
    }
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    assert run(db, "import", str(folder)).returncode == 0
    listed = run(db, "portfolio", "--outside", "--json")
    assert listed.returncode == 0, listed.stderr
    (eng,) = json.loads(listed.stdout)
    assert (eng["person_id"], eng["account_count"], [r["account_id"] for r in eng["reaches"]]) == (
        "eng",
        2,
        ["acme", "globex"],
    )
    table = run(db, "portfolio", "--outside")
    assert table.returncode == 0 and "eng" in table.stdout and "acme (1)" in table.stdout
    analysed = run(db, "analyse", "globex", "--json")
    assert analysed.returncode == 0, analysed.stderr
    result = json.loads(analysed.stdout)
    assert [p["person_id"] for p in result["importance"]] == ["g1"]  # not ranked
    (outside,) = result["outside_influencers"]
    assert (outside["person_id"], outside["ties"]) == (
        "eng",
        [{"type": "knows", "direction": "out", "person_id": "g1", "strength": 0.5}],
    )
    shown = run(db, "analyse", "acme")
    assert "Outside influencers" in shown.stdout and "Eng Wang" in shown.stdout
