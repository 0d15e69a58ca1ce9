"""The pages of the built site (the session build of conftest.portal_site), read as HTML."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

from build_scripts import template as tpl
from build_scripts.portal.model import FIGURES, key_figures
from build_scripts.reports import add_collection_problems, parse_file
from build_scripts.textnorm import parse_number
from conftest import HOSTILE_AGENCY, HOSTILE_FILE

GENERATED = ["gen_2021_tab.txt", "gen_2021_pdf.txt", "gen_2019_spaced.txt", "gen_2019_tab.txt",
             "gen_balance.txt", "gen_missing_cell.txt", "gen_blank_rows.html"]
TABLE_KEYS = {"二": "proactive", "三": "applications", "四": "review_litigation"}


def parsed(site, name: str) -> dict:
    path = site.files[name]
    return parse_file(path, path.relative_to(site.project).as_posix())


def cell_id(table: str, row: str, column: str) -> str:
    t = {"二": "t2", "三": "t3", "四": "t4"}[table]
    return f"cell-{t}-{row.replace('.', '_')}-{column}"


def cell_text(cell) -> str:
    """What a data cell shows, without the numbers of the problems flagged on it."""
    return "".join(cell.find_all(string=True, recursive=False)).strip()


def cell_value(cell):
    text = cell_text(cell)
    return None if text in ("空", "未列出", "无法读取") else parse_number(text)


def all_cells(template_id: str):
    t = tpl.get(template_id)
    for row in t.proactive:
        for col in row.columns:
            yield "二", row.key, col.key
    for row in t.data_rows:
        for col in t.app_columns:
            yield "三", row.key, col.key
    for group, _ in t.review_groups:
        for col in t.review_columns:
            yield "四", group, col.key


def links(soup, base: str):
    """(absolute site URL, anchor element) of every relative link of a page at `base`."""
    for a in soup.select("a[href]"):
        href = a["href"]
        if re.match(r"^[a-z]+:", href) or href.startswith("//"):
            continue
        yield urljoin("http://site/" + base, href)[len("http://site/"):], a


# -- pages exist -----------------------------------------------------------------------------


def test_index_pages_and_a_page_per_report_agency_and_year(portal_site):
    site = portal_site
    for url in ("", "agencies/", "years/", "problems/", "about/"):
        assert site.path(url).is_file(), url
    for name in GENERATED + [p for p in site.files if re.fullmatch(r"\d{3}_\w+\.txt", p)]:
        assert site.path(f"reports/{Path(name).stem}/").is_file(), name
    for agency in ("沙坡头区科学技术局", "中卫市工业和信息化局", "测试市统计局", "测试县民政局"):
        assert site.path(f"agencies/{agency}/").is_file(), agency
    for year in (2019, 2020, 2022, 2023, 2024, 2025):
        assert site.path(f"years/{year}/").is_file(), year


def test_every_internal_link_resolves(portal_site):
    site = portal_site
    pages = ["", "agencies/", "years/", "problems/", "years/2024/", "agencies/测试市统计局/",
             "reports/gen_balance/", "reports/gen_2021_pdf/"]
    for page in pages:
        for url, a in links(site.soup(page), page):
            path, _, anchor = url.partition("#")
            assert site.path(path).exists(), (page, a["href"])
            # (a fragment with "=" is a script's state, e.g. the compare page's "#years=2024")
            if anchor and "=" not in anchor and site.path(path).suffix == ".html":
                target = site.soup(path)
                assert target.find(id=unquote(anchor)) is not None, (page, a["href"])


def test_same_named_files_get_distinct_pages(portal_site):
    site = portal_site
    soup = site.soup("agencies/沙坡头区科学技术局/")
    reports = {a["href"] for a in soup.select("table.figures-by-year thead a")}
    assert len(reports) == 2
    pages = [site.soup(urljoin("agencies/沙坡头区科学技术局/", href)) for href in reports]
    sources = {p.select_one(".portal-facts a[download]")["download"] for p in pages}
    assert sources == {"001_467beb583403089d.txt"}
    facts = " ".join(p.select_one(".portal-facts").get_text() for p in pages)
    assert "data/001_467beb583403089d.txt" in facts and "data/2025/001_467beb583403089d.txt" in facts


# -- report pages: facts, prose, tables ----------------------------------------------------


def test_report_page_facts_and_download(portal_site):
    site = portal_site
    soup = site.soup("reports/001_467beb583403089d/")
    assert soup.h1.get_text(strip=True) == "沙坡头区科学技术局 2025 年政府信息公开工作年度报告"
    facts = soup.select_one("dl.portal-facts").get_text(" ", strip=True)
    for text in ("沙坡头区科学技术局", "2025 年", "国办公开办函〔2021〕30号", "宁夏回族自治区中卫市沙坡头区", "区县级"):
        assert text in facts
    link = soup.select_one("dl.portal-facts a[download]")
    copy = site.path(urljoin("reports/001_467beb583403089d/", link["href"]))
    assert copy.read_bytes() == site.files["001_467beb583403089d.txt"].read_bytes()


def test_six_parts_as_prose_with_bold_and_links(portal_site):
    site = portal_site
    report = parsed(site, "002_feb633cd83bcaa70.txt")
    soup = site.soup("reports/002_feb633cd83bcaa70/")
    headings = [h.get_text(strip=True) for h in soup.select("h2[id^=part-]")]
    assert [h[0] for h in headings] == list(tpl.PART_NUMBERS)
    part1 = soup.find(id="part-1").find_next_sibling("div", class_="portal-prose")
    section = next(s for s in report["sections"] if s["number"] == "一")
    paragraphs = [p.get_text() for p in part1.find_all("p")]
    assert paragraphs == [p.replace("**", "") for p in section["text"].split("\n\n")]
    part5 = soup.find(id="part-5").find_next_sibling("div", class_="portal-prose")
    assert part5.find("strong") is not None  # **…** in seed 002 becomes bold
    opening = soup.find("a", href="http://www.spt.gov.cn/")
    assert opening is not None and "nofollow" in opening["rel"]
    # Part 六 is missing from seed 002: said so, with its usual title.
    part6 = soup.find(id="part-6")
    assert "其他需要报告的事项" in part6.get_text() and "没有找到" in part6.find_next_sibling("p").get_text()


@pytest.mark.parametrize("name", GENERATED)
def test_every_cell_shows_the_parsed_value(portal_site, name):
    site = portal_site
    variant = site.variants[name]
    report = parsed(site, name)
    soup = site.soup(f"reports/{variant.slug}/")
    checked = 0
    for table, row, col in all_cells(variant.template):
        cell = soup.find(id=cell_id(table, row, col))
        assert cell is not None and cell.name == "td", (table, row, col)
        expected = report[TABLE_KEYS[table]][row][col]
        assert cell_value(cell) == expected, (table, row, col)
        assert "report-table" in cell.find_parent("table")["class"]  # styled as a number there
        # The generated files hold different numbers in every cell: a shifted cell would show.
        if variant.broken is None:
            assert expected == variant.values[TABLE_KEYS[table]][row][col], (table, row, col)
        checked += 1
    assert checked == sum(1 for _ in soup.select("table.report-table td[id^=cell-]"))


def test_signed_and_decimal_values_print_as_in_the_template(portal_site):
    site = portal_site
    variant = site.variants["gen_2019_tab.txt"]
    soup = site.soup(f"reports/{variant.slug}/")
    for row in tpl.get("2019").proactive:
        if "change" in [c.key for c in row.columns]:
            value = variant.values["proactive"][row.key]["change"]
            text = cell_text(soup.find(id=cell_id("二", row.key, "change")))
            assert text == (f"+{value}" if value > 0 else str(value))
    variant = site.variants["gen_2021_tab.txt"]
    fee = variant.values["proactive"]["fees"]["amount_10k_yuan"]
    soup = site.soup(f"reports/{variant.slug}/")
    assert cell_text(soup.find(id=cell_id("二", "fees", "amount_10k_yuan"))) == repr(fee)


def test_empty_cell_is_shown_empty_not_zero_and_flagged(portal_site):
    soup = portal_site.soup("reports/gen_missing_cell/")
    cell = soup.find(id=cell_id("三", "3.1", "natural_person"))
    assert cell_text(cell) == "空"
    assert "missing" in cell["class"] and "flagged-error" in cell["class"]
    assert "P-missing-cell" in cell["title"]


def test_a_problem_is_shown_after_its_place_without_saying_the_place_twice(portal_site):
    soup = portal_site.soup("reports/gen_missing_cell/")
    where = next(p["where"] for p in parsed(portal_site, "gen_missing_cell.txt")["problems"]
                 if p["rule"] == "P-missing-cell")
    item = next(li for li in soup.select("#problems ~ ol.portal-problems > li") if where in li.get_text())
    assert f"{where}：为空" in item.get_text()
    assert item.get_text().count(where) == 1
    listed = portal_site.soup("problems/").find(id="rule-P-missing-cell").find_next("table")
    assert any(td.get_text().startswith("为空") for td in listed.select("td"))


# -- blank cells of one row, listed together (portal/problem_items.py) --------------------------

BLANK_ROW = "三 · 一、本年新收政府信息公开申请数量"  # gen_blank_rows: every cell blank but its 总计
MIXED_ROW = "三 · (二) 部分公开（区分处理的，只计这一情形，不计其他情形）"  # blanks and “/”


def _report_items(soup):
    return soup.select("#problems ~ ol.portal-problems > li")


def _item_of(items, text: str):
    (item,) = [li for li in items if text in li.get_text()]
    return item


def test_a_blank_row_is_one_item_naming_its_place_once_and_every_column(portal_site):
    soup = portal_site.soup("reports/gen_blank_rows/")
    items = _report_items(soup)
    item = _item_of(items, BLANK_ROW)
    text = item.get_text()
    assert text.count(BLANK_ROW) == 1
    assert "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他 为空，应填写数字（6 个单元格）" in text
    # Every problem stays in the data; the list has an item for each row (and for the lone cell).
    problems = parsed(portal_site, "gen_blank_rows.html")["problems"]
    assert len(problems) == 16 and len(items) == 5
    assert f"共 {len(problems)} 个错误" in soup.find(id="problems").find_next("p").get_text()


def test_the_flags_of_a_blank_rows_cells_link_to_its_item_and_show_its_number(portal_site):
    soup = portal_site.soup("reports/gen_blank_rows/")
    item = _item_of(_report_items(soup), BLANK_ROW)
    columns = [c.key for c in tpl.get("2021").app_columns if c.key != "total"]
    for column in columns:
        flag = soup.find(id=cell_id("三", "1", column)).select_one("a.flag-ref")
        assert flag["href"] == f"#{item['id']}"
        assert flag.get_text() == item["value"]
    # The list keeps the problems' numbers: the next item is numbered after the row's cells.
    items = _report_items(soup)
    assert item["value"] == "1" and items[items.index(item) + 1]["value"] == str(1 + len(columns))
    assert not soup.find(id=cell_id("三", "1", "total")).select("a.flag-ref")  # its 总计 is printed


def test_a_lone_blank_cell_is_listed_as_before(portal_site):
    soup = portal_site.soup("reports/gen_blank_rows/")
    where = "三 · (一) 予以公开 · 自然人"
    item = _item_of(_report_items(soup), where)
    assert f"{where}：为空，应填写数字" in item.get_text() and "个单元格" not in item.get_text()
    flag = soup.find(id=cell_id("三", "3.1", "natural_person")).select_one("a.flag-ref")
    assert flag["href"] == f"#{item['id']}" and flag.get_text() == item["value"]
    # A report whose blank cells are all alone does not speak of cells listed together.
    lone = portal_site.soup("reports/gen_missing_cell/")
    assert "合为一项" not in lone.find(id="problems").find_next("p").get_text()
    assert "合为一项" in soup.find(id="problems").find_next("p").get_text()


def test_a_row_mixing_blanks_and_slashes_keeps_both_facts(portal_site):
    soup = portal_site.soup("reports/gen_blank_rows/")
    items = [li for li in _report_items(soup) if MIXED_ROW in li.get_text()]
    texts = [li.get_text() for li in items]
    assert len(items) == 2
    assert "自然人、科研机构 为空，应填写数字（2 个单元格）" in texts[0]
    assert "商业企业、社会公益组织、法律服务机构 为空（填写为“/”），应填写数字（3 个单元格）" in texts[1]
    for column, item in (("natural_person", items[0]), ("research_institution", items[0]),
                         ("commercial_enterprise", items[1]), ("legal_service_org", items[1])):
        flag = soup.find(id=cell_id("三", "3.2", column)).select_one("a.flag-ref")
        assert flag["href"] == f"#{item['id']}" and flag.get_text() == item["value"], column


def test_the_table_notes_list_a_blank_row_as_one_item_too(portal_site):
    soup = portal_site.soup("reports/gen_blank_rows/")
    notes = soup.find(id="table-t3").find_parent("div").find_next_sibling("div", class_="portal-notes")
    listed = notes.select("li")
    assert len(listed) == 4  # the blank row, the lone cell, the mixed row's blanks and its “/”
    row = _item_of(listed, BLANK_ROW)
    assert row["value"] == "1" and "（6 个单元格）" in row.get_text()
    notes4 = soup.find(id="table-t4").find_parent("div").find_next_sibling("div", class_="portal-notes")
    (review,) = notes4.select("li")
    assert "四 · 数据行 · 行政复议：结果维持、结果纠正、其他结果、尚未审结 为空，应填写数字（4 个单元格）" in review.get_text()


def test_problems_pages_list_a_blank_row_once_and_count_its_cells(portal_site):
    site = portal_site
    problems = [p for name in ("gen_blank_rows.html", "gen_missing_cell.txt")
                for p in parsed(site, name)["problems"] if p["rule"] == "P-missing-cell"]
    section = site.soup("problems/").find(id="rule-P-missing-cell")
    rule_page = site.soup("problems/P-missing-cell/")
    for table, intro in ((section.find_next("table"), section.find_next("p")),
                         (rule_page.select_one("table.problem-table"), rule_page.h1.find_next("p"))):
        rows = [tr for tr in table.select("tbody tr") if BLANK_ROW in tr.get_text()]
        assert len(rows) == 1
        assert rows[0].select("a")[1]["href"].endswith("reports/gen_blank_rows/#cell-t3-1-natural_person")
        assert "（6 个单元格）" in rows[0].get_text()
        assert len(table.select("tbody tr")) == 6  # 17 cells: 5 items of gen_blank_rows, 1 of gen_missing_cell
        assert f"共 {len(problems)} 处（每处一个单元格；同一报告同一表格行的合为一项，共 6 项）" in intro.get_text()
    summary = site.soup("problems/").select_one("table.rule-summary")
    row = next(tr for tr in summary.select("tbody tr") if "P-missing-cell" in tr.get_text())
    assert row.select("td")[-1].get_text() == str(len(problems))  # 次数 counts cells


def test_a_rules_pages_never_split_the_cells_of_a_row(tmp_path):
    # Seven small agencies print table 三 with only its 总计 column: 25 rows of 6 blank cells each,
    # 1,050 problems listed as 175 items, so the rule's list runs over two pages of 100 items.
    from bs4 import BeautifulSoup

    from build_scripts import synthetic
    from conftest import make_project, run_build
    from format_fixtures import report_from_text, to_html

    t = tpl.get("2021")
    files = {}
    for n in range(7):
        values = synthetic.make_values("2021", 400 + n)
        for row in t.data_rows:
            for col in t.app_columns:
                if col.key != "total":
                    values["applications"][row.key][col.key] = None
        text = synthetic.render(values, "2021", agency=f"测试{n}号局", year=2024, layout="tab", seed=400 + n)
        files[f"r{n}.html"] = to_html(report_from_text(text, values))
    result = run_build(make_project(tmp_path, files))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    problems = sum(1 for name in files for p in parse_file(tmp_path / "data" / name, name)["problems"]
                   if p["rule"] == "P-missing-cell")
    assert problems == 7 * 25 * 6

    def page(path):
        return BeautifulSoup((tmp_path / "site" / path / "index.html").read_text(encoding="utf-8"), "html.parser")

    first, second = page("problems/P-missing-cell"), page("problems/P-missing-cell/2")
    rows = [tr for p in (first, second) for tr in p.select("table.problem-table tbody tr")]
    assert [len(p.select("table.problem-table tbody tr")) for p in (first, second)] == [100, 75]
    assert not (tmp_path / "site" / "problems" / "P-missing-cell" / "3").exists()
    assert all("自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他 为空，应填写数字（6 个单元格）" in tr.get_text()
               for tr in rows)
    places = [(tr.th.get_text(), tr.select("td")[0].get_text()) for tr in rows]
    assert len(set(places)) == len(places) == problems // 6  # every row of every report once
    assert "第 1–100 项，共 175 项" in first.select_one(".portal-pager").get_text()
    assert f"共 {problems} 处（每处一个单元格；同一报告同一表格行的合为一项，共 175 项）" in first.get_text()


def test_a_row_the_report_leaves_out_is_shown_as_not_printed_not_as_unreadable(tmp_path):
    # Two rows of table 三 without figures: 2.重复申请 is not printed at all (F-missing-row), and
    # 3.其他 under (三) has a figure too many to be read (F-cell-count).
    from bs4 import BeautifulSoup

    from build_scripts import synthetic
    from conftest import make_project, run_build

    text, _ = synthetic.make_report("2021", 22, layout="tab")
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收"))
    left_out = next(i for i, line in enumerate(lines) if i > start and "2.重复申请" in line)
    unread = next(i for i, line in enumerate(lines) if i > start and "8.属于行政查询事项" in line)
    lines[unread] += "\t5"
    del lines[left_out]
    result = run_build(make_project(tmp_path, {"r.txt": "\n".join(lines).encode("utf-8")}))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = parse_file(tmp_path / "data" / "r.txt", "r.txt")
    rules = {(p["rule"], p["row"]) for p in report["problems"]}
    assert ("F-missing-row", "3.5.2") in rules and ("F-cell-count", "3.3.8") in rules
    soup = BeautifulSoup((tmp_path / "site" / "reports" / "r" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    for column in (c.key for c in tpl.get("2021").app_columns):
        missing = soup.find(id=cell_id("三", "3.5.2", column))
        assert cell_text(missing) == "未列出" and "没有这一行" in missing["title"], column
        assert cell_text(soup.find(id=cell_id("三", "3.3.8", column))) == "无法读取", column
    # The row says why, as before.
    assert "表三缺少「(五) 不予处理 2.重复申请」行" in soup.find(id="row-t3-3_5_2")["title"]


def test_rows_of_a_table_cut_off_are_shown_as_not_printed_not_as_unreadable(tmp_path):
    # Table 三 ends after (五) 1.: the rows from 2.重复申请 to 四、结转下年度继续办理 are not in the
    # file (F-missing-row names the first and how many).
    from bs4 import BeautifulSoup

    from build_scripts import synthetic
    from conftest import make_project, run_build

    text, _ = synthetic.make_report("2021", 23, layout="tab")
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收"))
    cut = next(i for i, line in enumerate(lines) if i > start and "2.重复申请" in line)
    end = next(i for i, line in enumerate(lines) if i > cut and line.startswith("四、结转下年度"))
    del lines[cut:end + 1]
    result = run_build(make_project(tmp_path, {"r.txt": "\n".join(lines).encode("utf-8")}))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = parse_file(tmp_path / "data" / "r.txt", "r.txt")
    keys = [r.key for r in tpl.get("2021").data_rows]
    gone = keys[keys.index("3.5.2"):]
    assert [(p["rule"], p["row"], p["expected"] - p["found"]) for p in report["problems"]
            if p["rule"] == "F-missing-row"] == [("F-missing-row", "3.5.2", len(gone))]
    soup = BeautifulSoup((tmp_path / "site" / "reports" / "r" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    for column in (c.key for c in tpl.get("2021").app_columns):
        for row in gone:
            cell = soup.find(id=cell_id("三", row, column))
            assert cell_text(cell) == "未列出" and "没有这一行" in cell["title"], (row, column)
        printed = report["applications"]["3.5.1"][column]
        assert cell_text(soup.find(id=cell_id("三", "3.5.1", column))) == str(printed), column


def _grid(table) -> list[list[str]]:
    """The table as a grid of cell texts, with rowspan/colspan expanded."""
    grid: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(table.select("tr")):
        c = 0
        for cell in tr.find_all(["th", "td"], recursive=False):
            while (r, c) in grid:
                c += 1
            for dr in range(int(cell.get("rowspan", 1))):
                for dc in range(int(cell.get("colspan", 1))):
                    grid[(r + dr, c + dc)] = cell.get_text(strip=True)
            c += int(cell.get("colspan", 1))
    rows = max(r for r, _ in grid) + 1
    return [[grid.get((r, c)) for c in range(max(cc for rr, cc in grid if rr == r) + 1)] for r in range(rows)]


@pytest.mark.parametrize("name, template_id", [("gen_2021_tab.txt", "2021"), ("gen_2019_spaced.txt", "2019")])
def test_tables_have_the_official_merged_cells(portal_site, name, template_id):
    soup = portal_site.soup(f"reports/{Path(name).stem}/")
    t3 = soup.find(id="table-t3")
    grid = _grid(t3)
    assert {len(row) for row in grid} == {10}
    assert grid[0][3:] == ["申请人情况"] * 7
    assert grid[1][4:9] == ["法人或其他组织"] * 5 and grid[1][3] == grid[2][3] == "自然人"
    assert grid[2][4:9] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    labels = [row[0] for row in grid[3:]]
    outcome_rows = [i for i, label in enumerate(labels) if label == "三、本年度办理结果"]
    assert len(outcome_rows) == (22 if template_id == "2021" else 20)
    second = [row[1] for row in grid[3:]]
    assert second.count("(三) 不予公开") == 8 and second.count("(四) 无法提供") == 3
    assert second.count("(五) 不予处理") == 5
    if template_id == "2021":
        assert second.count("(六) 其他处理") == 3
    else:  # one row, its label spanning the two label columns
        (other,) = [row for row in grid[3:] if row[1] == "(六) 其他处理"]
        assert other[2] == "(六) 其他处理"
    assert grid[3][:3] == ["一、本年新收政府信息公开申请数量"] * 3
    t3_cell = t3.find("th", string="三、本年度办理结果")
    assert t3_cell["rowspan"] == ("22" if template_id == "2021" else "20")

    grid4 = _grid(soup.find(id="table-t4"))
    assert {len(row) for row in grid4} == {15}
    assert grid4[0][:5] == grid4[1][:5] == ["行政复议"] * 5
    assert grid4[0][5:] == ["行政诉讼"] * 10
    assert grid4[1][5:] == ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    assert grid4[2] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3

    grid2 = _grid(soup.find(id="table-t2"))
    assert {len(row) for row in grid2} == {4}
    assert grid2[0] == ["第二十条第（一）项"] * 4
    labels2 = [row[0] for row in grid2]
    for row in tpl.get(template_id).proactive:
        assert row.label in labels2


def test_2019_proactive_table_has_its_own_rows(portal_site):
    soup = portal_site.soup("reports/gen_2019_spaced/")
    text = soup.find(id="table-t2").get_text()
    for label in ("本年新制作数量", "对外公开总数量", "其他对外管理服务事项", "政府集中采购", "第二十条第（九）项"):
        assert label in text
    assert "本年制发件数" not in text


# -- rule failures -----------------------------------------------------------------------------


def test_rule_breaking_cells_are_marked_and_explained(portal_site):
    soup = portal_site.soup("reports/gen_balance/")
    report = parsed(portal_site, "gen_balance.txt")
    flagged = soup.select("td.flagged-error")
    assert {c["id"] for c in flagged} == {cell_id("三", "3.7", "natural_person"), cell_id("三", "3.7", "total")}
    for cell in flagged:
        assert "A-balance" in cell["title"] and "申请数量平衡" in cell["title"]
        ref = cell.select_one("a.flag-ref")
        item = soup.find(id=ref["href"][1:])
        assert item.name == "li" and "A-balance" in item.get_text()
    notes = soup.find(id="table-t3").find_parent("div").find_next_sibling("div", class_="portal-notes")
    assert "一、本年新收 + 二、上年结转 = 三、（七）总计 + 四、结转下年度继续办理" in notes.get_text()
    assert len(soup.select("#problems ~ ol.portal-problems > li")) == len(report["problems"])
    # Consistent reports have no marks at all.
    clean = portal_site.soup("reports/gen_2021_tab/")
    assert not clean.select(".flagged-error, .flagged-warning")


def test_problems_page_groups_by_rule_and_links_to_the_cell(portal_site):
    site = portal_site
    soup = site.soup("problems/")
    section = soup.find(id="rule-A-balance")
    assert section is not None and "申请数量平衡" in section.get_text()
    table = section.find_next("table")
    targets = {a["href"] for a in table.select("a[href*='#']")}
    assert "../reports/gen_balance/#cell-t3-3_7-natural_person" in targets
    assert "../reports/gen_balance/#cell-t3-3_7-total" in targets
    for rule_id in ("P-missing-cell", "X-carry-over", "F-missing-part", "F-duplicate-report", "F-not-report"):
        assert soup.find(id=f"rule-{rule_id}") is not None, rule_id
    carry = soup.find(id="rule-X-carry-over").find_next("table")
    assert "../reports/gen_2021_pdf/#cell-t3-2-natural_person" in {a["href"] for a in carry.select("a")}
    # Every report that fails a rule is on the page.
    for name in ("gen_balance.txt", "gen_missing_cell.txt", "002_feb633cd83bcaa70.txt", "notes.txt", "binary.txt"):
        assert soup.find("a", href=re.compile(rf"^\.\./reports/{re.escape(Path(name).stem)}/")), name


def test_unparseable_files_are_listed_and_get_a_page(portal_site):
    site = portal_site
    soup = site.soup("problems/")
    unreadable = soup.find(id="unreadable").find_next("ul")
    text = unreadable.get_text()
    assert "data/notes.txt" in text and "data/binary.txt" in text
    page = site.soup("reports/binary/")
    assert "无法解析" in page.get_text()
    assert "二进制" in page.find(id="problems").find_next("ol").get_text()
    download = page.select_one("a[download]")
    assert site.path(urljoin("reports/binary/", download["href"])).read_bytes() == site.files["binary.txt"].read_bytes()


# -- agency, year, home pages -----------------------------------------------------------------


def test_agency_page_has_key_figures_side_by_side_and_cross_year_warnings(portal_site):
    site = portal_site
    soup = site.soup("agencies/测试市统计局/")
    assert "测试省测试市" in soup.select_one("dl.portal-facts").get_text()
    table = soup.select_one("table.figures-by-year")
    years = [th.get_text(strip=True) for th in table.select("thead th")[1:]]
    assert years == ["2023", "2024"]
    rows = {tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
            for tr in table.select("tbody tr")}
    for i, name in enumerate(("gen_2021_tab.txt", "gen_2021_pdf.txt")):
        figures = key_figures(parsed(site, name))
        for f in FIGURES:
            assert parse_number(rows[f.label][i]) == figures[f.key], (name, f.key)
    warnings = soup.find(id="cross-year").find_next("ul")
    link = warnings.find("a", href=re.compile("#cell-t3-2-natural_person$"))
    assert link is not None and "X-carry-over" not in link.get_text()
    assert "跨年结转不一致" in warnings.get_text()
    target = site.soup(urljoin("agencies/测试市统计局/", link["href"]))
    cell = target.find(id="cell-t3-2-natural_person")
    assert "flagged-warning" in cell["class"] and "X-carry-over" in cell["title"]


def test_year_page_is_sortable_with_totals(portal_site):
    site = portal_site
    soup = site.soup("years/2024/")
    table = soup.select_one("table.sortable")
    assert table is not None
    heads = [th.get_text(strip=True) for th in table.select("thead th")]
    for f in FIGURES:
        assert f.label in heads
    body = table.select("tbody tr")
    names = {tr.th.get_text(strip=True) for tr in body}
    assert {"测试市统计局", "测试县财政局", "测试县教育局", "中卫市工业和信息化局", "沙坡头区政务服务中心"} <= names
    foot = table.select_one("tfoot tr").find_all("td")
    reports = [parse_file(p, p.name) for p in site.files.values()]
    in_year = [r for r in reports if r.get("year") == 2024 and r.get("template")]
    assert len(body) == len(in_year)
    for i, f in enumerate(FIGURES):
        known = [key_figures(r)[f.key] for r in in_year if key_figures(r)[f.key] is not None]
        assert parse_number(foot[i].get_text(strip=True).rstrip("*")) == pytest.approx(sum(known))
        missing = len(in_year) - len(known)
        assert ("*" in foot[i].get_text()) == bool(missing), f.key
    scripts = [s["src"] for s in soup.select("script[src]")]
    assert any(src.endswith("assets/portal/sort.js") for src in scripts)
    assert site.path("assets/portal/sort.js").is_file()


def test_year_totals_count_two_files_of_one_agency_and_year_once(tmp_path):
    # Two files of one agency and year (F-duplicate-report) are listed apart but summed once: a
    # copy of one report counts once; two that disagree on a figure leave it out of the total.
    from build_scripts import synthetic
    from conftest import make_project, run_build

    def text(agency, seed):
        return synthetic.render(synthetic.make_values("2021", seed), "2021", agency=agency, year=2024,
                                layout="tab", seed=seed).encode("utf-8")
    files = {"a.txt": text("甲局", 301), "copy/a.txt": text("甲局", 301), "b.txt": text("乙局", 302),
             "c.txt": text("丙局", 303), "c-again.txt": text("丙局", 304)}
    result = run_build(make_project(tmp_path, files))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    from bs4 import BeautifulSoup
    table = BeautifulSoup((tmp_path / "site" / "years" / "2024" / "index.html").read_text(encoding="utf-8"),
                          "html.parser").select_one("table.sortable")
    assert len(table.select("tbody tr")) == 5
    foot = table.select_one("tfoot tr")
    assert foot.th.get_text(strip=True) == "合计（5 份，同一机关同一年度的多份报告只计一次）"
    figures = {name: key_figures(parse_file(tmp_path / "data" / name, name)) for name in files}
    conflicts = 0
    for i, f in enumerate(FIGURES):
        a, b, c1, c2 = (figures[n][f.key] for n in ("a.txt", "b.txt", "c.txt", "c-again.txt"))
        cell = foot.find_all("td")[i]
        expected = a + b + (c1 if c1 == c2 else 0)
        assert parse_number(cell.get_text(strip=True).rstrip("*")) == pytest.approx(expected), f.key
        assert ("*" in cell.get_text()) == (c1 != c2), f.key
        if c1 != c2:
            conflicts += 1
            assert cell["title"] == "1 个机关同一年度的几份报告这一项数字不同，未计入合计"
    assert conflicts > 0
    assert "同一机关同一年度的几份报告数字不同" in table.find_next("p", class_="portal-note").get_text()


def test_agency_page_says_which_years_were_checked_across_years_and_which_not(tmp_path):
    # 甲局: 2021 and 2022 (compared), 2023 saved twice (F-duplicate-report: not compared with
    # 2022), 2025 after a gap. 乙局: 2019 and 2023 only, no adjacent years: nothing was compared,
    # so "no mismatch found" would be untrue.
    from bs4 import BeautifulSoup
    from build_scripts import synthetic
    from conftest import make_project, run_build

    def text(agency, year, seed, previous=None):
        values = synthetic.make_values("2021", seed, previous=previous)
        return values, synthetic.render(values, "2021", agency=agency, year=year, layout="tab",
                                        seed=seed).encode("utf-8")
    v21, a21 = text("甲局", 2021, 501)
    v22, a22 = text("甲局", 2022, 502, previous=v21)
    _, a23 = text("甲局", 2023, 503, previous=v22)
    files = {"a21.txt": a21, "a22.txt": a22, "a23.txt": a23, "copy/a23.txt": a23,
             "a25.txt": text("甲局", 2025, 505)[1], "b19.txt": text("乙局", 2019, 506)[1],
             "b23.txt": text("乙局", 2023, 507)[1]}
    result = run_build(make_project(tmp_path, files))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]

    def cross_year(agency):
        soup = BeautifulSoup((tmp_path / "site" / "agencies" / agency / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        heading = soup.find(id="cross-year")
        return "".join(p.get_text() for p in heading.find_next_siblings("p"))
    first = cross_year("甲局")
    assert "没有发现不衔接之处（核对了 2021–2022 年）" in first
    assert "2023 年有不止一份报告（重复报告），未与相邻年度核对" in first
    assert cross_year("乙局").startswith("没有相邻年度的报告，无法跨年核对")


def test_report_of_a_body_of_unknown_kind_says_which_deadline_it_met_or_missed(tmp_path):
    # 测试实验区 is neither 人民政府 nor a department by its name: published by 1月31日 it is on
    # time under both deadlines; "期限 01-31" alone would call it a department.
    from bs4 import BeautifulSoup
    from build_scripts import synthetic
    from conftest import make_project, run_build

    def text(agency, published, seed):
        body = synthetic.render(synthetic.make_values("2021", seed), "2021", agency=agency, year=2023,
                                layout="tab", seed=seed)
        return f"发布时间: {published} 10:00\n{body}".encode("utf-8")
    files = {"a.txt": text("测试实验区", "2024-01-20", 601), "b.txt": text("测试县统计局", "2024-01-20", 602),
             "c.txt": text("测试新区", "2024-04-10", 603)}
    result = run_build(make_project(tmp_path, files))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]

    def published(slug):
        soup = BeautifulSoup((tmp_path / "site" / "reports" / slug / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        return soup.find("dt", string="发布日期").find_next("dd").get_text(strip=True)
    assert published("a") == "2024-01-20（按时，早于部门的期限 2024-01-31；机关类别不明）"
    assert published("b") == "2024-01-20（按时，期限 2024-01-31）"
    assert published("c") == "2024-04-10（逾期，晚于人民政府的期限 2024-03-31；机关类别不明）"


def test_agencies_index_groups_by_region_and_level(portal_site):
    soup = portal_site.soup("agencies/")
    regions = [h.get_text(strip=True) for h in soup.select("h2")]
    assert "宁夏回族自治区中卫市沙坡头区" in regions and "宁夏回族自治区中卫市" in regions
    assert regions[-1] == "未登记地区"
    sha = soup.find("h2", string="宁夏回族自治区中卫市沙坡头区")
    level = sha.find_next("h3")
    assert level.get_text(strip=True) == "区县级"
    names = [a.get_text() for a in level.find_next("table").select("tbody th a")]
    assert names == sorted(["沙坡头区工业信息化和商务局", "沙坡头区科学技术局", "沙坡头区政务服务中心"])
    unregistered = soup.find("h2", string="未登记地区").find_next("table").get_text()
    assert "测试县财政局" in unregistered and "<script>" in unregistered


def test_a_report_with_warnings_only_is_counted_without_errors_never_as_passing_every_check(portal_site):
    site = portal_site
    reports = add_collection_problems([parse_file(p, p.name) for p in site.files.values()])
    warned = [r for r in reports if r["consistent"] and r["problems"]]
    clean = [r for r in reports if not r["problems"]]
    assert warned and clean  # the site holds both kinds
    pages = [(r, f"reports/{Path(r['source']).stem}/") for r in warned + clean]
    pages = [(r, url) for r, url in pages if site.path(url).is_file()]  # hostile names get slugs
    assert {bool(r["problems"]) for r, _ in pages} == {True, False}
    for report, url in pages:
        assert ("本报告通过全部检查" in site.soup(url).get_text()) == (not report["problems"]), url
    text = site.soup("problems/").get_text()
    assert f"{sum(r['consistent'] for r in reports)} 份报告没有错误（其中 {len(warned)} 份有警告）" in text
    for page in ("", "problems/", *(f"years/{r['year']}/" for r in warned if r["year"])):
        assert "份通过全部检查" not in site.soup(page).get_text(), page


def test_home_page_counts_latest_and_search_box(portal_site):
    site = portal_site
    soup = site.soup("")
    stats = {s.select_one(".portal-stat-label").get_text(): int(s.select_one(".portal-stat-value").get_text())
             for s in soup.select(".portal-stat")}
    reports = [parse_file(p, p.name) for p in site.files.values()]
    readable = [r for r in reports if r["template"]]
    assert len(reports) == 17 and stats["份报告"] == len(readable) == 15
    assert "另有 2 个文件无法解析" in soup.get_text()
    agencies = {r["agency"] for r in reports if r["agency"]}
    assert stats["个机构"] == len(agencies)
    assert stats["个年度"] == len({r["year"] for r in reports if r["year"]})
    assert stats["份没有错误"] == sum(1 for r in add_collection_problems(reports) if r["consistent"])
    assert soup.find(id="latest").find_next("table").select("tbody tr")
    assert soup.select_one("label[for=__search]") is not None
    assert soup.select_one("input[name=query]") is not None  # Material's search box


# -- nav, network, hostile input, search --------------------------------------------------------


def test_report_pages_are_not_in_the_nav(portal_site):
    site = portal_site
    for page in ("", "reports/gen_balance/", "agencies/测试市统计局/", "years/2024/"):
        soup = site.soup(page)
        nav_links = [a["href"] for a in soup.select("nav.md-nav a[href], .md-tabs a[href]")]
        assert nav_links, page
        assert not any("reports/" in href or "agencies/%" in href or "years/20" in href for href in nav_links), page
    tabs = [a.get_text(strip=True) for a in site.soup("").select(".md-tabs__link")]
    assert tabs[:4] == ["首页", "机构", "年度", "问题"] and "关于" in tabs


def _site_files(site, suffix):
    return [p for p in site.site.rglob(f"*{suffix}")]


def test_nothing_outside_the_site_is_loaded(portal_site):
    remote = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
    pages = _site_files(portal_site, ".html")
    assert len(pages) > 20
    for page in pages:
        soup = portal_site.soup(str(page.relative_to(portal_site.site)))
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                          ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
                          ("object", "data"), ("image", "href"), ("use", "href")):
            for el in soup.find_all(tag):
                value = el.get(attr) or el.get("xlink:href") or ""
                assert not remote.match(value), (page, tag, value)
        for el in soup.find_all(style=True):
            assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", el["style"]), page
        for style in soup.find_all("style"):
            assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", style.get_text()), page
    for css in _site_files(portal_site, ".css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+(?:url\()?\s*['\"]?(?:https?:)?//", text), css
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text), css
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, css


def test_hostile_text_is_shown_literally_and_never_runs(portal_site):
    site = portal_site
    soup = site.soup("reports/hostile/")
    assert soup.h1.get_text() == f"{HOSTILE_AGENCY} 2023 年政府信息公开工作年度报告".replace("{{ 7*7 }}", "{{7*7}}").replace("{% raw %}", "{%raw%}")
    for script in soup.find_all("script"):
        assert "alert" not in script.get_text() and "alert" not in (script.get("src") or "")
    assert not soup.find_all("iframe")
    assert not soup.select("img[onerror], [onerror], [onmouseover]")
    assert not soup.select("b")
    assert not soup.select('a[href^="http://evil"], link[href^="http://evil"]')
    text = soup.get_text()
    for literal in ("<script>alert('prose')</script>", "<img src=x onerror=alert(2)>", "[链接](http://evil.example/)",
                    "{{ config.site_name }}", "{% for x in y %}", "&amp; &lt;b&gt;", '<iframe src="http://evil.example/frame">',
                    "**只有开头的星号 <b>未闭合"):
        assert literal in text, literal
    # **…** is the one markup report text may carry: bold (the agency name has some, too).
    assert "加粗" in [s.get_text() for s in soup.find_all("strong")]
    # The page title (printed unescaped by the theme) carries no markup characters at all.
    title = soup.title.get_text()
    assert "＜script＞" in title and "<" not in title and "{" not in title
    # The agency page and the listings show the name literally too.
    agency_link = soup.select_one("dl.portal-facts a")
    agency = site.soup(urljoin("reports/hostile/", agency_link["href"]))
    assert agency.h1.get_text() == HOSTILE_AGENCY.replace("{{ 7*7 }}", "{{7*7}}").replace("{% raw %}", "{%raw%}")
    inside = re.sub(r"^(?:\.\./)+", "", agency_link["href"])
    assert re.fullmatch(r"agencies/[\w\-%]+/", inside) and ".." not in inside, agency_link["href"]


def test_hostile_file_name_gets_a_safe_url(portal_site):
    site = portal_site
    soup = site.soup("years/2022/")  # the hostile file name holds the 2022 report
    hrefs = sorted({a["href"] for a in soup.select("a[href^='../../reports/']")})  # figures, rates, rankings
    assert len(hrefs) == 1
    path = hrefs[0][len("../../reports/"):]
    assert re.fullmatch(r"[\w\-]+/", unquote(path)), hrefs[0]
    page = site.soup("reports/" + path)
    assert unquote(page.select_one("dl.portal-facts a[download]")["href"]) == unquote(path)[:-1] + ".txt"
    download = page.select_one("dl.portal-facts a[download]")
    assert download["download"] == HOSTILE_FILE
    assert HOSTILE_FILE in page.select_one("dl.portal-facts").get_text()


def _index(site) -> dict:
    return json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))


def _tokens(index: dict, location_prefix: str) -> set[str]:
    separator = re.compile(index["config"]["separator"].replace("\\u200b", "\u200b").replace("\\u3000", "\u3000"))
    tokens: set[str] = set()
    for doc in index["docs"]:
        if unquote(doc["location"]).startswith(location_prefix):
            tokens.update(t for t in separator.split(doc["title"] + " " + doc["text"]) if t)
    return tokens


def test_search_index_holds_the_chinese_terms_as_words(portal_site):
    index = _index(portal_site)
    assert index["config"]["lang"] == ["zh"]
    assert "\\u200b" in index["config"]["separator"]
    assert "沙坡头区科学技术局" in _tokens(index, "agencies/沙坡头区科学技术局/")
    assert "沙坡头区科学技术局" in _tokens(index, "reports/001_467beb583403089d/")
    assert "信息处理费" in _tokens(index, "reports/000_2cbe264bf5f3dc79/")
    assert "行政许可" in _tokens(index, "reports/004_61af8c38068e4b3e/")
    assert "测试市统计局" in _tokens(index, "agencies/测试市统计局/")
    # Report pages are never listed in the nav but are in the index.
    assert any(doc["location"].startswith("reports/gen_balance/") for doc in index["docs"])
    raw = (portal_site.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<img" not in raw and "<iframe" not in raw


def test_user_dictionary_ships_every_agency_name(portal_site):
    site = portal_site
    words = set((site.site / "search" / "jieba_userdict.txt").read_text(encoding="utf-8").split())
    agencies = {parse_file(p, p.name)["agency"] for p in site.files.values()} - {None}
    pure = {a for a in agencies if re.fullmatch(r"[\u4e00-\u9fff]+", a)}
    assert len(pure) >= 8 and pure <= words
    assert "信息处理费" in words and "行政事业性收费" in words
    assert not any("<" in w for w in words)


def test_big_tables_are_on_the_page_but_not_in_the_search_index(portal_site):
    site = portal_site
    for page in site.site.rglob("*.html"):
        assert "portal:deferred" not in page.read_text(encoding="utf-8"), page
    soup = site.soup("reports/gen_2021_tab/")
    assert soup.find(id="table-t3") and soup.find(id="table-t4") and soup.find(id="table-t2")
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(d["title"] + d["text"] for d in index["docs"] if d["location"].startswith("reports/gen_2021_tab/"))
    plain = texts.replace("\u200b", "")
    assert "行政许可" in plain  # table 二 is indexed
    assert "法人或其他组织" not in plain and "未经复议直接起诉" not in plain  # tables 三 and 四 are not
