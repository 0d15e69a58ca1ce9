"""The Python table renderer (portal/table_html.py) writes what the Jinja2 macros write."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts import synthetic
from build_scripts.portal import table_html
from build_scripts.portal.model import build_model
from build_scripts.portal.render import make_environment
from build_scripts.portal.tables import report_tables
from build_scripts.reports import add_collection_problems, load_reports

SEEDS = Path(__file__).parent / "fixtures" / "seeds"

MACROS = """{% import "_macros.html" as m %}{{ m.report_table(t, searchable=searchable) }}"""


def _files(tmp_path: Path) -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    # Reports that break each rule (so cells, rows and tables carry problem marks), missing
    # cells, both templates, every layout and number format, and a signed 本年增/减.
    for i, rule in enumerate(["A-row-total", "A-outcome-total", "A-balance", "R-group-total", "P-nonnegative"]):
        for template in ("2021", "2019"):
            values = synthetic.break_rule(synthetic.make_values(template, 40 + i), rule)
            layout = synthetic.LAYOUTS[i % len(synthetic.LAYOUTS)]
            text = synthetic.render(values, template, agency=f"测试区第{i}局", year=2020 if template == "2019" else 2023,
                                    layout=layout, seed=i, number_format=synthetic.NUMBER_FORMATS[i % 3])
            path = tmp_path / f"{template}-{rule}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(path)
    values = synthetic.make_values("2021", 99)
    values["applications"]["3.1"]["natural_person"] = None
    text = synthetic.render(values, "2021", agency="测试区缺格局", year=2024, seed=3)
    (tmp_path / "missing.txt").write_text(text, encoding="utf-8")
    files.append(tmp_path / "missing.txt")
    return files


def test_python_tables_equal_the_macros(tmp_path):
    files = _files(tmp_path)
    reports = add_collection_problems(load_reports(files, workers=1))
    model = build_model([(r, f, f.name, 0.0) for r, f in zip(reports, files)])
    template = make_environment().from_string(MACROS)
    compared = flagged = 0
    for entry in model.reports:
        for t in report_tables(entry).values():
            for searchable in (False, True):
                expected = template.render(t=t, searchable=searchable)
                assert str(table_html.report_table(t, searchable)) == expected, (entry.source, t.part)
                compared += 1
            flagged += bool(t.marks)
    assert compared >= 2 * 3 * len(files) - 6 and flagged >= 5


@pytest.mark.parametrize("text", ['<b>"&\'', "普通"])
def test_labels_are_escaped(text):
    from build_scripts.portal.tables import Cell, Row, Table

    t = Table(part="三", id="t-3", css="x", head=[Row([Cell(label=text, colspan=2)])],
              body=[Row([Cell(id="c1", value=3), Cell(label=text, css="lab")], id="r1", css="")])
    expected = make_environment().from_string(MACROS).render(t=t, searchable=False)
    assert str(table_html.report_table(t)) == expected
