"""Fixtures for the API tests: an app on temporary stores, two teams with their own accounts.

Team A owns ``acme`` (tests.sample's small account) and holds an admin key and a
read-only key; team B owns ``globex`` (the same shape, ids prefixed ``g-``) and
holds a plain key and an admin key; the operator's key is in team ``ops``.
Data is written through each team's ``TeamStore``, as an import through the
API would.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from api import ApiSettings, create_app
from graphcrm.access import AccessStore, TeamStore
from graphcrm.model import Dataset
from tests.sample import small_account

with warnings.catch_warnings():  # starlette suggests httpx2 for its test client
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

API = "/api/v1"
# Text only team A's account holds: it must never reach team B.
TEAM_A_SECRETS = ("Acme 集团", "王总", "Diaz", "prefers email", "our coach", "legacy ERP")


def team_a_data() -> Dataset:
    return small_account("acme")


def team_b_data() -> Dataset:
    data = small_account("globex", prefix="g-")
    data.actions = [a.model_copy(update={"id": f"g-{a.id}"}) for a in data.actions]
    data.accounts = [a.model_copy(update={"name": "Globex"}) for a in data.accounts]
    data.people = [p.model_copy(update={"name": f"G {p.name}", "notes": None}) for p in data.people]
    data.plans = [p.model_copy(update={"needs": None, "pain_points": None}) for p in data.plans]
    data.attitudes = [a.model_copy(update={"note": None}) for a in data.attitudes]
    return data


@dataclass
class ApiEnv:
    """A running app (in-process), its stores, and a key per role."""

    client: TestClient
    app: FastAPI
    settings: ApiSettings
    keys: dict[str, str] = field(default_factory=dict)

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}

    @property
    def services(self) -> Any:
        return self.app.state.services

    def team(self, who: str) -> TeamStore:
        principal = self.services.access.authenticate(self.keys[who])
        return TeamStore(
            self.services.store,
            self.services.access,
            principal,
            on_write=self.services.cache.invalidate,
        )

    def get(self, who: str | None, path: str, **kw: Any) -> Any:
        headers = {**(self.auth(who) if who else {}), **kw.pop("headers", {})}
        return self.client.get(API + path, headers=headers, **kw)

    def post(self, who: str | None, path: str, **kw: Any) -> Any:
        headers = {**(self.auth(who) if who else {}), **kw.pop("headers", {})}
        return self.client.post(API + path, headers=headers, **kw)

    def put(self, who: str | None, path: str, **kw: Any) -> Any:
        headers = {**(self.auth(who) if who else {}), **kw.pop("headers", {})}
        return self.client.put(API + path, headers=headers, **kw)

    def patch(self, who: str | None, path: str, **kw: Any) -> Any:
        headers = {**(self.auth(who) if who else {}), **kw.pop("headers", {})}
        return self.client.patch(API + path, headers=headers, **kw)

    def delete(self, who: str | None, path: str, **kw: Any) -> Any:
        headers = {**(self.auth(who) if who else {}), **kw.pop("headers", {})}
        return self.client.delete(API + path, headers=headers, **kw)

    def snapshot(self) -> dict[str, Any]:
        """Everything stored, to compare before and after a refused request."""
        store = self.services.store
        accounts = store.accounts()
        return {
            "accounts": accounts,
            "data": {a.id: store.account_data(a.id).sorted() for a in accounts},
            "staff": store.staff(),
            "competitors": store.competitors(),
            "owners": self.services.access.owners(),
        }


def make_settings(tmp_path: Path, **overrides: Any) -> ApiSettings:
    return ApiSettings(
        store=f"sqlite:///{tmp_path / 'graph.db'}",
        access_db=str(tmp_path / "access.db"),
        **overrides,
    )


def make_keys(access_db: str) -> dict[str, str]:
    with AccessStore(access_db) as access:
        return {
            "a": access.create_key("team-a", "alice", admin=True, create_team=True).key,
            "a_ro": access.create_key("team-a", "reader", read_only=True).key,
            "b": access.create_key("team-b", "bob", create_team=True).key,
            # Team B's admin: must get nothing of team A's (tests/api/test_authz.py).
            "b_admin": access.create_key("team-b", "bea", admin=True).key,
            # The operator runs the whole service, from a team of its own.
            "op": access.create_key("ops", "olga", operator=True, create_team=True).key,
        }


# Team A's data is dated from here, so that reads as_of a past day see history.
SEEDED_ON = date(2026, 1, 5)


@pytest.fixture(scope="session")
def shared_app(tmp_path_factory: pytest.TempPathFactory) -> tuple[FastAPI, ApiSettings]:
    """One app for the session (building the routes is the slow part): each test empties
    its stores before starting it, so every test still begins from fresh files."""
    settings = make_settings(tmp_path_factory.mktemp("api"))
    return create_app(settings), settings


def _fresh(settings: ApiSettings) -> None:
    for name in (settings.store.removeprefix("sqlite:///"), settings.access_db):
        for path in Path(name).parent.glob(Path(name).name + "*"):
            path.unlink()


@pytest.fixture
def empty_env(shared_app: tuple[FastAPI, ApiSettings]) -> Iterator[ApiEnv]:
    """The app on empty stores, with the keys of both teams."""
    app, settings = shared_app
    _fresh(settings)
    keys = make_keys(settings.access_db)
    with TestClient(app) as client:
        yield ApiEnv(client, app, settings, keys)


@pytest.fixture
def env(empty_env: ApiEnv) -> ApiEnv:
    """The app with team A's ``acme`` (dated from SEEDED_ON) and team B's ``globex``."""
    empty_env.team("a").write(team_a_data(), on=SEEDED_ON)
    empty_env.team("b").write(team_b_data())
    return empty_env
