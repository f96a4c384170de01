"""Find anyone (DESIGN.md "Editing where you read"; issue 11 item 6).

People, accounts and our staff whose name, title or department (a staff
member's team; an account's id) holds the query, a case-insensitive substring
(ASCII letters fold; Chinese matches as written, no pinyin), across the
accounts the team owns: another team's accounts and people never appear.
Staff are shared by every team, as their list is. The store does the
matching, one query per table (``GraphStore.search``), rather than loading
every account.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphcrm.access.team import TeamStore
from graphcrm.errors import RecordError, ValidationFailed
from graphcrm.model import Account, Person, Record, Staff
from graphcrm.stores.base import SEARCH_FIELDS

__all__ = ["MAX_QUERY", "MAX_RESULTS", "SearchHit", "search"]

MAX_QUERY = 200  # characters
MAX_RESULTS = 100
_KINDS = {"accounts": "account", "people": "person", "staff": "staff"}


@dataclass(frozen=True)
class SearchHit:
    """One record found: its kind, id, account (None for staff), label and the fields
    that hold the query."""

    kind: str
    id: str
    account_id: str | None
    label: str
    matched: tuple[str, ...]


def search(team: TeamStore, query: str, limit: int = 20) -> list[SearchHit]:
    """What ``query`` finds among the team's accounts and people, and our staff.

    People first, then accounts, then staff, each by id; at most ``limit`` in all.
    ValidationFailed (field ``q``) for a blank query, one over MAX_QUERY
    characters, or a limit outside 1..MAX_RESULTS.
    """
    text = query.strip()
    problem = None
    if not text:
        problem = "give something to look for"
    elif len(text) > MAX_QUERY:
        problem = f"at most {MAX_QUERY} characters"
    if problem is not None:
        raise ValidationFailed([RecordError("search", None, "q", problem)])
    if not 1 <= limit <= MAX_RESULTS:
        raise ValidationFailed(
            [RecordError("search", None, "limit", f"from 1 to {MAX_RESULTS}, not {limit}")]
        )
    owned = team.access.owned_accounts(team.principal.team_id)
    found = team.store.search(text, account_ids=owned, limit=limit)
    hits = [
        _hit(table, record, text.lower())
        for table in ("people", "accounts", "staff")
        for record in found[table]
    ]
    return hits[:limit]


def _hit(table: str, record: Record, needle: str) -> SearchHit:
    fields = record.model_dump()
    matched = tuple(
        f for f in SEARCH_FIELDS[table] if fields.get(f) and needle in str(fields[f]).lower()
    )
    if isinstance(record, Person):
        label, account = (
            f"{record.name} ({record.title})" if record.title else record.name,
            record.account_id,
        )
    elif isinstance(record, Account):
        label, account = record.name, record.id
    elif isinstance(record, Staff):
        label, account = record.name, None
    else:
        raise TypeError(f"search found a {type(record).__name__} in {table}")
    return SearchHit(_KINDS[table], record.key[0], account, label, matched)
