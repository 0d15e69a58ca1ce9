"""The open data in the real site: `mkdocs build` with the project's mkdocs.yml over generated
reports, then every download checked cell by cell, the pages that link them, the charts on the
agency and year pages, and (in Chromium) the compare page's script."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin

import pytest

from build_scripts import charts
from build_scripts.opendata import FILES, tables
from browser_support import serve_directory
from opendata_support import (AGENCY_A, AGENCY_C, AGENCY_E, all_cells, build_corpus, check_cells, csv_value,
                              expected_figures, read_csv)

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The project's mkdocs.yml and docs/ copied next to a generated data/ folder, built with
    the mkdocs command into site/."""
    project = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    (project / "generated").mkdir()  # docs_dir, where the pages are generated (in the repository with its .gitignore)
    corpus = build_corpus(project / "data")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                             "-d", str(project / "site")], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return corpus, project / "site"


def page(site_dir: Path, url: str) -> str:
    return (site_dir / url / "index.html").read_text(encoding="utf-8")


def resolve(site_dir: Path, page_url: str, href: str) -> Path:
    """The file a relative link of a page (at page_url, a directory URL) points to."""
    target = unquote(urljoin("http://x/" + page_url, href).removeprefix("http://x/")).split("#")[0]
    path = site_dir / target
    return path / "index.html" if target.endswith("/") or path.is_dir() else path


def test_downloads_in_the_site_hold_every_cell(site):
    corpus, site_dir = site
    out = site_dir / "downloads"
    header, rows = read_csv(out / FILES["cells_csv"])
    assert header == [f.name for f in tables.CELL_FIELDS]
    check_cells(rows, corpus)
    assert all(r["source"].startswith("data/") for r in rows), "sources are shown relative to the project"

    _, figures = read_csv(out / FILES["key_figures_csv"])
    assert len(figures) == len(corpus.values)
    for row in figures:
        name = PurePosixPath(row["source"]).name
        if corpus.values[name] is None:
            assert row["template"] == "" and row["consistent"] == "false"
            continue
        for key, want in expected_figures(corpus.template[name], corpus.values[name]).items():
            assert csv_value(row[key], want) == want, (name, key)

    con = sqlite3.connect(f"file:{out / FILES['sqlite']}?mode=ro", uri=True)
    try:
        for name, values in corpus.values.items():
            if values is None:
                continue
            got = {(t, r, c): v for t, r, c, v in con.execute(
                "SELECT table_key, row_key, column_key, value FROM cells_view WHERE source = ?", (f"data/{name}",))}
            assert got == {(t, r, c): v for t, r, c, v in all_cells(corpus.template[name], values)}
        problems = {(PurePosixPath(s).name, rule) for s, rule in con.execute(
            "SELECT r.source, p.rule FROM problems p JOIN reports r USING (report_id)")}
    finally:
        con.close()
    assert {("a-2023.txt", "X-carry-over"), ("a-2023.txt", "X-in-force"), ("c-2024.txt", "F-duplicate-report"),
            ("c-2024-revised.txt", "F-duplicate-report"), ("e-2024.txt", "P-missing-cell"),
            ("notes.txt", "F-not-report")} <= problems


