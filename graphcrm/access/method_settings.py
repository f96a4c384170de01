"""Each team's method settings with their history, in the access database.

DESIGN.md, "Method settings": settings are per team and dated like all data.
Every change is a new row (never an update): ``version`` counts a team's
changes from 1 (version 0 is the defaults, held by no row), ``valid_from`` is
the first day the values apply. The settings in force on a day are those of
the row with the latest ``valid_from`` on or before it (the higher version on
the same day); a team with none uses the defaults.

They live here, beside the teams they belong to, not in the graph store: the
graph store holds accounts and knows nothing of teams (an account belongs to
a team only through ``ownership`` in this file), and the settings must be the
same whichever graph store (SQLite, FalkorDB, Neo4j) serves the accounts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from graphcrm.access.database import AccessDatabase
from graphcrm.method.settings import (
    METHOD_DEFAULTS,
    MethodSettings,
    SettingsOnDay,
    merged_settings,
)

__all__ = ["SCHEMA", "MethodSettingsLog", "SettingsVersion"]

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS method_settings (
        team_id INTEGER NOT NULL REFERENCES teams(id), version INTEGER NOT NULL,
        valid_from TEXT NOT NULL, settings TEXT NOT NULL, changed_by TEXT NOT NULL,
        changed_at TEXT NOT NULL, PRIMARY KEY (team_id, version))""",
    "CREATE INDEX IF NOT EXISTS method_settings_from ON method_settings (team_id, valid_from)",
)


@dataclass(frozen=True)
class SettingsVersion:
    """The settings one team used from ``valid_from`` (None: the defaults, always)."""

    version: int
    valid_from: date | None
    settings: MethodSettings
    changed_by: str | None = None
    changed_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "changed_by": self.changed_by,
            "changed_at": self.changed_at,
            "settings": self.settings.values(),
            "defaults": METHOD_DEFAULTS.values(),
        }


_DEFAULTS = SettingsVersion(0, None, METHOD_DEFAULTS)
_COLUMNS = "version, valid_from, settings, changed_by, changed_at"


def _version(row: tuple[Any, ...]) -> SettingsVersion:
    version, valid_from, values, by, at = row
    settings = MethodSettings.model_validate(json.loads(values))
    return SettingsVersion(version, date.fromisoformat(valid_from), settings, by, at)


class MethodSettingsLog:
    """Reads and writes the ``method_settings`` table (one transaction per change)."""

    def __init__(self, db: AccessDatabase) -> None:
        self._db = db

    def in_force(self, team_id: int, day: date | None = None) -> SettingsVersion:
        """The settings in force for ``team_id`` on ``day`` (default today)."""
        day = day or date.today()
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM method_settings WHERE team_id = ? AND valid_from <= ? "
            "ORDER BY valid_from DESC, version DESC LIMIT 1",
            [team_id, day.isoformat()],
        )
        return _version(rows[0]) if rows else _DEFAULTS

    def lookup(self, team_id: int) -> SettingsOnDay:
        """``day -> (version, settings)`` for ``team_id``, as the review takes it."""

        def on_day(day: date) -> tuple[int, MethodSettings]:
            found = self.in_force(team_id, day)
            return found.version, found.settings

        return on_day

    def history(self, team_id: int) -> list[SettingsVersion]:
        """Every change of ``team_id``'s settings, oldest first."""
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM method_settings WHERE team_id = ? ORDER BY version",
            [team_id],
        )
        return [_version(r) for r in rows]

    def change(
        self,
        team_id: int,
        changes: Mapping[str, Any],
        *,
        by: str,
        valid_from: date | None = None,
        reset: bool = False,
    ) -> SettingsVersion:
        """A new version: the settings in force on ``valid_from`` (the defaults with
        ``reset``) with ``changes`` applied, from ``valid_from`` (default today).

        Raises ValidationFailed naming each bad key; nothing is written then.
        """
        day = valid_from or date.today()
        base = METHOD_DEFAULTS if reset else self.in_force(team_id, day).settings
        settings = merged_settings(base, changes)
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        with self._db.transaction() as conn:
            (latest,) = conn.execute(
                "SELECT COALESCE(MAX(version), 0) FROM method_settings WHERE team_id = ?",
                [team_id],
            ).fetchone()
            conn.execute(
                f"INSERT INTO method_settings (team_id, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                [team_id, latest + 1, day.isoformat(), json.dumps(settings.values()), by, now],
            )
        return SettingsVersion(latest + 1, day, settings, by, now)
