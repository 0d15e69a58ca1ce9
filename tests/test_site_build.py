"""The site build: `mkdocs build --strict` over data with problems, the build log, the options
that make data errors fail the build, agencies.yml validation, and the pure-Python pieces the
plugin is made of (slugs, key figures, prose, table layout)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markupsafe import Markup

from build_scripts import synthetic
from build_scripts import template as tpl
from build_scripts.problems import format_problem
from build_scripts.portal import tables as tables_mod
from build_scripts.portal.agencies import AgenciesFileError, parse_agencies
from build_scripts.portal.model import (FIGURES, ReportEntry, build_model, key_figures, safe_slug,
                                        safe_title)
from build_scripts.portal.plugin import dictionary_words, name_keywords, search_keywords, template_terms
from build_scripts.portal.render import after_where, inline, number, prose
from build_scripts.reports import add_collection_problems, parse_file
from conftest import SEEDS, make_project, run_build

# -- the session build -----------------------------------------------------------------------


def _parsed_fixture(site) -> list[dict]:
    """The fixture files parsed the way the plugin names them (source relative to the project)."""
    reports = [parse_file(path, path.relative_to(site.project).as_posix()) for path in site.files.values()]
    return add_collection_problems(reports)


def test_strict_build_passes_although_reports_break_rules(portal_site):
    # Data problems are facts about the data, logged at INFO: --strict (fail on warnings) passes.
    assert portal_site.returncode == 0
    assert "WARNING" not in portal_site.log
    assert (portal_site.site / "index.html").is_file()


def test_every_problem_is_logged_with_file_and_place(portal_site):
    reports = _parsed_fixture(portal_site)
    problems = [p for r in reports for p in r["problems"]]
    assert any(p["rule"] == "A-balance" for p in problems)
    assert any(p["rule"] == "F-not-report" for p in problems)
    log_lines = [line for line in portal_site.log.splitlines() if "portal: " in line]
    for p in problems:
        line = format_problem(p)
        assert line.startswith(f"{p['file']}: {p['where']}: ")
        assert any(log_line.endswith(line) and log_line.startswith("INFO") for log_line in log_lines), line
    summary = [line for line in log_lines if "个文件" in line]
    bad = sum(1 for r in reports if not r["consistent"])
    assert summary and f"{len(reports)} 个文件" in summary[0] and f"{bad} 份有错误" in summary[0]


def test_fail_on_data_errors_fails_after_writing_the_site(tmp_path):
    config = make_project(tmp_path, {"notes.txt": "会议纪要，不是报告。".encode(),
                                     "000.txt": (SEEDS / "000_2cbe264bf5f3dc79.txt").read_bytes()},
                          plugin_options={"fail_on_data_errors": True})
    result = run_build(config)
    assert result.returncode != 0
    assert "fail_on_data_errors" in result.stderr + result.stdout
    assert "1 份报告未通过检查" in result.stderr + result.stdout
    # The whole site was written first, problems page included.
    assert (tmp_path / "site" / "problems" / "index.html").is_file()
    assert (tmp_path / "site" / "reports" / "notes" / "index.html").is_file()


def test_fail_on_data_errors_passes_consistent_data(tmp_path):
    config = make_project(tmp_path, {"000.txt": (SEEDS / "000_2cbe264bf5f3dc79.txt").read_bytes()},
                          plugin_options={"fail_on_data_errors": True})
    result = run_build(config, "--strict")
    assert result.returncode == 0, result.stderr


def test_bad_agencies_file_stops_the_build_naming_the_entry(tmp_path):
    agencies = "沙坡头区科学技术局:\n  region: 宁夏回族自治区中卫市沙坡头区\n  level: 县级\n"
    config = make_project(tmp_path, {"000.txt": (SEEDS / "000_2cbe264bf5f3dc79.txt").read_bytes()},
                          agencies=agencies)
    result = run_build(config)
    out = result.stderr + result.stdout
    assert result.returncode != 0
    assert "data/agencies.yml" in out and "沙坡头区科学技术局" in out and "县级" in out


# -- agencies.yml ----------------------------------------------------------------------------


def test_repository_agencies_file_is_valid_and_covers_the_seeds():
    root = Path(__file__).resolve().parent.parent
    registry = parse_agencies((root / "data" / "agencies.yml").read_text(encoding="utf-8"))
    seeds = {parse_file(p)["agency"] for p in SEEDS.glob("*.txt")}
    assert seeds <= set(registry)
    assert registry["沙坡头区科学技术局"].region == "宁夏回族自治区中卫市沙坡头区"
    assert registry["沙坡头区科学技术局"].level == "区县级"
    assert registry["中卫市工业和信息化局"].level == "地市级"
    assert registry["中卫市工业和信息化局"].site == "http://www.nxzw.gov.cn"


@pytest.mark.parametrize("text, named", [
    ("- 沙坡头区科学技术局\n", "顶层"),
    ("沙坡头区科学技术局: 区县级\n", "沙坡头区科学技术局"),
    ("沙坡头区科学技术局:\n  region: 中卫\n  leval: 区县级\n", "leval"),
    ("沙坡头区科学技术局:\n  level: 县级\n", "县级"),
    ("沙坡头区科学技术局:\n  site: javascript:alert(1)\n", "javascript:alert(1)"),
    ("沙坡头区科学技术局:\n  region: [1, 2]\n", "region"),
    ("沙坡头区科学技术局:\n  level: 区县级\n沙坡头区科学技术局:\n  level: 地市级\n", "不止一次"),
    ("沙坡头区 科学技术局: {}\n沙坡头区科学技术局: {}\n", "去掉空白后相同"),
    ("a: [\n", "YAML"),
])
def test_bad_agencies_entries_are_named(text, named):
    with pytest.raises(AgenciesFileError) as exc:
        parse_agencies(text, "data/agencies.yml")
    assert "data/agencies.yml" in str(exc.value) and named in str(exc.value)


def test_agencies_keys_ignore_spaces():
    registry = parse_agencies("沙坡头区 科学技术局:\n  level: 区县级\n")
    assert registry["沙坡头区科学技术局"].level == "区县级"


# -- slugs and titles ------------------------------------------------------------------------


@pytest.mark.parametrize("name", [
    "../../etc/passwd", "..", ".", "", "/", "a/b", "<script>alert(1)</script>", "index", "INDEX",
    "沙坡头区科学技术局", "000_2cbe264bf5f3dc79", "con", "a b", "ab\x00c", "x" * 300, "%2e%2e", "\\..\\x",
])
def test_slugs_are_single_safe_path_segments(name):
    slug = safe_slug(name, set())
    assert re.fullmatch(r"[\w\-]+", slug), slug
    assert slug not in ("index", ".", "..") and not slug.startswith(("-", "."))
    assert len(slug) <= 70


def test_slugs_keep_plain_names_and_never_collide():
    taken: set[str] = set()
    assert safe_slug("000_2cbe264bf5f3dc79", taken) == "000_2cbe264bf5f3dc79"
    assert safe_slug("沙坡头区科学技术局", taken) == "沙坡头区科学技术局"
    names = ["a b", "a-b", "a_b", "A-B", "a/b", "a\\b", "000_2cbe264bf5f3dc79", "a b"]
    slugs = [safe_slug(n, taken) for n in names]
    assert len(set(slugs)) == len(slugs)


def test_safe_title_is_inert_html_and_jinja():
    title = safe_title("<script>alert(1)</script>&{{ x }}'\"")
    assert not set("<>&{}'\"") & set(title)
    assert "script" in title and "alert(1)" in title


# -- key figures -----------------------------------------------------------------------------


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_key_figures_of_generated_values(template_id):
    values = synthetic.make_values(template_id, 7)
    report = {"template": template_id, **values}
    figures = key_figures(report)
    apps, t = values["applications"], tpl.get(template_id)
    assert figures["new"] == apps["1"]["total"]
    assert figures["granted"] == apps["3.1"]["total"]
    assert figures["partial"] == apps["3.2"]["total"]
    assert figures["refused"] == sum(apps[f"3.3.{i}"]["total"] for i in range(1, 9))
    assert figures["unavailable"] == sum(apps[f"3.4.{i}"]["total"] for i in range(1, 4))
    assert figures["not_processed"] == sum(apps[f"3.5.{i}"]["total"] for i in range(1, 6))
    other = [k for k in t.outcome_keys if k.startswith("3.6")]
    assert other == (["3.6.1", "3.6.2", "3.6.3"] if template_id == "2021" else ["3.6"])
    assert figures["other"] == sum(apps[k]["total"] for k in other)
    assert figures["handled"] == apps["3.7"]["total"]
    assert figures["carried"] == apps["4"]["total"]
    review = values["review_litigation"]
    assert figures["review"] == review["review"]["total"]
    assert figures["litigation"] == review["litigation_direct"]["total"] + review["litigation_after_review"]["total"]
    if template_id == "2021":
        assert figures["fees"] == values["proactive"]["fees"]["amount_10k_yuan"]
    else:
        assert figures["fees"] is None
    outcome_parts = ("granted", "partial", "refused", "unavailable", "not_processed", "other")
    assert sum(figures[k] for k in outcome_parts) == figures["handled"]


def test_a_missing_cell_makes_its_figure_unknown_not_zero():
    values = synthetic.break_rule(synthetic.make_values("2021", 8), "P-missing-cell")
    values["applications"]["3.3.2"]["total"] = None
    figures = key_figures({"template": "2021", **values})
    assert figures["refused"] is None
    assert figures["granted"] is not None  # 3.1 lost a natural_person cell, not its total


def test_year_totals_skip_unknown_figures_and_count_them(tmp_path):
    items = []
    for seed, name in ((21, "a.txt"), (22, "b.txt")):
        text, values = synthetic.make_report("2021", seed, year=2024)
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        items.append((parse_file(path, name), path, name, 0.0))
    items[1][0]["applications"]["1"]["total"] = None
    model = build_model(items)
    (year,) = model.years
    totals = year.totals
    assert totals.values["new"] == items[0][0]["applications"]["1"]["total"]
    assert totals.missing["new"] == 1 and totals.missing["granted"] == 0
    assert totals.values["granted"] == sum(i[0]["applications"]["3.1"]["total"] for i in items)
    assert [f.key for f in FIGURES][0] == "new"


# -- prose and numbers -----------------------------------------------------------------------


@pytest.mark.parametrize("message, shown", [
    ("二 · 规章 · 本年制发件数 为空，应填写数字", "为空，应填写数字"),
    ("二 · 规章 · 本年制发件数 的内容“五”不是数字", "内容“五”不是数字"),
    ("第二十条第（一）项 表头缺失", "第二十条第（一）项 表头缺失"),  # another place: the message as it is
])
def test_a_problems_message_after_its_place_does_not_repeat_it(message, shown):
    assert after_where(message, "二 · 规章 · 本年制发件数") == shown


def test_prose_escapes_everything_but_bold_and_angle_links():
    html = prose("第一段 <script>alert(1)</script> **重点** {{ x }}\n\n第二段 <http://www.spt.gov.cn/> "
                 "[x](http://evil.example/) <javascript:alert(1)> &amp;")
    assert isinstance(html, Markup)
    assert html.count("<p>") == 2
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<strong>重点</strong>" in html
    assert '<a class="external" href="http://www.spt.gov.cn/" rel="nofollow noopener noreferrer">' in html
    assert "evil.example/)" in html and 'href="http://evil.example' not in html
    assert "&lt;javascript:alert(1)&gt;" in html
    assert "&amp;amp;" in html and "{{ x }}" in html


def test_links_cannot_break_out_of_the_attribute():
    html = str(inline('<http://a.example/"onmouseover="alert(1)>'))
    assert "onmouseover=\"" not in html
    assert "<a " not in html


@pytest.mark.parametrize("value, kind, text", [
    (0, "count", "0"), (12, "count", "12"), (12.35, "amount", "12.35"), (4, "signed", "+4"),
    (-1, "signed", "-1"), (0, "signed", "0"), (None, "count", ""), (0.1, "amount", "0.1"),
])
def test_numbers_print_as_written(value, kind, text):
    assert number(value, kind) == text


# -- table layout ----------------------------------------------------------------------------


def _grid_widths(rows) -> list[int]:
    """The width of every row of a laid-out table once rowspans are accounted for."""
    carry: list[int] = []  # remaining rows of cells spanning down, by width
    widths = []
    for row in rows:
        width = sum(c.colspan for c in row.cells) + sum(w for w, _ in carry)
        carry = [(w, n - 1) for w, n in carry if n > 1]
        carry += [(c.colspan, c.rowspan - 1) for c in row.cells if c.rowspan > 1]
        widths.append(width)
    return widths


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_tables_are_rectangular_with_the_official_merges(template_id, tmp_path):
    text, _ = synthetic.make_report(template_id, 31)
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    report = parse_file(path, "r.txt")
    entry = ReportEntry(report, path, "r.txt", "r", figures=key_figures(report))
    tables = tables_mod.report_tables(entry)
    assert set(_grid_widths(tables["三"].head + tables["三"].body)) == {10}
    assert set(_grid_widths(tables["四"].head + tables["四"].body)) == {15}
    assert set(_grid_widths(tables["二"].body)) == {4}
    heads = {c.label: c for r in tables["三"].head + tables["三"].body for c in r.cells if c.label}
    assert heads["申请人情况"].colspan == 7
    assert heads["法人或其他组织"].colspan == 5
    assert heads["三、本年度办理结果"].rowspan == (22 if template_id == "2021" else 20)
    assert heads["(三) 不予公开"].rowspan == 8
    assert heads["(四) 无法提供"].rowspan == 3
    assert heads["(五) 不予处理"].rowspan == 5
    if template_id == "2021":
        assert heads["(六) 其他处理"].rowspan == 3
    else:
        assert heads["(六) 其他处理"].colspan == 2 and heads["(六) 其他处理"].rowspan == 1


def test_search_words_cover_agency_names_and_template_terms():
    words = dictionary_words(["沙坡头区科学技术局", "<b>测试</b>局A", "中卫市工业和信息化局"])
    assert "沙坡头区科学技术局" in words and "中卫市工业和信息化局" in words
    assert "测试" in words and not any("<" in w for w in words)
    terms = template_terms()
    for term in ("行政许可", "行政事业性收费", "信息处理费", "予以公开", "社会公益组织", "复议后起诉"):
        assert term in terms


def test_search_keywords_are_the_words_a_page_contains_less_their_last_character():
    # Material looks a Chinese query up as its longest index token that is a prefix of the
    # query without its last character: these keywords are those tokens.
    assert search_keywords(["信息处理费", "行政许可", "规章", "abc局"], "我局未收取信息处理费。") == ["信息处理"]
    assert name_keywords("沙坡头区科学技术局") == ["沙坡头区科学技术", "科学技术"]
    # Endings after each place: 中卫市 / 沙坡头区 / 工业信息化和商务局.
    assert name_keywords("中卫市沙坡头区工业信息化和商务局") == [
        "中卫市沙坡头区工业信息化和商务", "工业信息化和商务", "沙坡头区工业信息化和商务"]
    assert name_keywords("<script>alert(1)</script>") == [] and name_keywords(None) == []


def test_pages_carry_their_keywords_in_the_search_index(portal_site):
    import json

    index = json.loads((portal_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    tags = {}
    for doc in index["docs"]:
        tags.setdefault(doc["location"].split("#")[0], set()).update(doc.get("tags", []))
    from urllib.parse import unquote
    tags = {unquote(k): v for k, v in tags.items()}
    assert "沙坡头区科学技术" in tags["agencies/沙坡头区科学技术局/"]
    assert {"沙坡头区科学技术", "信息处理", "行政许"} <= tags["reports/001_467beb583403089d/"]
    assert "信息处理" not in tags["reports/002_feb633cd83bcaa70/"]  # no 信息处理费 in seed 002


def test_downloads_are_hard_links_that_a_dirty_build_replaces(tmp_path):
    files = {p.name: p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))[:2]}
    config = make_project(tmp_path, files)
    assert run_build(config).returncode == 0
    site, generated = tmp_path / "site", tmp_path / "generated"
    rel = next((generated / "downloads" / "reports").glob("*.json")).relative_to(generated)
    assert (site / rel).samefile(generated / rel)
    before = (generated / rel).stat().st_ino
    # The report changes: its JSON is written anew, and a dirty build links the new file.
    source = tmp_path / "data" / json.loads((generated / rel).read_text(encoding="utf-8"))["source"].split("/")[-1]
    source.write_text(source.read_text(encoding="utf-8") + "\n附：本报告另有说明。\n", encoding="utf-8")
    assert run_build(config, "--dirty").returncode == 0
    assert (generated / rel).stat().st_ino != before
    assert (site / rel).samefile(generated / rel)
    assert "本报告另有说明" in (site / rel).read_text(encoding="utf-8")
