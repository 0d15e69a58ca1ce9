"""A generated collection of reports for the open-data, chart and site tests: every value known.

The corpus covers both templates and all three layouts, one agency over consecutive years with
the carry-over and in-force rules broken across years, a duplicate report (same agency and
year twice), a report with empty cells, and a file that is not a report. `values` maps each
file name to the table values it was rendered from; the tests compare every downloaded cell
with them.
"""
from __future__ import annotations

import copy
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from build_scripts import synthetic
from build_scripts import template as tpl
from build_scripts.opendata import tables

AGENCY_A = "沙坡头区教育局"
AGENCY_B = "中宁县民政局"
AGENCY_C = "海原县<b>司法局</b>&"  # markup in an agency name: must be escaped everywhere
AGENCY_E = "兴庆区财政局"


@dataclass
class Corpus:
    data_dir: Path
    values: dict[str, dict] = field(default_factory=dict)  # file name → values (None: not a report)
    agency: dict[str, str] = field(default_factory=dict)
    year: dict[str, int] = field(default_factory=dict)
    template: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, template_id: str, values: dict, agency: str, year: int, layout: str, seed: int):
        text = synthetic.render(values, template_id, agency=agency, year=year, layout=layout, seed=seed)
        (self.data_dir / name).write_text(text, encoding="utf-8")
        self.values[name] = values
        self.agency[name], self.year[name], self.template[name] = agency, year, template_id


def build_corpus(data_dir: Path) -> Corpus:
    data_dir.mkdir(parents=True, exist_ok=True)
    c = Corpus(data_dir)
    # One agency, three consecutive years of the 2021 template; 2023 carries over the wrong
    # numbers and its 现行有效件数 does not follow 2022 (X-carry-over, X-in-force).
    v2022 = synthetic.make_values("2021", 101)
    v2023 = synthetic.make_values("2021", 102, previous=v2022)
    v2023 = synthetic.break_rule(synthetic.break_rule(v2023, "X-carry-over"), "X-in-force")
    v2024 = synthetic.make_values("2021", 103, previous=v2023)
    c.add("a-2022.txt", "2021", v2022, AGENCY_A, 2022, "tab", 1)
    c.add("a-2023.txt", "2021", v2023, AGENCY_A, 2023, "pdf", 2)
    c.add("a-2024.txt", "2021", v2024, AGENCY_A, 2024, "spaced", 3)
    # The 2019 template (signed 本年增/减 and the procurement amount).
    c.add("b-2020.txt", "2019", synthetic.make_values("2019", 201), AGENCY_B, 2020, "spaced", 4)
    c.add("b-2019.txt", "2019", synthetic.make_values("2019", 202), AGENCY_B, 2019, "tab", 5)
    # The same agency and year twice: both kept, both flagged F-duplicate-report.
    c.add("c-2024.txt", "2021", synthetic.make_values("2021", 301), AGENCY_C, 2024, "tab", 6)
    c.add("c-2024-revised.txt", "2021", synthetic.make_values("2021", 302), AGENCY_C, 2024, "pdf", 7)
    # Empty cells: one applicant cell of table 三 and the total of 行政复议.
    ve = copy.deepcopy(synthetic.make_values("2021", 401))
    ve["applications"]["3.1"]["natural_person"] = None
    ve["review_litigation"]["review"]["total"] = None
    c.add("e-2024.txt", "2021", ve, AGENCY_E, 2024, "tab", 8)
    # Not a report at all.
    (data_dir / "notes.txt").write_text("会议纪要\n今天天气很好。\n", encoding="utf-8")
    c.values["notes.txt"] = None
    return c


def all_cells(template_id: str, values: dict):
    """(table key, row key, column key, value) of every cell, in template order."""
    t = tpl.get(template_id)
    for row in t.proactive:
        for col in row.columns:
            yield "proactive", row.key, col.key, values["proactive"][row.key][col.key]
    for row in t.data_rows:
        for col in t.app_columns:
            yield "applications", row.key, col.key, values["applications"][row.key][col.key]
    for group, _ in t.review_groups:
        for col in t.review_columns:
            yield "review_litigation", group, col.key, values["review_litigation"][group][col.key]


def csv_value(text: str, expected):
    """The value a CSV cell holds, typed like the expected value (so 715.58 ≠ "715.6")."""
    if text == "":
        return None
    if isinstance(expected, float):
        assert "." in text, f"amount written without its decimals: {text!r}"
        return float(text)
    return int(text)


def expected_figures(template_id: str, values: dict) -> dict:
    """The key figures computed here from the generated values, independently of the code."""
    apps, rev = values["applications"], values["review_litigation"]

    def group(prefix):
        keys = [k for k in apps if k == prefix or k.startswith(prefix + ".")]
        vals = [apps[k]["total"] for k in keys]
        return None if any(v is None for v in vals) else sum(vals)

    def add(*vals):
        return None if any(v is None for v in vals) else sum(vals)

    return {
        "new_applications": apps["1"]["total"], "carried_over_in": apps["2"]["total"],
        "outcomes_total": apps["3.7"]["total"], "disclosed": apps["3.1"]["total"],
        "partly_disclosed": apps["3.2"]["total"], "not_disclosed": group("3.3"),
        "unable_to_provide": group("3.4"), "not_processed": group("3.5"), "other_handling": group("3.6"),
        "carried_over_out": apps["4"]["total"], "reviews": rev["review"]["total"],
        "reviews_corrected": rev["review"]["corrected"],
        "lawsuits": add(rev["litigation_direct"]["total"], rev["litigation_after_review"]["total"]),
        "lawsuits_corrected": add(rev["litigation_direct"]["corrected"], rev["litigation_after_review"]["corrected"]),
        "fees_10k_yuan": values["proactive"]["fees"]["amount_10k_yuan"] if template_id == "2021" else None,
    }


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    """Header and rows of a download, after checking what Excel on a Chinese Windows needs."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: no UTF-8 byte order mark (Excel would show mojibake)"
    text = raw[3:].decode("utf-8")
    # Every record ends in CRLF; a bare LF may only occur inside a quoted cell.
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    return header, [dict(zip(header, r, strict=True)) for r in rows[1:]]


def check_cells(rows: list[dict], corpus: Corpus) -> int:
    """Every cell of every generated report is in `rows` (cells.csv) with its value, labels and
    report identity, and nothing else is; returns the number of cells."""
    by_key = {(PurePosixPath(r["source"]).name, r["table_key"], r["row_key"], r["column_key"]): r for r in rows}
    assert len(by_key) == len(rows), "a cell is listed twice"
    count = 0
    for name, values in corpus.values.items():
        if values is None:
            assert not any(k[0] == name for k in by_key), "a file that is not a report has no cells"
            continue
        t = tpl.get(corpus.template[name])
        labels = {**{r.key: r.label for r in t.proactive}, **tables.row_label(t), **dict(t.review_groups)}
        for table, row, col, value in all_cells(corpus.template[name], values):
            count += 1
            cell = by_key[(name, table, row, col)]
            assert csv_value(cell["value"], value) == value, (name, table, row, col, cell["value"], value)
            assert cell["agency"] == corpus.agency[name] and int(cell["year"]) == corpus.year[name]
            assert cell["template"] == corpus.template[name]
            assert cell["table_part"] == tables.TABLE_BY_KEY[table].part
            assert cell["row_label"] == labels[row]
            assert cell["column_label"]
    assert len(rows) == count
    return count
