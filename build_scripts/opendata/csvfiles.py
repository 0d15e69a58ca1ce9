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
