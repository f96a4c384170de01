"""Open a zip (or an .xlsx) within an import's limits, and read its members streaming.

``open_archive`` counts the entries by walking the central directory itself,
stopping one past the limit, before ``zipfile`` builds an object for each
(a zip of a million empty entries would otherwise cost hundreds of MB just to
open). ``spool_member`` checks a member's declared sizes, then inflates it in
chunks into a spool file, charging each chunk to the budget, so a bomb is
stopped at the first chunk past a limit and a large member is never whole in
memory. ``check_members`` streams every member without keeping
it: an .xlsx is checked that way before openpyxl opens it.

Member names must stay inside the archive: an absolute name (``/etc/x.csv``,
``C:\\x.csv``) or one with a ``..`` part is refused by name (``outside_names``).
"""

from __future__ import annotations

import io
import struct
import tempfile
import zipfile
from pathlib import PurePosixPath
from typing import BinaryIO, cast

from graphcrm.io.limits import ReadBudget

__all__ = [
    "CHUNK",
    "check_members",
    "count_entries",
    "declared_sizes",
    "open_archive",
    "outside_names",
    "spool_member",
]

CHUNK = 256 * 1024
SPOOL_IN_MEMORY = 8 * 1024 * 1024
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_CENTRAL_ENTRY = b"PK\x01\x02"
_EOCD_SIZE = 22
_MAX_COMMENT = 0xFFFF


def open_archive(content: bytes, budget: ReadBudget, source: str) -> zipfile.ZipFile:
    """The zip in ``content``, opened once its entry count is within the limit.

    Raises ImportTooLarge past the limit; zipfile.BadZipFile (or OSError,
    ValueError) for a file that is not a zip.
    """
    budget.members(count_entries(content, budget.limits.max_members), source)
    return zipfile.ZipFile(io.BytesIO(content))


def count_entries(content: bytes, stop_after: int | None) -> int:
    """Entries in the zip's central directory, counted up to ``stop_after + 1``.

    Counted by walking the directory (the count the end record states may lie;
    zipfile reads as many entries as the directory's size holds). Returns 0
    when no directory is found: zipfile then says what is wrong.
    """
    located = _central_directory(content)
    if located is None:
        return 0
    start, size = located
    end = min(start + size, len(content))
    pos, count = start, 0
    while pos + 46 <= end and content[pos : pos + 4] == _CENTRAL_ENTRY:
        name, extra, comment = struct.unpack_from("<HHH", content, pos + 28)
        pos += 46 + name + extra + comment
        count += 1
        if stop_after is not None and count > stop_after:
            break
    return count


def _central_directory(content: bytes) -> tuple[int, int] | None:
    """(start, size) of the central directory, from the end record (zip64 too)."""
    tail_from = max(0, len(content) - _EOCD_SIZE - _MAX_COMMENT)
    eocd = content.rfind(_EOCD, tail_from)
    if eocd < 0 or eocd + _EOCD_SIZE > len(content):
        return None
    size, offset = struct.unpack_from("<II", content, eocd + 12)
    record = eocd
    locator = eocd - 20
    zip64 = size == 0xFFFFFFFF or offset == 0xFFFFFFFF
    if zip64 and locator >= 0 and content[locator : locator + 4] == _ZIP64_LOCATOR:
        (zip64_at,) = struct.unpack_from("<Q", content, locator + 8)
        if content[zip64_at : zip64_at + 4] == _ZIP64_EOCD:
            (size,) = struct.unpack_from("<Q", content, zip64_at + 40)
            record = zip64_at
    # The directory ends where the end record starts (data may be prepended to a zip,
    # so the stated offset is not trusted; zipfile reasons the same way).
    return max(record - size, 0), size


def outside_names(names: list[str]) -> list[str]:
    """Members whose names leave the archive's top folder: absolute, a drive, or ``..``."""
    outside = []
    for name in names:
        path = name.replace("\\", "/")
        drive = len(path) >= 2 and path[1] == ":" and path[0].isalpha()
        if path.startswith("/") or drive or ".." in PurePosixPath(path).parts:
            outside.append(name)
    return outside


def spool_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: ReadBudget, source: str
) -> BinaryIO:
    """One member, inflated chunk by chunk within the budget's limits, into a spool file.

    The spool stays in memory up to ``SPOOL_IN_MEMORY`` bytes and moves to a
    temporary file past that, so a large member costs disk, not memory. The
    caller reads it from the start and closes it.
    """
    budget.declared([_sizes(info)], source)
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 (returned)
    try:
        done = 0
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                done += len(chunk)
                budget.inflated(info.filename, done, info.compress_size, len(chunk), source)
                spool.write(chunk)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return cast(BinaryIO, spool)


def check_members(content: bytes, budget: ReadBudget, source: str) -> None:
    """Stream every member of the zip in ``content`` through the budget, keeping nothing.

    For formats another library inflates (an .xlsx for openpyxl): once this
    returns, the whole archive is known to be within the limits.
    """
    with open_archive(content, budget, source) as archive:
        infos = archive.infolist()
        budget.declared([_sizes(i) for i in infos], source)
        for info in infos:
            done = 0
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    done += len(chunk)
                    budget.inflated(info.filename, done, info.compress_size, len(chunk), source)


def declared_sizes(archive: zipfile.ZipFile) -> list[tuple[str, int, int]]:
    """(name, expanded, compressed) of every member, as the central directory states them."""
    return [_sizes(info) for info in archive.infolist()]


def _sizes(info: zipfile.ZipInfo) -> tuple[str, int, int]:
    return info.filename, info.file_size, info.compress_size
