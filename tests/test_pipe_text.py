"""Text of a web page whose table rows are cells joined by " | " (trafilatura 1.x, html2text):
written as tab-separated rows for the text reader, and only where the text has such rows
(build_scripts/formats/pipe_text.py). The layouts themselves are pinned with made-up reports in
test_study_layouts.py and test_blank_cells.py; here, what real trafilatura output has besides."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts import synthetic, template as tpl
from build_scripts.formats import pipe_text
from build_scripts.reports import parse_bytes

import format_fixtures as ff

SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))


def test_rows_starting_with_an_empty_cell_keep_it_and_are_read_exactly():
    # 徐闻县's page as trafilatura stores it: "| (二)部分公开… | 3 | … |" under "三、本年度办理结果 | (一)予以公开 | …"
    values = synthetic.make_values("2021", 1330)
    t = tpl.get("2021")
    lines = ["某某县司法局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
             "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和) | 申请人情况 |",
             "自然人 | 法人或其他组织 | 总计 |", "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |"]
    group = {0: "", 1: ""}
    for row in t.app_rows:
        if row.key is None:
            group[row.level] = row.label
            continue
        figures = [ff.figure(values["applications"][row.key][c.key]) for c in t.app_columns]
        if row.level == 0:
            cells = [row.label]
        elif row.level == 1:
            cells = [group[0], row.label]
            group[0] = ""  # written once, in the row where the merged cell starts
        else:
            cells = [group[0], group[1], row.label]
            group[0] = group[1] = ""
        lines.append((" | ".join(cells + figures) + " |").lstrip())
    text = "\n".join(lines) + "\n"
    assert any(line.startswith("| ") for line in lines)
    report = parse_bytes(text.encode("utf-8"), "data/report.txt")
    assert report["applications"] == values["applications"]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_the_seeds_are_not_pipe_text(seed):
    assert not pipe_text.is_pipe_text(seed.read_text(encoding="utf-8"))


def test_site_chrome_joined_by_pipes_does_not_make_a_report_pipe_text():
    text, _ = synthetic.make_report("2021", 3, layout="tab", year=2023)
    chrome = "首页 | 政务公开 | 互动交流 |\n无障碍浏览 | 长者模式 | English\n"
    assert not pipe_text.is_pipe_text(chrome + text)


def test_a_real_trafilatura_row_without_its_empty_cell_is_refused_not_shifted():
    # trafilatura 1.12 leaves out a <td> with no text and pads the row: "规章 | 654 | 748 | |".
    values = synthetic.make_values("2021", 1331)
    rows = ff.proactive_table(tpl.get("2021"), values["proactive"])
    text = synthetic.render(values, "2021", agency="某某县司法局", year=2023, layout="tab")
    start, end = text.index("第二十条第（一）项"), text.index("三、收到和处理")
    rows[2] = [cell for cell in rows[2] if cell[0] != ff.figure(values["proactive"]["regulations"]["repealed"])]
    table = "\n".join(ff.trafilatura_txt(rows)) + "\n"
    report = parse_bytes((text[:start] + table + text[end:]).encode("utf-8"), "data/report.txt")
    assert report["proactive"]["regulations"] == {"issued": None, "repealed": None, "in_force": None}
    others = {k: v for k, v in report["proactive"].items() if k != "regulations"}
    assert others == {k: v for k, v in values["proactive"].items() if k != "regulations"}
    [refused] = [p for p in report["problems"] if p["rule"] == "F-cell-count"]
    assert refused["where"] == "二 · 规章" and "少" in refused["message"]



@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_html2text_rows_ending_in_blank_cells_keep_them_and_are_read_exactly(template_id):
    # html2text pads no row: after a row's last pipe stands its last cell, here blank (上海市人民政府
    # 办公厅 2019: "（二）部分公开…| 3|  |  |  |  |  |    "); such rows were refused as a cell short.
    values = synthetic.make_values(template_id, 1333)
    t = tpl.get(template_id)
    blank = [(row.key, c.key) for i, row in enumerate(t.data_rows) for c in t.app_columns[1 + i % 3:]]
    for row, col in blank:
        values["applications"][row][col] = None
    year = 2020 if template_id == "2019" else 2023
    tables = ff.table_rows(template_id, values)
    lines = [f"某某市人民政府办公厅{year}年政府信息公开工作年度报告", ff.opening(template_id, year)]
    for number in tpl.PART_NUMBERS:
        lines.append(f"{number}、{tpl.PART_TITLES[number]}")
        lines += ff.html2text_2025(tables[number]) if number in tables else ["无。"]
    report = parse_bytes(("\n".join(lines) + "\n").encode("utf-8"), "data/report.md")
    for table in ("proactive", "applications", "review_litigation"):
        assert report[table] == values[table], table
    missing = {(p["row"], p["column"]) for p in report["problems"] if p["rule"] == "P-missing-cell"}
    assert missing == set(blank)
    assert not [p for p in report["problems"] if p["rule"] == "F-cell-count"]
