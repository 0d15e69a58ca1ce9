"""Every page stays light however large the collection: the portal built over 2,000 generated
reports (benchmarks/corpus.py, the province of the scale benchmark) with the project's mkdocs.yml.

Budgets are sizes of the HTML files, before compression: no page over 1 MB, no report page
over 60 KB (docs/scale.md). The index pages list long collections over several pages
(build_scripts/portal/pages.py); every report must still be reachable from the home page by
following links. One build for the module (about a minute on two cores: `slow`).
"""
from __future__ import annotations

import re
import sys
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from build_scripts.portal.pages import NEAR, paginate
from conftest import ROOT, make_project, run_build

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus  # noqa: E402

pytestmark = pytest.mark.slow

N = 2000
PAGE_BUDGET = 1024 * 1024
REPORT_PAGE_BUDGET = 60 * 1024
_HREF = re.compile(r'<a\b[^>]*?\shref="([^"#]*)(?:#[^"]*)?"')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("budget")
    corpus.write(N, tmp / "corpus")
    data = tmp / "corpus" / "data"
    files = {p.relative_to(data).as_posix(): p.read_bytes() for p in data.rglob("*.txt")}
    assert len(files) == N
    config = make_project(tmp / "project", files)
    result = run_build(config, "-q")
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return tmp / "project" / "site"


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if not p.relative_to(site).parts[0].startswith("pagefind")]


def test_no_page_is_over_its_budget(site):
    pages = _pages(site)
    reports = [p for p in pages if p.relative_to(site).parts[0] == "reports"]
    assert len(reports) == N
    largest = sorted(pages, key=lambda p: p.stat().st_size)[-5:]
    sizes = [(p.relative_to(site).as_posix(), p.stat().st_size) for p in largest]
    assert all(size <= PAGE_BUDGET for _, size in sizes), sizes
    largest_report = max(reports, key=lambda p: p.stat().st_size)
    assert largest_report.stat().st_size <= REPORT_PAGE_BUDGET, (largest_report, largest_report.stat().st_size)
    # The lists were split, not dropped: e.g. a year of 400 reports is four pages of 100.
    assert (site / "years" / "2024" / "4" / "index.html").is_file()
    assert not (site / "years" / "2024" / "5").exists()


def test_every_report_is_reachable_from_the_home_page_by_links(site):
    root = site.resolve()
    seen: set[Path] = set()
    todo = deque([root / "index.html"])
    while todo:
        page = todo.popleft()
        if page in seen:
            continue
        seen.add(page)
        if page.relative_to(root).parts[0] == "reports":
            continue  # report pages link onwards, but every report must be found from the indexes
        base = "/" + page.relative_to(root).as_posix()
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            if not href or urlsplit(href).scheme or href.startswith("//"):
                continue
            target = urlsplit(urljoin(base, href)).path
            path = (root / unquote(target).lstrip("/")).resolve()
            path = path / "index.html" if target.endswith("/") else path
            if path.suffix == ".html" and path.is_file() and path not in seen:
                todo.append(path)
    reached = {p.parent.name for p in seen if p.relative_to(root).parts[0] == "reports"}
    all_reports = {p.parent.name for p in (root / "reports").glob("*/index.html")}
    assert len(all_reports) == N
    assert reached == all_reports, sorted(all_reports - reached)[:10]


def test_a_pager_links_the_first_the_last_and_the_pages_near_it():
    pagers = paginate("problems/X-carry-over.md", 5_600)  # 56 pages, as a rule at 10,000 reports
    shown = {p.number: [link[0] if link else None for link in p.links()] for p in pagers}
    assert shown[1] == [1, 2, 3, 4, None, 56]
    assert shown[28] == [1, None, 25, 26, 27, 28, 29, 30, 31, None, 56]
    assert shown[5] == [1, 2, 3, 4, 5, 6, 7, 8, None, 56]  # a gap of one page is shown as the page
    assert all(len(links) <= 2 * NEAR + 5 for links in shown.values())  # short at any length
    assert pagers[27].links()[3] == (26, "problems/X-carry-over/26.md")
    # Following the pagers from page 1 reaches every page.
    seen, todo = set(), [1]
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo.extend(m for m in shown[n] if m)
    assert seen == set(range(1, 57))
    assert [link[0] for link in paginate("years/2024.md", 700)[3].links()] == [1, 2, 3, 4, 5, 6, 7]
