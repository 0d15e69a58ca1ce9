"""Table 三's item numbers as reports print them in text without cells (a PDF's text, a crawler's
capture): "2." as in the template, but also "2" without its dot, "②" (2 after NFKC), "2 " apart
from the words, or none. A number without its dot that ends up after a row's figures ("… 692
2其他法律…") reads like a figure: it is the next item's number only where the row is whole
without it; with a blank cell in the row it may as well be the row's last figure, and the row is
left unread. A count is never printed with a leading 0, so "08" is cells run together, never 8.
"""
from __future__ import annotations

import random
import re

import pytest

import format_fixtures as ff
from build_scripts import synthetic, template as tpl
from build_scripts.reports import parse_bytes

CIRCLED = "①②③④⑤⑥⑦⑧⑨"
STYLES = {
    "undotted": lambda n: n,
    "apart": lambda n: f"{n} ",
    "circled": lambda n: CIRCLED[int(n) - 1],
    "bracketed": lambda n: f"({n})",
    "none": lambda n: "",
    "dotted": lambda n: f"{n}.",
}
COLUMNS = [c.key for c in tpl.get("2021").app_columns]
# The row 1.属于国家秘密 with its figures, and the next row's label, in the PDF layout
SECRET = [960, 2, 653, 261, 388, 692, 2956]
LAW = [719, 988, 68, 664, 987, 856, 4282]


def restyled(text: str, style) -> str:
    """The item numbers "N." at the start of a label written in another style."""
    return re.sub(r"(?m)(^|[\t ])(\d)\.(?=[\u4e00-\u9fff])", lambda m: m.group(1) + style(m.group(2)), text)


def report_text(secret_row: str) -> str:
    """A 2021 report in the PDF layout whose rows 1.属于国家秘密 and 2.其他法律… are `secret_row`."""
    values = synthetic.make_values("2021", 3)
    values["applications"]["3.3.1"] = dict(zip(COLUMNS, SECRET))
    values["applications"]["3.3.2"] = dict(zip(COLUMNS, LAW))
    text = synthetic.render(values, "2021", agency="某某县水利局", year=2023, layout="pdf", seed=2)
    rows = re.search(r"1\.属于国家秘密.*?4282", text, re.S)
    assert rows and "2.其他法律行政法规禁" in rows.group(0)
    return text[:rows.start()] + secret_row + text[rows.end():]


def read(secret_row: str) -> tuple[dict, dict, list[str]]:
    report = parse_bytes(report_text(secret_row).encode("utf-8"), "converted.txt")
    app = report["applications"]
    messages = [p["message"] for p in report["problems"] if p.get("row") == "3.3.1"]
    return app["3.3.1"], app["3.3.2"], messages


def printed(figures: list) -> str:
    return " ".join(str(f) for f in figures)


@pytest.mark.parametrize("joiner", [" ", "\n"], ids=["one-line", "own-lines"])
@pytest.mark.parametrize("style", ["undotted", "apart", "circled"])
def test_row_with_a_blank_cell_before_an_undotted_item_number_is_unread_never_given_that_number(style, joiner):
    number = STYLES[style]
    blanked = SECRET[:6]  # 总计 printed blank: the next item's number stands where it would be
    secret, law = f"{number('1')}属于国家秘密 {printed(blanked)}", f"{number('2')}其他法律行政法规禁止公开 {printed(LAW)}"
    got, following, messages = read(secret + joiner + law)
    assert got == {c: None for c in COLUMNS}
    assert any("可能是下一行的序号" in m and "“2”" in m for m in messages), messages
    if style != "apart" or joiner == "\n":  # "… 692 2 其他…" on one line: figures before its label
        assert following == dict(zip(COLUMNS, LAW))


@pytest.mark.parametrize("joiner", [" ", "\n"], ids=["one-line", "own-lines"])
@pytest.mark.parametrize("style", ["undotted", "apart", "circled"])
def test_whole_row_before_an_undotted_item_number_is_read_without_that_number(style, joiner):
    number = STYLES[style]
    secret, law = f"{number('1')}属于国家秘密 {printed(SECRET)}", f"{number('2')}其他法律行政法规禁止公开 {printed(LAW)}"
    got, following, messages = read(secret + joiner + law)
    assert got == dict(zip(COLUMNS, SECRET)), messages
    if style != "apart" or joiner == "\n":  # "… 2956 2 其他…" on one line: figures before its label
        assert following == dict(zip(COLUMNS, LAW))


def test_row_without_item_numbers_whose_last_figure_equals_the_next_items_number_is_unread_when_short():
    """No numbering at all, a blank cell, and the last figure 2 before 其他法律…: the 2 is the
    row's 总计 or the next item's number; which one the text cannot tell."""
    got, _, messages = read(f"属于国家秘密 {printed([0, 0, 1, 1, 0, 2])} 其他法律行政法规禁止公开 {printed(LAW)}")
    assert got == {c: None for c in COLUMNS}
    assert messages


@pytest.mark.parametrize("run", ["08", "02"])
def test_figure_with_a_leading_zero_is_cells_run_together_never_one_count(run):
    """"0 0 0 0 0 08属于…": the last 0 and the next item's number ⑧ run together, one cell blank."""
    got, _, messages = read(f"1.属于国家秘密 0 0 0 0 0 {run}2.其他法律行政法规禁止公开 {printed(LAW)}")
    assert got == {c: None for c in COLUMNS}
    assert messages


def test_item_numbers_in_any_style_with_blank_cells_at_random_never_give_a_wrong_value():
    """Reports in the PDF, spaced and tab layouts with blank cells at random, their item numbers
    restyled, rows joined onto one line at random: every value read is the one printed."""
    wrong, read_cells = [], 0
    for seed in range(40):
        rng = random.Random(seed)
        template_id = ("2019", "2021")[seed % 2]
        values = ff.with_random_cells(synthetic.make_values(template_id, seed), rng, [
            [None, *range(1, 10)], [0, 0, None], [0, 1, 2, 3, None], [5, 12, 300, None, None]], share=0.3)
        layout = ("pdf", "spaced", "tab")[seed % 3]
        text = synthetic.render(values, template_id, agency="某某县水利局", year=2023 if template_id == "2021" else 2020,
                                layout=layout, seed=seed)
        text = restyled(text, STYLES[list(STYLES)[seed % len(STYLES)]])
        if seed % 2:
            text = re.sub(r"\n(?=[\d①-⑨(]?\.?[\u4e00-\u9fff])", lambda m: " " if rng.random() < 0.5 else "\n", text)
        report = parse_bytes(text.encode("utf-8"), f"random-{seed}.txt")
        wrong += [(seed, *cell) for cell in ff.wrong_cells(values, report)]
        read_cells += sum(report[table][row][column] is not None for table, row, column, _ in ff.cells(values))
    assert not wrong
    assert read_cells > 5000  # of 7,960 cells: the rule leaves unread only what is uncertain
