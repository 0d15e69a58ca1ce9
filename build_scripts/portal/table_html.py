"""The statistics tables of a report page as HTML, in Python.

Same markup, byte for byte, as the `cell` / `row` / `report_table` macros of
templates/_macros.html (tests/test_table_html.py compares the two), but about ten times faster:
a report page has some 400 cells, and at 10,000 reports the macros were the largest part of the
build (docs/scale.md). Every text is escaped as Jinja's autoescape does.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from .render import number


def _marks(marks) -> str:
    return "".join(f'<a class="flag-ref" href="#{escape(m.anchor)}" title="{escape(m.text)}">{m.index + 1}</a>'
                   for m in marks)


def cell(c) -> str:
    marks = c.marks
    if c.label is None:  # a data cell
        css = "num"
        if c.value is None:
            css += " missing"
        severity = c.severity if marks else None
        if severity:
            css += f" flagged flagged-{escape(severity)}"
        out = f'<td id="{escape(c.id)}" class="{css}"'
        if c.colspan > 1:
            out += f' colspan="{c.colspan}"'
        title = c.title if marks else None
        if title:
            out += f' title="{escape(title)}"'
        if c.value is None:
            out += ">空" if c.empty else ">无法读取"
        else:
            out += f">{escape(number(c.value, c.kind))}"
        return out + _marks(marks) + "</td>"
    out = "<th"
    if c.rowspan > 1:
        out += f' rowspan="{c.rowspan}"'
    if c.colspan > 1:
        out += f' colspan="{c.colspan}"'
    if c.css:
        out += f' class="{escape(c.css)}"'
    return out + f">{escape(c.label)}" + _marks(marks) + "</th>"


def row(r) -> str:
    out = "<tr"
    if r.id:
        out += f' id="{escape(r.id)}"'
    severity = r.severity if r.marks else None
    if r.css or severity:
        out += f' class="{escape(r.css)}'
        if severity:
            out += f" flagged-row flagged-{escape(severity)}"
        out += '"'
    title = r.title if r.marks else None
    if title:
        out += f' title="{escape(title)}"'
    return out + ">" + "".join(cell(c) for c in r.cells) + "</tr>"


def report_table(t, searchable: bool = False) -> Markup:
    """One table (tables.Table) with its scrolling frame."""
    parts = [f'<div class="portal-scroll" role="region" aria-label="表{escape(t.part)}" tabindex="0">\n'
             f'<table id="{escape(t.id)}" class="portal-table report-table {escape(t.css)}'
             f'{" flagged-table" if t.table_marks else ""}"{"" if searchable else " data-search-exclude=" + chr(34) + "true" + chr(34)}>\n']
    if t.head:
        parts.append("<thead>\n" + "".join(row(r) + "\n" for r in t.head) + "</thead>\n")
    parts.append("<tbody>\n" + "".join(row(r) + "\n" for r in t.body) + "</tbody>\n</table>\n</div>")
    return Markup("".join(parts))
