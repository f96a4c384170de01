"""`make run` asks for the port before anything else and installs only what serving needs
(issue 12 item 11). Runs the real make on this repository."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *args, f"PYTHON={sys.executable}"],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_make_run_on_a_busy_port_stops_first_and_changes_nothing(tmp_path: Path) -> None:
    data = ROOT / "data"
    before = {p: p.stat().st_mtime_ns for p in data.rglob("*")} if data.exists() else {}
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = make("run", f"PORT={port}", f"VENV={tmp_path / 'venv'}")
    assert done.returncode != 0
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr
    assert "nothing was changed" in done.stderr and f"PORT={port + 1}" in done.stderr
    assert not (tmp_path / "venv").exists()  # not even the install ran
    after = {p: p.stat().st_mtime_ns for p in data.rglob("*")} if data.exists() else {}
    assert after == before


def test_a_free_port_passes_the_check() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert make("port-free", f"PORT={port}").returncode == 0


def test_make_run_installs_the_serving_dependencies_only(tmp_path: Path) -> None:
    planned = make("-n", "run", f"VENV={tmp_path / 'venv'}", "PORT=8000")
    assert planned.returncode == 0, planned.stderr
    installs = [line for line in planned.stdout.splitlines() if "pip install" in line]
    assert installs and all(line.rstrip().endswith("-e .") for line in installs), installs
    assert "[test]" not in planned.stdout
    # the port check is the first thing run does
    first = next(line for line in planned.stdout.splitlines() if line.strip())
    assert "scripts/port_free.py" in first
    # make test still installs the test extras
    tested = make("-n", "test", f"VENV={tmp_path / 'venv2'}")
    assert "-e '.[test]'" in tested.stdout
