"""The Cypher statements of the Cypher store, read from the ``cypher`` package.

One statement per file: ``cypher/<name>.cypher`` for the statements the store
runs, ``cypher/schema/*.cypher`` for the Neo4j constraints and indexes (all
``IF NOT EXISTS``), ``cypher/schema_falkordb/*.cypher`` for the FalkorDB indexes
that stand in for them (FalkorDB has no ``CREATE CONSTRAINT``). Files are loaded
with ``importlib.resources`` (so they work from a wheel or a zip) once, then
cached: the text never changes while the process runs.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

__all__ = [
    "FALKORDB_SCHEMA",
    "NEO4J_SCHEMA",
    "name_of",
    "names",
    "schema_statements",
    "statement",
]

PACKAGE = "cypher"
NEO4J_SCHEMA = "schema"
FALKORDB_SCHEMA = "schema_falkordb"
_SUFFIX = ".cypher"


def _read_folder(folder: Traversable) -> dict[str, str]:
    return {
        entry.name.removesuffix(_SUFFIX): entry.read_text(encoding="utf-8").strip()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.is_file() and entry.name.endswith(_SUFFIX)
    }


@cache
def _statements() -> dict[str, str]:
    return _read_folder(resources.files(PACKAGE))


@cache
def _schema(folder: str) -> tuple[tuple[str, str], ...]:
    if folder not in (NEO4J_SCHEMA, FALKORDB_SCHEMA):
        raise KeyError(f"no schema folder {folder!r}")
    return tuple(_read_folder(resources.files(PACKAGE) / folder).items())


@cache
def _names_by_text() -> dict[str, str]:
    found = {text: name for name, text in _statements().items()}
    for folder in (NEO4J_SCHEMA, FALKORDB_SCHEMA):
        found.update({text: f"{folder}/{name}" for name, text in _schema(folder)})
    return found


def statement(name: str) -> str:
    """The text of ``cypher/<name>.cypher``; KeyError if there is no such file."""
    try:
        return _statements()[name]
    except KeyError:
        raise KeyError(f"no Cypher statement {name!r} in the {PACKAGE} package") from None


def names() -> list[str]:
    """The names of every statement (not the schema), sorted."""
    return sorted(_statements())


def schema_statements(folder: str) -> list[tuple[str, str]]:
    """(name, text) of every schema statement in ``folder``, in name order.

    ``folder`` is NEO4J_SCHEMA (constraints and indexes, each ``IF NOT EXISTS``)
    or FALKORDB_SCHEMA (the plain indexes FalkorDB uses instead).
    """
    return list(_schema(folder))


def name_of(text: str) -> str:
    """The file name a statement's text came from, for error messages that must not
    quote the Cypher itself; ``"a statement"`` for text not from the catalog."""
    return _names_by_text().get(text.strip(), "a statement")
