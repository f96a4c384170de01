"""Zip and XLSX bombs, written streaming so the tests that build them stay small in memory."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl

MIB = 1024 * 1024
_ZEROS = b"0" * MIB


def zeros_zip(path: Path, expanded_mib: int = 1024, member: str = "people.csv") -> Path:
    """A zip whose one CSV is a header and then ``expanded_mib`` MiB of zeros (~1000:1)."""
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open(member, "w", force_zip64=True) as out,
    ):
        out.write(b"id,account_id,name\n")
        for _ in range(expanded_mib):
            out.write(_ZEROS)
    return path


def rows_zip(path: Path, expanded_mib: int) -> Path:
    """A zip of people.csv with distinct rows, compressing about 40:1 (under the ratio limit)."""
    filler = b"Person with a long repeated note " * 6
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive,
        archive.open("people.csv", "w", force_zip64=True) as out,
    ):
        out.write(b"id,account_id,name,notes\n")
        written, n = 0, 0
        while written < expanded_mib * MIB:
            lines = b"".join(
                b"p%09d,acme,Person %09d,%s\n" % (i, i, filler) for i in range(n, n + 10_000)
            )
            out.write(lines)
            written += len(lines)
            n += 10_000
    return path


def xlsx_bomb(path: Path, expanded_mib: int = 1024) -> Path:
    """A real workbook (sheet ``people``) whose sheet XML is padded with ``expanded_mib`` MiB.

    The padding sits in an inline string, so the file is well-formed XLSX that
    openpyxl would read whole, if it were ever let open it.
    """
    book = openpyxl.Workbook()
    book.active.title = "people"
    book["people"].append(["id", "account_id", "name"])
    plain = io.BytesIO()
    book.save(plain)
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
    ):
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info.filename, source.read(info))
                continue
            xml = source.read(info).decode()
            head, tail = xml.split("</sheetData>")
            with archive.open(info.filename, "w", force_zip64=True) as out:
                out.write(head.encode() + b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
                for _ in range(expanded_mib):
                    out.write(_ZEROS)
                out.write(b"</t></is></c></row></sheetData>" + tail.encode())
    return path


def many_members_zip(path: Path, members: int) -> Path:
    """A zip of ``members`` tiny files (a bomb by count: each entry costs memory to list)."""
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(members):
            archive.writestr(f"junk/{i}.txt", b"")
    return path


def deep_json(depth: int) -> bytes:
    """A JSON object whose one table holds a row nested ``depth`` arrays deep."""
    return b'{"people": [' + b"[" * depth + b"]" * depth + b"]}"