def test_every_download_is_listed_with_its_checksum_on_the_data_page(site):
    _, site_dir = site
    out = site_dir / "downloads"
    manifest = json.loads((out / FILES["manifest"]).read_text(encoding="utf-8"))["files"]
    html = page(site_dir, "data")
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {e["path"] for e in manifest} | {FILES["manifest"]} == on_disk
    for e in manifest:
        data = (out / e["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == e["sha256"] and len(data) == e["bytes"]
        assert e["sha256"] in html
    for path in on_disk:
        links = [href for href in re.findall(r'href="([^"]+)"', html) if resolve(site_dir, "data/", href) == out / path]
        assert links, f"the data page does not link {path}"
    assert "CC BY 4.0" in html and "引用格式" in html
    for rule in ("A-balance", "X-carry-over", "X-in-force", "F-duplicate-report"):
        assert f"<code>{rule}</code>" in html


def test_nav_has_the_data_and_compare_pages(site):
    _, site_dir = site
    home = page(site_dir, "")
    tabs = dict((label.strip(), href) for href, label in
                re.findall(r'<a href="([^"]*)" class="md-tabs__link">\s*([^<]+?)\s*</a>', home))
    assert tabs.get("数据下载") == "data/" and tabs.get("对比") == "compare/"
    assert "开放数据" in home and 'href="data/"' in home


def test_report_pages_link_their_own_downloads(site):
    corpus, site_dir = site
    seen = set()
    for index in sorted((site_dir / "reports").glob("*/index.html")):
        url = index.parent.relative_to(site_dir).as_posix() + "/"
        html = index.read_text(encoding="utf-8")
        links = {Path(h).suffix: resolve(site_dir, url, h) for h in re.findall(r'href="([^"]*downloads/reports/[^"]+)"', html)}
        report = json.loads(links[".json"].read_text(encoding="utf-8"))
        name = PurePosixPath(report["source"]).name
        seen.add(name)
        values = corpus.values[name]
        if values is None:
            assert ".csv" not in links and report["template"] is None
            continue
        for table, row, col, value in all_cells(corpus.template[name], values):
            assert report[table][row][col] == value
        _, rows = read_csv(links[".csv"])
        assert [csv_value(r["value"], v) for r, (*_, v) in zip(rows, all_cells(corpus.template[name], values),
                                                                strict=True)] == \
            [v for *_, v in all_cells(corpus.template[name], values)]
        assert hashlib.sha256(links[".json"].read_bytes()).hexdigest() in html
    assert seen == set(corpus.values)


def _agency_page(site_dir: Path, agency: str) -> tuple[str, str]:
    for index in (site_dir / "agencies").glob("*/index.html"):
        html = index.read_text(encoding="utf-8")
        m = re.search(r'<h1 id="agency-title">(.*?)</h1>', html, re.S)
        if m and unescape(m.group(1)) == agency:
            return index.parent.relative_to(site_dir).as_posix() + "/", html
    raise AssertionError(f"no page for {agency}")


def _bars(html: str) -> dict[tuple[str, str, str], str]:
    """(chart title, category, series) → data-value of every bar of every chart on a page."""
    out = {}
    for svg_text in re.findall(r"<svg .*?</svg>", html, re.S):
        if "od-chart-svg" not in svg_text:
            continue
        svg = ET.fromstring(svg_text)
        title = svg.find(SVG + "title").text
        for el in svg.iter():
            if "data-series" in el.attrib:
                out[(title, el.attrib["data-category"], el.attrib["data-series"])] = el.attrib["data-value"]
    return out


def test_agency_pages_chart_the_agencys_figures(site):
    corpus, site_dir = site
    url, html = _agency_page(site_dir, AGENCY_A)
    bars = _bars(html)
    for name, values in corpus.values.items():
        if not values or corpus.agency[name] != AGENCY_A:
            continue
        want = expected_figures("2021", values)
        cat = f"{corpus.year[name]} 年"
        for key, label in charts.APPLICATION_SERIES:
            assert bars[(f"{AGENCY_A}：政府信息公开申请数量", cat, label)] == str(want[key])
        for key, label in charts.OUTCOME_PARTS:
            assert bars[(f"{AGENCY_A}：申请办理结果构成", cat, label)] == str(want[key])
        for key, label in charts.REVIEW_SERIES:
            assert bars[(f"{AGENCY_A}：行政复议和行政诉讼", cat, label)] == str(want[key])
    compare = re.search(r'href="([^"]*compare/#agencies=[^"]*)"', html).group(1)
    assert resolve(site_dir, url, compare) == site_dir / "compare" / "index.html"
    assert unquote(compare.split("#agencies=")[1]) == AGENCY_A

    url, html = _agency_page(site_dir, AGENCY_C)
    assert "<b>司法局</b>" not in html and "&lt;b&gt;司法局&lt;/b&gt;&amp;" in html
    cats = {c for _, c, _ in _bars(html)}
    assert cats == {"2024 年（c-2024.txt）", "2024 年（c-2024-revised.txt）"}

    _, html = _agency_page(site_dir, AGENCY_E)
    assert _bars(html)[(f"{AGENCY_E}：行政复议和行政诉讼", "2024 年", "行政复议")] == ""  # empty, not 0


def test_year_pages_chart_every_agency_of_the_year(site):
    corpus, site_dir = site
    bars = _bars(page(site_dir, "years/2024"))
    count = 0
    for name, values in corpus.values.items():
        if not values or corpus.year[name] != 2024:
            continue
        cat = corpus.agency[name] + (f"（{name}）" if corpus.agency[name] == AGENCY_C else "")
        want = expected_figures("2021", values)
        assert bars[("2024 年各机关本年新收政府信息公开申请", cat, "本年新收")] == str(want["new_applications"])
        got = bars[("2024 年各机关行政复议和行政诉讼", cat, "行政复议")]
        assert got == ("" if want["reviews"] is None else str(want["reviews"]))
        count += 1
    assert count == 4


def test_compare_page_reads_the_key_figures_the_build_wrote(site):
    corpus, site_dir = site
    html = page(site_dir, "compare")
    src = re.search(r'id="od-compare"[^>]*data-src="([^"]+)"', html).group(1)
    assert resolve(site_dir, "compare/", src) == site_dir / "downloads" / FILES["key_figures_json"]
    scripts = re.findall(r'<script src="([^"]+)"', html)
    js = [s for s in scripts if s.endswith("opendata/compare.js")]
    assert len(js) == 1 and resolve(site_dir, "compare/", js[0]).is_file()
    assert not any(s.startswith(("http:", "https:", "//")) for s in scripts), "nothing loaded from elsewhere"
    data = json.loads((site_dir / "downloads" / FILES["key_figures_json"]).read_text(encoding="utf-8"))
    for record in data["reports"]:
        name = PurePosixPath(record["source"]).name
        if corpus.values[name]:
            for key, want in expected_figures(corpus.template[name], corpus.values[name]).items():
                assert record[key] == want
            # the no-JavaScript table has the same figures
            row = re.search(r'<tr data-source="%s">(.*?)</tr>' % re.escape(record["source"]), html, re.S).group(1)
            assert f'<td data-field="new_applications">{record["new_applications"]}</td>' in row


def test_site_and_downloads_agree_on_key_figures(site):
    """The portal's own tables (model.key_figures) and the downloads show the same numbers (both
    read build_scripts/figures.py), and they are the numbers the reports were generated with."""
    from build_scripts.portal import model

    corpus, _ = site
    pairs = {"new": "new_applications", "granted": "disclosed", "partial": "partly_disclosed",
             "refused": "not_disclosed", "unavailable": "unable_to_provide", "not_processed": "not_processed",
             "other": "other_handling", "handled": "outcomes_total", "carried": "carried_over_out",
             "review": "reviews", "litigation": "lawsuits", "fees": "fees_10k_yuan"}
    assert [f.key for f in model.FIGURES] == list(pairs)
    assert {key: column.name for column, key in tables.TABLE_FIGURE_FIELDS if key in pairs} == pairs
    from build_scripts.reports import parse_paths

    checked = 0
    for report in parse_paths([corpus.data_dir]):
        ours, theirs = tables.key_figures(report), model.key_figures(report)
        name = PurePosixPath(report["source"]).name
        want = expected_figures(corpus.template[name], corpus.values[name]) if corpus.values[name] else None
        for portal_key, key in pairs.items():
            assert theirs[portal_key] == ours[key], (report["source"], key)
            assert ours[key] == (want[key] if want else None), (report["source"], key)
        checked += want is not None
    assert checked == sum(1 for v in corpus.values.values() if v)


# -- the compare page in a browser (`browser` is in conftest.py) ---------------------------------
@pytest.fixture(scope="module")
def served(site):
    _, site_dir = site
    with serve_directory(site_dir) as base:
        yield base + "/"


def _result_table(pg) -> dict[str, dict[str, str]]:
    """{column header: {field: text}} of the compare page's result table."""
    heads = pg.eval_on_selector_all("table.od-compare-result thead th[data-source]",
                                    "els => els.map(e => e.getAttribute('data-source'))")
    rows = pg.eval_on_selector_all(
        "table.od-compare-result tbody tr",
        "trs => trs.map(tr => [tr.getAttribute('data-field'), Array.from(tr.querySelectorAll('td'), td => td.textContent)])")
    return {src: {field: cells[i] for field, cells in rows} for i, src in enumerate(heads)}


@pytest.mark.browser
def test_compare_page_shows_the_chosen_agencies_side_by_side(site, served, browser):
    corpus, _ = site
    pg = browser.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    requests = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(served + "compare/#years=2024")
    pg.wait_for_selector("table.od-compare-result")
    assert pg.is_hidden("#od-compare-static")
    table = _result_table(pg)
    in_2024 = {f"data/{n}" for n, v in corpus.values.items() if v and corpus.year[n] == 2024}
    assert set(table) == in_2024  # a year link preselects every agency of that year
    for source, figures in table.items():
        name = PurePosixPath(source).name
        want = expected_figures("2021", corpus.values[name])
        for key, value in want.items():
            assert figures[key] == ("空" if value is None else str(value)), (name, key)
        assert figures["duplicate"] == ("是" if corpus.agency[name] == AGENCY_C else "否")

    # pick two agencies over all years: A's three years and B's two (2019 template: no fee amount)
    pg.goto(served + "compare/#agencies=" + "|".join(map(_enc, (AGENCY_A, "中宁县民政局"))) + "&years=2019|2020|2022|2023|2024")
    pg.reload()
    pg.wait_for_selector("table.od-compare-result")
    table = _result_table(pg)
    assert set(table) == {f"data/{n}" for n, v in corpus.values.items()
                          if v and corpus.agency[n] in (AGENCY_A, "中宁县民政局")}
    b2020 = table["data/b-2020.txt"]
    assert b2020["fees_10k_yuan"] == "无此项" and b2020["carry_over_mismatches"] == "7"
    assert table["data/a-2023.txt"]["rules"] == "X-carry-over;X-in-force"

    # unticking an agency removes its columns and updates the address
    pg.uncheck(f"input[name='agency'][value='{AGENCY_A}']")
    table = _result_table(pg)
    assert set(table) == {"data/b-2019.txt", "data/b-2020.txt"}
    assert "agencies=" + _enc("中宁县民政局") + "&" in pg.url
    assert not errors
    assert all(u.startswith(served) for u in requests), "the page loads nothing from elsewhere"
    pg.close()


def _enc(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


@pytest.mark.browser
def test_compare_page_escapes_agency_names(site, served, browser):
    pg = browser.new_page()
    pg.goto(served + "compare/#agencies=" + _enc(AGENCY_C) + "&years=2024")
    pg.wait_for_selector("table.od-compare-result")
    heads = pg.eval_on_selector_all("table.od-compare-result thead th[data-source]", "els => els.map(e => e.textContent)")
    assert len(heads) == 2 and all(h.startswith(AGENCY_C + " 2024 年") for h in heads)
    assert pg.locator("table.od-compare-result b").count() == 0  # the name is text, not markup
    labels = pg.eval_on_selector_all("fieldset label", "els => els.map(e => e.textContent.trim())")
    assert AGENCY_C in labels
    pg.close()
