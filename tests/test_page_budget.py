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
