"""Markdown as OCR tools and PDF converters write a report: pipe tables, `#` headings.

Such a converter often cuts one printed table into many small pipe tables (at each merged row
heading, such as 第二十条第（五）项 or （三）不予公开, which it turns into a Markdown heading) and
invents headers for them ("数据1 | 数据2 …"), so a piece of a table is often not a grid the grid
reader can name. Each pipe table is kept as a grid, and is also written out as tab-separated
rows, so that the text reader finds every row's cells by their label, exactly as in text pasted
from Word. Heading markers are removed, so that "## 一、总体情况" is a part heading and
"# 某县人民政府2025年…" a title.
"""
from __future__ import annotations

import re

from ..grid import Grid
from ._layout import Document

_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def is_markdown(text: str) -> bool:
    """A pipe table (a row followed by its rule line), or at least two `#` headings."""
    lines = text.split("\n")
    if any(_PIPE_ROW.match(a) and _PIPE_RULE.match(b) for a, b in zip(lines, lines[1:])):
        return True
    return sum(1 for line in lines if _HEADING.match(line)) >= 2


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [c.replace("\\|", "|").strip() for c in re.split(r"(?<!\\)\|", inner)]


def to_document(text: str) -> Document:
    doc = Document()
    prose: list[str] = []
    rows: list[list[str]] = []

    def flush_prose():
        if any(line.strip() for line in prose):
            doc.blocks.append("\n".join(prose))  # kept line by line: PDF text relies on its lines
        prose.clear()

    def flush_table():
        if rows:
            doc.grid(Grid.from_text_rows([list(r) for r in rows]))
        rows.clear()

    for line in text.split("\n"):
        if _PIPE_ROW.match(line) or (rows and _PIPE_RULE.match(line)):
            if not rows:
                flush_prose()
            if not _PIPE_RULE.match(line):
                rows.append(_cells(line))
            continue
        flush_table()
        m = _HEADING.match(line)
        prose.append(m.group(1) if m else line)
    flush_table()
    flush_prose()
    return doc
