"""CRUD routes from one typed definition per entity.

An ``Entity`` is a record type, its table in the team's view (typed by its
key's parts) and its name in delete answers; ``Routes`` builds the entity's
create, read, update and delete routes from it, each with its own summary,
description and examples (``Doc``), its path parameters typed and checked
(``KeyPart``). Every route goes through the team's typed table, so no route
handles an untyped record or spells a table name. Lists stay hand-written in
each router: their filters are each entity's own.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVarTuple, cast

from fastapi import APIRouter
from pydantic import BaseModel

from api.audit import PERSONAL_DATA
from api.deps import AccountDep, AsOfDep, TeamDep
from api.schemas import Deleted, to_record
from graphcrm.access.tables import RecordT, Table
from graphcrm.access.team import TeamStore

__all__ = ["Doc", "Entity", "KeyPart", "Routes"]

KeyTs = TypeVarTuple("KeyTs")


class Entity(Generic[RecordT, *KeyTs]):
    """A CRUD entity: ``model`` records in ``table(team)``; ``slug/<key parts>`` names one."""

    def __init__(
        self,
        model: type[RecordT],
        slug: str,
        table: Callable[[TeamStore], Table[RecordT, *KeyTs]],
    ) -> None:
        self.model = model
        self.slug = slug
        self.table = table

    def record(self, body: BaseModel, **from_path: Any) -> RecordT:
        """The record ``body`` and the path's keys describe (ValidationError if invalid)."""
        record = to_record(self.model, body, **from_path)
        if not isinstance(record, self.model):  # to_record validates with ``self.model``
            raise TypeError(f"expected a {self.model.__name__}, got {type(record).__name__}")
        return record

    def list(self, team: TeamStore, account_id: str | None, as_of: date | None) -> list[RecordT]:
        """Every record in ``account_id`` (None: a shared table) in force ``as_of``, by key."""
        return self.table(team).list(account_id, as_of=as_of)

    def get(
        self, team: TeamStore, account_id: str | None, *key: *KeyTs, as_of: date | None
    ) -> RecordT:
        """The record with ``key`` in ``account_id`` (None: shared) as it stood ``as_of``."""
        return self.table(team).get(account_id, *key, as_of=as_of)

    def create(self, team: TeamStore, account_id: str | None, record: RecordT) -> RecordT:
        """Write a new record (the team's rules: see ``TeamStore.create``)."""
        return self.table(team).create(account_id, record)

    def replace(self, team: TeamStore, account_id: str | None, record: RecordT) -> RecordT:
        """Write a new version of an existing record (see ``TeamStore.update``)."""
        return self.table(team).replace(account_id, record)

    def delete(self, team: TeamStore, account_id: str | None, *key: *KeyTs) -> Deleted:
        """End the record with ``key`` and what hangs on it; the answer names it by key."""
        ended = self.table(team).delete(account_id, *key)
        parts = "/".join(str(part) for part in key)
        return Deleted(deleted=f"{self.slug}/{parts}", versions_ended=ended)


@dataclass(frozen=True)
class Doc:
    """What the OpenAPI document says of one route: its own summary, examples, description."""

    summary: str
    responses: dict[int | str, dict[str, Any]]
    description: str | None = None
    personal: bool = False  # it reads personal data: audited, marked ``x-personal-data``


@dataclass(frozen=True)
class KeyPart:
    """One path parameter of a record's key: its name, its type (with its rules), its field."""

    name: str
    annotation: Any
    field: str


