"""Schemathesis against the live service: every operation, every check, the stateful phase.

`graphcrm serve` runs in its own process on a temporary SQLite store holding the
account the OpenAPI examples describe (Acme), and schemathesis' own command
(``st run``) fuzzes it over HTTP with team A's admin key (its operator key for
the two operations only an operator may call): the document's
examples, the coverage phase (boundary and invalid values of each parameter),
generated requests, and the stateful phase, which follows the document's links
(create a person, then read, replace and delete it). A fixed seed and a bounded
number of examples per operation keep it reproducible and within the suite's
time (about two minutes on 2 cores, printed with the summary).

Every check is on: no 5xx, every status, content type, header and body as
documented, invalid data refused, ``Allow`` on 405 naming every method, and no
schema-valid request refused unless the refusal is a rule the document states
on that operation (``x-refused-when``, see tests/api/fuzz_hooks.py).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from api.examples import example_dataset
from graphcrm.access import AccessStore, TeamStore
from graphcrm.stores import open_store
from tests.api.test_server import ROOT, _env, cli, serving

ST = str(Path(sys.executable).parent / "st")
SEED = 20251204
MAX_EXAMPLES = 8  # per operation and phase: the suite's time is bounded (10 minutes)
#: Only a guard against a hung run; how long a run takes is printed, not asserted (a timed
#: test fails on a loaded machine, and speed targets live in the benchmarks).
HANG_SECONDS = 900


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str, Path]]:
    """A served store with the example account; its base URL, team A's admin and operator
    keys, and the folder."""
    tmp = tmp_path_factory.mktemp("fuzz")
    made = cli(tmp, "keys", "create", "--team", "team-a", "--principal", "a", "--admin")
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip().splitlines()[-1]
    made = cli(tmp, "keys", "create", "--team", "team-a", "--principal", "op", "--operator")
    assert made.returncode == 0, made.stderr
    operator_key = made.stdout.strip().splitlines()[-1]
    store = open_store(f"sqlite:///{tmp / 'graph.db'}")
    with AccessStore(tmp / "access.db") as access:
        TeamStore(store, access, access.authenticate(key)).write(
            example_dataset(), on=date(2025, 1, 1)
        )
    store.close()
    with serving(tmp) as running:
        yield running.base, key, operator_key, tmp


def test_schemathesis_finds_nothing_against_the_live_server(
    live: tuple[str, str, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    base, key, operator_key, tmp = live
    reports = tmp / "reports"
    excused = tmp / "excused.txt"
    started = time.monotonic()
    run = subprocess.run(
        [
            ST,
            "run",
            f"{base}/openapi.json",
            "--checks",
            "all",
            # Replaced by tests/api/fuzz_hooks.py's check: the same, minus documented rules.
            "--exclude-checks",
            "positive_data_acceptance",
            "--phases",
            "examples,coverage,fuzzing,stateful",
            "--seed",
            str(SEED),
            "--max-examples",
            str(MAX_EXAMPLES),
            "--workers",
            "1",
            "--request-timeout",
            "30",
            "--report",
            "json",
            "--report-dir",
            str(reports),
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=HANG_SECONDS,
        cwd=tmp,
        env={
            **_env(tmp),
            "SCHEMATHESIS_HOOKS": "tests.api.fuzz_hooks",
            "GRAPHCRM_FUZZ_EXCUSED": str(excused),
            # The keys, set by the hooks' auth provider (the operator's for operator-only work).
            "GRAPHCRM_FUZZ_KEY": key,
            "GRAPHCRM_FUZZ_OPERATOR_KEY": operator_key,
            "GRAPHCRM_FUZZ_KEY_ID": key.split("_")[1],  # gcrm_<id>_<secret>
            "GRAPHCRM_FUZZ_TEAM": "team-a",
            "PYTHONPATH": str(ROOT),
        },
    )
    seconds = time.monotonic() - started
    output = run.stdout + run.stderr
    (tmp / "schemathesis.txt").write_text(output)  # the whole report, kept with the run
    assert run.returncode == 0, output[-20000:]
    assert "Traceback" not in (tmp / "server.log").read_text()
    summary = _summary(reports, output)
    assert summary["operations"] > 70, summary
    assert summary["links_covered"] > 0, output[-5000:]
    rules = excused.read_text().splitlines() if excused.exists() else []
    with capsys.disabled():
        print(
            f"\nschemathesis (live, seed {SEED}, {MAX_EXAMPLES} examples): "
            f"{summary['operations']} operations, {summary['cases']} cases, "
            f"stateful links covered {summary['links_covered']}, 0 failures, "
            f"{len(rules)} refusals by documented rules, {seconds:.0f} s"
        )


def _summary(reports: Path, output: str) -> dict[str, int]:
    """Numbers from the CLI's summary (the JSON report holds the same run)."""
    assert list(reports.glob("*.json")), output[-5000:]
    out = {"operations": 0, "cases": 0, "links_covered": 0}
    for line in output.splitlines():
        words = line.split()
        if line.strip().startswith("Tested:"):
            out["operations"] = int(words[-1])
        elif "generated," in line and words[0].isdigit():
            out["cases"] = int(words[0])
        elif line.strip().startswith("API Links:"):
            out["links_covered"] = int(words[2])
    return out
