"""The built site in headless Chromium (Debian's /usr/bin/chromium through playwright), served by a
plain static file server on 127.0.0.1: Chinese search in Material's search box, no request
leaving the site, tables that scroll inside their wrapper on a phone, sortable columns.

Skipped when Chromium or playwright is missing, except under CI=true, where that fails."""
from __future__ import annotations

from urllib.parse import unquote, urljoin, urlsplit

import pytest

from browser_support import serve_directory

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(portal_site):
    with serve_directory(portal_site.site) as base:  # `browser` is in conftest.py
        yield base + "/"


class Visit:
    """A page that records every request it makes."""

    def __init__(self, browser, server, width=1280, height=900):
        self.server = server
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))

    def go(self, path: str):
        self.page.goto(self.server + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def outside(self) -> list[str]:
        return [u for u in self.requests
                if not u.startswith(self.server) and not u.startswith(("data:", "blob:", "about:"))]

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, server):
    visits: list[Visit] = []

    def make(**kw) -> Visit:
        v = Visit(browser, server, **kw)
        visits.append(v)
        return v

    yield make
    for v in visits:
        assert v.outside() == [], v.outside()  # no request ever leaves 127.0.0.1
        v.close()


def _search(page, query: str) -> list[str]:
    """Type `query` into Material's search box; the paths of the result links, best first."""
    page.click("label.md-search__icon[for=__search], .md-search__input", timeout=5000)
    box = page.locator("input.md-search__input")
    box.fill("")
    box.type(query, delay=20)
    # Chinese is typed through an input method, which ends with a key release; Material reads
    # the query on keyup (playwright inserts non-ASCII text without key events).
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item a", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    return [unquote(urlsplit(h).path) for h in hrefs]


def _pages(results: list[str]) -> list[str]:
    """Result pages in order, each once (Material lists a page, then its matching sections)."""
    return list(dict.fromkeys(r for r in results))


def _agency_reports(site, agency: str) -> set[str]:
    soup = site.soup(f"agencies/{agency}/")
    return {"/" + unquote(urljoin(f"agencies/{agency}/", a["href"])) for a in soup.select("table.figures-by-year thead a")}


def test_search_for_an_agency_name_finds_its_pages_first(visit, portal_site):
    v = visit()
    pages = _pages(_search(v.go(""), "沙坡头区科学技术局"))
    reports = _agency_reports(portal_site, "沙坡头区科学技术局")
    assert len(reports) == 2  # the seed and its copy in data/2025/
    # Its agency page, then its reports, before anything else.
    assert pages[0] == "/agencies/沙坡头区科学技术局/"
    assert set(pages[1:3]) == reports
    # No page of another agency of the same district.
    for other in ("沙坡头区工业信息化和商务局", "沙坡头区政务服务中心"):
        assert f"/agencies/{other}/" not in pages
        assert not _agency_reports(portal_site, other) & set(pages)
    assert "沙坡头区科学技术" in v.page.inner_text(".md-search-result mark")


def test_search_for_the_end_of_a_name_finds_every_such_agency(visit):
    v = visit()
    pages = _pages(_search(v.go(""), "科学技术局"))
    assert pages[0] == "/agencies/沙坡头区科学技术局/"
    assert "/reports/001_467beb583403089d/" in pages


def test_search_for_a_word_of_the_prose_finds_the_reports_that_use_it(visit, portal_site):
    v = visit()
    pages = _pages(_search(v.go(""), "信息处理费"))
    reports = [p for p in pages if p.startswith("/reports/")]
    assert {"/reports/000_2cbe264bf5f3dc79/", "/reports/001_467beb583403089d/",
            "/reports/003_3d6f9c5b0d566f35/"} <= set(reports)
    # Every report listed does use the word; the ones listed first are reports.
    for page in reports:
        assert "信息处理费" in portal_site.soup(page.lstrip("/")).get_text(), page
    assert pages[0].startswith("/reports/")
    assert "/reports/002_feb633cd83bcaa70/" not in pages  # seed 002 has no part 六, no such fee


def test_search_for_a_table_label_finds_the_reports(visit):
    v = visit()
    pages = _pages(_search(v.go(""), "行政许可"))
    # Every report has the label in its table 二: the results start with reports (Material
    # renders the first ten at once, the rest on scrolling).
    assert len(pages) >= 5 and all(p.startswith("/reports/") for p in pages[:5])
    assert "/reports/004_61af8c38068e4b3e/" in pages
    assert "行政许" in v.page.inner_text(".md-search-result__meta ~ ol, .md-search-result")


