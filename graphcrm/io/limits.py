"""How much one import may hold and expand to, and the error when it holds more.

A zip (and an .xlsx, which is a zip) is checked before anything is inflated:
the number of members by walking its central directory, then each member's
declared expanded size and compression ratio. The same limits are charged
again while members are streamed, chunk by chunk, so nothing is ever
inflated past a limit to find out. JSON nesting is limited so parsing
cannot exhaust the stack. The service and the CLI use the same limits with
different defaults (``ImportLimits.service()``, ``ImportLimits.command_line()``).
"""

from __future__ import annotations

from dataclasses import dataclass

from graphcrm.errors import GraphcrmError

__all__ = ["MIB", "RATIO_FLOOR", "ImportLimits", "ImportTooLarge", "ReadBudget"]

MIB = 1024 * 1024
# Small members are never held to the ratio: a short CSV of repeated values may compress
# 200 to 1 honestly, and its expanded size is harmless. The ratio applies past this size.
RATIO_FLOOR = MIB


class ImportTooLarge(GraphcrmError):
    """An import past one of its limits; nothing was written.

    ``code`` names the limit: ``expanded_too_large``, ``compression_ratio_too_high``,
    ``too_many_members``, ``file_too_large`` or ``too_many_rows``.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message + "; nothing was written")
        self.code = code


@dataclass(frozen=True)
class ImportLimits:
    """Limits on one import; ``None`` turns a limit off.

    - ``max_expanded_bytes``: all members of a zip or .xlsx together, inflated.
    - ``max_ratio``: one member's expanded size over its compressed size (past
      ``RATIO_FLOOR`` bytes expanded).
    - ``max_members``: entries in a zip or .xlsx, folders included.
    - ``max_json_depth``: arrays and objects nested in a JSON file.
    - ``max_file_bytes``: the file read (or all files of a folder together).
    - ``max_rows``: data rows over every table, counted while reading.
    """

    max_expanded_bytes: int | None = 200 * MIB
    max_ratio: float | None = 100.0
    max_members: int | None = 1000
    max_json_depth: int = 64
    max_file_bytes: int | None = None
    max_rows: int | None = None

    @classmethod
    def service(cls) -> ImportLimits:
        """The service's defaults: uploads are bounded by the body limit, rows by the API."""
        return cls()

    @classmethod
    def command_line(cls) -> ImportLimits:
        """The CLI's defaults: an operator's own files, so higher, but still bounded."""
        return cls(
            max_expanded_bytes=2048 * MIB,
            max_ratio=200.0,
            max_members=10_000,
            max_file_bytes=1024 * MIB,
            max_rows=5_000_000,
        )


class ReadBudget:
    """What one import has used of its limits so far; each charge raises past a limit."""

    def __init__(self, limits: ImportLimits) -> None:
        self.limits = limits
        self.expanded = 0
        self.rows = 0

    def members(self, count: int, source: str) -> None:
        """A zip's number of entries (raised as soon as the walk passes the limit)."""
        limit = self.limits.max_members
        if limit is not None and count > limit:
            raise ImportTooLarge(
                "too_many_members",
                f"{source}: more than {limit} entries in the archive; at most {limit} are read",
            )

    def declared(self, members: list[tuple[str, int, int]], source: str) -> None:
        """Members' (name, expanded, compressed) sizes as the archive declares them.

        Checked before anything is inflated: each member's ratio, and all of
        them together added to what this import has already inflated.
        """
        for member, expanded, compressed in members:
            self._ratio(member, expanded, compressed, source)
        self._expanded(self.expanded + sum(m[1] for m in members), source)

    def inflated(self, member: str, so_far: int, compressed: int, chunk: int, source: str) -> None:
        """``chunk`` more bytes of ``member`` inflated (``so_far`` in all, this chunk included)."""
        self.expanded += chunk
        self._ratio(member, so_far, compressed, source)
        self._expanded(self.expanded, source)

    def file_size(self, size: int, source: str) -> None:
        limit = self.limits.max_file_bytes
        if limit is not None and size > limit:
            raise ImportTooLarge(
                "file_too_large",
                f"{source}: {_mib(size)} to read; at most {_mib(limit)} are read at once",
            )

    def row_room(self) -> int | None:
        """How many more data rows may be read, or None without a row limit."""
        limit = self.limits.max_rows
        return None if limit is None else max(limit - self.rows, 0)

    def add_rows(self, count: int, source: str) -> None:
        self.rows += count
        limit = self.limits.max_rows
        if limit is not None and self.rows > limit:
            raise ImportTooLarge(
                "too_many_rows",
                f"{source}: the import holds at least {self.rows} rows; "
                f"at most {limit} are read at once",
            )

    def _ratio(self, member: str, expanded: int, compressed: int, source: str) -> None:
        limit = self.limits.max_ratio
        if limit is None or expanded <= RATIO_FLOOR:
            return
        if expanded > limit * max(compressed, 1):
            raise ImportTooLarge(
                "compression_ratio_too_high",
                f"{source}: member {member!r} expands from {_mib(compressed)} to more than "
                f"{_mib(expanded)}, over {limit:g} times its compressed size "
                "(a zip bomb, or data that cannot be real)",
            )

    def _expanded(self, total: int, source: str) -> None:
        limit = self.limits.max_expanded_bytes
        if limit is not None and total > limit:
            raise ImportTooLarge(
                "expanded_too_large",
                f"{source}: unzips to more than {_mib(limit)}, the most one import may unzip",
            )


def _mib(size: int) -> str:
    if size < MIB:
        return f"{size:,} bytes"
    return f"{size / MIB:,.1f} MiB"
