"""The Jinja2 environment the pages are rendered with, and its filters.

Autoescape is on for every template: text from a report is data and is printed escaped. The
only markup made from report text is what `prose` makes on purpose: paragraphs, `**bold**` and
`<http://…>` links, built from escaped pieces.
"""
from __future__ import annotations

import re
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import checks_timeliness
from .. import figures as figures_mod
from .. import rules as rules_mod
from .. import template as tpl
from . import model as model_mod
from .agencies import LEVELS

TEMPLATES_DIR = Path(__file__).parent / "templates"

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n+")
_LINK = re.compile(r"<(https?://[A-Za-z0-9.\-]+(?::\d{1,5})?(?:/[^\s<>\"'`]*)?)>")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)


def _bold(text: str) -> Markup:
    out = Markup()
    pos = 0
    for m in _BOLD.finditer(text):
        out += escape(text[pos:m.start()]) + Markup("<strong>%s</strong>") % m.group(1)
        pos = m.end()
    return out + escape(text[pos:])


def inline(text: str) -> Markup:
    """One paragraph of report text as HTML: escaped, with `**bold**` and `<http://…>` links."""
    out = Markup()
    pos = 0
    for m in _LINK.finditer(text):
        out += _bold(text[pos:m.start()])
        out += Markup('<a class="external" href="%s" rel="nofollow noopener noreferrer">%s</a>') % (
            m.group(1), m.group(1))
        pos = m.end()
    out += _bold(text[pos:])
    # A line break left inside a paragraph stays a line break (the text around it is escaped).
    return Markup(str(out).replace("\n", "<br>\n"))


def prose(text: str | None) -> Markup:
    """Paragraphs (separated by blank lines) as <p> elements."""
    if not text:
        return Markup()
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    return Markup("\n").join(Markup("<p>%s</p>") % inline(p) for p in paragraphs)


def number(value, kind: str = "count") -> str:
    """A table value as printed: integers as they are, decimals as written, 本年增/减 signed."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = repr(value) if abs(value) < 1e15 else f"{value:.2f}"
    else:
        text = str(value)
    if kind == "signed" and value > 0:
        text = "+" + text
    return text


def after_where(message: str, where: str | None) -> str:
    """A problem's message as shown after its place ("二 · 规章 · 本年制发件数：为空…"): a message
    that opens with the place (as the downloads keep it, to be read alone) does not say it twice."""
    if where and message.startswith(where) and len(message) > len(where):
        rest = message[len(where):].lstrip(" ：:，,")
        return rest[1:] if rest.startswith("的") else rest  # "…件数 的内容“x”不是数字" → "内容“x”不是数字"
    return message


def severity_label(severity: str | None) -> str:
    return {rules_mod.ERROR: "错误", rules_mod.WARNING: "警告"}.get(severity or "", "")


def template_label(template_id: str | None) -> str:
    if not template_id:
        return "无法识别"
    return f"{template_id} 年版（{tpl.NOTICES[template_id]}）"


def make_environment(extra_dirs: list[Path] | None = None) -> Environment:
    from .table_html import report_table  # it uses `number` above

    loaders = [FileSystemLoader(str(d)) for d in (extra_dirs or [])]
    loaders.append(FileSystemLoader(str(TEMPLATES_DIR)))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # one environment per generation: templates are not edited during it
    )
    env.filters.update(
        prose=prose,
        inline=inline,
        number=number,
        severity_label=severity_label,
        after_where=after_where,
        template_label=template_label,
    )
    env.globals.update(
        RULES=rules_mod.RULES,
        ERROR=rules_mod.ERROR,
        WARNING=rules_mod.WARNING,
        FIGURES=model_mod.FIGURES,
        RATES=figures_mod.RATES,
        RANKING_MIN=figures_mod.RANKING_MIN_DENOMINATOR,
        TIMELINESS=checks_timeliness.STATUS_LABELS,
        LEVELS=LEVELS,
        PART_TITLES=tpl.PART_TITLES,
        PART_NUMBERS=tpl.PART_NUMBERS,
        TABLE_PARTS=tpl.TABLE_PARTS,
        problem_anchor=model_mod.problem_anchor,
        report_table=report_table,
    )
    return env