@dataclass(frozen=True)
class Routes(Generic[RecordT, *KeyTs]):
    """The create, read, update and delete routes of one entity, from one definition.

    ``name`` makes the operation ids (``create_<name>``, ``get_<name>``, ...);
    ``path`` is the key's path under the router's prefix and ``key`` its
    parameters, in the order of the table's key; ``in_account`` puts the
    account (``AccountDep``) before the key; ``account_field`` writes that
    account into the record; ``defaults`` fill the fields a new record's body
    leaves empty. ``replace`` None: the entity has no update route. Lists stay
    with each router: their filters are each entity's own.

    A parameter named ``account_id`` (the account, or the account's own key)
    is the account the record lives in; without one the table is shared.
    """

    entity: Entity[RecordT, *KeyTs]
    name: str
    path: str
    key: tuple[KeyPart, ...]
    body_in: type[BaseModel]
    body_update: type[BaseModel] | None
    create: Doc
    get: Doc
    replace: Doc | None
    delete: Doc
    in_account: bool = True
    account_field: bool = False
    defaults: dict[str, Callable[[], object]] = field(default_factory=dict)

    def add_to(self, router: APIRouter) -> None:
        """Add the routes to ``router`` in the document's order: create, read, update, delete."""
        model = self.entity.model
        team = [_param("team", TeamDep)]
        account = [_param("account_id", AccountDep)] if self.in_account else []
        keys = [_param(k.name, k.annotation) for k in self.key]
        create = [*team, *account, _param("body", self.body_in)]
        name = f"create_{self.name}"
        _add(router, "POST", "", name, self.create, model, create, self._create, status=201)
        read = [*team, *account, *keys, _param("as_of", AsOfDep)]
        _add(router, "GET", self.path, f"get_{self.name}", self.get, model, read, self._get)
        if self.replace is not None and self.body_update is not None:
            update = [*team, *account, *keys, _param("body", self.body_update)]
            name = f"update_{self.name}"
            _add(router, "PUT", self.path, name, self.replace, model, update, self._replace)
        end = [*team, *account, *keys]
        _add(
            router,
            "DELETE",
            self.path,
            f"delete_{self.name}",
            self.delete,
            Deleted,
            end,
            self._delete,
        )

    def _create(self, given: dict[str, Any]) -> RecordT:
        account_id = given.get("account_id")
        fields = self._account(account_id)
        record = self.entity.record(given["body"], **fields)
        empty = {f: make() for f, make in self.defaults.items() if getattr(record, f) is None}
        if empty:
            record = self.entity.record(given["body"], **fields, **empty)
        return self.entity.create(given["team"], account_id, record)

    def _get(self, given: dict[str, Any]) -> RecordT:
        account_id = given.get("account_id")
        return self.entity.get(given["team"], account_id, *self._key(given), as_of=given["as_of"])

    def _replace(self, given: dict[str, Any]) -> RecordT:
        account_id = given.get("account_id")
        fields = {k.field: given[k.name] for k in self.key} | self._account(account_id)
        record = self.entity.record(given["body"], **fields)
        return self.entity.replace(given["team"], account_id, record)

    def _delete(self, given: dict[str, Any]) -> Deleted:
        return self.entity.delete(given["team"], given.get("account_id"), *self._key(given))

    def _key(self, given: dict[str, Any]) -> tuple[*KeyTs]:
        # FastAPI has parsed each part to its declared type: the types of KeyTs, in order.
        return cast("tuple[*KeyTs]", tuple(given[k.name] for k in self.key))

    def _account(self, account_id: str | None) -> dict[str, Any]:
        return {"account_id": account_id} if self.account_field else {}


def _param(name: str, annotation: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation)


def _add(
    router: APIRouter,
    method: str,
    path: str,
    name: str,
    doc: Doc,
    model: type[BaseModel],
    params: list[inspect.Parameter],
    run: Callable[[dict[str, Any]], object],
    *,
    status: int | None = None,
) -> None:
    """Add one route whose parameters FastAPI reads from ``params`` (as from a signature)."""

    def endpoint(**given: Any) -> object:
        return run(given)

    # FastAPI reads the parameters, the name and the description from the function.
    vars(endpoint)["__signature__"] = inspect.Signature(params, return_annotation=model)
    endpoint.__name__ = endpoint.__qualname__ = name
    endpoint.__doc__ = doc.description
    router.add_api_route(
        path,
        endpoint,
        methods=[method],
        status_code=status,
        summary=doc.summary,
        response_model=model,
        responses=doc.responses,
        openapi_extra=PERSONAL_DATA if doc.personal else None,
        name=name,
    )
