"""Settings, read from the environment (prefix ``GRAPHCRM_``) when asked for, never at import."""

from __future__ import annotations

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["DEFAULT_STORE", "Settings"]

DEFAULT_STORE = "sqlite:///data/graphcrm.db"


class Settings(BaseSettings):
    """Where the data lives and how to reach it.

    ``store`` is a URL: ``sqlite:///relative/path.db`` or ``sqlite:////absolute/path.db``
    (the embedded default), ``neo4j://host:7687`` / ``bolt://host:7687`` (with
    ``neo4j_user``, ``neo4j_password``, ``neo4j_database``), or
    ``falkordb://host:6379/graph_name``.
    """

    model_config = SettingsConfigDict(env_prefix="GRAPHCRM_", extra="ignore")

    store: str = DEFAULT_STORE
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str | None = None
