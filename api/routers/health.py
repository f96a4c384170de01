"""Is the service up, and can it reach its stores?"""

from __future__ import annotations

from fastapi import APIRouter

import graphcrm
from api.deps import AccessDep, StoreDep
from api.docs import responses
from api.schemas import Health

router = APIRouter(tags=["service"])


@router.get(
    "/health",
    summary="Health: the service answers and both stores are reachable (no key needed)",
    response_model=Health,
    responses=responses(
        {"status": "ok", "store": "sqlite", "version": graphcrm.__version__}, errors=(503,)
    ),
)
def health(store: StoreDep, access: AccessDep) -> Health:
    store.history("accounts", ("health-check",))  # one indexed lookup; StoreError -> 503
    access.teams()
    kind = type(store).__name__.removesuffix("Store").lower()
    return Health(status="ok", store=kind, version=graphcrm.__version__)
