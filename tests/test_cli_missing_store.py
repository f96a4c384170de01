"""A CLI read of a store that does not exist says so and creates nothing (issue 12 item 11)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.sample import small_account, write_json

GRAPHCRM = str(Path(sys.executable).parent / "graphcrm")


def run(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [GRAPHCRM, "--store", f"sqlite:///{store}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "160", "HOME": str(store.parent)},
    )


@pytest.mark.parametrize(
    "args",
    [
        ("accounts",),
        ("show", "acme"),
        ("analyse", "acme"),
        ("export", "acme", "out.json", "--format", "json"),
        ("review", "acme"),
        ("plan", "acme", "--from-next-targets", "1"),
    ],
)
def test_reading_a_missing_store_exits_2_and_creates_nothing(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    store = tmp_path / "missing" / "dir" / "x.db"
    done = run(store, *args)
    assert done.returncode == 2, done.stdout
    assert f"no store at {store}" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "missing").exists()


def test_an_import_still_creates_the_store(tmp_path: Path) -> None:
    store = tmp_path / "new" / "g.db"
    source = write_json(small_account(), tmp_path / "acme.json")
    assert run(store, "import", str(source)).returncode == 0
    assert store.exists()
    listed = run(store, "accounts")
    assert listed.returncode == 0 and "acme" in listed.stdout
    nobody = run(store, "show", "nobody")  # the store exists: the account is what is missing
    assert nobody.returncode == 2 and "no account 'nobody'" in nobody.stderr
