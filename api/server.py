"""The server's start-up: what ``graphcrm serve`` runs, found through an entry point.

The core may not import the API (graphcrm/ knows nothing of api/ or viz/), so
``graphcrm serve`` looks up the ``graphcrm.server`` entry point named ``api``
(pyproject.toml), which names :func:`app_factory`.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI

from api.app import create_app
from api.settings import ApiSettings
from graphcrm.stores.base import GraphStore

__all__ = ["app_factory"]


def app_factory(access_db: str | None = None) -> Callable[[GraphStore], FastAPI]:
    """Read and check the API settings now; return what builds the app on an open store.

    ``access_db`` overrides the access database of the settings (environment,
    ``GRAPHCRM_ACCESS_DB``). The settings are checked before any store is opened,
    so a bad setting changes nothing: pydantic's ValidationError says what is wrong.
    """
    settings = ApiSettings(access_db=access_db) if access_db else ApiSettings()

    def build(store: GraphStore) -> FastAPI:
        return create_app(settings, store=store)

    return build
