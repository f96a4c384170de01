"""The API is the same on every store: a round of routes on SQLite and on the Cypher store."""

from __future__ import annotations

from pathlib import Path

from api import create_app
from graphcrm.stores import GraphStore
from tests.api.conftest import ApiEnv, TestClient, make_keys, make_settings, team_a_data


def test_routes_on_each_store(store: GraphStore, tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    keys = make_keys(settings.access_db)
    with TestClient(create_app(settings, store=store)) as client:
        env = ApiEnv(client, client.app, settings, keys)  # type: ignore[arg-type]
        env.team("a").write(team_a_data())
        assert env.get("a", "/accounts").json()["items"][0]["id"] == "acme"
        assert env.get("b", "/accounts/acme/people").status_code == 404
        made = env.post("a", "/accounts/acme/people", json={"id": "cio", "name": "Ma"})
        assert made.status_code == 201
        assert env.put("a", "/accounts/acme/people/cio", json={"name": "Ma Li"}).status_code == 200
        assert env.get("a", "/accounts/acme/people/cio").json()["name"] == "Ma Li"
        importance = env.get("a", "/accounts/acme/importance")
        assert importance.status_code == 200 and len(importance.json()) == 6
        assert env.delete("a", "/accounts/acme/people/cio").status_code == 200
        assert env.get("a", "/accounts/acme/people/cio").status_code == 404
        again = env.get("a", "/accounts/acme/importance")
        assert len(again.json()) == 5 and again.headers["etag"] != importance.headers["etag"]
        assert env.get(None, "/health").json()["store"] in ("sqlite", "cypher")
