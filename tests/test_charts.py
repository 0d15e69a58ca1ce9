"""Charts (build_scripts.charts): the numbers in the SVG and in the table beside it equal the
generated values; labels are escaped; every chart names itself for screen readers."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from build_scripts import charts
from build_scripts.reports import parse_paths
from opendata_support import AGENCY_A, AGENCY_C, AGENCY_E, build_corpus, expected_figures

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def corpus_reports(tmp_path_factory):
    corpus = build_corpus(tmp_path_factory.mktemp("charts") / "data")
    return corpus, parse_paths([corpus.data_dir])


def figures(html: str) -> list[str]:
    parts = re.findall(r'<figure class="od-chart".*?</figure>', html, re.S)
    assert parts and "".join(parts).count("<figure") == html.count("<figure")
    return parts


def svg_of(figure: str) -> ET.Element:
    m = re.search(r"<svg .*?</svg>", figure, re.S)
    return ET.fromstring(m.group(0))  # well-formed XML: every label escaped


class TableReader(HTMLParser):
    """The chart's data table: {row header: [cell texts]} and the column headers."""

    def __init__(self):
        super().__init__()
        self.head, self.rows, self._cell, self._row, self._in_table = [], {}, None, None, False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._in_table = True
        elif self._in_table and tag in ("td", "th"):
            self._cell = ""
            self._kind = (tag, dict(attrs).get("scope"))

    def handle_endtag(self, tag):
        if self._in_table and tag in ("td", "th") and self._cell is not None:
            text, (kind, scope) = self._cell, self._kind
            if scope == "col":
                self.head.append(text)
            elif scope == "row":
                self._row = text
                self.rows[text] = []
            elif self._row is not None:
                self.rows[self._row].append(text)
            self._cell = None
        elif tag == "table":
            self._in_table = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def table_of(figure: str) -> TableReader:
    reader = TableReader()
    reader.feed(figure[figure.index("</svg>"):])
    return reader


def bars(svg: ET.Element) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for el in svg.iter():
        if "data-series" in el.attrib:
            key = (el.attrib["data-category"], el.attrib["data-series"])
            assert key not in out
            out[key] = el
    return out


def number(text: str):
    return None if text in ("", charts.MISSING) else (float(text) if "." in text else int(text))


def test_agency_charts_show_the_agencys_numbers(corpus_reports):
    corpus, reports = corpus_reports
    mine = [r for r in reports if r["agency"] == AGENCY_A]
    html = charts.agency_charts(mine)
    apps, shares, review = figures(html)
    by_year = {corpus.year[n]: expected_figures("2021", v) for n, v in corpus.values.items()
               if v and corpus.agency[n] == AGENCY_A}
    assert sorted(by_year) == [2022, 2023, 2024]

    for fig, fields in ((apps, charts.APPLICATION_SERIES), (review, charts.REVIEW_SERIES)):
        svg, table = svg_of(fig), table_of(fig)
        found = bars(svg)
        assert len(found) == 3 * len(fields)
        assert table.head[1:] == [label for _, label in fields]
        for year, want in by_year.items():
            cat = f"{year} 年"
            for i, (key, label) in enumerate(fields):
                assert number(found[(cat, label)].attrib["data-value"]) == want[key], (year, key)
                assert number(table.rows[cat][i]) == want[key]
        # bar lengths are the numbers on the scale of the axis
        ticks = [float(t.text) for t in svg.iter(SVG + "text") if t.attrib.get("class") == "od-tick"]
        assert ticks == sorted(ticks) and ticks[0] == 0 and ticks[-1] >= max(
            want[key] for want in by_year.values() for key, _ in fields)
        for el in found.values():
            assert float(el.attrib["width"]) == pytest.approx(
                charts.PLOT_W * number(el.attrib["data-value"]) / ticks[-1], abs=0.01)
        # and the value is printed next to each bar
        texts = [t.text for t in svg.iter(SVG + "text")]
        for want in by_year.values():
            for key, _ in fields:
                assert str(want[key]) in texts

    svg, table = svg_of(shares), table_of(shares)
    found = bars(svg)
    for year, want in by_year.items():
        cat = f"{year} 年"
        total = sum(want[k] for k, _ in charts.OUTCOME_PARTS)
        assert total == want["outcomes_total"]
        width = 0.0
        for i, (key, label) in enumerate(charts.OUTCOME_PARTS):
            el = found[(cat, label)]
            assert number(el.attrib["data-value"]) == want[key]
            assert float(el.attrib["data-share"]) == round(100 * want[key] / total, 1)
            assert table.rows[cat][i].startswith(str(want[key]) + "（")
            width += float(el.attrib["width"])
        assert width == pytest.approx(charts.PLOT_W, abs=0.05)
        assert number(table.rows[cat][-1]) == total


