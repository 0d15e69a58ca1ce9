"""Shared fixtures. Of the site tests (test_site_*.py): `portal_site`, the portal built ONCE per
test session with the project's mkdocs.yml over a fixture data folder:

- the five seed reports (tests/fixtures/seeds) and a copy of one in a subfolder (same file
  name: two slugs that must not collide; a duplicate report of the same agency and year);
- generated reports (build_scripts/synthetic.py) with a different number in every cell, in the
  three layouts and both templates; one of them breaks A-balance, one leaves a cell empty, one
  leaves whole rows blank or printed “/” (BLANK_ROWS), and an agency has two consecutive years
  whose carry-over does not match (X-carry-over);
- a hostile report: <script>, HTML, Markdown and Jinja syntax in the agency name and the prose,
  under a file name full of HTML;
- a text file that is not a report and a binary file.

The build runs `mkdocs build --strict` in a subprocess (the README's command) so the strict-mode
policy is exercised too: data problems must not fail it.

Of the browser tests (browser_support.py): `browser`, headless Chromium once per test module, and
`serve`, which serves a built site's folder on 127.0.0.1 for one test.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from browser_support import launch_chromium, serve_directory

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
# Real published reports with hand-read values, beside the project (CI has them); a test that
# reads them is skipped, saying why, where they are absent.
REAL_REPORTS = ROOT.parent / "shared" / "real-reports"
needs_real_reports = pytest.mark.skipif(not REAL_REPORTS.is_dir(),
                                        reason=f"the shared corpus of real reports is not at {REAL_REPORTS}")
MKDOCS = Path(sys.executable).with_name("mkdocs")

# (Starts with Chinese: a text file whose first characters are "<script" is read as a saved web
# page by formats.detect, which is another test's business.)
HOSTILE_AGENCY = "测试<script>alert('agency')</script><b>粗体</b>**星**{{ 7*7 }}{% raw %}局"
HOSTILE_PROSE = ("正文里的 <script>alert('prose')</script> 和 <img src=x onerror=alert(2)> 以及 **加粗** "
                 "[链接](http://evil.example/) {{ config.site_name }} {% for x in y %} &amp; &lt;b&gt;")
HOSTILE_HEAD = '<iframe src="http://evil.example/frame"></iframe><link rel="stylesheet" href="http://evil.example/x.css">'
HOSTILE_FILE = "<img src=x onerror=alert(3)> & ..报告.txt"


@dataclass
class Variant:
    """A generated report: its file and the values written into it."""
    name: str
    template: str
    agency: str
    year: int
    layout: str
    values: dict
    broken: str | None = None

    @property
    def slug(self) -> str:
        return Path(self.name).stem


@dataclass
class BuiltSite:
    project: Path
    data: Path
    site: Path
    returncode: int
    log: str
    variants: dict[str, Variant]
    files: dict[str, Path] = field(default_factory=dict)  # fixture name -> file in data/

    def path(self, url: str) -> Path:
        """The file a site URL (relative to the root, directory URLs allowed) is served from."""
        from urllib.parse import unquote

        url = unquote(url.split("#", 1)[0].split("?", 1)[0]).lstrip("/")
        target = self.site / url
        return target / "index.html" if url.endswith("/") or url == "" or target.is_dir() else target

    def html(self, url: str) -> str:
        return self.path(url).read_text(encoding="utf-8")

    def soup(self, url: str):
        return _soup(str(self.path(url)))


@lru_cache(maxsize=None)
def _soup(path: str):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(Path(path).read_text(encoding="utf-8"), "lxml")
    for link in soup.select("a.headerlink"):  # the headings' ¶ permalinks (toc), not their text
        link.decompose()
    return soup


def _variants() -> list[tuple[Variant, str]]:
    from build_scripts import synthetic

    out: list[tuple[Variant, str]] = []

    def add(name, template, seed, agency, year, layout, values=None, broken=None, **kw):
        values = values if values is not None else synthetic.make_values(template, seed)
        text = synthetic.render(values, template, agency=agency, year=year, layout=layout, seed=seed, **kw)
        out.append((Variant(name, template, agency, year, layout, values, broken), text))

    first = synthetic.make_values("2021", 101)
    add("gen_2021_tab.txt", "2021", 101, "测试市统计局", 2023, "tab", values=first)
    # The next year continues the first (X-in-force holds) but its carry-over does not.
    following = synthetic.make_values("2021", 102, previous=first)
    add("gen_2021_pdf.txt", "2021", 102, "测试市统计局", 2024, "pdf",
        values=synthetic.break_rule(following, "X-carry-over"), broken="X-carry-over")
    add("gen_2019_spaced.txt", "2019", 103, "测试县民政局", 2020, "spaced")
    add("gen_2019_tab.txt", "2019", 104, "测试县司法局", 2019, "tab", number_format="thousands")
    add("gen_balance.txt", "2021", 105, "测试县财政局", 2024, "tab",
        values=synthetic.break_rule(synthetic.make_values("2021", 105), "A-balance"), broken="A-balance")
    add("gen_missing_cell.txt", "2021", 106, "测试县教育局", 2024, "tab",
        values=synthetic.break_rule(synthetic.make_values("2021", 106), "P-missing-cell"), broken="P-missing-cell")
    # A web page (tables as grids): where tab text leaves blanks at a row's ends, the parser
    # cannot tell which cells they are.
    add("gen_blank_rows.html", "2021", 108, "测试县档案馆", 2024, "tab", values=blank_rows(), broken="P-missing-cell")
    add("hostile.txt", "2021", 107, HOSTILE_AGENCY, 2023, "tab",
        extra={"一": HOSTILE_PROSE, "head": HOSTILE_HEAD, "五": "**只有开头的星号 <b>未闭合"})
    return out


# Cells of gen_blank_rows.txt left blank ("") or printed "/" where a figure should be, as small
# agencies print table 三 with only its 总计 column filled (BLANK_ROWS), with a lone blank cell and
# a row mixing blanks and “/”.
BLANK_ROWS = {
    ("三", "1"): {c: "" for c in ("natural_person", "commercial_enterprise", "research_institution",
                                  "social_welfare_org", "legal_service_org", "other_org")},
    ("三", "3.1"): {"natural_person": ""},
    ("三", "3.2"): {"natural_person": "", "commercial_enterprise": "/", "research_institution": "",
                   "social_welfare_org": "/", "legal_service_org": "/"},
    ("四", "review"): {c: "" for c in ("upheld", "corrected", "other", "pending")},
}


def blank_rows() -> dict:
    """The values of gen_blank_rows.txt: a report whose cells of BLANK_ROWS are blank or “/”."""
    from build_scripts import synthetic

    values = synthetic.make_values("2021", 108)
    keys = {"三": "applications", "四": "review_litigation"}
    for (table, row), cells in BLANK_ROWS.items():
        for column, printed in cells.items():
            if column not in values[keys[table]][row]:
                raise KeyError(f"{table} {row} has no column {column}")
            values[keys[table]][row][column] = None if printed == "" else printed
    return values


FIXTURE_AGENCIES = {
    "测试市统计局": {"region": "测试省测试市", "level": "地市级", "site": "https://tjj.example.gov.cn"},
    "测试县民政局": {"region": "测试省测试市测试县", "level": "区县级"},
}


def make_project(tmp: Path, data_files: dict[str, bytes], plugin_options: dict | None = None,
                 agencies: str | None = None) -> Path:
    """A project folder: the repository's mkdocs.yml (hand-written pages from the repository,
    generated ones in the project's generated/) over `data_files`."""
    data = tmp / "data"
    data.mkdir(parents=True)
    for name, content in data_files.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    if agencies is not None:
        (data / "agencies.yml").write_text(agencies, encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    # The generated pages go into the project's own folder; the hand-written ones come from the repository.
    (tmp / "generated").mkdir(exist_ok=True)
    config["docs_dir"] = "generated"
    config["site_dir"] = str(tmp / "site")
    for i, plugin in enumerate(config["plugins"]):
        if isinstance(plugin, dict) and "portal" in plugin:
            options = dict(plugin["portal"] or {})
            options["data_dir"] = "data"
            options["pages_dir"] = str(ROOT / "docs")
            options.pop("cache_dir", None)  # parse every fixture file afresh
            options.update(plugin_options or {})
            config["plugins"][i] = {"portal": options}
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tmp / "mkdocs.yml"


def run_build(config_file: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(MKDOCS), "build", "-f", str(config_file), *extra],
                          cwd=config_file.parent, capture_output=True, text=True, env=env, timeout=300)


