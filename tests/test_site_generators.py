"""The same generated pages published by MkDocs, by Zensical and by ProperDocs.

One project over the fixture data of `portal_site` (seeds, generated reports, hostile reports,
files that are no reports), built three ways, once per module:

- `mkdocs build` (the portal plugin runs the generation itself);
- `python -m build_scripts generate`, `zensical build`, `python -m build_scripts pagefind`;
- `properdocs build` (MkDocs' continuation, plugins unchanged).

Zensical and ProperDocs are optional extras (`pip install -e ".[zensical,properdocs]"`); without
them their tests are skipped, except under CI=true, where that fails (.ci/run installs them).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from conftest import HOSTILE_AGENCY, MKDOCS, fixture_data, make_project

from build_scripts import template as tpl

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
FILLED = "gen_2021_tab.txt"  # a generated report with a different number in every cell


def _tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is not installed (pip install -e \".[{name}]\")")
        pytest.skip(f"{name} is not installed (pip install -e \".[{name}]\")")
    return path


def _run(cmd: list, cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, env=ENV, timeout=600)
    assert done.returncode == 0, f"{cmd}:\n{(done.stdout + done.stderr)[-4000:]}"
    return done


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("generators")
    files, variants, agencies = fixture_data()
    config = make_project(root, files, agencies=agencies)
    # Zensical wants site_dir inside the project; each generator writes a site of its own.
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["site_dir"] = "site-mkdocs"
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name, site in (("zensical.yml", "site-zensical"), ("properdocs.yml", "site-properdocs")):
        (root / name).write_text(yaml.safe_dump({**data, "site_dir": site}, allow_unicode=True, sort_keys=False),
                                 encoding="utf-8")
    _run([MKDOCS, "build", "-q", "-f", config], root)
    return root, variants


@pytest.fixture(scope="module")
def mkdocs_site(project) -> Path:
    return project[0] / "site-mkdocs"


@pytest.fixture(scope="module")
def zensical_site(project) -> Path:
    root = project[0]
    zensical = _tool("zensical")
    _run([sys.executable, "-m", "build_scripts", "generate", "-f", "zensical.yml"], root)
    _run([zensical, "build", "-f", "zensical.yml"], root)
    _run([sys.executable, "-m", "build_scripts", "pagefind", "-f", "zensical.yml"], root)
    return root / "site-zensical"


@pytest.fixture(scope="module")
def properdocs_site(project) -> Path:
    root = project[0]
    _run([_tool("properdocs"), "build", "-q", "-f", "properdocs.yml"], root)
    return root / "site-properdocs"


def _soup(path: Path):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    for link in soup.select("a.headerlink"):
        link.decompose()
    return soup


def _report_pages(site: Path) -> set[str]:
    return {p.parent.relative_to(site).as_posix() for p in (site / "reports").glob("*/index.html")}


def _table_values(site: Path, slug: str, part: str) -> dict[str, str]:
    table = _soup(site / "reports" / slug / "index.html").find(id=f"table-t{ {'二': 2, '三': 3, '四': 4}[part] }")
    return {td["id"]: td.get_text(strip=True) for td in table.select("td[id^=cell-]")}


# -- the same site ------------------------------------------------------------------------------


def test_zensical_publishes_the_same_report_pages_as_mkdocs(project, mkdocs_site, zensical_site):
    root, variants = project
    pages = _report_pages(mkdocs_site)
    data_files = [p for p in (root / "data").rglob("*") if p.is_file() and p.name != "agencies.yml"]
    assert len(pages) == len(data_files) >= 15  # one page per file, those that are no report too
    assert _report_pages(zensical_site) == pages
    for index in ("agencies", "years", "problems", "compare", "data"):
        assert (zensical_site / index / "index.html").is_file(), index
    assert {p.relative_to(mkdocs_site).as_posix() for p in (mkdocs_site / "downloads").rglob("*")} == \
        {p.relative_to(zensical_site).as_posix() for p in (zensical_site / "downloads").rglob("*")}


def test_table_three_of_a_filled_report_has_the_same_values_in_both(project, mkdocs_site, zensical_site):
    variant = project[1][FILLED]
    in_mkdocs = _table_values(mkdocs_site, variant.slug, "三")
    in_zensical = _table_values(zensical_site, variant.slug, "三")
    t = tpl.get(variant.template)
    assert len(in_mkdocs) == sum(1 for r in t.app_rows if r.key) * len(t.app_columns)
    assert in_zensical == in_mkdocs
    # And they are the values written into the report (all different), not just equal.
    for row, columns in variant.values["applications"].items():
        for column, value in columns.items():
            cell = f"cell-t3-{row.replace('.', '_')}-{column}"
            assert in_mkdocs[cell] == str(value), cell


def test_links_of_the_zensical_site_lead_to_its_pages(project, zensical_site):
    variant = project[1][FILLED]
    soup = _soup(zensical_site / "reports" / variant.slug / "index.html")
    facts = soup.select_one("dl.portal-facts")
    base = zensical_site / "reports" / variant.slug
    for a in facts.select("a[href]"):
        assert _target(base, a["href"]).is_file(), a["href"]
    agency = facts.select_one("a")
    assert unquote(agency["href"]).endswith(f"agencies/{variant.agency}/")
    # The problems page links every report (and the original files) where they are.
    problems = _soup(zensical_site / "problems" / "index.html")
    hrefs = [a["href"] for a in problems.select("a[href*='reports/']")]
    assert len(hrefs) >= 10
    for href in hrefs:
        assert _target(zensical_site / "problems", href).is_file(), href


def _target(base: Path, href: str) -> Path:
    """The file a relative link from the page folder `base` is served from."""
    target = (base / unquote(href.split("#")[0])).resolve()
    return target / "index.html" if href.split("#")[0].endswith("/") else target


def test_hostile_text_stays_text_in_both_builds(mkdocs_site, zensical_site):
    title = HOSTILE_AGENCY.replace("{{ 7*7 }}", "{{7*7}}").replace("{% raw %}", "{%raw%}")
    for site in (mkdocs_site, zensical_site):
        soup = _soup(site / "reports" / "hostile" / "index.html")
        assert soup.h1.get_text() == f"{title} 2023 年政府信息公开工作年度报告", site
        for script in soup.find_all("script"):
            assert "alert" not in script.get_text() and "alert" not in (script.get("src") or ""), site
        assert not soup.find_all("iframe") and not soup.select("[onerror], b"), site
        assert not soup.select('a[href^="http://evil"], link[href^="http://evil"]'), site
        text = soup.get_text()
        for literal in ("<script>alert('prose')</script>", "[链接](http://evil.example/)", "{{ config.site_name }}",
                        "{% for x in y %}", "&amp; &lt;b&gt;", "**只有开头的星号 <b>未闭合"):
            assert literal in text, (site, literal)
        title_text = soup.title.get_text()  # printed unescaped by the themes: no markup characters
        assert "＜script＞" in title_text and "<" not in title_text and "{" not in title_text, site
        # Part headings carry report text as Markdown headings: still literal.
        headings = [h.get_text() for h in soup.select("h2[id^=part-]")]
        assert len(headings) == len(tpl.PART_NUMBERS), site
        agency = _soup(site / "agencies" / _agency_dir(site, title) / "index.html")
        assert agency.h1.get_text() == title, site


def _agency_dir(site: Path, name: str) -> str:
    for page in (site / "agencies").glob("*/index.html"):
        h1 = _soup(page).h1
        if h1 is not None and h1.get_text() == name:
            return page.parent.name
    raise AssertionError(f"no agency page for {name!r} in {site}")


def test_properdocs_builds_the_same_site(mkdocs_site, properdocs_site):
    assert _report_pages(properdocs_site) == _report_pages(mkdocs_site)
    for slug in ("gen_2021_tab", "hostile"):
        assert _table_values(properdocs_site, slug, "三") == _table_values(mkdocs_site, slug, "三")


# -- search -------------------------------------------------------------------------------------


@pytest.mark.browser
def test_both_sites_find_chinese_agency_names_and_terms(browser, serve, mkdocs_site, zensical_site):
    page = browser.new_page()
    try:
        # MkDocs: the header search box (Material's search below pagefind_above report pages).
        base = serve(mkdocs_site)
        for query, expect in (("测试县民政局", "/reports/gen_2019_spaced/"), ("测试市统计局", "/reports/gen_2021_")):
            page.goto(base + "/")
            page.click("label.md-search__icon[for=__search], .md-search__input", timeout=5000)
            page.locator("input.md-search__input").type(query, delay=20)
            page.keyboard.press("End")  # Material reads the query on keyup (see test_site_browser)
            page.wait_for_selector(".md-search-result__item a", timeout=20_000)
            hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
            assert any(expect in unquote(h) for h in hrefs[:5]), (query, hrefs[:5])
        # Zensical: the search page, Pagefind's index built over the Zensical site.
        base = serve(zensical_site)
        for query, expect in (("测试县民政局", "/reports/gen_2019_spaced/"), ("信息处理费", "/reports/")):
            page.goto(base + "/search/")
            page.wait_for_selector(".pagefind-ui__search-input", timeout=20_000)
            page.fill(".pagefind-ui__search-input", query)
            page.wait_for_selector(".pagefind-ui__result-link", timeout=20_000)
            hrefs = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
            assert any(expect in unquote(h) for h in hrefs[:5]), (query, hrefs[:5])
            assert all(h.startswith(base + "/reports/") for h in hrefs), hrefs
            for href in hrefs[:3]:  # the results lead to the Zensical site's own pages
                assert (zensical_site / unquote(href[len(base) + 1:]) / "index.html").is_file(), href
    finally:
        page.close()
