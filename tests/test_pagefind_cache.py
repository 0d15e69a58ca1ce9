"""pagefind_search with a cache_dir (build_scripts/pagefind_search/cache.py): a shard none of
whose pages changed gets the index built last time, a shard with a changed page is indexed
again, and the site's indexes hold what a build without the cache indexes. (Pagefind's own
output is not byte-stable from run to run: the order of filter values in its filter and meta
files varies; the pages' fragments and the word index are compared byte for byte.)"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

PAGES = {
    "r1": ("石嘴山市惠农区审计局", 2021, "审计整改台账公开"),
    "r2": ("固原市原州区水务局", 2022, "河湖长制公示牌"),
    "r3": ("吴忠市利通区统计局", 2023, "统计调查项目目录"),
}


def _write_site(root: Path, cache: bool) -> None:
    (root / "docs" / "reports").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    for name, (agency, year, phrase) in PAGES.items():
        (root / "docs" / "reports" / f"{name}.md").write_text(
            f"---\nyear: {year}\nagency: {agency}\n---\n# {agency} {year} 年政府信息公开工作年度报告\n\n"
            f"{year}年，{agency}推进{phrase}等工作。\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: 测试门户\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - search\n  - pagefind_search:\n      pagefind_above: 1\n      shard_size: 2\n"
        + ("      cache_dir: .cache/pagefind\n" if cache else ""), encoding="utf-8")


def _build(root: Path) -> int:
    """Build; returns how many indexes came from the cache."""
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-4000:]
    return int(re.search(r"(\d+) unchanged, from the cache", done.stderr).group(1))


def _indexes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for bundle in ("pagefind", "pagefind-2")
            for p in sorted((site / bundle).rglob("*")) if p.is_file()}


def _content(indexes: dict[str, bytes]) -> dict[str, bytes]:
    """The pages (fragments) and the word index: what a search finds."""
    return {k: v for k, v in indexes.items() if "/fragment/" in k or "/index/" in k}


def test_unchanged_shards_come_from_the_cache_and_equal_a_build_without_it(tmp_path):
    cached, plain = tmp_path / "cached", tmp_path / "plain"
    _write_site(cached, cache=True)
    assert _build(cached) == 0
    first = _indexes(cached / "site")
    assert "pagefind/pagefind-entry.json" in first and "pagefind-2/pagefind-entry.json" in first

    # A staged page left by an interrupted build is not indexed: every file not staged goes.
    stray = cached / ".cache" / "pagefind" / "stage" / "pagefind" / "reports" / "gone" / "index.html"
    stray.parent.mkdir(parents=True)
    stray.write_text("<html><body><article>旧页面</article></body></html>", encoding="utf-8")
    assert _build(cached) == 2
    assert _indexes(cached / "site") == first and not stray.exists()

    # r3 (the second shard) changes: that shard is indexed again, the first is copied.
    page = cached / "docs" / "reports" / "r3.md"
    page.write_text(page.read_text(encoding="utf-8").replace("统计调查项目目录", "统计执法监督检查"), encoding="utf-8")
    assert _build(cached) == 1
    again = _indexes(cached / "site")
    assert {k: v for k, v in again.items() if k.startswith("pagefind/")} == \
        {k: v for k, v in first.items() if k.startswith("pagefind/")}
    assert again != first

    # The same pages built without a cache: the same pages and words indexed.
    _write_site(plain, cache=False)
    shutil.copy2(page, plain / "docs" / "reports" / "r3.md")
    _build(plain)
    assert _content(_indexes(plain / "site")) == _content(again)
    assert len(_content(again)) >= 5  # a fragment per page and a word index per shard

    # A page removed: its staged copy goes, and so does the shard it was alone in.
    (cached / "docs" / "reports" / "r3.md").unlink()
    assert _build(cached) == 1
    kept = cached / ".cache" / "pagefind"
    assert not list(kept.rglob("r3*")) and not (kept / "bundles" / "pagefind-2").exists()
    assert not (cached / "site" / "pagefind-2").exists()


ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _portal_build(data: Path, site: Path, cache: Path) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "build_site.py"), "--data", str(data),
                           "--site", str(site), "--cache", str(cache), "--pagefind-above", "1"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stderr


def test_portal_rebuilt_with_nothing_changed_indexes_every_report_page(tmp_path):
    """The portal's warm rebuild: no page is generated again, the index comes from the cache and
    still holds every report page."""
    shutil.copytree(SEEDS, tmp_path / "data")
    site, cache = tmp_path / "site", tmp_path / "cache"
    first = _portal_build(tmp_path / "data", site, cache)
    assert "0 unchanged, from the cache" in first
    entry = (site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    reports = list((site / "reports").rglob("index.html"))
    assert len(reports) == len(list(SEEDS.glob("*.txt")))
    index = _content(_indexes(site))

    again = _portal_build(tmp_path / "data", site, cache)
    assert re.search(r"写入 0 个文件", again) and "1 unchanged, from the cache" in again
    assert f'"page_count":{len(reports)}' in entry.replace(" ", "")
    assert _content(_indexes(site)) == index
    assert all("data-pagefind-body" in p.read_text(encoding="utf-8") for p in reports)
    # The downloads and originals are hard links to the generated files, not copies.
    generated = tmp_path / "site-pages"
    for rel in ("downloads/cells.csv", "downloads/reports.sqlite"):
        assert (site / rel).samefile(generated / rel)
    original = next((generated / "reports").glob("*/*.txt")).relative_to(generated)
    assert (site / original).samefile(generated / original)


def _build_here(root: Path, site: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_pages_staged_from_their_content_are_indexed_as_the_written_pages(tmp_path, monkeypatch):
    """Pagefind starts before the pages are written, on pages staged from their content
    (material_article): it indexes the same pages and words as from the written pages, a page
    without a heading of its own (Material adds its <h1>) and the portal's report pages with
    their filters and the tables left out."""
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from build_site import build_site

    from build_scripts.pagefind_search.plugin import PagefindSearchPlugin

    _write_site(tmp_path, cache=False)
    (tmp_path / "docs" / "reports" / "r4.md").write_text(
        "---\nyear: 2024\nagency: 银川市西夏区民政局\n---\n银川市西夏区民政局推进养老服务信息公开。\n", encoding="utf-8")
    shutil.copytree(SEEDS, tmp_path / "data")
    early, late = {}, {}
    for sites, staged_early in ((early, True), (late, False)):
        if not staged_early:
            monkeypatch.setattr(PagefindSearchPlugin, "_stages_early", lambda self, config: False)
        _build_here(tmp_path, tmp_path / f"plain-{staged_early}")
        sites["plain"] = _content(_indexes(tmp_path / f"plain-{staged_early}"))
        build_site(ROOT / "mkdocs.yml", tmp_path / "data", tmp_path / f"portal-{staged_early}", None, "always")
        sites["portal"] = _content(_indexes(tmp_path / f"portal-{staged_early}"))
    assert early == late
    assert sum("/fragment/" in k for k in early["plain"]) == 4  # every report page, r4 too
    reports = list((tmp_path / "portal-True" / "reports").rglob("index.html"))
    assert sum("/fragment/" in k for k in early["portal"]) == len(reports) >= 5
