"""A ruled PDF table whose rule between two rows is not drawn in a column of figures (the two
cells look merged down, and pdfplumber gives them as one cell with both figures on two lines):
each row keeps its own figure where each is printed inside its own row, never the two run
together as one figure ("210" over "492" read 210492); where one of the two is blank, the figure
could be either row's and neither row is read."""
from __future__ import annotations

import pytest

from build_scripts import synthetic, template as tpl
from build_scripts.reports import parse_bytes

import format_fixtures as ff

NATURAL_PERSON = 3  # table 三's column of 自然人, in the fixture's grid


def printed(template_id: str, seed: int, rows: tuple[str, ...], blank: dict[str, str] | None = None):
    """A report whose table 三 lacks the rule above each row of `rows` (keys) in 自然人's column;
    blank: row key -> column printed blank."""
    t = tpl.get(template_id)
    values = synthetic.make_values(template_id, seed)
    for key, column in (blank or {}).items():
        values["applications"][key][column] = None
    text = synthetic.render(values, template_id, agency="某某县水利局", year=2023 if template_id == "2021" else 2019,
                            layout="tab", seed=seed)
    left_out = tuple((t.app_row(key).label, NATURAL_PERSON) for key in rows)
    data = ff.to_pdf(ff.report_from_text(text, values), three_rules_above_left_out=left_out)
    return values, parse_bytes(data, "data/x.pdf")


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_pdf_figures_of_two_rows_without_the_rule_between_them_stay_each_rows_own(template_id):
    values, parsed = printed(template_id, 35, ("2", "3.3.2"))
    assert parsed["applications"] == values["applications"]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_pdf_one_figure_in_two_rows_without_the_rule_between_them_is_neither_rows(template_id):
    # 一's 自然人 blank: the one figure in the cell that looks merged down over 一 and 二 may be
    # either's (a merged cell prints its text at its top, a rule not drawn in its own row).
    values, parsed = printed(template_id, 36, ("2",), blank={"1": "natural_person"})
    got = parsed["applications"]
    assert got["1"]["natural_person"] is None and got["2"]["natural_person"] is None
    unread = {p["row"] for p in parsed["problems"] if p["table"] == "三" and p["rule"] != "P-missing-cell"}
    assert {"1", "2"} <= unread
    for key, row in values["applications"].items():
        if key not in ("1", "2"):
            assert got[key] == row, key


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_two_rows_printed_in_one_cell_each_label_run_into_the_next_ones_numbering_are_both_unread(template_id):
    # The rule between rows 一 and 二 not drawn across the whole row: one cell holds both labels,
    # "一、本年新收…数量二、上年结转…数量" (a label names its row where its cell ends, so only 二
    # seemed named), and each figure cell both figures, run together as one ("11908" over "206").
    t = tpl.get(template_id)
    values = synthetic.make_values(template_id, 35)
    text = synthetic.render(values, template_id, agency="某某县水利局", year=2023 if template_id == "2021" else 2019,
                            layout="tab", seed=35)
    lines = text.split("\n")
    first, second = (next(i for i, line in enumerate(lines) if line.startswith(row.label)) for row in t.data_rows[:2])
    assert second == first + 1
    merged = [a + b for a, b in zip(lines[first].split("\t"), lines[second].split("\t"))]
    lines[first:second + 1] = ["\t".join(merged)]
    parsed = parse_bytes("\n".join(lines).encode("utf-8"), "data/x.txt")
    for row in t.data_rows[:2]:
        assert all(v is None for v in parsed["applications"][row.key].values()), row.key
    together = [p["message"] for p in parsed["problems"] if "印在同一格中" in p["message"]]
    assert len(together) == 2 and all(t.data_rows[0].label in m and t.data_rows[1].label in m for m in together)
    assert parsed["applications"][t.data_rows[2].key] == values["applications"][t.data_rows[2].key]
