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
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def write_csv(path: Path, fields: tuple[Field, ...], records: Iterable[dict]) -> int:
    """Write the records (dicts keyed by field name); returns the number of data rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding=ENCODING, newline="") as f:
        writer = csv.writer(f, dialect="excel")  # QUOTE_MINIMAL, lineterminator "\r\n"
        writer.writerow([fld.name for fld in fields])
        for record in records:
            writer.writerow([cell_text(record.get(fld.name)) for fld in fields])
            count += 1
    return count
