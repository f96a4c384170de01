"""`graphcrm import` within its limits: bombs, deep JSON, size and rows exit 2, nothing written.

Run as a user runs it: the installed command in its own process on a real
SQLite file. The command's own peak memory is read from the kernel's
accounting of that one process (``os.wait4`` in a small launcher).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graphcrm.io import ImportLimits
from graphcrm.io.limits import MIB
from tests.io.bombs import deep_json, rows_zip, xlsx_bomb, zeros_zip
from tests.io.helpers import valid_folder
from tests.sample import small_account, write_json
from tests.test_cli import GRAPHCRM, digest, run


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    db = tmp_path / "store" / "g.db"
    assert run(db, "import", str(write_json(small_account(), tmp_path / "ok.json"))).returncode == 0
    return db


# Runs the command and reports its peak RSS. A launcher, because Linux carries a process's
# peak across exec: a child forked straight from pytest (hundreds of MB late in the suite)
# would report pytest's size, not the command's.
_LAUNCHER = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[2:])\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def import_measured(db: Path, *args: str) -> tuple[int, str, float]:
    """Run ``graphcrm import ARGS``: exit code, stderr, and the command's peak RSS in MB."""
    peak = db.parent / "peak-kb.txt"
    command = [GRAPHCRM, "--store", f"sqlite:///{db}", "import", *args]
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, str(peak), *command],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "300", "HOME": str(db.parent)},
    )
    return done.returncode, done.stderr, int(peak.read_text()) / 1024


@pytest.mark.parametrize(
    ("name", "build", "fragment"),
    [
        ("zeros.zip", lambda p: zeros_zip(p, expanded_mib=1024), "over 200 times"),
        ("book.xlsx", lambda p: xlsx_bomb(p, expanded_mib=1024), "over 200 times"),
    ],
)
def test_bombs_exit_2_in_little_memory(seeded: Path, tmp_path: Path, name, build, fragment):
    path = build(tmp_path / name)
    before = digest(seeded)
    code, stderr, peak_mb = import_measured(seeded, str(path))
    assert code == 2, stderr
    assert "Traceback" not in stderr and fragment in stderr and "nothing was written" in stderr
    assert digest(seeded) == before
    print(f"graphcrm import {name}: peak RSS {peak_mb:.0f} MB")
    assert peak_mb < 300, peak_mb


def test_the_limits_are_flags(seeded: Path, tmp_path: Path) -> None:
    path = rows_zip(tmp_path / "rows.zip", expanded_mib=3)
    before = digest(seeded)
    code, stderr, _ = import_measured(seeded, str(path), "--max-expanded-mb", "2")
    assert code == 2 and "unzips to more than 2.0 MiB" in stderr
    code, stderr, _ = import_measured(seeded, str(path), "--max-ratio", "5")
    assert code == 2 and "over 5 times its compressed size" in stderr
    code, stderr, _ = import_measured(seeded, str(path), "--max-members", "1")  # one is fine
    assert code == 0, stderr
    assert digest(seeded) != before


def test_size_and_row_limits(seeded: Path, tmp_path: Path) -> None:
    folder = valid_folder(tmp_path / "in")  # 7 rows, a few hundred bytes
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (2 * MIB) + b"{}")
    before = digest(seeded)
    code, stderr, _ = import_measured(seeded, str(folder), "--max-rows", "6")
    assert code == 2 and "at least 7 rows" in stderr
    code, stderr, _ = import_measured(seeded, str(big), "--max-size-mb", "1")
    assert code == 2 and "big.json: 2.0 MiB to read; at most 1.0 MiB" in stderr
    assert digest(seeded) == before
    code, stderr, _ = import_measured(seeded, str(folder), "--max-rows", "7")
    assert code == 0, stderr


def test_deep_json_exits_2_without_a_traceback(seeded: Path, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(deep_json(100_000))
    before = digest(seeded)
    code, stderr, _ = import_measured(seeded, str(path))
    assert code == 2 and "Traceback" not in stderr
    assert "deep.json: arrays and objects nested more than 64 deep" in stderr
    assert digest(seeded) == before


def test_the_flags_default_to_the_command_line_limits() -> None:
    shown = subprocess.run(
        [GRAPHCRM, "import", "--help"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"},
        check=True,
    ).stdout
    limits = ImportLimits.command_line()
    for flag, value in (
        ("--max-size-mb", (limits.max_file_bytes or 0) // MIB),
        ("--max-rows", limits.max_rows),
        ("--max-expanded-mb", (limits.max_expanded_bytes or 0) // MIB),
        ("--max-ratio", limits.max_ratio),
        ("--max-members", limits.max_members),
    ):
        line = next(x for x in shown.splitlines() if flag in x)
        assert f"[default: {value}]" in line, (flag, line)