def test_report_page_on_a_phone_scrolls_tables_not_the_page(visit):
    v = visit(width=375, height=800)
    page = v.go("reports/gen_2021_tab/")
    page_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert page_width <= 375
    for table in ("#table-t3", "#table-t4"):
        wrapper = page.locator(table).locator("xpath=..")
        assert "portal-scroll" in wrapper.get_attribute("class")
        sizes = wrapper.evaluate("w => [w.scrollWidth, w.clientWidth, getComputedStyle(w).overflowX]")
        assert sizes[0] > sizes[1] and sizes[2] == "auto", sizes
        scrolled = wrapper.evaluate("w => { w.scrollLeft = 120; return w.scrollLeft; }")
        assert scrolled > 0
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    assert page.evaluate("() => window.scrollX") == 0


@pytest.mark.parametrize("path", ["data/", "compare/"])
def test_download_and_compare_pages_on_a_phone_scroll_tables_not_the_page(visit, path):
    # The file list of 数据下载 (six columns, SHA-256 values) is wider than a phone.
    v = visit(width=375, height=800)
    page = v.go(path)
    assert page.locator("table").count() > 0
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    wide = page.evaluate("""() => [...document.querySelectorAll('article table')]
        .filter(t => t.getBoundingClientRect().right > window.innerWidth)
        .map(t => getComputedStyle(t.parentElement).overflowX)""")
    assert all(overflow == "auto" for overflow in wide), wide


def test_numbers_are_right_aligned_and_flags_visible(visit):
    v = visit()
    page = v.go("reports/gen_balance/")
    align = page.eval_on_selector("#cell-t3-1-natural_person", "c => getComputedStyle(c).textAlign")
    assert align == "right"
    flagged = page.eval_on_selector("#cell-t3-3_7-natural_person",
                                    "c => [getComputedStyle(c).backgroundColor, c.title]")
    assert flagged[0] not in ("rgba(0, 0, 0, 0)", "transparent") and "A-balance" in flagged[1]


def test_clicking_a_header_sorts_the_year_table(visit):
    v = visit()
    page = v.go("years/2024/")
    table = "table.sortable"
    index = page.eval_on_selector(table, """t => [...t.tHead.rows[0].cells].findIndex(c => c.textContent.trim() === '本年新收')""")
    assert index > 0

    def column():
        return page.eval_on_selector(table, f"""t => [...t.tBodies[0].rows].map(r => r.cells[{index}].getAttribute('data-value'))""")

    before = column()
    page.click(f"{table} thead th:nth-child({index + 1}) button")
    ascending = column()
    numbers = [float(x) for x in ascending if x]
    assert numbers == sorted(numbers) and len(numbers) >= 4
    assert ascending[len(numbers):] == [""] * (len(ascending) - len(numbers))  # unknown last
    page.click(f"{table} thead th:nth-child({index + 1}) button")
    descending = [float(x) for x in column() if x]
    assert descending == sorted(numbers, reverse=True)
    assert sorted(before, key=str) == sorted(ascending, key=str)
    assert page.eval_on_selector(f"{table} thead th:nth-child({index + 1})", "th => th.getAttribute('aria-sort')") == "descending"
    # Totals stay in the footer.
    assert page.eval_on_selector(table, "t => t.tFoot.rows[0].cells[0].textContent").startswith("合计")


def test_problem_link_lands_on_the_flagged_cell(visit):
    v = visit()
    page = v.go("problems/")
    page.click("#rule-A-balance ~ div a[href$='#cell-t3-3_7-natural_person']")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/reports/gen_balance/#cell-t3-3_7-natural_person")
    visible = page.eval_on_selector("#cell-t3-3_7-natural_person", """c => {
        const r = c.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight; }""")
    assert visible


def test_a_blank_cells_flag_lands_on_its_rows_item_numbered_as_the_flag(visit):
    v = visit()
    page = v.go("reports/gen_blank_rows/")
    flag = "#cell-t3-1-legal_service_org a.flag-ref"
    number = page.eval_on_selector(flag, "a => a.textContent")
    page.click(flag)
    assert page.url.endswith("#problem-1")
    item = page.eval_on_selector("#problem-1", """li => {
        const r = li.getBoundingClientRect();
        return [li.value, r.top >= 0 && r.bottom <= window.innerHeight, li.textContent]; }""")
    assert str(item[0]) == number == "1" and item[1]
    assert "法律服务机构" in item[2] and "（6 个单元格）" in item[2]
