"""The access store: teams, principals, API key hashes, account ownership and the audit log.

One small SQLite file of its own (the ``access_db`` setting), apart from the
graph store: the GraphStore knows nothing of access, so ownership lives here,
keyed by account id. The consequences, which callers must respect:

- Ownership is by account id and is not versioned: a team that owns an account
  sees all of its history, and an account written to the graph store by other
  means (the CLI's ``import``) belongs to no team until an admin assigns it.
- Ids are global in the graph store, so an id already used in an account a team
  cannot see is refused, worded as for any other id that is taken (see
  ``graphcrm.access.scope``), without showing anything of that account.
- Writing the graph and claiming ownership are two stores, not one transaction:
  a new account is claimed first and released again if the graph write fails.

The audit log is its own module (``graphcrm.access.audit``) on the same file;
the store's ``record`` and ``audit`` are its doors. The connection and its
transactions are ``graphcrm.access.database``.

WAL with ``synchronous=NORMAL``: a committed key, ownership or audit entry
survives a crash of the process; a power cut may lose the last few commits.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from graphcrm.access.audit import SCHEMA as AUDIT_SCHEMA
from graphcrm.access.audit import AuditEntry, AuditLog, AuditQuery
from graphcrm.access.database import AccessDatabase
from graphcrm.access.errors import AuthenticationFailed
from graphcrm.access.keys import (
    generate_key,
    generate_session_token,
    hash_key,
    looks_like_key,
    looks_like_session_token,
)
from graphcrm.access.method_settings import SCHEMA as METHOD_SETTINGS_SCHEMA
from graphcrm.access.method_settings import MethodSettingsLog
from graphcrm.access.service_secrets import SERVICE_SECRETS_SCHEMA, ServiceSecrets
from graphcrm.errors import ConflictError, NotFoundError, StoreError, ValidationFailed
from graphcrm.errors import RecordError as _RecordError

__all__ = [
    "AccessStore",
    "AuditEntry",
    "AuditQuery",
    "KeyInfo",
    "NewKey",
    "Principal",
    "Team",
]

# 2: sign-in sessions; 3: operator keys; 4: method settings per team;
# 5: service_secrets (the pages' form-token secret, one per deployment, shared by workers)
SCHEMA_VERSION = 5
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS teams (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS principals (
        id INTEGER PRIMARY KEY, team_id INTEGER NOT NULL REFERENCES teams(id),
        name TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (team_id, name))""",
    """CREATE TABLE IF NOT EXISTS api_keys (
        id TEXT PRIMARY KEY, principal_id INTEGER NOT NULL REFERENCES principals(id),
        hash TEXT NOT NULL UNIQUE, admin INTEGER NOT NULL, read_only INTEGER NOT NULL,
        created_at TEXT NOT NULL, revoked_at TEXT, operator INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS ownership (
        account_id TEXT PRIMARY KEY, team_id INTEGER NOT NULL REFERENCES teams(id),
        assigned_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ownership_team ON ownership (team_id)",
    *AUDIT_SCHEMA,
    """CREATE TABLE IF NOT EXISTS sessions (
        hash TEXT PRIMARY KEY, key_id TEXT NOT NULL REFERENCES api_keys(id),
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS sessions_key ON sessions (key_id)",
    *METHOD_SETTINGS_SCHEMA,
    *SERVICE_SECRETS_SCHEMA,
)


@dataclass(frozen=True)
class Team:
    id: int
    name: str
    created_at: str
    accounts: int = 0
    keys: int = 0


@dataclass(frozen=True)
class Principal:
    """Who is calling: the key's holder, their team, and what the key may do.

    ``admin``: a team admin (its own team's keys, members and accounts);
    ``operator``: the whole service (every team, shared records); an operator
    is an admin too. See ``graphcrm.access.roles``.
    """

    key_id: str
    name: str
    team: str
    team_id: int
    admin: bool
    read_only: bool
    operator: bool = False


@dataclass(frozen=True)
class KeyInfo:
    """A key as listed: never its secret."""

    id: str
    principal: str
    team: str
    admin: bool
    read_only: bool
    created_at: str
    revoked_at: str | None
    operator: bool = False


