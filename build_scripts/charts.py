"""Charts drawn at build time as inline SVG: no JavaScript library, nothing loaded from elsewhere.

Each chart is an HTML <figure> holding the SVG (role="img", with <title> and <desc>) and, beside
it, a table of the same numbers, so that the figures are readable without the picture. Every
number comes from opendata.tables.key_figures, the same records as the downloads; every bar
carries its number in data-value so it can be checked. Every label is escaped: agency names and
file names are untrusted text.

A figure that is empty or could not be read in the report is drawn as no bar with "—", as the
site's tables show it (a title saying why), never as a zero-length bar that would read as 0.
"""
from __future__ import annotations

import hashlib
import math
import unicodedata
from html import escape
from pathlib import PurePosixPath

from .opendata.tables import key_figures

# Okabe–Ito colours: distinguishable with colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
FONT = 12
BAR = 14
BAR_GAP = 2
GROUP_GAP = 10
PLOT_W = 360
VALUE_W = 80
LABEL_MAX = 240
TOP_AXIS = 8

Number = int | float | None
MISSING = "—"  # a figure not read: the report left it blank or it could not be read


def _e(text) -> str:
    return escape("" if text is None else str(text), quote=True)


def fmt(value: Number) -> str:
    if value is None:
        return MISSING
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _text_width(text: str) -> float:
    return sum(FONT if unicodedata.east_asian_width(ch) in "WF" else FONT * 0.6 for ch in text)


def _clip(text: str, width: float) -> str:
    if _text_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if _text_width(out + ch + "…") > width:
            break
        out += ch
    return out + "…"


