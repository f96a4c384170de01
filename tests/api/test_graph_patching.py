"""Writes patch the cached graph, not drop it (issue 17 item 2).

For each kind of write through the API (a person added, changed, removed; a
tie; an attitude; a contact; a decision role; an interaction; a tie ended),
the analyses read next equal a fresh computation from the store (the cache
cleared, the graph built again from what is stored), and no graph was built
for them: the cached graph was patched. Floats are compared to 9 places (a
patched graph may sum the same terms in another order).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.api.conftest import ApiEnv

_TODAY = date.today().isoformat()
# Whole account and one opportunity's decision chain (a decision role moves the chain).
READS = [
    "/accounts/acme/importance",
    "/accounts/acme/key-people",
    "/accounts/acme/coverage",
    "/accounts/acme/next-targets",
    "/accounts/acme/fishbone",
    "/accounts/acme/coverage?opportunity=acme-cloud",
    "/accounts/acme/importance?opportunity=acme-cloud",
]
PERSON = {"id": "new-p", "name": "Gao", "department": "IT", "layer": "management"}
WRITES: list[tuple[str, str, str, dict[str, Any] | None]] = [
    ("person added", "post", "/accounts/acme/people", PERSON),
    ("tie added", "post", "/accounts/acme/ties",
     {"type": "influences", "source_id": "eng1", "target_id": "cfo", "strength": 0.7}),
    ("person changed", "patch", "/accounts/acme/people/cto", {"layer": "decision"}),
    ("attitude", "post", "/accounts/acme/attitudes",
     {"person_id": "cfo", "toward": "us", "level": 2}),
    ("attitude toward a rival", "post", "/accounts/acme/attitudes",
     {"person_id": "cto", "toward": "rival", "level": 1}),
    ("contact ended", "delete", "/accounts/acme/contacts/s-exec/cfo", None),
    ("contact", "post", "/accounts/acme/contacts",
     {"staff_id": "s-exec", "person_id": "eng1", "strength": 0.9}),
    ("decision role", "post", "/accounts/acme/decision-roles",
     {"opportunity_id": "acme-cloud", "person_id": "eng2", "role": "user"}),
    ("interaction", "post", "/accounts/acme/interactions",
     {"id": "i-new", "date": _TODAY, "type": "meeting", "staff_ids": ["s-ar"],
      "person_ids": ["eng1", "eng2"]}),
    ("tie ended", "delete", "/accounts/acme/ties/reports_to/eng2/cto", None),
    ("person removed", "delete", "/accounts/acme/people/cto", None),
]  # fmt: skip


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def _read_all(env: ApiEnv) -> list[Any]:
    answers = [env.get("a", path) for path in READS]
    assert all(a.status_code == 200 for a in answers), [a.text for a in answers]
    return [_rounded(a.json()) for a in answers]


def test_each_kind_of_write_patches_the_graph_and_reads_as_a_fresh_build(env: ApiEnv) -> None:
    cache = env.services.cache
    _read_all(env)  # the account's graphs are cached
    for what, method, path, body in WRITES:
        built, patched = cache.graphs_built, cache.graphs_patched
        kw = {} if body is None else {"json": body}
        answer = getattr(env, method)("a", path, **kw)
        assert answer.status_code in (200, 201, 204), (what, answer.text)
        assert cache.graphs_patched == patched + 2, what  # the account's and the chain's
        after_patch = _read_all(env)
        assert cache.graphs_built == built, f"{what}: the graph was built again"
        cache.clear()
        fresh = _read_all(env)  # from the store
        assert cache.graphs_built == built + 2
        assert after_patch == fresh, what


def test_a_graph_read_as_of_a_date_is_dropped_not_patched(env: ApiEnv) -> None:
    cache = env.services.cache
    past = "/accounts/acme/coverage?as_of=2026-02-01"
    before = env.get("a", past).json()
    env.get("a", "/accounts/acme/coverage")
    built = cache.graphs_built
    body = {"person_id": "eng1", "toward": "us", "level": 3, "as_of": "2026-01-20"}
    assert env.post("a", "/accounts/acme/attitudes", json=body).status_code == 201
    after = env.get("a", past).json()
    assert cache.graphs_built == built + 1  # the past is read again
    assert after != before
    now = env.get("a", "/accounts/acme/coverage").json()
    assert cache.graphs_built == built + 1  # the present was patched
    assert {p["person_id"]: p["level"] for p in now["people"]}["eng1"] == 3


@pytest.mark.parametrize("kind", ["import"])
def test_an_import_still_drops_the_graph(env: ApiEnv, kind: str) -> None:
    cache = env.services.cache
    env.get("a", "/accounts/acme/coverage")
    built, patched = cache.graphs_built, cache.graphs_patched
    body = b'{"attitudes": [{"person_id": "ceo", "toward": "us", "level": 3}]}'
    assert env.post("a", "/imports", files={"file": ("x.json", body)}).status_code == 201
    levels = {
        p["person_id"]: p["level"] for p in env.get("a", "/accounts/acme/coverage").json()["people"]
    }
    assert levels["ceo"] == 3 and cache.graphs_built == built + 1
    assert cache.graphs_patched == patched


def test_a_contact_of_staff_new_to_the_account_is_patched_in(env: ApiEnv) -> None:
    """The graph has no node for a staff member with no contact in the account yet: the
    patch reads their row from the store and adds the node with the contact (patched
    without it, the contact was lost: health read 0). Now patched, not built again (the
    rows path, issue 17): the reads equal a fresh build and eng1 is covered."""
    cache = env.services.cache
    assert env.post("a", "/staff", json={"id": "s-new", "name": "Xu"}).status_code == 201
    _read_all(env)
    built, patched = cache.graphs_built, cache.graphs_patched
    body = {"staff_id": "s-new", "person_id": "eng1", "strength": 0.9}
    assert env.post("a", "/accounts/acme/contacts", json=body).status_code == 201
    after = _read_all(env)
    assert (cache.graphs_built, cache.graphs_patched) == (built, patched + 2)
    cache.clear()
    assert after == _read_all(env)
    covered = {p["person_id"]: p["coverage"] for p in after[2]["people"]}
    assert covered["eng1"] > 0
