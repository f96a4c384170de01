"""The service's settings: the core's and the access store's, plus upload limits and the cache."""

from __future__ import annotations

from pydantic import Field

from graphcrm.access import AccessSettings

__all__ = ["ApiSettings"]


class ApiSettings(AccessSettings):
    """Everything ``create_app`` needs, from the environment (prefix ``GRAPHCRM_``).

    - ``max_upload_bytes`` (``GRAPHCRM_MAX_UPLOAD_BYTES``): the largest request
      body ``POST /imports`` accepts; bigger ones get 413 before they are read.
    - ``max_import_rows`` (``GRAPHCRM_MAX_IMPORT_ROWS``): the most rows one import
      may hold, all tables together; more get 413 and nothing is written.
    - ``max_import_expanded_bytes``, ``max_import_ratio``, ``max_import_members``
      (``GRAPHCRM_MAX_IMPORT_EXPANDED_BYTES`` ...): a zip or .xlsx upload's
      limits on its unzipped size, any member's compression ratio and its
      number of entries; past one, 413 and nothing is written.
    - ``cache_entries`` (``GRAPHCRM_CACHE_ENTRIES``): analysis results kept in
      memory (least recently used are dropped first); 0 turns the cache off.
    - ``cache_graphs`` (``GRAPHCRM_CACHE_GRAPHS``): account graphs kept in memory
      for the analyses to share (each as large as the account); 0 turns it off.
    """

    max_upload_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    max_import_rows: int = Field(default=200_000, ge=1)
    max_import_expanded_bytes: int = Field(default=200 * 1024 * 1024, ge=1024)
    max_import_ratio: float = Field(default=100.0, ge=1)
    max_import_members: int = Field(default=1000, ge=1)
    cache_entries: int = Field(default=1024, ge=0)
    cache_graphs: int = Field(default=8, ge=0)
