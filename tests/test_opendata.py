"""The downloads (build_scripts.opendata): every file opened with csv / json / sqlite3 and every
cell compared with the generated values it came from."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import PurePosixPath

import markdown
import pytest

from build_scripts import rules as rules_mod
from build_scripts import template as tpl
from build_scripts.opendata import (FILES, render_compare_page, render_data_page, report_downloads,
                                    write_downloads)
from build_scripts.opendata import sqlite as od_sqlite
from build_scripts.opendata import tables
from build_scripts.opendata.csvfiles import cell_text
from build_scripts.reports import parse_paths
from opendata_support import (AGENCY_A, AGENCY_C, all_cells, build_corpus, check_cells, csv_value,
                              expected_figures, read_csv)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("opendata")
    corpus = build_corpus(root / "data")
    reports = parse_paths([corpus.data_dir])
    out = root / "downloads"
    manifest = write_downloads(reports, out)
    return corpus, reports, out, manifest


def name_of(source: str) -> str:
    return PurePosixPath(source).name


def entry_for(manifest, path):
    return next(e for e in manifest if e["path"] == path)


# -- the long-format CSV ------------------------------------------------------------------------
def test_cells_csv_holds_every_cell_of_every_report(built):
    corpus, reports, out, manifest = built
    header, rows = read_csv(out / FILES["cells_csv"])
    assert header == [f.name for f in tables.CELL_FIELDS]
    count = check_cells(rows, corpus)
    assert entry_for(manifest, FILES["cells_csv"])["rows"] == count


def test_column_labels_are_the_templates(built):
    _, _, out, _ = built
    _, rows = read_csv(out / FILES["cells_csv"])
    seen = {(r["template"], r["table_key"], r["row_key"], r["column_key"]): r["column_label"] for r in rows}
    assert seen[("2021", "proactive", "fees", "amount_10k_yuan")] == "本年收费金额（单位：万元）"
    assert seen[("2019", "proactive", "licensing", "change")] == "本年增/减"
    assert seen[("2021", "applications", "3.3.3", "social_welfare_org")] == "社会公益组织"
    assert seen[("2019", "review_litigation", "litigation_after_review", "pending")] == "尚未审结"
    assert ("2019", "applications", "3.6", "total") in seen and ("2021", "applications", "3.6.2", "total") in seen


def test_amounts_keep_decimals_and_signs_stay(built):
    corpus, _, out, _ = built
    _, rows = read_csv(out / FILES["cells_csv"])
    text = {(name_of(r["source"]), r["row_key"], r["column_key"]): r["value"] for r in rows}
    v = corpus.values["a-2022.txt"]["proactive"]["fees"]["amount_10k_yuan"]
    assert isinstance(v, float) and text[("a-2022.txt", "fees", "amount_10k_yuan")] == repr(v)
    v = corpus.values["b-2020.txt"]["proactive"]["procurement"]["amount"]
    assert text[("b-2020.txt", "procurement", "amount")] == repr(v)
    changes = [corpus.values["b-2020.txt"]["proactive"][k]["change"] for k in ("licensing", "other_services",
                                                                            "penalty", "enforcement", "fees")]
    assert any(c < 0 for c in changes)
    for key, c in zip(("licensing", "other_services", "penalty", "enforcement", "fees"), changes):
        assert text[("b-2020.txt", key, "change")] == str(c)  # "-12", no apostrophe: numbers are numbers


def test_empty_cells_are_empty_never_zero(built):
    _, _, out, _ = built
    _, rows = read_csv(out / FILES["cells_csv"])
    cell = {(name_of(r["source"]), r["table_key"], r["row_key"], r["column_key"]): r["value"] for r in rows}
    assert cell[("e-2024.txt", "applications", "3.1", "natural_person")] == ""
    assert cell[("e-2024.txt", "review_litigation", "review", "total")] == ""
    _, figures = read_csv(out / FILES["key_figures_csv"])
    e = next(f for f in figures if name_of(f["source"]) == "e-2024.txt")
    assert e["reviews"] == "" and e["disclosed"] != ""


# -- per report -----------------------------------------------------------------------------------
def test_each_report_has_its_json_and_csv(built):
    corpus, reports, out, manifest = built
    per = report_downloads(manifest)
    _, all_rows = read_csv(out / FILES["cells_csv"])
    assert set(per) == {r["source"] for r in reports}
    paths = [e["path"] for items in per.values() for e in items]
    assert len(paths) == len(set(paths))
    for report in reports:
        files = {e["format"]: e for e in per[report["source"]]}
        data = json.loads((out / files["json"]["path"]).read_text(encoding="utf-8"))
        assert data == json.loads(json.dumps(report, ensure_ascii=False))
        if report["template"] is None:
            assert "csv" not in files
            continue
        header, rows = read_csv(out / files["csv"]["path"])
        assert header == [f.name for f in tables.CELL_FIELDS]
        assert rows == [r for r in all_rows if r["source"] == report["source"]]
        values = corpus.values[name_of(report["source"])]
        for row, (table, row_key, col, value) in zip(rows, all_cells(report["template"], values), strict=True):
            assert (row["table_key"], row["row_key"], row["column_key"]) == (table, row_key, col)
            assert csv_value(row["value"], value) == value


def test_duplicate_reports_are_both_listed_and_flagged(built):
    _, reports, out, manifest = built
    _, figures = read_csv(out / FILES["key_figures_csv"])
    dupes = [f for f in figures if f["agency"] == AGENCY_C and f["year"] == "2024"]
    assert sorted(name_of(f["source"]) for f in dupes) == ["c-2024-revised.txt", "c-2024.txt"]
    assert all(f["duplicate"] == "true" and "F-duplicate-report" in f["rules"].split(";") for f in dupes)
    assert dupes[0]["new_applications"] != dupes[1]["new_applications"], "not merged"
    others = [f for f in figures if f["agency"] != AGENCY_C]
    assert all(f["duplicate"] == "false" for f in others)
    _, problems = read_csv(out / FILES["problems_csv"])
    flagged = {name_of(p["source"]) for p in problems if p["rule"] == "F-duplicate-report"}
    assert flagged == {"c-2024.txt", "c-2024-revised.txt"}
    slugs = {e["path"] for e in manifest if e["kind"] == "report" and e["agency"] == AGENCY_C}
    assert len(slugs) == 4


# -- key figures ------------------------------------------------------------------------------------
def test_key_figures_csv_equals_the_values(built):
    corpus, reports, out, manifest = built
    header, rows = read_csv(out / FILES["key_figures_csv"])
    assert header == [f.name for f in tables.KEY_FIGURE_FIELDS]
    assert len(rows) == len(corpus.values)
    for row in rows:
        name = name_of(row["source"])
        values = corpus.values[name]
        if values is None:
            assert row["template"] == "" and row["new_applications"] == "" and row["consistent"] == "false"
            assert row["rules"] == "F-not-report"
            continue
        for key, want in expected_figures(corpus.template[name], values).items():
            assert csv_value(row[key], want) == want, (name, key, row[key], want)
        report = next(r for r in reports if r["source"] == row["source"])
        assert int(row["problems"]) == len(report["problems"])
        assert row["consistent"] == ("true" if report["consistent"] else "false")


def test_key_figures_carry_the_cross_report_checks(built):
    _, _, out, _ = built
    _, rows = read_csv(out / FILES["key_figures_csv"])
    a = {r["year"]: r for r in rows if r["agency"] == AGENCY_A}
    assert a["2023"]["carry_over_mismatches"] == "2"  # 自然人 and 总计 (synthetic.BREAKS)
    assert a["2023"]["in_force_mismatches"] == "1"
    assert a["2023"]["rules"].split(";") == ["X-carry-over", "X-in-force"]
    assert a["2023"]["warnings"] == "3" and a["2023"]["errors"] == "0" and a["2023"]["consistent"] == "true"
    for year in ("2022", "2024"):
        assert a[year]["carry_over_mismatches"] == "0" and a[year]["in_force_mismatches"] == "0"


def test_key_figures_json_matches_the_csv(built):
    _, reports, out, _ = built
    data = json.loads((out / FILES["key_figures_json"]).read_text(encoding="utf-8"))
    assert [f["name"] for f in data["fields"]] == [f.name for f in tables.KEY_FIGURE_FIELDS]
    assert all(f["label"] and f["meaning"] for f in data["fields"])
    _, rows = read_csv(out / FILES["key_figures_csv"])
    assert len(data["reports"]) == len(rows) == len(reports)
    for record, row in zip(data["reports"], rows, strict=True):
        for key, text in row.items():
            assert cell_text(record[key]) == text, key


# -- problems -----------------------------------------------------------------------------------------
def test_problems_csv_lists_every_problem(built):
    _, reports, out, _ = built
    header, rows = read_csv(out / FILES["problems_csv"])
    assert header == [f.name for f in tables.PROBLEM_FIELDS]
    want = [(r["source"], p["rule"], p["where"], p["message"]) for r in reports for p in r["problems"]]
    assert [(r["source"], r["rule"], r["location"], r["message"]) for r in rows] == want
    carry = [r for r in rows if r["rule"] == "X-carry-over" and r["agency"] == AGENCY_A]
    assert {r["column_key"] for r in carry} == {"natural_person", "total"}
    for r in carry:
        assert r["severity"] == "warning" and r["kind"] == "cross-year" and r["rule_title"] == "跨年结转不一致"
        assert int(r["found"]) - int(r["expected"]) == 7  # synthetic.break_rule's delta
    assert {r["rule"] for r in rows} >= {"X-carry-over", "X-in-force", "F-duplicate-report", "P-missing-cell",
                                         "F-not-report"}
    missing = [r for r in rows if r["rule"] == "P-missing-cell"]
    assert all(r["found"] == "" for r in missing)


# -- JSON of the collection ------------------------------------------------------------------------
def test_reports_json_holds_every_report(built):
    _, reports, out, _ = built
    raw = (out / FILES["reports_json"]).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    data = json.loads(raw.decode("utf-8"))
    assert data["count"] == len(reports) and data["meta"]["licence"] == "CC BY 4.0"
    assert data["reports"] == json.loads(json.dumps(reports, ensure_ascii=False))
    e = next(r for r in data["reports"] if r["source"].endswith("e-2024.txt"))
    assert e["applications"]["3.1"]["natural_person"] is None


# -- SQLite ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def db(built):
    _, _, out, _ = built
    con = sqlite3.connect(f"file:{out / FILES['sqlite']}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    yield con
    con.close()


def test_sqlite_schema_is_as_documented(db):
    names = {r["name"]: r["type"] for r in db.execute("SELECT name, type FROM sqlite_master")}
    for table in od_sqlite.TABLES:
        assert names.get(table.name) == "table"
        declared = {r["name"]: r["type"] for r in db.execute(f'PRAGMA table_info("{table.name}")')}
        assert declared == {c.name: c.sql for c in table.columns}
        indexed = {tuple(r["name"] for r in db.execute(f'PRAGMA index_info("{i["name"]}")'))
                   for i in db.execute(f'PRAGMA index_list("{table.name}")')}
        for index in table.indexes:
            assert tuple(index) in indexed, (table.name, index)
    assert names.get("cells_view") == "view"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_sqlite_tables_hold_every_cell(built, db):
    corpus, reports, _, _ = built
    ids = {name_of(r["source"]): r["report_id"] for r in db.execute("SELECT report_id, source FROM reports")}
    assert set(ids) == set(corpus.values)
    for name, values in corpus.values.items():
        rid = ids[name]
        if values is None:
            assert db.execute("SELECT count(*) FROM cells WHERE report_id = ?", (rid,)).fetchone()[0] == 0
            continue
        template_id = corpus.template[name]
        t = tpl.get(template_id)
        pro = db.execute(f"SELECT * FROM proactive_{template_id} WHERE report_id = ?", (rid,)).fetchone()
        other = "2019" if template_id == "2021" else "2021"
        assert db.execute(f"SELECT count(*) FROM proactive_{other} WHERE report_id = ?", (rid,)).fetchone()[0] == 0
        for row in t.proactive:
            for col in row.columns:
                assert pro[f"{row.key}_{col.key}"] == values["proactive"][row.key][col.key]
        apps = {r["row_key"]: r for r in db.execute("SELECT * FROM applications WHERE report_id = ? ORDER BY position",
                                                     (rid,))}
        assert list(apps) == [r.key for r in t.data_rows]
        for row_key, cols in values["applications"].items():
            for col, value in cols.items():
                assert apps[row_key][col] == value, (name, row_key, col)
        review = {r["group_key"]: r for r in db.execute("SELECT * FROM review_litigation WHERE report_id = ?", (rid,))}
        for group, cols in values["review_litigation"].items():
            for col, value in cols.items():
                assert review[group][col] == value
        long = {(r["table_key"], r["row_key"], r["column_key"]): r["value"]
                for r in db.execute("SELECT * FROM cells_view WHERE source LIKE ?", ("%/" + name,))}
        want = {(tb, rk, ck): v for tb, rk, ck, v in all_cells(template_id, values)}
        assert long == want


def test_sqlite_types_null_and_decimals(built, db):
    rid = db.execute("SELECT report_id FROM reports WHERE source LIKE '%/e-2024.txt'").fetchone()[0]
    row = db.execute("SELECT natural_person, typeof(natural_person) AS t, total, typeof(total) AS tt "
                     "FROM applications WHERE report_id = ? AND row_key = '3.1'", (rid,)).fetchone()
    assert row["natural_person"] is None and row["t"] == "null"
    assert row["tt"] == "integer"
    assert db.execute("SELECT typeof(reviews) FROM reports WHERE report_id = ?", (rid,)).fetchone()[0] == "null"
    fees = db.execute("SELECT fees_amount_10k_yuan AS f, typeof(fees_amount_10k_yuan) AS t FROM proactive_2021 "
                      "JOIN reports USING (report_id) WHERE source LIKE '%/a-2022.txt'").fetchone()
    corpus = built[0]
    assert fees["t"] == "real" and fees["f"] == corpus.values["a-2022.txt"]["proactive"]["fees"]["amount_10k_yuan"]
    assert db.execute("SELECT typeof(fees_10k_yuan) FROM reports WHERE template = '2019' LIMIT 1").fetchone()[0] == "null"
    assert {r[0] for r in db.execute("SELECT DISTINCT typeof(consistent) FROM reports")} == {"integer"}


def test_sqlite_key_figures_problems_and_rules(built, db):
    corpus, reports, _, _ = built
    for r in db.execute("SELECT * FROM reports"):
        name = name_of(r["source"])
        if corpus.values[name] is None:
            assert r["template"] is None and r["consistent"] == 0
            continue
        for key, want in expected_figures(corpus.template[name], corpus.values[name]).items():
            assert r[key] == want, (name, key)
    want = [(r["source"], p["rule"], p["where"]) for r in reports for p in r["problems"]]
    got = [tuple(r) for r in db.execute("SELECT r.source, p.rule, p.location FROM problems p "
                                        "JOIN reports r USING (report_id) ORDER BY p.problem_id")]
    assert got == want
    rows = db.execute("SELECT p.found, p.expected, p.column_key FROM problems p JOIN reports r USING (report_id) "
                      "WHERE p.rule = 'X-carry-over' AND r.agency = ?", (AGENCY_A,)).fetchall()
    assert {r["column_key"] for r in rows} == {"natural_person", "total"}
    assert all(isinstance(r["found"], int) and r["found"] - r["expected"] == 7 for r in rows)
    dup = db.execute("SELECT count(*) FROM reports WHERE agency = ? AND year = 2024 AND duplicate = 1",
                     (AGENCY_C,)).fetchone()[0]
    assert dup == 2
    assert {r["rule"]: r["title"] for r in db.execute("SELECT rule, title FROM rules")} == \
        {k: v.title for k, v in rules_mod.RULES.items()}
    assert dict(db.execute("SELECT key, value FROM meta").fetchall())["licence"] == "CC BY 4.0"


# -- manifest and checksums -------------------------------------------------------------------------
def test_manifest_lists_every_file_with_size_and_checksum(built):
    _, _, out, manifest = built
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {e["path"] for e in manifest} == on_disk
    for e in manifest:
        data = (out / e["path"]).read_bytes()
        assert e["bytes"] == len(data)
        assert e["sha256"] == hashlib.sha256(data).hexdigest()
        assert e["title"] and e["description"] and e["format"] in ("csv", "json", "sqlite", "txt")
        if e["format"] == "csv":
            header, _ = read_csv(out / e["path"])
            assert [c["name"] for c in e["columns"]] == header
            assert all(c["label"] and c["meaning"] for c in e["columns"])
    sums = (out / FILES["checksums"]).read_text(encoding="utf-8").splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in sums)
    for path, digest in listed.items():
        assert hashlib.sha256((out / path).read_bytes()).hexdigest() == digest
    assert set(listed) == on_disk - {FILES["checksums"], FILES["manifest"]}
    stored = json.loads((out / FILES["manifest"]).read_text(encoding="utf-8"))
    assert stored["files"] == manifest[:-1]


def test_writing_twice_gives_identical_files(built, tmp_path):
    _, reports, out, manifest = built
    again = write_downloads(reports, tmp_path)
    assert [(e["path"], e["sha256"]) for e in again] == [(e["path"], e["sha256"]) for e in manifest]


# -- Excel safety and file names ---------------------------------------------------------------------
def test_text_that_excel_would_run_is_neutralised():
    assert cell_text("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert cell_text("+1") == "'+1" and cell_text("@SUM(A1)") == "'@SUM(A1)" and cell_text("-x") == "'-x"
    assert cell_text(-1) == "-1" and cell_text(12.5) == "12.5" and cell_text(None) == ""
    assert cell_text(True) == "true" and cell_text(0) == "0"


def test_formula_agency_in_downloads(built, tmp_path):
    _, reports, _, _ = built
    report = json.loads(json.dumps(reports[0]))
    report["agency"] = "=1+1局"
    out = tmp_path / "d"
    write_downloads([report], out)
    _, rows = read_csv(out / FILES["key_figures_csv"])
    assert rows[0]["agency"] == "'=1+1局"
    con = sqlite3.connect(out / FILES["sqlite"])
    assert con.execute("SELECT agency FROM reports").fetchone()[0] == "=1+1局"
    con.close()
    assert json.loads((out / FILES["reports_json"]).read_text(encoding="utf-8"))["reports"][0]["agency"] == "=1+1局"


def test_report_slugs_are_safe_and_unique():
    reports = [{"source": s} for s in ("data/a.txt", "data/sub/a.txt", "data/A.txt", "data/教育局 2024.txt",
                                       "data/../x y.txt", "data/ok_name-1.txt")]
    slugs = tables.report_slugs(reports)
    assert len(set(s.lower() for s in slugs.values())) == len(reports)
    assert all(s and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in s) for s in slugs.values())
    assert slugs["data/ok_name-1.txt"] == "ok_name-1"
    assert slugs == tables.report_slugs(reports)


# -- the data page and the compare page ----------------------------------------------------------------
def test_data_page_documents_every_file_column_and_rule(built):
    _, reports, _, manifest = built
    md = render_data_page(manifest, downloads_url="../downloads")
    html = markdown.markdown(md, extensions=["toc", "tables", "fenced_code"])
    for e in manifest:
        assert e["sha256"] in html, e["path"]
        assert f'href="../downloads/{e["path"]}"' in html or e["kind"] == "index" and e["path"] in html
        assert f"{e['bytes']} 字节" in html
    for e in manifest:
        for c in e["columns"]:
            assert f"<code>{c['name']}</code>" in html and c["label"] in html
    for t in od_sqlite.TABLES:
        assert f"表 {t.name}" in html
    for rule in rules_mod.RULES.values():
        assert f"<code>{rule.id}</code>" in html and rule.title in html
    assert "CC BY 4.0" in html and "引用格式" in html
    assert "<b>司法局</b>" not in html and "&lt;b&gt;司法局&lt;/b&gt;&amp;" in html
    assert "&lt;table" not in html and "<p><table" not in html  # the HTML blocks stayed HTML


def test_compare_page_fallback_table_has_every_report(built):
    corpus, reports, _, _ = built
    md = render_compare_page(reports, data_url="../downloads/key-figures.json",
                             script_url="../assets/opendata/compare.js")
    html = markdown.markdown(md, extensions=["toc", "tables"])
    assert 'data-src="../downloads/key-figures.json"' in html
    assert '<script src="../assets/opendata/compare.js" defer></script>' in html
    assert "<b>司法局</b>" not in html
    from html.parser import HTMLParser

    class Rows(HTMLParser):
        def __init__(self):
            super().__init__()
            self.rows, self.cell = {}, None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "tr" and "data-source" in a:
                self.current = self.rows.setdefault(a["data-source"], {})
            if tag == "td" and "data-field" in a:
                self.cell = a["data-field"]

        def handle_data(self, data):
            if self.cell:
                self.current[self.cell] = data
                self.cell = None

    parser = Rows()
    parser.feed(html)
    real = [r for r in reports if r["template"]]
    assert set(parser.rows) == {r["source"] for r in real}
    for r in real:
        name = name_of(r["source"])
        for key, want in expected_figures(corpus.template[name], corpus.values[name]).items():
            if key == "fees_10k_yuan" and corpus.template[name] == "2019":
                text = "无此项"  # the 2019 template has no fee amount: not the same as an empty cell
            else:
                text = "空" if want is None else repr(want) if isinstance(want, float) else str(want)
            assert parser.rows[r["source"]][key] == text, (name, key)
    e = next(r for r in reports if r["source"].endswith("e-2024.txt"))
    assert parser.rows[e["source"]]["reviews"] == "空"


# -- pandas, as a researcher opens the files --------------------------------------------------------
def test_pandas_reads_every_cell_and_key_figure(built):
    import pandas as pd

    corpus, _, out, _ = built
    cells = pd.read_csv(out / FILES["cells_csv"], dtype={"row_key": str})
    assert list(cells.columns) == [f.name for f in tables.CELL_FIELDS]  # the BOM is not in a header
    cells["name"] = cells["source"].map(name_of)
    indexed = cells.set_index(["name", "table_key", "row_key", "column_key"])["value"]
    checked = 0
    for name, values in corpus.values.items():
        if values is None:
            continue
        for table, row, column, want in all_cells(corpus.template[name], values):
            got = indexed.loc[(name, table, row, column)]
            if want is None:
                assert pd.isna(got), (name, table, row, column, got)
            else:
                assert got == pytest.approx(want), (name, table, row, column, got, want)
            checked += 1
    assert checked == len(indexed)

    figures = pd.read_csv(out / FILES["key_figures_csv"])
    for _, row in figures.iterrows():
        name = name_of(row["source"])
        if corpus.values[name] is None:
            continue
        for key, want in expected_figures(corpus.template[name], corpus.values[name]).items():
            assert (pd.isna(row[key]) if want is None else row[key] == pytest.approx(want)), (name, key)
