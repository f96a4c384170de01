"""graphcrm.access.audit: the audit log on a real access database, through its own interface."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphcrm.access import AccessStore, AuditQuery, Principal
from graphcrm.access.audit import AuditLog


@pytest.fixture
def access(tmp_path: Path) -> Iterator[AccessStore]:
    with AccessStore(tmp_path / "access.db") as store:
        yield store


def _who(team: str, name: str) -> Principal:
    return Principal(f"k-{name}", name, team, 1, admin=False, read_only=False)


def _log(log: AuditLog, who: Principal | None, path: str, action: str = "read") -> None:
    log.record(
        who, action=action, method="GET", route="/x", path=path, account_id="acme", status=200
    )


def test_entries_are_listed_newest_first_and_filtered_by_team(access: AccessStore) -> None:
    log = access.audit_log
    _log(log, _who("red", "ann"), "/api/v1/accounts/acme")
    _log(log, _who("blue", "bo"), "/api/v1/accounts/acme/people", action="write")
    _log(log, None, "/api/v1/health")
    _log(log, _who("red", "cy"), "/api/v1/accounts/acme/ties")

    red, total = log.entries(AuditQuery(team="red"))
    assert total == 2
    assert [(e.principal, e.path) for e in red] == [
        ("cy", "/api/v1/accounts/acme/ties"),
        ("ann", "/api/v1/accounts/acme"),
    ]
    page, total = log.entries(AuditQuery(limit=2, offset=1))
    assert total == 4 and [e.path for e in page] == [
        "/api/v1/health",
        "/api/v1/accounts/acme/people",
    ]
    anonymous = page[0]
    assert (anonymous.key_id, anonymous.principal, anonymous.team) == (None, None, None)
    # The store's own door is the same log.
    assert access.audit(AuditQuery(action="write")) == log.entries(AuditQuery(action="write"))


def test_the_since_and_until_bounds(access: AccessStore) -> None:
    log = access.audit_log
    for n in range(3):
        _log(log, _who("red", "ann"), f"/p/{n}")
    at = [e.at for e in reversed(log.entries(AuditQuery())[0])]
    between, total = log.entries(AuditQuery(since=at[1], until=at[2]))
    assert total == 1 and [e.path for e in between] == ["/p/1"]


def test_an_id_is_named_only_as_a_whole_segment(access: AccessStore) -> None:
    log = access.audit_log
    who = _who("red", "ann")
    for path in (
        "/api/v1/accounts/acme/people/jn-chen",
        "/api/v1/accounts/acme/people/jn-chenzhiyuan",
        "/api/v1/accounts/acme/people/jn-chen/attitudes",
        "/x-jn-chen/y",
        "/jn-chen",
    ):
        _log(log, who, path)
    assert [e.path for e in log.entries_naming("jn-chen")] == [
        "/api/v1/accounts/acme/people/jn-chen",
        "/api/v1/accounts/acme/people/jn-chen/attitudes",
        "/jn-chen",
    ]


def test_anonymise_rewrites_the_segment_and_leaves_no_old_text_in_the_file(
    access: AccessStore,
) -> None:
    log = access.audit_log
    who = _who("red", "ann")
    _log(log, who, "/api/v1/accounts/acme/people/jn-chenzhiyuan")
    _log(log, who, "/api/v1/accounts/acme/people/jn-chenzhiyuan/plan", action="write")
    _log(log, who, "/api/v1/accounts/acme/people/jn-chenzhiyuanx")

    assert log.anonymise("jn-chenzhiyuan", "erased-0123456789abcdef") == 2
    assert log.entries_naming("jn-chenzhiyuan") == []
    paths = [e.path for e in reversed(log.entries(AuditQuery())[0])]
    assert paths == [
        "/api/v1/accounts/acme/people/erased-0123456789abcdef",
        "/api/v1/accounts/acme/people/erased-0123456789abcdef/plan",
        "/api/v1/accounts/acme/people/jn-chenzhiyuanx",
    ]
    # The entries keep who, what and when; only the id changed.
    (entry,) = log.entries(AuditQuery(action="write"))[0]
    assert (entry.principal, entry.team, entry.method, entry.status) == ("ann", "red", "GET", 200)
    files = [p for p in access.path.parent.iterdir() if p.name.startswith(access.path.name)]
    raw = b"".join(p.read_bytes() for p in files)
    assert raw.count(b"jn-chenzhiyuan") == 1  # the third entry's "jn-chenzhiyuanx" only
    assert b"jn-chenzhiyuanx" in raw


def test_the_log_is_written_to_the_access_file(tmp_path: Path) -> None:
    with AccessStore(tmp_path / "access.db") as store:
        _log(store.audit_log, _who("red", "ann"), "/p")
    with sqlite3.connect(tmp_path / "access.db") as conn:
        rows = conn.execute("SELECT principal, team, path, status FROM audit").fetchall()
    assert rows == [("ann", "red", "/p", 200)]
