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

__all__ = ["app_factory", "worker_app"]


def app_factory(access_db: str | None = None) -> Callable[[GraphStore], FastAPI]:
    """Read and check the API settings now; return what builds the app on an open store.

    ``access_db`` overrides the access database of the settings (environment,
    ``GRAPHCRM_ACCESS_DB``). The settings are checked before any store is opened,
    so a bad setting changes nothing: pydantic's ValidationError says what is wrong.
    """
    settings = ApiSettings(access_db=access_db) if access_db else ApiSettings()

    def build(store: GraphStore) -> FastAPI:
        return create_app(settings, store=store, freeze_startup=True)

    return build


def worker_app() -> FastAPI:
    """One worker process's app for ``graphcrm serve --workers N``, from the environment.

    ``serve`` puts the store URL and the access database in ``GRAPHCRM_STORE`` and
    ``GRAPHCRM_ACCESS_DB`` before uvicorn starts the workers; each worker opens its
    own store when its app starts (``create_app``'s lifespan) and closes it when it
    stops. Its cache is its own: the per-account write versions in the store keep the
    workers' caches coherent, and the pages' form secret and sign-in sessions live in
    the access database they share.
    """
    return create_app(ApiSettings(), freeze_startup=True)
