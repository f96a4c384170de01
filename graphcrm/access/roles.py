"""Who may administer what: the operator (the whole service) and team admins (their own team).

Three kinds of key: a plain key works in its team's accounts; a team admin
key also manages its own team's keys, reads its own team's audit and sees its
own team's accounts in the ownership list; an operator key runs the whole
service: creates teams, gives accounts to teams, manages any team's keys,
reads every team's audit and changes shared records (staff, competitors)
that other teams' accounts use. Operator keys are made only with the CLI
(``graphcrm keys create --operator``), by whoever holds the access database.

A team admin asking about another team is answered as if it did not exist:
another team's key revoked reads "no key", a key created in another team reads
"no team", another team's audit and keys read as empty lists. ``TeamAdmin`` is
the one place these rules are applied; the API's admin routes only call it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from graphcrm.access.errors import PermissionDenied
from graphcrm.access.store import (
    AccessStore,
    AuditEntry,
    AuditQuery,
    KeyInfo,
    NewKey,
    Principal,
    Team,
)
from graphcrm.access.team import account_owners
from graphcrm.errors import NotFoundError
from graphcrm.stores.base import GraphStore

__all__ = ["TeamAdmin", "require_admin", "require_operator"]


def require_admin(principal: Principal) -> None:
    """PermissionDenied (``admin_required``) unless the key is a team admin or an operator."""
    if not principal.admin:
        raise PermissionDenied("this needs an admin key", code="admin_required")


def require_operator(principal: Principal, what: str) -> None:
    """PermissionDenied (``operator_required``) unless the key is an operator's."""
    require_admin(principal)
    if not principal.operator:
        raise PermissionDenied(
            f"{what} needs an operator key; a team admin key manages its own team only",
            code="operator_required",
        )


@dataclass
class TeamAdmin:
    """Administration as one admin key may do it (operator: every team; team admin: its own)."""

    access: AccessStore
    principal: Principal

    def __post_init__(self) -> None:
        require_admin(self.principal)

    @property
    def operator(self) -> bool:
        return self.principal.operator

    def _mine(self, team: str) -> bool:
        return self.operator or team == self.principal.team

    # -- teams ------------------------------------------------------------------------

    def teams(self) -> list[Team]:
        """Every team for an operator; a team admin's own team only."""
        return [t for t in self.access.teams() if self._mine(t.name)]

    def create_team(self, name: str) -> Team:
        require_operator(self.principal, "creating a team")
        return self.access.create_team(name)

    # -- keys -------------------------------------------------------------------------

    def keys(self, team: str | None = None) -> list[KeyInfo]:
        """Keys (never secrets); a team admin sees its own team's only (another team: none)."""
        if not self.operator:
            if team is not None and team != self.principal.team:
                return []
            team = self.principal.team
        return self.access.keys(team)

    def create_key(
        self, team: str, principal: str, *, admin: bool = False, read_only: bool = False
    ) -> NewKey:
        """A plain or team admin key; a team admin makes them in its own team only.

        Another team reads as "no team", exactly as a team that does not exist.
        """
        if not self._mine(team):
            raise NotFoundError(f"no team {team!r}")
        return self.access.create_key(team, principal, admin=admin, read_only=read_only)

    def revoke_key(self, key_id: str) -> KeyInfo:
        """Revoke a key: a team admin only its own team's, and never an operator's."""
        try:
            info = self.access.key(key_id)
        except NotFoundError:
            raise NotFoundError(f"no key {key_id!r}") from None
        if not self._mine(info.team):
            raise NotFoundError(f"no key {key_id!r}")
        if info.operator:
            require_operator(self.principal, "revoking an operator key")
        return self.access.revoke_key(key_id)

    # -- accounts ---------------------------------------------------------------------

    def accounts(self, store: GraphStore) -> list[tuple[str, str | None, str | None]]:
        """(account id, name, team): every account for an operator; a team admin's own."""
        rows = account_owners(store, self.access)
        if self.operator:
            return rows
        return [row for row in rows if row[2] == self.principal.team]

    def assign(self, account_id: str, team: str) -> None:
        """Give an account to a team: moving accounts between teams is the operator's act."""
        require_operator(self.principal, "giving an account to a team")
        self.access.assign(account_id, team)

    # -- audit ------------------------------------------------------------------------

    def audit(self, query: AuditQuery) -> tuple[list[AuditEntry], int]:
        """The audit log: every team's for an operator; a team admin's own team's entries only."""
        if not self.operator:
            if query.team is not None and query.team != self.principal.team:
                return [], 0
            query = replace(query, team=self.principal.team)
        return self.access.audit(query)