@dataclass(frozen=True)
class NewKey:
    """A key just made: ``key`` is the secret, shown this once and stored only as a hash."""

    key: str
    info: KeyInfo


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _check_name(what: str, name: str) -> str:
    if not _NAME_RE.match(name):
        raise ValidationFailed(
            [
                _RecordError(
                    what,
                    None,
                    "name",
                    f"{what} name {name!r} must be 1-64 letters, digits, '_', '.' or '-', "
                    "starting with a letter or digit",
                )
            ]
        )
    return name


class AccessStore:
    """Teams, keys, ownership and audit on one SQLite file (created if missing)."""

    def __init__(self, path: str | Path, *, busy_timeout_ms: int = 10_000) -> None:
        self.path = Path(path)
        try:
            self._db = AccessDatabase(self.path, busy_timeout_ms=busy_timeout_ms)
            self.audit_log = AuditLog(self._db)
            self.method_settings = MethodSettingsLog(self._db)
            self.secrets = ServiceSecrets(self._db)
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the access database at {self.path}") from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- teams ------------------------------------------------------------------------

    def create_team(self, name: str) -> Team:
        """A new team; ConflictError if the name is taken."""
        _check_name("team", name)
        with self._db.transaction() as conn:
            if conn.execute("SELECT 1 FROM teams WHERE name = ?", [name]).fetchone():
                raise ConflictError(f"team {name!r} already exists")
            conn.execute("INSERT INTO teams (name, created_at) VALUES (?, ?)", [name, _now()])
        return self.team(name)

    def ensure_team(self, name: str) -> Team:
        """The team of that name, created if new."""
        _check_name("team", name)
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO teams (name, created_at) VALUES (?, ?)", [name, _now()]
            )
        return self.team(name)

    def team(self, name: str) -> Team:
        for team in self.teams():
            if team.name == name:
                return team
        raise NotFoundError(f"no team {name!r}")

    def teams(self) -> list[Team]:
        """Every team, by name, with how many accounts and live keys it has."""
        rows = self._db.query(
            """SELECT t.id, t.name, t.created_at,
                 (SELECT COUNT(*) FROM ownership o WHERE o.team_id = t.id),
                 (SELECT COUNT(*) FROM api_keys k JOIN principals p ON k.principal_id = p.id
                   WHERE p.team_id = t.id AND k.revoked_at IS NULL)
               FROM teams t ORDER BY t.name"""
        )
        return [Team(*row) for row in rows]

    # -- keys -------------------------------------------------------------------------

    def create_key(
        self,
        team: str,
        principal: str,
        *,
        admin: bool = False,
        read_only: bool = False,
        create_team: bool = False,
        operator: bool = False,
    ) -> NewKey:
        """A new key for ``principal`` in ``team`` (the principal is created if new).

        NotFoundError for an unknown team unless ``create_team``. An ``operator``
        key is an admin key too.
        """
        admin = admin or operator
        _check_name("team", team)
        _check_name("principal", principal)
        key_id, key = generate_key()
        now = _now()
        with self._db.transaction() as conn:
            row = conn.execute("SELECT id FROM teams WHERE name = ?", [team]).fetchone()
            if row is None:
                if not create_team:
                    raise NotFoundError(f"no team {team!r}")
                row = conn.execute(
                    "INSERT INTO teams (name, created_at) VALUES (?, ?) RETURNING id", [team, now]
                ).fetchone()
            team_id = row[0]
            conn.execute(
                "INSERT OR IGNORE INTO principals (team_id, name, created_at) VALUES (?, ?, ?)",
                [team_id, principal, now],
            )
            (principal_id,) = conn.execute(
                "SELECT id FROM principals WHERE team_id = ? AND name = ?", [team_id, principal]
            ).fetchone()
            conn.execute(
                "INSERT INTO api_keys (id, principal_id, hash, admin, read_only, created_at, "
                "operator) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [key_id, principal_id, hash_key(key), int(admin), int(read_only), now, operator],
            )
        info = KeyInfo(key_id, principal, team, admin, read_only, now, None, operator)
        return NewKey(key, info)

    def keys(self, team: str | None = None) -> list[KeyInfo]:
        """Every key (revoked ones too), newest first; never a secret."""
        sql = (
            "SELECT k.id, p.name, t.name, k.admin, k.read_only, k.created_at, k.revoked_at, "
            "k.operator FROM api_keys k JOIN principals p ON k.principal_id = p.id "
            "JOIN teams t ON p.team_id = t.id"
        )
        params: list[Any] = []
        if team is not None:
            sql += " WHERE t.name = ?"
            params.append(team)
        rows = self._db.query(sql + " ORDER BY k.created_at DESC, k.id", params)
        return [
            KeyInfo(r[0], r[1], r[2], bool(r[3]), bool(r[4]), r[5], r[6], bool(r[7])) for r in rows
        ]

    def key(self, key_id: str) -> KeyInfo:
        """One key (revoked or not); NotFoundError if there is no such key."""
        for info in self.keys():
            if info.id == key_id:
                return info
        raise NotFoundError(f"no key {key_id!r}")

    def revoke_key(self, key_id: str) -> KeyInfo:
        """Revoke a key at once; NotFoundError if there is no such key."""
        with self._db.transaction() as conn:
            done = conn.execute(
                "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
                [_now(), key_id],
            )
            if done.rowcount == 0:
                raise NotFoundError(f"no key {key_id!r}")
        return next(k for k in self.keys() if k.id == key_id)

    def authenticate(self, key: str) -> Principal:
        """The principal holding a live key; AuthenticationFailed otherwise."""
        if not looks_like_key(key):
            raise AuthenticationFailed("the API key is not valid")
        rows = self._db.query(
            "SELECT k.id, p.name, t.name, t.id, k.admin, k.read_only, k.operator FROM api_keys k "
            "JOIN principals p ON k.principal_id = p.id JOIN teams t ON p.team_id = t.id "
            "WHERE k.hash = ? AND k.revoked_at IS NULL",
            [hash_key(key)],
        )
        if not rows:
            raise AuthenticationFailed("the API key is not valid")
        r = rows[0]
        return Principal(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5]), bool(r[6]))

    # -- sign-in sessions (the browser views) -------------------------------------------

    def start_session(self, key: str, *, lifetime: timedelta = timedelta(hours=8)) -> str:
        """A sign-in session for a live key: a new token, of which only the hash is kept.

        A browser keeps the token, never the key; the session ends when it
        expires, when it is ended, or when its key is revoked.
        AuthenticationFailed for a key that is not live.
        """
        principal = self.authenticate(key)
        token = generate_session_token()
        now = datetime.now(UTC)
        created, expires = (t.isoformat(timespec="microseconds") for t in (now, now + lifetime))
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM sessions WHERE expires_at <= ?", [created])
            conn.execute(
                "INSERT INTO sessions (hash, key_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                [hash_key(token), principal.key_id, created, expires],
            )
        return token

    def session_principal(self, token: str) -> Principal:
        """The principal of a live session; AuthenticationFailed if it expired, ended or its
        key was revoked."""
        if not looks_like_session_token(token):
            raise AuthenticationFailed("the sign-in session is not valid; sign in again")
        rows = self._db.query(
            "SELECT k.id, p.name, t.name, t.id, k.admin, k.read_only, k.operator FROM sessions s "
            "JOIN api_keys k ON s.key_id = k.id JOIN principals p ON k.principal_id = p.id "
            "JOIN teams t ON p.team_id = t.id "
            "WHERE s.hash = ? AND s.expires_at > ? AND k.revoked_at IS NULL",
            [hash_key(token), _now()],
        )
        if not rows:
            raise AuthenticationFailed("the sign-in session has ended; sign in again")
        r = rows[0]
        return Principal(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5]), bool(r[6]))

    def end_session(self, token: str) -> None:
        """End a session at once (signing out); nothing happens for an unknown token."""
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM sessions WHERE hash = ?", [hash_key(token)])

    # -- ownership ----------------------------------------------------------------------

    def owns(self, team_id: int, account_id: str) -> bool:
        rows = self._db.query(
            "SELECT 1 FROM ownership WHERE account_id = ? AND team_id = ?", [account_id, team_id]
        )
        return bool(rows)

    def owned_accounts(self, team_id: int) -> set[str]:
        rows = self._db.query("SELECT account_id FROM ownership WHERE team_id = ?", [team_id])
        return {r[0] for r in rows}

    def owners(self) -> dict[str, str]:
        """Account id -> owning team name, for every owned account."""
        rows = self._db.query(
            "SELECT o.account_id, t.name FROM ownership o JOIN teams t ON o.team_id = t.id"
        )
        return {str(account): str(team) for account, team in rows}

    def claim(self, team_id: int, account_ids: Collection[str]) -> set[str]:
        """Make ``team_id`` the owner of accounts no team owns yet; returns those newly claimed.

        All or nothing: ConflictError, claiming none, if any is owned by another team.
        """
        if not account_ids:
            return set()
        now = _now()
        with self._db.transaction() as conn:
            taken = conn.execute(
                "SELECT account_id FROM ownership WHERE team_id != ? "
                "AND account_id IN (SELECT value FROM json_each(?))",
                [team_id, _json_list(account_ids)],
            ).fetchall()
            if taken:
                ids = ", ".join(repr(r[0]) for r in sorted(taken))
                raise ConflictError(f"account id {ids} is taken; choose another id")
            new = conn.execute(
                "INSERT OR IGNORE INTO ownership (account_id, team_id, assigned_at) "
                "SELECT value, ?, ? FROM json_each(?) RETURNING account_id",
                [team_id, now, _json_list(account_ids)],
            ).fetchall()
        return {r[0] for r in new}

    def release(self, team_id: int, account_ids: Collection[str]) -> None:
        """Undo a claim (the write it was made for failed)."""
        if account_ids:
            with self._db.transaction() as conn:
                conn.execute(
                    "DELETE FROM ownership WHERE team_id = ? "
                    "AND account_id IN (SELECT value FROM json_each(?))",
                    [team_id, _json_list(account_ids)],
                )

    def assign(self, account_id: str, team: str) -> None:
        """Give an account to a team (an admin's act): any previous owner loses it."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT id FROM teams WHERE name = ?", [team]).fetchone()
            if row is None:
                raise NotFoundError(f"no team {team!r}")
            conn.execute(
                "INSERT INTO ownership (account_id, team_id, assigned_at) VALUES (?, ?, ?) "
                "ON CONFLICT (account_id) DO UPDATE SET team_id = excluded.team_id, "
                "assigned_at = excluded.assigned_at",
                [account_id, row[0], _now()],
            )

    # -- audit (graphcrm.access.audit) ----------------------------------------------------

    def record(
        self,
        principal: Principal | None,
        *,
        action: str,
        method: str,
        route: str,
        path: str,
        account_id: str | None,
        status: int,
    ) -> None:
        """Append one entry to the audit log."""
        self.audit_log.record(
            principal,
            action=action,
            method=method,
            route=route,
            path=path,
            account_id=account_id,
            status=status,
        )

    def audit(self, query: AuditQuery) -> tuple[list[AuditEntry], int]:
        """Entries matching ``query``, newest first, and how many match in all."""
        return self.audit_log.entries(query)

    # -- plumbing -----------------------------------------------------------------------

    def _migrate(self) -> None:
        version = self._db.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer graphcrm")
        with self._db.transaction() as conn:
            for statement in _SCHEMA:
                conn.execute(statement)
            columns = {r[1] for r in conn.execute("PRAGMA table_info(api_keys)")}
            if "operator" not in columns:
                # Schema 3: keys made before operators existed stay what they were
                # (an --admin key is a team admin); the first operator key is made
                # with the CLI (`graphcrm keys create --operator`).
                conn.execute("ALTER TABLE api_keys ADD COLUMN operator INTEGER NOT NULL DEFAULT 0")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _json_list(values: Collection[str]) -> str:
    return json.dumps(sorted(values))