def test_year_charts_compare_agencies_and_keep_duplicates_apart(corpus_reports):
    corpus, reports = corpus_reports
    of_year = [r for r in reports if r["year"] == 2024]
    html = charts.year_charts(of_year)
    new, shares, review = figures(html)
    want = {}
    for name, values in corpus.values.items():
        if values and corpus.year[name] == 2024:
            label = corpus.agency[name]
            if label == AGENCY_C:
                label += f"（{name}）"
            want[label] = expected_figures("2021", values)
    svg = svg_of(new)
    found = bars(svg)
    assert {c for c, _ in found} == set(want)
    for cat, fig in want.items():
        assert number(found[(cat, "本年新收")].attrib["data-value"]) == fig["new_applications"]
    order = [el.attrib["data-category"] for el in svg.iter() if "data-series" in el.attrib]
    assert order == sorted(want, key=lambda c: -want[c]["new_applications"])
    found = bars(svg_of(review))
    for cat, fig in want.items():
        assert number(found[(cat, "行政复议")].attrib["data-value"]) == fig["reviews"]
        assert number(found[(cat, "行政诉讼")].attrib["data-value"]) == fig["lawsuits"]


def test_missing_figure_is_not_drawn_as_zero(corpus_reports):
    _, reports = corpus_reports
    e = [r for r in reports if r["agency"] == AGENCY_E]
    _, _, review = figures(charts.agency_charts(e))
    svg = svg_of(review)
    found = bars(svg)
    missing = found[("2024 年", "行政复议")]
    assert missing.tag == SVG + "text" and missing.attrib["data-value"] == "" and missing.text == "—"
    assert "未读到" in missing.find(SVG + "title").text
    assert found[("2024 年", "行政诉讼")].tag == SVG + "rect"
    table = table_of(review)
    assert table.rows["2024 年"][0] == "—"  # as the site's other tables show a figure not read


def test_labels_are_escaped_and_charts_are_labelled(corpus_reports):
    _, reports = corpus_reports
    html = charts.agency_charts([r for r in reports if r["agency"] == AGENCY_C])
    assert "<b>" not in html and "&lt;b&gt;司法局&lt;/b&gt;&amp;" in html
    for fig in figures(html):
        svg = svg_of(fig)
        assert svg.attrib["role"] == "img"
        ids = svg.attrib["aria-labelledby"].split()
        title, desc = svg.find(SVG + "title"), svg.find(SVG + "desc")
        assert [title.attrib["id"], desc.attrib["id"]] == ids
        assert title.text.startswith(AGENCY_C) and desc.text
        assert "<table" in fig and "<caption>" in fig
        cats = {el.attrib["data-category"] for el in svg.iter() if "data-category" in el.attrib}
        assert cats == {"2024 年（c-2024.txt）", "2024 年（c-2024-revised.txt）"}


def test_chart_of_untrusted_text_is_well_formed():
    nasty = '"><script>alert(1)</script><svg onload=x>'
    html = charts.bar_chart(nasty, [nasty, "b & c"], [(nasty, [3, None])], desc=nasty)
    assert "<script>" not in html and "onload=x>" not in html
    svg = svg_of(figures(html)[0])
    assert svg.find(SVG + "title").text == nasty
    assert {el.attrib["data-category"] for el in svg.iter() if "data-category" in el.attrib} == {nasty, "b & c"}


def test_year_charts_of_many_agencies_draw_the_largest(corpus_reports):
    _, reports = corpus_reports
    of_year = [r for r in reports if r["year"] == 2024]
    html = charts.year_charts(of_year, limit=2)
    new = figures(html)[0]
    found = bars(svg_of(new))
    values = sorted((r["applications"]["1"]["total"] for r in of_year), reverse=True)
    assert sorted((number(el.attrib["data-value"]) for el in found.values()), reverse=True) == values[:2]
    assert "最多的 2 份报告" in new
    assert len(table_of(new).rows) == 2


def test_no_reports_no_charts():
    assert charts.agency_charts([]) == "" and charts.year_charts([{"template": None}]) == ""
