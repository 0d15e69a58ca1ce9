"""Real published reports (../shared/real-reports, values read by hand from each report's tables)
parse to exactly the values they print: table 三's key rows, the 15 figures of table 四, the
行政规范性文件 row of table 二, and agency, year and template. `null` there is a cell printed blank."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from build_scripts.reports import parse_bytes

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "real-reports"
FILES = sorted(p for p in CORPUS.glob("*") if p.suffix in (".html", ".txt")) if CORPUS.is_dir() else []
ROWS = {"applications_new": "1", "applications_granted": "3.1", "applications_total_row": "3.7", "carried_forward": "4"}
GROUPS = ("review", "litigation_direct", "litigation_after_review")
COLUMNS_4 = ("upheld", "corrected", "other", "pending", "total")

pytestmark = pytest.mark.skipif(not FILES, reason=f"the shared corpus of real reports is not at {CORPUS}")


def _printed_blank(report: dict, table: str, row: str, column: str) -> bool:
    return report["printed"].get(table, {}).get(row, {}).get(column) == ""


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_real_report_parses_to_the_values_it_prints(path):
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    report = parse_bytes(path.read_bytes(), f"real/{path.name}")
    assert (report["agency"], report["year"], report["template"]) == (
        expected["agency"], expected["year"], expected["template"])
    for key, row in ROWS.items():
        for column, value in expected[key].items():
            got = report["applications"][row][column]
            assert got == value or (value is None and got is None and _printed_blank(report, "三", row, column)), \
                (row, column, got, value)
    for i, value in enumerate(expected["review_litigation"]):
        group, column = GROUPS[i // 5], COLUMNS_4[i % 5]
        assert report["review_litigation"][group][column] == value, (group, column)
    for column, value in expected["proactive_normative_documents"].items():
        assert report["proactive"]["normative_documents"][column] == value, column


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".html"], ids=lambda p: p.stem)
def test_real_page_gives_its_publication_date(path):
    report = parse_bytes(path.read_bytes(), f"real/{path.name}")
    # Each saved page carries the site's own "时间：YYYY-MM-DD hh:mm" line above the article.
    stamp = next(line for line in path.read_text(encoding="utf-8").split("\n") if "时间：" in line)
    date = stamp.split("时间：", 1)[1][:10]
    assert (report["published"], report["published_from"]) == (date, "时间")


# -- a real page with a cell blanked or dropped ------------------------------------------------------

_NUMBER_CELL = re.compile(r"(<td[^>]*>)((?:(?!</td>).)*?)(</td>)", re.S)
_ONLY_A_FIGURE = re.compile(r"\s*(?:<[^>]+>\s*)*\d+(?:\.\d+)?\s*(?:<[^>]+>\s*)*(?:&nbsp;\s*)*")


def _cells(report: dict) -> dict:
    return {(table, row, column): value for table in ("proactive", "applications", "review_litigation")
            for row, columns in report[table].items() for column, value in columns.items()}


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".html"], ids=lambda p: p.stem)
def test_a_figure_blanked_on_a_real_page_is_missing_in_its_own_place_and_nothing_moves(path):
    page = path.read_text(encoding="utf-8")
    whole = _cells(parse_bytes(page.encode("utf-8"), "real.html"))
    figures = [m for m in _NUMBER_CELL.finditer(page) if _ONLY_A_FIGURE.fullmatch(m.group(2))]
    for m in random.Random(path.stem).sample(figures, min(12, len(figures))):
        inner = re.sub(r"\d+(?:\.\d+)?", "", m.group(2), count=1)
        report = _cells(parse_bytes((page[:m.start(2)] + inner + page[m.end(2):]).encode("utf-8"), "real.html"))
        lost = [k for k, v in report.items() if v is None and whole[k] is not None]
        assert len(lost) == 1, (m.group(0)[:80], lost)
        assert all(v is None or v == whole[k] for k, v in report.items()), m.group(0)[:80]


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".html"], ids=lambda p: p.stem)
def test_a_cell_dropped_from_a_real_page_gives_no_value_from_another_cell(path):
    """A CMS that leaves out a <td>: its row cannot be placed; no figure moves to another column."""
    page = path.read_text(encoding="utf-8")
    whole = _cells(parse_bytes(page.encode("utf-8"), "real.html"))
    cells = list(re.finditer(r"<td[^>]*>(?:(?!</td>).)*?</td>", page, re.S))
    for m in random.Random(path.stem).sample(cells, min(12, len(cells))):
        report = _cells(parse_bytes((page[:m.start()] + page[m.end():]).encode("utf-8"), "real.html"))
        assert all(v is None or v == whole[k] for k, v in report.items()), m.group(0)[:80]
