"""The pagefind_search plugin: a small build with a low threshold so Pagefind runs.

Two sites: a minimal Material site with three report pages (the plugin on its own), and the
project's portal over the seed reports (the plugin as configured in mkdocs.yml, threshold
lowered). The browser part queries a Chinese term through the header search box and the search
page, served from a plain static file server.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_scripts.pagefind_search.plugin import patch_header

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).parent / "fixtures" / "seeds"

REPORTS = {
    # page: (agency, year, a phrase only this report has)
    "r1": ("石嘴山市惠农区审计局", 2021, "审计整改台账公开"),
    "r2": ("固原市原州区水务局", 2022, "河湖长制公示牌"),
    "r3": ("吴忠市利通区统计局", 2023, "统计调查项目目录"),
}


def _mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-4000:]
    return done


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pagefind-small")
    (root / "docs" / "reports").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# 首页\n\n本站收录政府信息公开工作年度报告。\n", encoding="utf-8")
    for name, (agency, year, phrase) in REPORTS.items():
        (root / "docs" / "reports" / f"{name}.md").write_text(
            f"---\nyear: {year}\nagency: {agency}\n---\n# {agency} {year} 年政府信息公开工作年度报告\n\n"
            f"{year}年，{agency}坚持以公开为常态，推进{phrase}等工作，依申请公开办理规范。\n\n"
            '<div data-search-exclude="true"><p>主题搜索也不收录的问题清单</p></div>\n\n'
            "| 行政复议 | 结果维持 |\n|---|---|\n| 表格不入索引 | 3 |\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: 测试门户\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - search\n  - pagefind_search:\n      pagefind_above: 2\n"
        # Two indexes (shards) that the browser merges: r1 and r2 in pagefind/, r3 in pagefind-2/.
        "      shard_size: 2\n", encoding="utf-8")
    done = _mkdocs("build", cwd=root)
    assert "Pagefind search replaces Material search" in done.stderr
    return root / "site"


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and ((tag in ("script", "img", "iframe", "source") and name == "src")
                          or (tag == "link" and name == "href") or name in ("data-root", "data-page")):
                self.refs.append(value)


def _same_origin_refs(page: Path) -> list[str]:
    """Asset references of a page that leave the site (absolute or protocol-relative URLs)."""
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return [r for r in parser.refs if re.match(r"^([a-z][a-z0-9+.-]*:|//)", r, re.I)]


def test_patch_header_replaces_only_the_search_block():
    source = ('<nav>{% if x %}a{% endif %}{% if "material/search" in config.plugins %}'
              '{% if search.enabled %}<label>{% include "partials/search.html" %}{% endif %}{% endif %}'
              '{% if config.repo_url %}repo{% endif %}</nav>')
    patched = patch_header(source)
    assert patched == ('<nav>{% if x %}a{% endif %}{% include "partials/pagefind-search.html" %}'
                       '{% if config.repo_url %}repo{% endif %}</nav>')
    assert patch_header("<nav></nav>") is None


def test_small_site_has_a_pagefind_index_and_no_lunr_index(small_site):
    bundle = small_site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert (bundle / "pagefind-ui.js").is_file()
    assert any((bundle / "index").iterdir()) and any((bundle / "fragment").iterdir())
    assert json.loads((bundle / "shards.json").read_text()) == {"bundles": ["pagefind/", "pagefind-2/"]}
    assert (small_site / "pagefind-2" / "pagefind-entry.json").is_file()
    assert not list(small_site.glob(".pagefind-*"))  # the staged copies are gone
    assert not (small_site / "search" / "search_index.json").exists()
    report = (small_site / "reports" / "r1" / "index.html").read_text(encoding="utf-8")
    assert report.count("data-pagefind-body") == 1
    assert 'data-pagefind-filter="年度:2021"' in report
    home = (small_site / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in home  # only report articles are indexed
    assert 'data-md-component="search"' not in home  # Material's lunr search never starts
    assert "data-pagefind-search" in home


def _indexed_text(bundle: Path) -> dict[str, str]:
    """What Pagefind indexed of each page, by URL (its fragment files: gzip, a signature, JSON),
    without the zero-width spaces it puts between words."""
    out = {}
    for path in (bundle / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{"):])
        out[fragment["url"]] = fragment["content"].replace("\u200b", "")
    return out


def test_the_index_leaves_out_tables_and_what_material_search_leaves_out(small_site):
    indexed = {**_indexed_text(small_site / "pagefind"), **_indexed_text(small_site / "pagefind-2")}
    assert set(indexed) == {f"/reports/{name}/" for name in REPORTS}
    for name, (agency, year, phrase) in REPORTS.items():
        text = indexed[f"/reports/{name}/"]
        assert phrase in text and agency in text
        assert "表格不入索引" not in text and "问题清单" not in text


def test_search_page_references_only_same_origin_assets(small_site):
    page = small_site / "search" / "index.html"
    assert 'id="pagefind-page"' in page.read_text(encoding="utf-8")
    assert _same_origin_refs(page) == []
    assert _same_origin_refs(small_site / "reports" / "r2" / "index.html") == []


def test_below_the_threshold_material_search_stays(tmp_path):
    shutil.copytree(SEEDS.parent / "seeds", tmp_path / "unused")  # keeps the layout of a project
    (tmp_path / "docs" / "reports").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (tmp_path / "docs" / "reports" / "a.md").write_text("# 报告\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: 小站\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - search\n  - pagefind_search:\n      pagefind_above: 5\n", encoding="utf-8")
    _mkdocs("build", cwd=tmp_path)
    site = tmp_path / "site"
    assert (site / "search" / "search_index.json").is_file()
    assert not (site / "pagefind").exists()
    assert 'data-md-component="search"' in (site / "index.html").read_text(encoding="utf-8")


# -- the project's portal ---------------------------------------------------------------------


def _portal_available() -> bool:
    return (ROOT / "mkdocs.yml").is_file() and (ROOT / "build_scripts" / "portal" / "plugin.py").is_file()


@pytest.fixture(scope="module")
def portal_site(tmp_path_factory) -> Path:
    if not _portal_available():
        pytest.skip("the portal plugin is not there yet")
    root = tmp_path_factory.mktemp("pagefind-portal")
    shutil.copytree(SEEDS, root / "data")
    site = root / "site"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "build_site.py"), "--data", str(root / "data"),
                           "--site", str(site), "--pagefind-above", "1"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-4000:]
    return site


def test_portal_build_indexes_report_articles(portal_site):
    bundle = portal_site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and any((bundle / "index").iterdir())
    indexed = _indexed_text(bundle)
    report = indexed["/reports/000_2cbe264bf5f3dc79/"]
    # The report's text is indexed; its figures, rates and problem list (as on Material's
    # search) and its tables are not.
    assert "沙坡头区工业信息化和商务局" in report and "检查结果" in report
    assert "实质公开率" not in report and "行政事业性收费（万元）" not in report
    pages = list((portal_site / "reports").rglob("index.html"))
    assert pages and all("data-pagefind-body" in p.read_text(encoding="utf-8") for p in pages)
    first = (portal_site / "reports" / "000_2cbe264bf5f3dc79" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="年度:2025"' in first
    assert 'data-pagefind-filter="机关:沙坡头区工业信息化和商务局"' in first
    assert _same_origin_refs(portal_site / "search" / "index.html") == []


# -- the browser (the fixtures `browser` and `serve` are in conftest.py) -----------------------


def _header_search(page, query: str) -> tuple[list[str], str]:
    page.click(".md-search__input")
    page.fill(".md-search__input", query)
    page.wait_for_selector(".md-search-result__item a", timeout=20_000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")
    return hrefs, page.inner_text(".md-search-result__meta")


@pytest.mark.browser
def test_browser_finds_the_report_by_a_chinese_phrase(small_site, browser, serve):
    base = serve(small_site)
    page = browser.new_page()
    requests: list[str] = []
    failed: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(base + "/reports/r1/")
    hrefs, meta = _header_search(page, "河湖长制公示牌")
    assert hrefs[0] == "/reports/r2/"
    assert "找到" in meta
    # Table cells are not indexed.
    page.fill(".md-search__input", "表格不入索引")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('没有找到')")
    # The full results page, reached with ?q= from the search box.
    page.goto(base + "/search/?q=" + "统计调查项目目录")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=20_000)
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))")
    assert links[0] == "/reports/r3/"
    assert "匹配" in page.inner_text("#pagefind-page")
    assert [u for u in requests if not u.startswith(base)] == []
    assert failed == []  # e.g. no request for Material's search_index.json
    page.close()


@pytest.mark.browser
def test_browser_search_under_a_sub_path(small_site, browser, serve, tmp_path):
    # The same site served under /portal/: every URL the search uses is relative to the site.
    shutil.copytree(small_site, tmp_path / "portal")
    base = serve(tmp_path)
    page = browser.new_page()
    page.goto(base + "/portal/")
    hrefs, _ = _header_search(page, "审计整改台账公开")
    assert hrefs[0] == "/portal/reports/r1/"
    page.close()


@pytest.mark.browser
def test_browser_finds_a_seed_report_in_the_portal(portal_site, browser, serve):
    base = serve(portal_site)
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "/")
    hrefs, _ = _header_search(page, "沙坡头区工业信息化和商务局")
    page.goto(base + hrefs[0])
    assert "沙坡头区工业信息化和商务局" in page.inner_text("article h1")
    assert [u for u in requests if not u.startswith(base)] == []
    page.close()