def fixture_data() -> tuple[dict[str, bytes], dict[str, Variant], str]:
    """The data folder of `portal_site` (see the module docstring): (files by name, generated
    reports by file name, agencies.yml)."""
    files: dict[str, bytes] = {p.name: p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))}
    files["2025/001_467beb583403089d.txt"] = (SEEDS / "001_467beb583403089d.txt").read_bytes()
    variants = {}
    for variant, text in _variants():
        if variant.name.endswith(".html"):
            from format_fixtures import report_from_text, to_html

            files[variant.name] = to_html(report_from_text(text, variant.values))
        else:
            files[variant.name] = text.encode("utf-8")
        variants[variant.name] = variant
    files[HOSTILE_FILE] = files["hostile.txt"].replace("2023".encode(), "2022".encode())
    files["notes.txt"] = "会议纪要\n\n今天讨论了食堂菜单，没有别的事项。\n".encode("utf-8")
    files["binary.txt"] = bytes(range(256)) * 8
    agencies = (ROOT / "data" / "agencies.yml").read_text(encoding="utf-8") + "\n" + yaml.safe_dump(
        FIXTURE_AGENCIES, allow_unicode=True)
    return files, variants, agencies


@pytest.fixture(scope="session")
def portal_site(tmp_path_factory) -> BuiltSite:
    tmp = tmp_path_factory.mktemp("portal_site")
    files, variants, agencies = fixture_data()
    config = make_project(tmp, files, agencies=agencies)
    result = run_build(config, "--strict")
    site = BuiltSite(tmp, tmp / "data", tmp / "site", result.returncode, result.stdout + result.stderr,
                     variants, {name: tmp / "data" / name for name in files})
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{site.log[-4000:]}")
    return site


@pytest.fixture(scope="module")
def browser():
    yield from launch_chromium()


@pytest.fixture
def serve():
    """serve(folder) -> base URL (no trailing slash) of a server that stops after the test."""
    with contextlib.ExitStack() as servers:
        yield lambda directory: servers.enter_context(serve_directory(directory))
