"""``graphcrm settings show|set`` and ``analyse --team``, run as the real command."""

from __future__ import annotations

import json
from pathlib import Path

from graphcrm.access import AccessStore
from tests.sample import small_account, write_json
from tests.test_cli import run


def test_set_show_and_analyse_with_a_teams_settings(tmp_path: Path) -> None:
    db, access = tmp_path / "g.db", str(tmp_path / "access.db")
    AccessStore(access).create_team("east")
    source = tmp_path / "acme.json"
    write_json(small_account("acme"), source)
    assert run(db, "import", str(source)).returncode == 0

    bad = run(db, "settings", "set", "half_life_days", "0", "--team", "east", "--access-db", access)
    assert bad.returncode == 2
    assert "half_life_days" in bad.stderr
    only_rule_1 = '{"known_by_many": 1, "depended_on_by_many": 0, "important_neighbours": 0}'
    args = ("--team", "east", "--access-db", access)
    done = run(db, "settings", "set", "rule_weights", only_rule_1, *args, "--from", "2026-01-01")
    assert done.returncode == 0, done.stderr
    shown = json.loads(run(db, "settings", "show", *args, "--json").stdout)
    assert shown["version"] == 1
    assert shown["settings"]["rule_weights"]["depended_on_by_many"] == 0

    result = json.loads(run(db, "analyse", "acme", "--json", *args).stdout)
    assert result["settings_version"] == 1
    assert all(p["composite"] == p["known_by_many"] for p in result["importance"])
    plain = json.loads(run(db, "analyse", "acme", "--json").stdout)
    assert plain["settings_version"] == 0
    assert plain["importance"] != result["importance"]