def _tick(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def nice_max(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k at or above value (4 at least, so ticks stay whole)."""
    if value <= 4:
        return 4
    exp = 10 ** math.floor(math.log10(value))
    for m in (1, 2, 2.5, 5, 10):
        if m * exp >= value:
            return m * exp
    return 10 * exp


def _chart_id(*parts) -> str:
    return "od-chart-" + hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:10]


def _svg_open(chart_id: str, width: float, height: float, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="od-chart-svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" style="max-width:100%;height:auto" '
        f'font-size="{FONT}" font-family="inherit">',
        f'<title id="{chart_id}-title">{_e(title)}</title>',
        f'<desc id="{chart_id}-desc">{_e(desc)}</desc>',
    ]


def _legend(names: list[str], x0: float, y: float) -> tuple[list[str], float]:
    """Legend items in a row (wrapping); returns the SVG and the height used."""
    out, x, row = [], x0, 0
    for i, name in enumerate(names):
        w = 14 + 4 + _text_width(name) + 14
        if x + w > x0 + PLOT_W + VALUE_W and x > x0:
            x, row = x0, row + 1
        yy = y + row * 18
        out.append(f'<rect x="{x:g}" y="{yy:g}" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>')
        out.append(f'<text x="{x + 16:g}" y="{yy + 10:g}" fill="currentColor">{_e(name)}</text>')
        x += w
    return out, (row + 1) * 18 + 4


def _figure(chart_id: str, title: str, svg: list[str], table: list[str]) -> str:
    return "\n".join([
        f'<figure class="od-chart" id="{chart_id}" data-search-exclude="true">',
        f"<figcaption>{_e(title)}</figcaption>",
        '<div class="od-chart-body" style="display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start">',
        *svg,
        *table,
        "</div>",
        "</figure>",
    ]) + "\n"


def _label_width(categories: list[str]) -> float:
    return min(LABEL_MAX, max((_text_width(c) for c in categories), default=0) + 8)


def _data_table(title: str, note: str, head: list[str], rows: list[tuple[str, list[str]]]) -> list[str]:
    """The table beside a chart: a header row, then a category and its cells' texts per row."""
    table = [f'<table class="od-chart-table"><caption>{_e(title)}（数据表，{_e(note)}）</caption>',
             "<thead><tr><th scope=\"col\"></th>" + "".join(f'<th scope="col">{_e(h)}</th>' for h in head)
             + "</tr></thead>", "<tbody>"]
    for category, cells in rows:
        table.append(f'<tr><th scope="row">{_e(category)}</th>' + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
    table += ["</tbody>", "</table>"]
    return table


def bar_chart(title: str, categories: list[str], series: list[tuple[str, list[Number]]], *, desc: str,
              unit: str = "件", chart_id: str | None = None) -> str:
    """Horizontal grouped bars: one group per category, one bar per series; a table beside it."""
    chart_id = chart_id or _chart_id("bar", title, categories, series)
    names = [name for name, _ in series]
    values = [v for _, vs in series for v in vs if v is not None]
    top = nice_max(max(values, default=0))
    label_w = _label_width(categories)
    legend, legend_h = _legend(names, label_w, 0) if len(series) > 1 else ([], 0)
    group_h = len(series) * (BAR + BAR_GAP) - BAR_GAP
    plot_top = legend_h + TOP_AXIS
    height = plot_top + len(categories) * (group_h + GROUP_GAP) + 22
    width = label_w + PLOT_W + VALUE_W
    svg = _svg_open(chart_id, width, height, title, desc) + legend
    axis_y = height - 20
    for i in range(5):  # grid lines and tick labels
        x = label_w + PLOT_W * i / 4
        svg.append(f'<line x1="{x:g}" y1="{plot_top - 4:g}" x2="{x:g}" y2="{axis_y:g}" stroke="currentColor" '
                   f'stroke-opacity="0.15"/>')
        svg.append(f'<text class="od-tick" x="{x:g}" y="{axis_y + 14:g}" text-anchor="middle" fill="currentColor" '
                   f'fill-opacity="0.7">{_tick(top * i / 4)}</text>')
    for ci, category in enumerate(categories):
        y0 = plot_top + ci * (group_h + GROUP_GAP)
        shown = _clip(category, label_w - 8)
        svg.append(f'<text x="{label_w - 6:g}" y="{y0 + group_h / 2 + FONT / 2 - 1:g}" text-anchor="end" '
                   f'fill="currentColor"><title>{_e(category)}</title>{_e(shown)}</text>')
        for si, (name, vs) in enumerate(series):
            value = vs[ci]
            y = y0 + si * (BAR + BAR_GAP)
            attrs = f'data-category="{_e(category)}" data-series="{_e(name)}" data-value="{_e("" if value is None else fmt(value))}"'
            if value is None:
                svg.append(f'<text class="od-missing" {attrs} x="{label_w + 4:g}" y="{y + BAR - 3:g}" '
                           f'fill="currentColor" fill-opacity="0.7">{MISSING}<title>{_e(category)} · {_e(name)}：未读到（报告中为空或无法识别）</title></text>')
                continue
            w = PLOT_W * value / top if top else 0
            svg.append(f'<rect class="od-bar" {attrs} x="{label_w:g}" y="{y:g}" width="{w:.2f}" height="{BAR}" '
                       f'fill="{PALETTE[si % len(PALETTE)]}"><title>{_e(category)} · {_e(name)}：{_e(fmt(value))} {_e(unit)}</title></rect>')
            svg.append(f'<text x="{label_w + w + 4:.2f}" y="{y + BAR - 3:g}" fill="currentColor">{_e(fmt(value))}</text>')
    svg.append("</svg>")
    rows = [(category, [fmt(vs[ci]) for _, vs in series]) for ci, category in enumerate(categories)]
    return _figure(chart_id, title, svg, _data_table(title, f"单位：{unit}", names, rows))


def share(value: Number, total: Number) -> float | None:
    if value is None or not total:
        return None
    return round(100 * value / total, 1)


def share_chart(title: str, categories: list[str], parts: list[tuple[str, list[Number]]], *, desc: str,
                chart_id: str | None = None) -> str:
    """One 100 % stacked bar per category: how the parts divide their sum; counts and shares in
    the table beside it. A category whose parts are missing or sum to 0 gets no bar."""
    chart_id = chart_id or _chart_id("share", title, categories, parts)
    names = [name for name, _ in parts]
    label_w = _label_width(categories)
    legend, legend_h = _legend(names, label_w, 0)
    height = legend_h + len(categories) * (BAR + GROUP_GAP) + 24
    width = label_w + PLOT_W + VALUE_W
    svg = _svg_open(chart_id, width, height, title, desc) + legend
    totals = []
    for ci, category in enumerate(categories):
        y = legend_h + ci * (BAR + GROUP_GAP)
        counts = [vs[ci] for _, vs in parts]
        total = None if any(v is None for v in counts) else sum(counts)
        totals.append(total)
        shown = _clip(category, label_w - 8)
        svg.append(f'<text x="{label_w - 6:g}" y="{y + BAR - 3:g}" text-anchor="end" fill="currentColor">'
                   f'<title>{_e(category)}</title>{_e(shown)}</text>')
        if not total:
            why = f"{MISSING}（报告中有空缺或无法识别的数值）" if total is None else "无办理结果"
            svg.append(f'<text class="od-missing" data-category="{_e(category)}" x="{label_w + 4:g}" y="{y + BAR - 3:g}" '
                       f'fill="currentColor" fill-opacity="0.7">{_e(why)}</text>')
            continue
        x = label_w
        for si, (name, vs) in enumerate(parts):
            value = vs[ci]
            w = PLOT_W * value / total
            pct = share(value, total)
            svg.append(f'<rect class="od-bar" data-category="{_e(category)}" data-series="{_e(name)}" '
                       f'data-value="{_e(fmt(value))}" data-share="{pct:g}" x="{x:.2f}" y="{y:g}" width="{w:.2f}" '
                       f'height="{BAR}" fill="{PALETTE[si % len(PALETTE)]}"><title>{_e(category)} · {_e(name)}：'
                       f'{_e(fmt(value))} 件（{pct:g}%）</title></rect>')
            x += w
        svg.append(f'<text x="{label_w + PLOT_W + 4:g}" y="{y + BAR - 3:g}" fill="currentColor">共 {_e(fmt(total))}</text>')
    svg.append("</svg>")
    rows = []
    for ci, category in enumerate(categories):
        cells = []
        for _, vs in parts:
            pct = share(vs[ci], totals[ci])
            cells.append(fmt(vs[ci]) + ("" if pct is None else f"（{pct:g}%）"))
        rows.append((category, cells + [fmt(totals[ci])]))
    return _figure(chart_id, title, svg, _data_table(title, "单位：件，括号内为占比", names + ["合计"], rows))


# -- the charts of the portal's pages --------------------------------------------------------------
OUTCOME_PARTS = (
    ("disclosed", "予以公开"), ("partly_disclosed", "部分公开"), ("not_disclosed", "不予公开"),
    ("unable_to_provide", "无法提供"), ("not_processed", "不予处理"), ("other_handling", "其他处理"),
)
APPLICATION_SERIES = (
    ("new_applications", "本年新收"), ("carried_over_in", "上年结转"),
    ("outcomes_total", "办理结果总计"), ("carried_over_out", "结转下年度"),
)
REVIEW_SERIES = (
    ("reviews", "行政复议"), ("reviews_corrected", "复议结果纠正"),
    ("lawsuits", "行政诉讼"), ("lawsuits_corrected", "诉讼结果纠正"),
)


def _records(reports: list[dict]) -> list[dict]:
    return [key_figures(r) for r in reports if r.get("template")]


def _labels(records: list[dict], base: str) -> list[str]:
    """Category labels; reports that share one (duplicate reports) also name their file."""
    names = [str(r[base]) + (" 年" if base == "year" else "") for r in records]
    counts = {n: names.count(n) for n in names}
    return [f"{n}（{PurePosixPath(r['source']).name}）" if counts[n] > 1 else n for n, r in zip(names, records)]


def _series(records, fields) -> list[tuple[str, list[Number]]]:
    return [(label, [r[name] for r in records]) for name, label in fields]


def agency_charts(reports: list[dict], agency: str | None = None) -> str:
    """An agency's key figures across years: applications, outcome shares, reviews and lawsuits.
    Duplicate reports of one year appear side by side, each named by its file."""
    records = sorted(_records(reports), key=lambda r: (r["year"] or 0, r["source"]))
    if not records:
        return ""
    agency = agency or records[0]["agency"] or ""
    cats = _labels(records, "year")
    return "".join([
        bar_chart(f"{agency}：政府信息公开申请数量", cats, _series(records, APPLICATION_SERIES),
                  desc=f"条形图，按年度比较{agency}本年新收、上年结转、办理结果总计和结转下年度的申请件数（表三“总计”列）。"
                       "各数值见旁边的数据表。"),
        share_chart(f"{agency}：申请办理结果构成", cats, _series(records, OUTCOME_PARTS),
                    desc=f"堆积条形图，按年度显示{agency}办理结果中予以公开、部分公开、不予公开、无法提供、不予处理和其他处理所占比例。"
                         "各件数和占比见旁边的数据表。"),
        bar_chart(f"{agency}：行政复议和行政诉讼", cats, _series(records, REVIEW_SERIES),
                  desc=f"条形图，按年度比较{agency}因政府信息公开被申请行政复议、提起行政诉讼的件数及其中结果纠正的件数。"
                       "各数值见旁边的数据表。"),
    ])


YEAR_CHART_LIMIT = 30


def year_charts(reports: list[dict], year: int | None = None, *, limit: int = YEAR_CHART_LIMIT) -> str:
    """The agencies of one year compared: new applications, outcome shares, reviews and lawsuits.
    With more than `limit` reports, the `limit` with the most new applications are drawn (the
    year page's table and the downloads have them all)."""
    records = _records(reports)
    if not records:
        return ""
    year = year or records[0]["year"]
    records.sort(key=lambda r: (r["new_applications"] is None, -(r["new_applications"] or 0),
                                r["agency"] or "", r["source"]))
    cats = _labels(records, "agency")
    which = ""
    if len(records) > limit:
        records, cats = records[:limit], cats[:limit]
        which = f"（本年新收申请最多的 {limit} 份报告）"
    return "".join([
        bar_chart(f"{year} 年各机关本年新收政府信息公开申请{which}", cats,
                  _series(records, (("new_applications", "本年新收"),)),
                  desc=f"条形图，比较 {year} 年各机关本年新收政府信息公开申请的件数（表三“总计”列），按件数从多到少排列。"
                       "各数值见旁边的数据表。"),
        share_chart(f"{year} 年各机关申请办理结果构成{which}", cats, _series(records, OUTCOME_PARTS),
                    desc=f"堆积条形图，显示 {year} 年各机关办理结果中予以公开、部分公开、不予公开、无法提供、不予处理和其他处理所占比例。"
                         "各件数和占比见旁边的数据表。"),
        bar_chart(f"{year} 年各机关行政复议和行政诉讼{which}", cats,
                  _series(records, (("reviews", "行政复议"), ("lawsuits", "行政诉讼"))),
                  desc=f"条形图，比较 {year} 年各机关因政府信息公开被申请行政复议和提起行政诉讼的件数。各数值见旁边的数据表。"),
    ])
