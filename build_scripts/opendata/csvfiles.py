"""CSV downloads that open correctly in Excel on a Chinese Windows machine and in pandas.

- UTF-8 with a byte order mark (Excel reads BOM-less UTF-8 as the ANSI code page, GBK, and
  shows mojibake), CRLF line endings (the csv module's excel dialect).
- One header row of keys; the Chinese label of each column is on the data page and in the
  manifest.
- None is an empty cell, never 0; numbers keep their decimals; booleans are true / false.
- A text cell that starts with = + - @ (or a tab / carriage return) gets a leading apostrophe,
  so that Excel shows it as text instead of running it as a formula. Numbers are not touched.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable

from .tables import Field

ENCODING = "utf-8-sig"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value) -> str:
    kind = type(value)
    if kind is str:
        return "'" + value if value.startswith(_FORMULA_START) else value
    if kind is int:
        return str(value)
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind is float:
        return repr(value)
    return cell_text(str(value))


class CsvFile:
    """A CSV download being written: `with CsvFile(path, fields) as f: f.write(records)`."""

    def __init__(self, path: Path, fields: tuple[Field, ...]):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.names = [fld.name for fld in fields]
        self.rows = 0
        self._file = path.open("w", encoding=ENCODING, newline="")
        self._writer = csv.writer(self._file, dialect="excel")  # QUOTE_MINIMAL, lineterminator "\r\n"
        self._writer.writerow(self.names)

    def texts(self, records: Iterable[dict]) -> list[list[str]]:
        """The records as rows of cell texts (to write them to more than one file)."""
        names = self.names
        return [[cell_text(record.get(n)) for n in names] for record in records]

    def write_texts(self, rows: list[list[str]]) -> None:
        self._writer.writerows(rows)
        self.rows += len(rows)

    def write(self, records: Iterable[dict]) -> None:
        self.write_texts(self.texts(records))

    def __enter__(self) -> "CsvFile":
        return self

    def __exit__(self, *exc) -> None:
        self._file.close()


def write_csv(path: Path, fields: tuple[Field, ...], records: Iterable[dict]) -> int:
    """Write the records (dicts keyed by field name); returns the number of data rows."""
    with CsvFile(path, fields) as f:
        f.write(records)
    return f.rows


def csv_bytes(fields: tuple[Field, ...], rows: list[list[str]]) -> bytes:
    """A CSV file's content, as write_csv writes it, of rows of cell texts (cell_text) in the
    order of `fields`."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, dialect="excel")
    writer.writerow([fld.name for fld in fields])
    writer.writerows(rows)
    return buf.getvalue().encode(ENCODING)


def header_bytes(fields: tuple[Field, ...]) -> bytes:
    """The start of every CSV file of these fields: the byte order mark and the header row."""
    buf = io.StringIO()
    csv.writer(buf, dialect="excel").writerow([fld.name for fld in fields])
    return buf.getvalue().encode(ENCODING)


def join_csv(path: Path, fields: tuple[Field, ...], parts: list[Path]) -> None:
    """One CSV file of the rows of `parts` (CSV files written with the same fields), in order,
    under one header: the same bytes as writing all their rows into one file."""
    head = header_bytes(fields)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        out.write(head)
        for part in parts:
            data = part.read_bytes()
            if not data.startswith(head):
                raise ValueError(f"{part.name} is not a CSV file of these columns")
            out.write(memoryview(data)[len(head):])
