"""Table 三 cut in two by a page break: the pieces are read as one table, each value from its own
cell; a following table of another shape is never taken for a piece of it. Table 四 printed in
blocks (a table per group, or the groups one under the other) is read by each block's header."""
from __future__ import annotations

import html

import pytest

from build_scripts import synthetic, template as tpl
from build_scripts.grid import Grid
from build_scripts.reports import parse_bytes

from format_fixtures import REVIEW_HEAD, TABLE, figure, placed, report_from_text, table_of

YEARS = {"2021": 2023, "2019": 2020}


def make(template_id: str, seed: int):
    values = synthetic.make_values(template_id, seed)
    text = synthetic.render(values, template_id, agency="某某县统计局", year=YEARS[template_id], layout="tab", seed=seed)
    return report_from_text(text, values), values


def first_data_row(rows: list[list[tuple[str, int, int]]]) -> int:
    return next(i for i, row in enumerate(rows) if any(text.isdigit() for text, _, _ in row))


def tsv_lines(rows) -> list[str]:
    return ["\t".join(row) for row in Grid.from_spans(rows).text_rows()]


def as_tsv(report, cut: int, between: str) -> bytes:
    """The report as a spreadsheet exports it, table 三's rows from `cut` on after a line of its
    own (a page footer) or a blank line."""
    lines = [report.title, "", *report.opening, ""]
    for part in report.parts:
        lines += [f"{part.number}、{part.title}", ""]
        for item in part.items:
            if item is TABLE:
                rows = tsv_lines(table_of(report, part.number))
                lines += rows[:cut] + [between] + rows[cut:] if part.number == "三" else rows
            else:
                lines.append(item)
            lines.append("")
    return "\n".join(lines).encode("utf-8")


def html_table(rows) -> str:
    return "<table border=\"1\">" + "".join(
        "<tr>" + "".join(f'<td colspan="{c}" rowspan="{r}">{html.escape(text)}</td>' for text, c, r in row) + "</tr>"
        for row in rows) + "</table>"


def cut_rows(rows, cut: int, repeat_header: bool, label_again: bool):
    """Table 三's span rows as two tables cut before row `cut`: merged cells that cross the cut end
    in the first and go on in the second (empty, or with their text again)."""
    def piece(lo: int, hi: int, again: bool):
        out = [[] for _ in range(lo, hi)]
        for r, c, rowspan, colspan, text in placed(rows):
            top, bottom = max(r, lo), min(r + rowspan, hi)
            if top >= bottom:
                continue
            shown = text if top == r or again else ""
            out[top - lo].append((c, (shown, colspan, bottom - top)))
        return [[cell for _, cell in sorted(row)] for row in out]

    head = first_data_row(rows)
    second = (piece(0, head, True) if repeat_header else []) + piece(cut, len(rows), label_again)
    return piece(0, cut, False), second


def as_html(report, cut: int, repeat_header: bool, label_again: bool, pieces=None) -> bytes:
    """The report as a web page, table 三 as two tables (cut_rows', or the `pieces` given)."""
    body = [f"<p>{html.escape(report.title)}</p>"] + [f"<p>{html.escape(t)}</p>" for t in report.opening]
    for part in report.parts:
        body.append(f"<p><strong>{part.number}、{html.escape(part.title)}</strong></p>")
        for item in part.items:
            if item is TABLE and part.number == "三":
                first, second = pieces or cut_rows(table_of(report, "三"), cut, repeat_header, label_again)
                body += [html_table(first), "<p>&nbsp;</p>", html_table(second)]
            elif item is TABLE:
                body.append(html_table(table_of(report, part.number)))
            else:
                body.append(f"<p>{html.escape(item)}</p>")
    return ('<meta charset="utf-8"><div class="TRS_Editor">' + "".join(body) + "</div>").encode("utf-8")


