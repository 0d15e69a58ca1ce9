"""`mkdocs build --strict` over the seeds plus every kind of hostile file (hostile_support.py):
the build succeeds, lists every file, and publishes nothing from outside data/, no copy of a
refused file and no path of the build machine. benchmarks/hostile_build.py prints its time."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, run_build
from browser_support import serve_directory
from hostile_support import HOSTILE_NAMES, SHOWN_NOT_UTF8_NAME, hostile_project
from test_hostile_data import SECRET

from build_scripts.limits import MB


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile_site")
    config, outside = hostile_project(tmp)
    result = run_build(config, "--strict")
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return tmp, tmp / "site", result.stdout + result.stderr


def _site_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file()]


def test_nothing_from_outside_data_is_published(hostile_site):
    tmp, site, _ = hostile_site
    leaked = [p for p in _site_files(site) if SECRET.encode() in p.read_bytes()]
    assert leaked == []
    assert sorted(p.name for p in (site / "reports" / "passwd").iterdir()) == ["index.html"]
    assert sorted(p.name for p in (site / "reports" / "elsewhere").iterdir()) == ["index.html"]


def test_no_path_of_the_build_machine_in_the_site_or_downloads(hostile_site):
    tmp, site, _ = hostile_site
    machine = {str(tmp), str(ROOT), str(Path.home()), str(tmp.resolve())}
    found = {}
    for path in _site_files(site):
        data = path.read_bytes()
        hits = [m for m in machine if m.encode() in data]
        if hits:
            found[path.relative_to(site).as_posix()] = hits
    assert found == {}
    assert (site / "downloads").is_dir()


def test_every_hostile_file_is_listed_with_its_problem(hostile_site):
    tmp, site, _ = hostile_site
    reports = json.loads((site / "downloads" / "reports.json").read_text(encoding="utf-8"))
    reports = reports["reports"] if isinstance(reports, dict) else reports
    rules = {Path(r["source"]).name: {p["rule"] for p in r["problems"]} for r in reports}
    assert set(HOSTILE_NAMES) <= set(rules)
    assert rules["passwd.txt"] == {"F-outside-data"} and rules["elsewhere"] == {"F-outside-data"}
    assert rules["pipe.txt"] == {"F-not-regular"} and rules["huge.txt"] == {"F-too-large"}
    assert rules["bomb.docx"] == {"F-unpacked-size"} and rules["scan.pdf"] == {"F-too-many-pages"}
    assert "F-text-cut" in rules["long.txt"]
    agencies = {Path(r["source"]).name: r["agency"] for r in reports}
    assert agencies[SHOWN_NOT_UTF8_NAME] == agencies["002_feb633cd83bcaa70.txt"] is not None  # read as the copy it is
    assert "F-duplicate-report" in rules[SHOWN_NOT_UTF8_NAME]
    assert all(r["source"].startswith("data/") for r in reports)


def test_refused_files_have_no_copy_and_kept_files_have_one(hostile_site):
    tmp, site, _ = hostile_site
    assert sorted(p.name for p in (site / "reports" / "huge").iterdir()) == ["index.html"]
    assert sorted(p.name for p in (site / "reports" / "pipe").iterdir()) == ["index.html"]
    assert (site / "reports" / "inside-link" / "inside-link.txt").read_bytes() == \
        (tmp / "data" / "001_467beb583403089d.txt").read_bytes()
    assert (site / "reports" / "bomb" / "bomb.docx").is_file()  # small on disk: the original is shown
    assert max(p.stat().st_size for p in _site_files(site)) < 30 * MB


def test_a_report_page_stays_small_whatever_the_input(hostile_site):
    tmp, site, _ = hostile_site
    page = (site / "reports" / "long" / "index.html")
    html = page.read_text(encoding="utf-8")
    assert page.stat().st_size < min(3 * MB, (tmp / "data" / "long.txt").stat().st_size)
    assert "正文过长，本页只收录一部分" in html and 'href="long.txt"' in html
    refused = (site / "reports" / "passwd" / "index.html").read_text(encoding="utf-8")
    assert "未发布副本" in refused and "符号链接指向数据目录之外" in refused


def test_copies_of_pages_and_images_that_run_scripts_are_published_as_text(hostile_site):
    # data/ is untrusted: a copy served as a web page or an SVG would run its scripts on the site's
    # own origin. Published as text, the link's download attribute still saves the original name.
    tmp, site, _ = hostile_site
    for name in ("scripted.html", "scripted.svg"):
        [copy] = [p for p in (site / "reports").glob(f"*/*{Path(name).suffix}.txt")]
        assert sorted(p.name for p in copy.parent.iterdir()) == ["index.html", copy.name]
        assert copy.read_bytes() == (tmp / "data" / name).read_bytes()
        page = (copy.parent / "index.html").read_text(encoding="utf-8")
        assert f'href="{copy.name}" download="{name}"' in page
    published = [p for p in (site / "reports").rglob("*") if p.is_file() and p.name != "index.html"]
    assert not [p for p in published if p.suffix.lower() in (".html", ".htm", ".svg", ".xml", ".xhtml", ".mht")]


@pytest.mark.browser
def test_copy_of_a_page_that_runs_scripts_opened_in_a_browser_runs_none(hostile_site, browser):
    tmp, site, _ = hostile_site
    copies = [p for p in (site / "reports").rglob("*.txt") if p.name.endswith((".html.txt", ".svg.txt"))]
    assert len(copies) == 2
    with serve_directory(site) as base:
        context = browser.new_context()
        page = context.new_page()
        for copy in copies:
            page.goto(f"{base}/{copy.relative_to(site).as_posix()}")
            assert page.evaluate("typeof window.pwned") == "undefined" and page.title() != "pwned"
            assert "pwned" in page.inner_text("body")  # shown as the text it is
        context.close()
