"""`python -m build_scripts split-build`: several portal sites under one home page and search."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from build_scripts.pagefind_search.plugin import shard

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def test_shards_split_pages_evenly():
    pages = [f"reports/{i}/index.html" for i in range(7)]
    assert shard(pages, "pagefind", 0) == [("pagefind", pages)]
    assert shard(pages, "pagefind", 7) == [("pagefind", pages)]
    parts = shard(pages, "pagefind", 3)
    assert [b for b, _ in parts] == ["pagefind", "pagefind-2", "pagefind-3"]
    assert [len(p) for _, p in parts] == [3, 3, 1] and sum((p for _, p in parts), []) == pages


@pytest.fixture(scope="module")
def split_site(tmp_path_factory) -> Path:
    if not (ROOT / "mkdocs.yml").is_file() or not (ROOT / "build_scripts" / "portal" / "plugin.py").is_file():
        pytest.skip("the portal plugin is not there yet")
    root = tmp_path_factory.mktemp("split")
    for folder, names in (("宁夏", ["000", "001"]), ("甘肃", ["002", "003", "004"])):
        (root / "data" / folder).mkdir(parents=True)
        for name in names:
            [seed] = SEEDS.glob(f"{name}_*.txt")
            shutil.copy(seed, root / "data" / folder / seed.name)
    out = root / "out"
    done = subprocess.run([sys.executable, "-m", "build_scripts", "split-build", "--by", "folder",
                           "--data", str(root / "data"), "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-4000:]
    listed = subprocess.run([sys.executable, "-m", "build_scripts", "split-build", "--by", "folder",
                             "--data", str(root / "data"), "--list"], cwd=ROOT, capture_output=True, text=True)
    assert listed.stdout.splitlines()[:2] == ["宁夏\t2", "甘肃\t3"]
    return out


def test_split_build_writes_parts_and_a_home_page(split_site):
    assert json.loads((split_site / "parts.json").read_text(encoding="utf-8"))["parts"] == {"宁夏": 2, "甘肃": 3}
    for part, count in (("宁夏", 2), ("甘肃", 3)):
        assert (split_site / part / "pagefind" / "pagefind.js").is_file()
        assert len(list((split_site / part / "reports").rglob("index.html"))) == count
        header = (split_site / part / "index.html").read_text(encoding="utf-8")
        other = "甘肃" if part == "宁夏" else "宁夏"
        assert f"data-merge='[\"../{quote(other)}/\"]'" in header  # its search box searches the other part
    home = (split_site / "index.html").read_text(encoding="utf-8")
    assert "搜索全部报告" in home and "pagefind-ui.js" in home
    assert "http://" not in home and "https://" not in home


@pytest.mark.browser
def test_one_search_covers_every_part(split_site, browser, serve):  # fixtures: conftest.py
    base = serve(split_site)
    page = browser.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    # The home page searches both parts.
    page.goto(base + "/")
    page.fill(".pagefind-ui__search-input", "中卫市")
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-link').length >= 5", timeout=20_000)
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => decodeURI(e.getAttribute('href')))")
    assert {link.split("/")[1] for link in links} == {"宁夏", "甘肃"}
    # The search box of one part finds a report of the other part.
    page.goto(base + "/宁夏/")
    page.click(".md-search__input")
    page.fill(".md-search__input", "中卫市工业和信息化局")
    page.wait_for_selector(".md-search-result__item a", timeout=20_000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => decodeURI(e.getAttribute('href')))")
    assert hrefs[0].startswith("/甘肃/reports/004_")
    page.goto(base + hrefs[0])
    assert "中卫市工业和信息化局" in page.inner_text("article h1")
    assert failed == []
    page.close()


def test_parts_show_sources_under_data_not_their_own_folder(split_site):
    # Each part reads hard links in a folder of its own (.cache/split/…), shown as the data folder.
    pages = [p.read_text(encoding="utf-8") for p in (split_site / "宁夏" / "reports").rglob("index.html")]
    assert len(pages) == 2 and all("（data/宁夏/0" in page for page in pages)
    assert not any(".cache" in page or "符号链接" in page for page in pages)
