"""Who changed each record a page's forms edit, and when (issue 11 item 7; DESIGN.md
"Editing where you read").

The history is the core's (``graphcrm.access.history``: each stored version joined
with the audit entry of the request that wrote it); this module names the request
paths that write a record, the REST API's and the pages' own form posts, and reads
the history of every record a page lists with one read of the audit log.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graphcrm.access import TeamStore
from graphcrm.access.history import Change, records_history
from graphcrm.stores.base import Key

__all__ = ["EARLIER", "histories", "shown", "write_paths"]

API = "/api/v1"
UI = "/ui"
#: Earlier versions a form lists under its "last changed" line.
EARLIER = 5

#: Each table's path under an account in the REST API, and the pages' form posts
#: (under /ui/accounts/<id>) that write its records.
_API = {
    "people": "people",
    "ties": "ties",
    "contacts": "contacts",
    "plans": "plans",
    "actions": "actions",
    "decision_roles": "decision-roles",
    "attitudes": "attitudes",
}
_FORMS = {
    "people": ("people", "people/{0}", "people/{0}/remove"),
    "ties": ("ties", "ties/remove"),
    "contacts": ("contacts", "contacts/end", "what-if/save"),
    "plans": ("plans",),
    "actions": ("actions", "actions/status"),
    "decision_roles": ("decision-roles", "decision-roles/remove"),
    "attitudes": ("attitudes", "what-if/save"),
}


def write_paths(table: str, account_id: str, key: Key) -> set[str]:
    """The request paths that write the record ``table``/``key``: the REST API's (its
    own, its collection's) and the pages' form posts (one write path, two doors). None
    for a table no page form writes (its API route names its own)."""
    if table not in _API:
        return set()
    collection = f"{API}/accounts/{account_id}/{_API[table]}"
    forms = {f"{UI}/accounts/{account_id}/{form.format(*key)}" for form in _FORMS[table]}
    return {collection, f"{collection}/{'/'.join(key)}", *forms}


def histories(
    team: TeamStore, table: str, account_id: str, keys: Sequence[Key]
) -> dict[Key, list[Change]]:
    """Each record's versions (by its key), newest first, with who wrote each (None:
    outside the API and the pages, such as an import from the command line)."""
    return records_history(
        team, table, keys, account_id, lambda k: write_paths(table, account_id, k)
    )


def shown(changes: Sequence[Change]) -> dict[str, Any]:
    """What a form shows of a record's history: its current version (ETag, for the
    hidden version field), the last change (who, when) and the earlier versions."""
    if not changes:
        return {"version": "", "last": None, "earlier": []}
    rows = [
        {
            "by": c.by or "",
            "on": c.recorded_at[:10],
            "at": c.recorded_at[:16].replace("T", " "),
            "changed": ", ".join(c.changed),
        }
        for c in changes
    ]
    current = changes[0].etag if changes[0].valid_to is None else ""
    return {"version": current, "last": rows[0], "earlier": rows[1 : 1 + EARLIER]}
