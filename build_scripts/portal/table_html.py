"""A report's statistics table (tables.Table) as HTML, for the report page (`report_table` in
the templates).

Written in Python rather than as Jinja2 macros: a report page has some 400 cells, and a macro
call per cell was a third of the time of rendering the page. Every value is escaped as the
templates' autoescape escapes it (markupsafe.escape).
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from .render import number
from .tables import ABSENT_TEXT, ABSENT_TITLE, Cell, Row, Table

_SPECIAL = re.compile("[&<>'\"]").search


def _esc(text: str) -> str:
    """escape(text) as a str: most ids, figures and labels have nothing to escape."""
    return text if _SPECIAL(text) is None else str(escape(text))


def _marks(cell: Cell, titled: bool) -> str:
    """The links from a cell to the problems shown at it (numbered as in the problem list)."""
    out = ""
    for m in cell.marks:
        title = f' title="{_esc(m.text)}"' if titled else ""
        out += f'<a class="flag-ref" href="#{_esc(m.anchor)}"{title}>{m.number}</a>'
    return out


def _cell(c: Cell) -> str:
    if c.label is None:  # a data cell: a number (styled by table.report-table td, no class for that)
        css = (["missing"] if c.value is None else []) + (["flagged", f"flagged-{c.severity}"] if c.marks else [])
        title = c.title or (ABSENT_TITLE if c.absent else None)
        out = f'<td id="{_esc(c.id)}"'
        if css:
            out += f' class="{_esc(" ".join(css))}"'
        if c.colspan > 1:
            out += f' colspan="{c.colspan}"'
        if title:
            out += f' title="{_esc(title)}"'
        text = ("空" if c.empty else ABSENT_TEXT if c.absent else "无法读取") if c.value is None else _esc(number(c.value, c.kind))
        # The cell's own title already says it (a link inherits it): not repeated on its links.
        return f"{out}>{text}{_marks(c, not title)}</td>"
    out = "<th"
    if c.rowspan > 1:
        out += f' rowspan="{c.rowspan}"'
    if c.colspan > 1:
        out += f' colspan="{c.colspan}"'
    if c.css:
        out += f' class="{_esc(c.css)}"'
    return f"{out}>{_esc(c.label)}{_marks(c, True)}</th>"


def _row(r: Row) -> str:
    out = "<tr"
    if r.id:
        out += f' id="{_esc(r.id)}"'
    severity = r.severity
    if r.css or severity:
        flagged = f" flagged-row flagged-{_esc(severity)}" if severity else ""
        out += f' class="{_esc(r.css)}{flagged}"'
    title = r.title
    if title:
        out += f' title="{_esc(title)}"'
    return out + ">" + "".join(_cell(c) for c in r.cells) + "</tr>\n"


def report_table(t: Table, searchable: bool = False) -> Markup:
    """The table in its scrolling box; kept out of Material's search index unless searchable."""
    head = "<thead>\n" + "".join(_row(r) for r in t.head) + "</thead>\n" if t.head else ""
    flagged = " flagged-table" if t.table_marks else ""
    excluded = "" if searchable else ' data-search-exclude="true"'
    return Markup(
        f'<div class="portal-scroll" role="region" aria-label="表{_esc(t.part)}" tabindex="0">\n'
        f'<table id="{_esc(t.id)}" class="portal-table report-table {_esc(t.css)}{flagged}"{excluded}>\n'
        + head + "<tbody>\n" + "".join(_row(r) for r in t.body) + "</tbody>\n</table>\n</div>")
