"""Bombs sent to the service as a user runs it, and its memory measured: under 300 MB.

`graphcrm serve` runs in its own process on a real SQLite store; the test
sends a zip whose CSV unzips to 1 GiB of zeros, an XLSX whose sheet does the
same, a zip of 250 MiB of distinct rows (a ratio under the limit, a size
over it), one of 190 MiB (under the size limits, over the row limit), a zip
of 1,001 entries and JSON nested 100,000 deep. Each is
refused (413, or 422 for the JSON) and the store file is unchanged; then the
server process's peak resident memory (VmHWM in /proc) must be under 300 MB.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.api.test_server import cli, serving
from tests.io.bombs import MIB, deep_json, many_members_zip, rows_zip, xlsx_bomb, zeros_zip
from tests.io.helpers import digest
from tests.sample import small_account, write_json

MEMORY_LIMIT_MB = 300


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set size so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM in /proc status")


@dataclass
class Served:
    base: str
    key: str
    pid: int
    db: Path

    def upload(self, name: str, content: bytes) -> httpx.Response:
        return httpx.post(
            self.base + "/api/v1/imports",
            headers={"Authorization": f"Bearer {self.key}"},
            files={"file": (name, content)},
            timeout=120,
        )


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("bombs")
    made = cli(tmp, "keys", "create", "--team", "t", "--principal", "p", "--admin")
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip().splitlines()[-1]
    with serving(tmp) as running:
        server = Served(running.base, key, running.pid, tmp / "graph.db")
        seed = write_json(small_account(), tmp / "seed.json").read_bytes()
        assert server.upload("seed.json", seed).status_code == 201
        yield server


def test_bombs_are_refused_with_the_server_under_300_mb(served: Served, tmp_path: Path) -> None:
    started = peak_rss_mb(served.pid)
    before = digest(served.db)
    bombs = [
        ("zeros.zip", zeros_zip(tmp_path / "zeros.zip", expanded_mib=1024), 413,
         "compression_ratio_too_high"),
        ("book.xlsx", xlsx_bomb(tmp_path / "book.xlsx", expanded_mib=1024), 413,
         "compression_ratio_too_high"),
        ("rows.zip", rows_zip(tmp_path / "rows.zip", expanded_mib=250), 413,
         "expanded_too_large"),
        # Under every size limit, but some 800,000 rows: parsing stops past the 200,000th.
        ("long.zip", rows_zip(tmp_path / "long.zip", expanded_mib=190), 413, "too_many_rows"),
        ("many.zip", many_members_zip(tmp_path / "many.zip", members=1001), 413,
         "too_many_members"),
    ]  # fmt: skip
    for name, path, status, code in bombs:
        assert path.stat().st_size < 20 * MIB  # under the upload limit: the reader must refuse
        answer = served.upload(name, path.read_bytes())
        assert answer.status_code == status, (name, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["code"] == code, (name, answer.text)
        assert answer.json()["detail"].endswith("nothing was written")
    deep = served.upload("deep.json", deep_json(100_000))
    assert deep.status_code == 422 and "nested more than 64 deep" in deep.text
    assert digest(served.db) == before
    peak = peak_rss_mb(served.pid)
    print(f"server peak RSS: {started:.0f} MB after start, {peak:.0f} MB after the bombs")
    assert peak < MEMORY_LIMIT_MB
