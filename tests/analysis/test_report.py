"""The full analysis as JSON-ready dicts, and the ``analyse`` command that prints it."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from graphcrm.analysis.report import PARTS, full_analysis
from graphcrm.cli_analyse import analyse
from graphcrm.cli_support import set_store_url
from graphcrm.graph import build_account_graph
from graphcrm.stores import SQLiteStore
from tests.sample import small_account

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
IMPORTANCE_KEYS = {
    "person_id",
    "name",
    "known_by_many",
    "depended_on_by_many",
    "important_neighbours",
    "known_by",
    "direct_dependents",
    "dependents_within_horizon",
    "dependency_score",
    "pagerank",
    "composite",
    "rank",
    "formal_power",
    "quadrant",
    "formal_power_basis",
}


def test_parts_and_shapes() -> None:
    g = build_account_graph(small_account(), "acme", as_of=date(2026, 11, 1))
    result = full_analysis(g)
    assert set(result) == {
        "account",
        "opportunity",
        "as_of",
        "parameters",
        "importance",
        "key_people",
        "coverage",
        "next_targets",
        "fishbone",
    }
    assert result["account"] == {"id": "acme", "name": "Acme 集团"}
    assert result["opportunity"] is None and result["as_of"] == "2026-11-01"
    assert result["parameters"]["k"] == 3 and result["parameters"]["horizon"] == 3
    assert [p["person_id"] for p in result["importance"]] == ["ceo", "cto", "cfo", "eng1", "eng2"]
    assert all(set(p) == IMPORTANCE_KEYS for p in result["importance"])
    assert [k["person_id"] for k in result["key_people"]] == ["ceo", "cto", "cfo"]
    assert set(result["key_people"][0]) == {
        "person_id",
        "name",
        "rank",
        "composite",
        "reasons",
        "explanation",
    }
    assert 0 <= result["coverage"]["health"] <= 100
    assert {"health", "people", "gaps"} <= set(result["coverage"])
    assert result["fishbone"]["head"]["name"] == "Acme 集团"
    # Plain JSON types only: a round trip changes nothing.
    assert json.loads(json.dumps(result, ensure_ascii=False)) == result


def test_every_part_uses_the_same_ranking_and_key_people(monkeypatch: pytest.MonkeyPatch) -> None:
    module = sys.modules["graphcrm.analysis.importance"]
    calls = []
    real = module._pagerank

    def counting(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(module, "_pagerank", counting)
    g = build_account_graph(small_account(), "acme", as_of=date(2026, 11, 1))
    result = full_analysis(g, k=1)
    assert len(calls) == 1  # importance computed once, passed on
    key = [k["person_id"] for k in result["key_people"]]
    assert key == ["ceo", "cfo"]  # top 1 plus the approver
    assert result["coverage"]["key_people"] == key
    marked = [p["person_id"] for b in result["fishbone"]["bones"] for p in b["people"] if p["key"]]
    assert sorted(marked) == sorted(key)
    composite = {p["person_id"]: p["composite"] for p in result["importance"]}
    for t in result["next_targets"]:
        assert t["person_id"] in key
        assert t["parts"]["composite"] == composite[t["person_id"]]


def test_parameters_reach_each_part() -> None:
    g = build_account_graph(small_account(), "acme", as_of=date(2026, 11, 1))
    result = full_analysis(
        g, weights=(1, 0, 0), horizon=None, group_by="layer", target_level=3, weak_below=0.9
    )
    assert result["parameters"]["weights"] == {
        "known_by_many": 1.0,
        "depended_on_by_many": 0.0,
        "important_neighbours": 0.0,
    }
    assert all(p["composite"] == p["known_by_many"] for p in result["importance"])
    assert result["fishbone"]["group_by"] == "layer"
    assert result["coverage"]["parameters"]["weak_below"] == 0.9
    assert all(t["parts"]["target_level"] in (2, 3) for t in result["next_targets"])
    with pytest.raises(ValueError):
        full_analysis(g, group_by="team")  # type: ignore[arg-type]


def test_timings() -> None:
    timings: dict[str, float] = {}
    full_analysis(build_account_graph(small_account(), "acme"), timings=timings)
    assert list(timings) == list(PARTS) and all(t >= 0 for t in timings.values())


def test_opportunity() -> None:
    g = build_account_graph(small_account(), "acme", opportunity_id="acme-cloud")
    result = full_analysis(g)
    assert result["opportunity"] == {"id": "acme-cloud", "name": "Cloud migration"}
    assert {p["person_id"] for p in result["importance"]} == {"ceo", "cto", "cfo"}
    assert result["fishbone"]["head"]["kind"] == "opportunity"


def test_demo_story() -> None:
    if not (DEMO / "telecom-zh" / "people.csv").exists():
        pytest.skip("fixtures/demo/telecom-zh not written yet")
    from graphcrm.io import load_path

    data = load_path(DEMO / "telecom-zh").dataset
    g = build_account_graph(data, "jiangnan-mobile", as_of=date(2026, 11, 1))
    result = full_analysis(g)
    top = result["importance"][0]
    assert (top["person_id"], top["quadrant"]) == ("jn-huangzhicheng", "hidden_influencer")
    targets = [t["person_id"] for t in result["next_targets"]]
    assert targets[:2] == ["jn-huangzhicheng", "jn-chenzhiyuan"]  # fixtures/README.md
    path = result["next_targets"][1]["best_path"]
    assert [path["staff_id"], *(p["person_id"] for p in path["people"])] == [
        "st-zh-ar",
        "jn-sunweidong",
        "jn-chenzhiyuan",
    ]


# --- the analyse command --------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path: Path) -> Iterator[typer.Typer]:
    store = SQLiteStore(tmp_path / "g.db")
    store.write(small_account(), on=date(2026, 1, 1))
    store.close()
    app = typer.Typer()

    @app.callback()
    def _options() -> None:
        set_store_url(f"sqlite:///{tmp_path / 'g.db'}")

    app.command()(analyse)
    yield app
    set_store_url(None)


def run(app: typer.Typer, *args: str) -> Any:
    return CliRunner().invoke(app, ["analyse", *args], env={"COLUMNS": "200"})


def test_tables(cli: typer.Typer) -> None:
    done = run(cli, "acme")
    assert done.exit_code == 0, done.output
    out = done.stdout
    assert "Key people" in out
    # the id in its own column, never cut, the name beside it (issue 12 item 8)
    assert re.search(r"│ ceo +│ 王总 +│", out) and re.search(r"│ cto +│ Chen +│", out)
    assert "hidden influencer 隐性影响者" in out  # the cto
    assert "Relationship health" in out and "Coverage gaps" in out and "Next targets" in out


def test_json(cli: typer.Typer) -> None:
    done = run(cli, "acme", "--json", "--opportunity", "acme-cloud", "--as-of", "2026-11-01")
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    assert result["opportunity"]["id"] == "acme-cloud" and result["as_of"] == "2026-11-01"
    assert {p["person_id"] for p in result["importance"]} == {"ceo", "cto", "cfo"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ghost",), "no account 'ghost'"),
        (("acme", "--opportunity", "nope"), "no opportunity 'nope'"),
        (("acme", "--as-of", "2026-13-01"), "is not a date"),
        (("acme", "--as-of", "2025-01-01"), "no account 'acme'"),  # before it was written
    ],
)
def test_bad_input_exits_2(cli: typer.Typer, args: tuple[str, ...], message: str) -> None:
    done = run(cli, *args)
    assert done.exit_code == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""
