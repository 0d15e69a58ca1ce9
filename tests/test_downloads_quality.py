"""Rates, publication dates and the new rules (T-prose-table, T-copied-text, D-late) in the
downloads: key-figures CSV and JSON, problems CSV and the SQLite database."""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from conftest import REAL_REPORTS, needs_real_reports

from build_scripts import figures
from build_scripts.opendata import FILES, write_downloads
from build_scripts.reports import add_collection_problems, parse_file

REAL = REAL_REPORTS
pytestmark = needs_real_reports  # every test reads the downloads built from real reports


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("quality-downloads")
    reports = [parse_file(REAL / name, f"data/{name}") for name in
               ("dev_04_huaian_2024.txt", "dev_06_hongze_2024.txt", "dev_08_pingtan_gwh_2025.html")]
    # The next year's report keeping the 2024 text (two files of one year would be one report twice).
    copied = (REAL / "dev_04_huaian_2024.txt").read_text(encoding="utf-8").replace("2024", "2025")
    copy_file = tmp_path_factory.mktemp("quality-copy") / "huaian_2025.txt"
    copy_file.write_text(copied, encoding="utf-8")
    copy = parse_file(copy_file, "data/copy/huaian_2025.txt")
    late = {**parse_file(REAL / "dev_10_pingtan_jtj_2022.txt", "data/late.txt"), "published": "2023-05-04"}
    reports = add_collection_problems(reports + [copy, late])
    write_downloads(reports, out)
    return reports, out


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_key_figures_csv_has_each_rate_as_a_percentage_with_one_decimal(built):
    reports, out = built
    by_source = {r["source"]: r for r in rows(out / FILES["key_figures_csv"])}
    huaian = by_source["data/dev_04_huaian_2024.txt"]
    # (1362 + 454) / 3050, 64 / (351 − 37), 5 / (46 − 7)
    assert (huaian["disclosure_rate"], huaian["review_correction_rate"], huaian["litigation_correction_rate"]) == \
        ("59.5", "20.4", "12.8")
    assert (huaian["not_held"], huaian["reviews_pending"], huaian["lawsuits_pending"]) == ("769", "37", "7")
    assert by_source["data/dev_08_pingtan_gwh_2025.html"]["published"] == "2026-01-30"
    # dev_08: 复议 2 cases, none pending, none corrected → 0.0 %; no lawsuits → empty, never 0
    gwh = by_source["data/dev_08_pingtan_gwh_2025.html"]
    assert (gwh["review_correction_rate"], gwh["litigation_correction_rate"]) == ("0.0", "")


def test_key_figures_json_documents_the_rate_formulas(built):
    _, out = built
    data = json.loads((out / FILES["key_figures_json"]).read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in data["fields"]}
    for rate in figures.RATES:
        assert rate.formula in fields[rate.key]["meaning"] and fields[rate.key]["type"] == "REAL"
    huaian = next(r for r in data["reports"] if r["source"] == "data/dev_04_huaian_2024.txt")
    assert huaian["disclosure_rate"] == 59.5


def test_problems_csv_has_the_new_rules_with_both_numbers_and_the_related_report(built):
    _, out = built
    problems = rows(out / FILES["problems_csv"])
    prose = [p for p in problems if p["rule"] == "T-prose-table"]
    assert {(p["source"], p["found"], p["expected"], p["kind"]) for p in prose} == {
        ("data/dev_06_hongze_2024.txt", "17", "95", "prose"), ("data/dev_08_pingtan_gwh_2025.html", "34", "32", "prose")}
    copied = [p for p in problems if p["rule"] == "T-copied-text"]
    assert {(p["source"], p["related"], p["found"]) for p in copied} == {
        ("data/copy/huaian_2025.txt", "data/dev_04_huaian_2024.txt", "100")}
    late = [p for p in problems if p["rule"] == "D-late"]
    assert [(p["source"], p["found"], p["expected"], p["kind"]) for p in late] == \
        [("data/late.txt", "2023-05-04", "2023-01-31", "timeliness")]


def test_sqlite_has_rates_and_the_new_rules(built):
    _, out = built
    db = sqlite3.connect(out / FILES["sqlite"])
    got = db.execute("SELECT disclosure_rate, published FROM reports WHERE source = ?",
                     ("data/dev_08_pingtan_gwh_2025.html",)).fetchone()
    assert got == (46.9, "2026-01-30")  # (8 予以公开 + 7 部分公开) / 32 = 46.875 %
    rules = {r[0]: r[1] for r in db.execute("SELECT rule, title FROM rules")}
    assert {"T-prose-table", "T-copied-text", "D-late"} <= set(rules)
    assert db.execute("SELECT count(*) FROM problems WHERE rule = 'T-copied-text' AND related IS NOT NULL").fetchone()[0] == 1
