"""Shared records (staff, competitors) and the teams whose accounts use them.

Every team sees every staff member and competitor, and a change to one shows
in every account that uses it: renaming a staff member renames them in each
account's contacts and plans; deleting a competitor ends every attitude
toward it. The rule (applied by ``TeamStore``): any writing key may add new
shared records; a team admin may change or delete one only while no account
outside its team uses it now; otherwise (and for any record) it takes an
operator key. An account "uses" a staff member its current contacts, plans or
actions name, and a competitor its current attitudes name (what the store's
``account_data`` reports as the account's staff and competitors).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from graphcrm.stores.base import GraphStore

__all__ = ["used_outside"]


def used_outside(
    store: GraphStore, table: str, ids: Iterable[str], accounts: Collection[str]
) -> list[str]:
    """Those of ``ids`` (staff or competitor ids) used now by an account not in ``accounts``."""
    inside = set(accounts)
    return sorted(i for i in set(ids) if store.accounts_using(table, i) - inside)