def cuts(template_id: str) -> list[int]:
    rows = table_of(make(template_id, 1)[0], "三")
    head = first_data_row(rows)
    return [head + 1, (head + len(rows)) // 2, len(rows) - 1]


def assert_exact(report: dict, values: dict) -> None:
    for table in ("proactive", "applications", "review_litigation"):
        assert report[table] == values[table], table
    assert not [p for p in report["problems"] if p["rule"].startswith(("F-", "P-"))], report["problems"]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
@pytest.mark.parametrize("between", ["— 4 —", ""], ids=["page-footer", "blank-line"])
def test_tab_separated_table_three_cut_by_a_page_break_is_read_whole(template_id, between):
    for n, cut in enumerate(cuts(template_id)):
        report, values = make(template_id, 70 + n)
        assert_exact(parse_bytes(as_tsv(report, cut, between), "data/report.txt"), values)


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
@pytest.mark.parametrize("repeat_header", [False, True], ids=["continued", "header-repeated"])
@pytest.mark.parametrize("label_again", [False, True], ids=["label-once", "label-again"])
def test_html_table_three_cut_in_two_tables_is_read_whole(template_id, repeat_header, label_again):
    for n, cut in enumerate(cuts(template_id)):
        report, values = make(template_id, 80 + n)
        page = as_html(report, cut, repeat_header, label_again)
        assert page.count(b"<table") == 4
        assert_exact(parse_bytes(page, "data/report.html"), values)


def without_the_merged_column(rows, cut: int):
    """Table 三 as two tables cut before row `cut`, the second without the cells that cross the
    cut (the merged 三、本年度办理结果 column and its groups' labels): its rows stand one column
    or more left of the first piece's."""
    first, _ = cut_rows(rows, cut, False, False)
    second = [[] for _ in range(cut, len(rows))]
    for r, c, rowspan, colspan, text in placed(rows):
        if r >= cut:
            second[r - cut].append((c, (text, colspan, rowspan)))
    return first, [[cell for _, cell in sorted(row)] for row in second]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_a_second_piece_that_lost_the_merged_label_column_gives_no_figure_in_a_wrong_column(template_id):
    """Its figures start under the first piece's labels: no row of it can be placed under the
    header, so each is reported, never read one column off."""
    report, values = make(template_id, 85)
    rows = table_of(report, "三")
    cut = (first_data_row(rows) + len(rows)) // 2
    parsed = parse_bytes(as_html(report, cut, False, False, without_the_merged_column(rows, cut)), "data/report.html")
    unread = {p.get("row") for p in parsed["problems"] if p["rule"] == "F-cell-count" and p.get("table") == "三"}
    assert unread
    for key, cols in parsed["applications"].items():
        expected = values["applications"][key]
        assert all(v is None for v in cols.values()) if key in unread else cols == expected, key


def cut_in_the_middle(seed: int) -> tuple[dict, list[str], int]:
    """A 2021 report as tab text with table 三 cut half way by a page footer: its values, its
    lines, and the footer's line."""
    report, values = make("2021", seed)
    rows = table_of(report, "三")
    lines = as_tsv(report, (first_data_row(rows) + len(rows)) // 2, "— 4 —").decode("utf-8").split("\n")
    return values, lines, lines.index("— 4 —")


@pytest.mark.parametrize("other", [False, True], ids=["same-figures", "other-figures"])
def test_a_row_printed_in_both_pieces_is_kept_once_only_when_both_agree_and_reported(other):
    values, lines, at = cut_in_the_middle(90)
    # The last row of the first piece printed again at the top of the second, with the same
    # figures or with other ones (then which printing is right is unknown: the row is refused).
    again = lines[at - 1].split("\t")
    if other:
        again = again[:3] + [str(int(x) + 1) if x.isdigit() else x for x in again[3:]]
    lines.insert(at + 1, "\t".join(again))
    parsed = parse_bytes("\n".join(lines).encode("utf-8"), "data/report.txt")
    problems = [p for p in parsed["problems"] if p.get("table") == "三"]
    assert [p["rule"] for p in problems] == ["F-duplicate-row"]
    key = problems[0]["row"]
    if other:
        assert "数值不同" in problems[0]["message"]
        assert all(v is None for v in parsed["applications"][key].values())
        assert {k: v for k, v in parsed["applications"].items() if k != key} == \
            {k: v for k, v in values["applications"].items() if k != key}
    else:
        assert parsed["applications"] == values["applications"]


def test_a_following_table_of_another_shape_is_never_read_as_the_rest_of_table_three():
    """Table 三 stops half way (the rest of it lost); table 四 follows. Its figures must not fill
    the missing rows: they are reported missing."""
    values, lines, at = cut_in_the_middle(91)
    end = next(i for i in range(at, len(lines)) if lines[i] == "")
    del lines[at:end]  # the second piece is lost
    parsed = parse_bytes("\n".join(lines).encode("utf-8"), "data/report.txt")
    keys = [r.key for r in tpl.get("2021").data_rows]
    read = [k for k in keys if any(v is not None for v in parsed["applications"][k].values())]
    assert read and len(read) < len(keys)
    for key in read:
        assert parsed["applications"][key] == values["applications"][key]
    missing = {p.get("row") for p in parsed["problems"] if p["rule"] == "F-missing-row" and p.get("table") == "三"}
    assert missing and missing <= set(keys) - set(read)
    assert parsed["review_litigation"] == values["review_litigation"]


# -- table 四 in blocks --------------------------------------------------------------------------

def four_blocks(values: dict, template_id: str, layout: str) -> list[list]:
    """Table 四 as blocks of span rows, each with its own header and its row of figures: a list of
    tables, each a list of rows."""
    t = tpl.get(template_id)
    figures = {g: [(figure(values[g][c.key]), 1, 1) for c in t.review_columns] for g, _ in t.review_groups}
    head = [(h, 1, 1) for h in REVIEW_HEAD]
    review = [[("行政复议", 5, 1)], head, figures["review"]]
    direct = [[("行政诉讼（未经复议直接起诉）", 5, 1)], head, figures["litigation_direct"]]
    after = [[("行政诉讼（复议后起诉）", 5, 1)], head, figures["litigation_after_review"]]
    litigation = [[("行政诉讼", 10, 1)], [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)], head + head,
                  figures["litigation_direct"] + figures["litigation_after_review"]]
    return {"two-tables": [review, litigation],
            "three-tables": [review, direct, after],
            "stacked": [review + direct + after],
            "stacked-litigation-first": [after + direct + review]}[layout]


def with_four(template_id: str, seed: int, tables: list, fmt: str) -> bytes:
    """A report whose table 四 is `tables` (lists of span rows), as a web page or as tab text."""
    report, _ = make(template_id, seed)
    if fmt == "html":
        body = [f"<p>{html.escape(report.title)}</p>"] + [f"<p>{html.escape(t)}</p>" for t in report.opening]
        for part in report.parts:
            body.append(f"<p><strong>{part.number}、{html.escape(part.title)}</strong></p>")
            for item in part.items:
                if item is TABLE:
                    shown = tables if part.number == "四" else [table_of(report, part.number)]
                    body += [html_table(rows) + "<p>&nbsp;</p>" for rows in shown]
                else:
                    body.append(f"<p>{html.escape(item)}</p>")
        return ('<meta charset="utf-8"><div class="TRS_Editor">' + "".join(body) + "</div>").encode("utf-8")
    lines = [report.title, "", *report.opening, ""]
    for part in report.parts:
        lines += [f"{part.number}、{part.title}", ""]
        for item in part.items:
            if item is TABLE:
                for rows in (tables if part.number == "四" else [table_of(report, part.number)]):
                    lines += tsv_lines(rows) + [""]
            else:
                lines += [item, ""]
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("fmt", ["html", "tsv"])
@pytest.mark.parametrize("layout", ["two-tables", "three-tables", "stacked", "stacked-litigation-first"])
@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_table_four_printed_in_blocks_is_read_cell_by_cell(template_id, layout, fmt):
    _, values = make(template_id, 95)
    four = {g: dict(cols) for g, cols in values["review_litigation"].items()}
    four["litigation_direct"]["corrected"] = None  # a blank cell stays blank in its own place
    parsed = parse_bytes(with_four(template_id, 95, four_blocks(four, template_id, layout), fmt), f"data/report.{'html' if fmt == 'html' else 'txt'}")
    assert parsed["review_litigation"] == four
    assert parsed["applications"] == values["applications"]
    assert not [p for p in parsed["problems"] if p["rule"] in ("F-cell-count", "F-missing-row")], parsed["problems"]


@pytest.mark.parametrize("flaw", ["review-row-all-blank", "no-total-column", "group-named-twice"])
def test_table_four_blocks_that_do_not_prove_themselves_are_refused_whole(flaw):
    _, values = make("2021", 96)
    four = values["review_litigation"]
    blocks = four_blocks(four, "2021", "stacked")[0]  # rows: 复议 0-2, 直接起诉 3-5, 复议后起诉 6-8
    if flaw == "review-row-all-blank":  # its header then runs on into the next block's
        blocks[2] = [("", 1, 1)] * 5
    elif flaw == "no-total-column":
        blocks[4] = blocks[4][:4]
        blocks[5] = blocks[5][:4]
    else:  # 复议后起诉 printed twice, 未经复议直接起诉 not at all
        blocks[3] = [("行政诉讼（复议后起诉）", 5, 1)]
    parsed = parse_bytes(with_four("2021", 96, [blocks], "html"), "data/report.html")
    assert all(v is None for cols in parsed["review_litigation"].values() for v in cols.values())
    assert [p for p in parsed["problems"] if p.get("table") == "四" or "四" in p["where"]]
