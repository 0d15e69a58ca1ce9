"""Report text → the parsed report of data-contract.md.

Rows are found by their labels, not by position, so the same code reads tab-separated cells,
the 2019 layout with labels broken by spaces, and PDF extractions with every label broken across
lines: labels are matched in a stream where whitespace inside words is removed and whitespace
around numbers kept (textnorm.stream). A row's figures are what stands between its label and the
next row's label.
"""
from __future__ import annotations

import functools
import itertools
import re

from . import (column_major, grid_tables, head, labels, layout_columns, page_numbers, parts, prose, run_splits,
               table_pieces, template as tpl, units, wrapped_labels)
from .grid import Grid, grids_in_text
from .problems import problem, row_left_out, rows_cut_off
from .textnorm import (NUMBER, NUMBER_PIECE, SPACED_GROUPS, groups_thousands_by_spaces, is_placeholder, label_key,
                       nfkc, nfkc_lines, parse_number, squash, squash_label, squash_lines, stream)

_NOTICE = re.compile(r"国办公开办函\s*[〔\[(【]?\s*(\d{4})\s*[〕\])】]?\s*(\d+)\s*号")
_NOTE = re.compile(r"^\s*[（(]?\s*(?:备注|注)\s*[:：]")


def _next_part_missing(number: str, found: set) -> bool:
    """Whether the part after `number` (in the template's order) is not among the parts found."""
    at = tpl.PART_NUMBERS.index(number) + 1
    return at < len(tpl.PART_NUMBERS) and tpl.PART_NUMBERS[at] not in found


# The characters of a row label (its number with them) that, found in table 三's text, show that
# the row is printed there though its whole label is not (a label cut by other words).
_LABEL_START = 8
_TOKEN = re.compile(r"\S+")
# Units a converter may write apart from the figure of their cell in table 二 (pypdf: "5419886 元",
# "2 笔"): the amount units, the template's own and others, and the count units.
_UNITS_SET_APART = frozenset((tpl.AMOUNT_UNIT, *tpl.OTHER_AMOUNT_UNITS, *tpl.COUNT_UNITS))


class _Reader:
    """Reads the tables of one report, recording problems as it goes. The lines given to its
    table methods are in NFKC already (textnorm.nfkc_lines)."""

    def __init__(self, source: str, template: tpl.Template, problems: list[dict], short_labels: list[str] = (),
                 header_order: list[str] | None = None, long_labels: list[str] = ()):
        self.source = source
        self.t = template
        self.problems = problems
        # Labels of rows that the file's own tables show to have lost a cell (Grid.short), or to
        # have one too many (Grid.long).
        self.short_labels = list(short_labels)
        self.long_labels = list(long_labels)
        # Table 三's applicant columns as its header prints them, where not in the template's
        # order (_header_order): its figures in text cannot be placed by their order.
        self.header_order = header_order
        # What was printed where a figure was expected but none stands: {table: {row: {column:
        # text}}}, '' for a blank cell (data-contract: "printed").
        self.printed: dict = {}
        self.padding: dict = {}  # learn_padding
        self.widths: dict = {}  # learn_padding
        # Table 二's matching text and its rows' places, as proactive() found them
        # (_refuse_foreign_headers looks at the same).
        self.table_two: tuple[str, dict] | None = None
        self._shapes: dict = {}
        self._cells_of: dict[str, list[str] | None] = {}  # _tab_cells by segment
        # Table 三's rows refused only because their line stands off the page's columns
        # (layout_columns.out_of_place): {row: (its figures in the line's order, the problem)}.
        self.off_columns: dict[str, tuple[dict, dict]] = {}
        # Table → cells in each group of a row that ends with the group's total (三: the whole row;
        # 四: each of its three), for figures run together (_cells_run_together).
        self._summed = {table: len(columns) for table, columns in
                        (("三", template.app_columns), ("四", template.review_columns)) if columns[-1].key == "total"}
        # The text groups figures' thousands by spaces (textnorm.groups_thousands_by_spaces): "9 685"
        # in a row is 9685, or 9 and 685 (_spaced_cells). Only rows without tabs ask (a tab file's
        # never do), so it is found when first asked, from the tables' lines (one list a table)
        # and the cells of a row of table 三 and of 四.
        self.thousands_text: tuple[list[list[str]], tuple[int, ...]] = ([], ())
        self._spaced_thousands: bool | None = None

    @property
    def spaced_thousands(self) -> bool:
        if self._spaced_thousands is None:
            tables, cells = self.thousands_text
            self._spaced_thousands = groups_thousands_by_spaces("\n".join(itertools.chain.from_iterable(tables)), cells)
        return self._spaced_thousands

    def add(self, rule_id, where, message, **kw):
        self.problems.append(problem(rule_id, self.source, where, message, **kw))

    def unread(self, table: str, key: str, label: str, why: str) -> None:
        """A row of table 二 or 三 left unread whole, and why."""
        self.add("F-cell-count", f"{table} · {label}", f"「{label}」行的数值无法确定：{why}，不予采用", table=table, row=key)

    # -- one row's figures --------------------------------------------------------------
    def _tab_cells(self, segment: str) -> list[str] | None:
        """The cells after the label of a tab-separated row, or None for a row without tabs.
        (Asked twice for each row, as _shape: when learning the padding and when reading the
        row; the list returned is shared, not to be changed.)"""
        if segment in self._cells_of:
            return self._cells_of[segment]
        self._cells_of[segment] = cells = self._cells_after_label(segment)
        return cells

    @staticmethod
    def _cells_after_label(segment: str) -> list[str] | None:
        first_line = segment.split("\n", 1)[0]
        # A tab-separated row keeps its cells on the label's line, even when every one of them is
        # empty or a placeholder ("行政许可⇥⇥⇥"): those are missing cells, not a reason to look
        # for figures further down.
        if "\t" not in first_line:
            return None
        cells = [*map(str.strip, first_line.split("\t")[1:])]
        if (NUMBER_PIECE.search(first_line) or not first_line.strip()
                or all(not c or is_placeholder(c) for c in cells) or any(_DIGIT.search(c) for c in cells)):
            return cells
        return None

    def _shape(self, cells: list[str]) -> tuple[int, int, int] | None:
        """(end of the label's text cells, first figure, last figure) of a tab row, or None when
        it has no figure at all. (Asked twice for each row: when learning the padding and when
        reading the row.)"""
        key = tuple(cells)
        if key in self._shapes:
            return self._shapes[key]
        # The first figure looked for from the left, the last from the right: the cells between
        # need no reading. (Plain loops: this runs for every tab row, generators cost more.)
        shape = None
        for first, cell in enumerate(cells):
            if cell and _is_figure_cell(cell):
                last = len(cells) - 1
                while not _is_figure_cell(cells[last]):
                    last -= 1
                lead = first
                while lead and not cells[lead - 1]:
                    lead -= 1
                shape = lead, first, last
                break
        self._shapes[key] = shape
        return shape

    def _unread_first_figure(self, segment: str, cells: list[str]) -> str | None:
        """The text that stands last before a tab row's first figure (in a cell, or after the label
        before the first tab), when it holds a digit but is no figure ("940(含修订1)", "约250",
        "3x59"): the row's first figure, unreadable, not a piece of its label (taken for one, it
        moved every figure a column to the left where the row ends with an empty cell)."""
        shape = self._shape(cells)
        if shape is None:
            return None
        # The last cell with text before the figure (shape[0] is the place after it), else the
        # text after the label before the first tab.
        before = cells[shape[0] - 1] if shape[0] else segment.split("\n", 1)[0].split("\t", 1)[0].strip()
        return before if before and _DIGIT.search(before) else None

    def learn_padding(self, segments, n_columns: int, key_of) -> None:
        """Text copied from Word keeps no column positions: the empty cells between a row's label
        and its figures vary with the merged label cells. Rows whose figures fill every column
        show how many there are for rows of their kind; rows with blank cells at either end are
        then placed the same way (never by guessing)."""
        for row, segment in segments:
            cells = self._tab_cells(segment)
            shape = self._shape(cells) if cells is not None else None
            if shape and shape[2] - shape[1] + 1 == n_columns:
                gap = shape[1] - shape[0]
                key = key_of(row)
                if self._unfit(key[0], row.key):
                    continue  # its cells are not its columns': no layout to learn from it
                self.padding[key] = gap if self.padding.get(key, gap) == gap else -1
                # The row's cells from the label on: a row of its kind that keeps its trailing
                # empty cells has as many (one with fewer is laid out otherwise).
                self.widths.setdefault(key, set()).add(len(cells) - shape[0])

    def _aligned(self, cells: list[str], n: int, pad_key) -> list[str] | None:
        """The n cells of a tab row in column order, or None when blank cells at its ends leave
        their columns uncertain."""
        shape = self._shape(cells)
        if shape is None:
            return [""] * n
        lead, first, last = shape
        if last - first + 1 >= n:
            return cells[first:last + 1]
        pad = self.padding.get(pad_key, -1)
        if pad > 0 and cells[-1] == "" and len(cells) - lead not in self.widths.get(pad_key, ()):
            pad = -1  # trailing cells kept, yet not as many as the rows that showed the padding
        # Only a row that writes all its cells, the blank ones empty, is placed so: a row with
        # fewer lost one (a page that leaves out the <td> of a blank cell), no one knows where.
        if pad >= 0 and lead + pad <= first and lead + pad + n - 1 >= last and len(cells) >= lead + pad + n:
            start = lead + pad
        elif len(cells) - lead == n and (pad == 0 or cells[lead]):  # exactly one cell per column after the label
            # (an empty first cell is a blank one only where rows of its kind show no empty cells
            # after the label: else it may be that padding, and a blank cell at the row's end was
            # lost with its trailing tab)
            start = lead
        else:
            return None
        # The cells after the last figure stand for blank cells: text there (the numbering "4."
        # of the next row's label, run into this row) is none, and the row is one cell short.
        if any(cells[last + 1:start + n]):
            return None
        return cells[start:start + n]

    def _values(self, segment: str, columns, table: str, row_key: str, row_label: str, pad_key=None,
                header_units: dict | None = None, page_columns=None) -> dict:
        """page_columns: the columns of layout text's pages (layout_columns.PageColumns), or a
        function giving them (or None), asked only for a row short of figures: most rows never need
        them, and finding a text's pages takes a pass over it."""
        where = f"{table} · {row_label}"
        if unfit := self._unfit(table, row_key):
            self.add("F-cell-count", where, f"「{row_label}」行在原表中{unfit}；该行数值不予采用",
                     expected=len(columns), table=table, row=row_key)
            return {c.key: None for c in columns}
        cells = self._tab_cells(segment)
        spans = None  # where the figures stand in the segment, when read as a run of them
        header = _TABLE_TWO_HEADER if table == "二" else None  # words that end a row of figures
        if cells is not None and table == "二" and (parts := self._sub_rows(segment, cells)):
            self.add("F-cell-count", where,
                     f"「{row_label}」分成了几行（{'、'.join(parts)}），各有数值，本行没有自己的数值；该行数值不予采用",
                     table=table, row=row_key)
            return {c.key: None for c in columns}
        if cells is not None and (unread := self._unread_first_figure(segment, cells)):
            self.add("F-bad-number", where,
                     f"「{row_label}」行第一个数值的位置上是“{_shown(unread, 20)}”，不是数字，无法确定各列的数值；该行数值不予采用",
                     found=unread, table=table, row=row_key)
            return {c.key: None for c in columns}
        if cells is not None:
            written = cells
            cells = self._aligned(cells, len(columns), pad_key if pad_key is not None else table)
            # No figure, but words where the figures stand (a header a converter made up, 数据2 …
            # 总计, between the label and the figures on the next line): no blank row.
            if cells is not None and not any(cells) and (words := [c for c in written if c and not is_placeholder(c)]):
                self.add("F-cell-count", where,
                         f"「{row_label}」行在数值的位置上是文字（{_shown(' '.join(words))}），不是数值，无法确定本行的数值；"
                         f"该行数值不予采用", expected=len(columns), table=table, row=row_key)
                return {c.key: None for c in columns}
            if cells is None:
                shape = self._shape(written)
                figures = written[shape[0]:] if shape else []  # the cells after the label's
                why = (f"行只有 {len(figures)} 个单元格（{' '.join(c or '空' for c in figures)}），比应有的少，"
                       f"原表可能漏掉了空白单元格，无法确定少的是哪一格"
                       if len(figures) < len(columns) and all(figures) else
                       "行两端有空白单元格，而文本中的制表符没有对齐，无法确定空白在哪一列")
                self.add("F-cell-count", where, f"「{row_label}」{why}；该行数值不予采用",
                         expected=len(columns), table=table, row=row_key)
                return {c.key: None for c in columns}
        elif self.spaced_thousands and (spaced := self._spaced_cells(segment, len(columns), header)) is not None:
            cells, shown = spaced
            if cells is None:
                self.add("F-cell-count", where,
                         f"「{row_label}」的数值中有“{shown}”：本报告以空格分隔数字的千位，无法确定这是一个数值还是"
                         f"几个单元格的数值（本行可能有空白单元格）；该行数值不予采用",
                         found=shown, expected=len(columns), table=table, row=row_key)
                return {c.key: None for c in columns}
        # Table 三's rows but its last are followed by a numbered item, whose number may run in.
        elif (glued := _cells_run_together(segment, len(columns), header,
                                           items=table == "三" and row_key != self.t.data_rows[-1].key,
                                           summed=self._summed.get(table, 0))) is not None:
            cells = glued
        else:
            cells, per_line, spans = self._token_run(segment, header)
            if table == "三" and len(per_line) > 1:
                per_line, cells, spans = _row_on_its_label_line(segment, per_line, cells, spans, self._summed.get(table, 0))
            # A figure after words that follow the row's figures on their line (PDF text whose
            # line order is the page's top to bottom, PyMuPDF sort=True: a figure broken over two
            # lines of its narrow cell, "…938 572 946 计这一情形） 6", the rest of the label
            # between): the figures on the line are not the row's in column order.
            if table != "四" and cells and _figure_after_words(segment, spans[-1][1]):
                self.add("F-cell-count", where,
                         f"「{row_label}」的数值与标签文字交错（{_line_at(segment, spans[-1][1])}），"
                         f"可能有数字被拆成两行，无法确定各列的数值；该行数值不予采用",
                         found=len(cells), expected=len(columns), table=table, row=row_key)
                return {c.key: None for c in columns}
            # The run ended at a piece no figure starts with ("003", ".07"): the rest of its last
            # figure, which a narrow cell broke over two lines (2003 as "2" and "003").
            tail = _FIGURE_TAIL.match(segment, spans[-1][1]) if cells else None
            if tail:
                rest = segment[tail.start():].split(None, 1)[0]
                self.add("F-cell-count", where,
                         f"「{row_label}」的最后一个数值“{cells[-1]}”之后是“{_shown(rest, 12)}”，"
                         f"可能是同一个数字被拆成了两段，无法确定该数值；该行数值不予采用",
                         found=len(cells), expected=len(columns), table=table, row=row_key)
                return {c.key: None for c in columns}
            # A row of table 二 or 三 keeps its figures on one line: figures going on over the next
            # line are another row's, or a page number.
            if len(per_line) > 1 and table != "四":
                self.add("F-cell-count", where,
                         f"「{row_label}」的数值跨了行（{' '.join(cells)}），其中可能有别的行的数值或页码，无法确定哪些是本行的；"
                         f"该行数值不予采用", found=len(cells), expected=len(columns), table=table, row=row_key)
                return {c.key: None for c in columns}
            # Table 四's row stands on one line, or one figure a line. Lines of several figures
            # and of one mixed, or figures one a line but some apart and some not, are a figure
            # that a narrow cell broke over two lines ("11" over "7" for 117; PDF text), a page
            # number, or another row's: with a blank cell the count may still come out right.
            if len(per_line) > 1 and (max(per_line) > 1 or _apart_unevenly(segment, spans)):
                self.add("F-cell-count", where,
                         f"「{row_label}」的数值分在几行（每行 {'、'.join(map(str, per_line))} 个：{' '.join(cells)}），"
                         f"可能有数字在窄单元格中被拆成两行，或混入了页码，无法确定各列的数值；该行数值不予采用",
                         found=len(cells), expected=len(columns), table=table, row=row_key)
                return {c.key: None for c in columns}
            if 0 < len(cells) < len(columns) and len(per_line) == 1:
                cells, spans = _with_leading_marks(segment, cells, spans, len(columns))
            if 0 < len(cells) < len(columns) and len(per_line) == 1:
                page_columns = page_columns() if callable(page_columns) else page_columns
                cells = _with_blanks(segment, cells, spans, columns, page_columns, by_spacing=table == "四")
            # A row whose figures are all one (0 0 0 0 0 0 0) is the same in any order: its
            # place shows nothing that matters.
            elif table == "三" and page_columns is not None and len(cells) == len(columns) and len(per_line) == 1 \
                    and len(set(cells)) > 1 and page_columns.out_of_place(segment[spans[0][0]:spans[-1][1]]):
                self.add("F-cell-count", where,
                         f"「{row_label}」的数值（{' '.join(cells)}）不在本页其他行各列的位置上，文本中的顺序可能不是表格的顺序；"
                         f"该行数值不予采用", found=len(cells), expected=len(columns), table=table, row=row_key)
                if table == "三" and all(c.isdigit() and c.isascii() for c in cells):
                    self.off_columns[row_key] = ({c.key: int(cell) for c, cell in zip(columns, cells)}, self.problems[-1])
                return {c.key: None for c in columns}
        if len(cells) != len(columns):
            page = _PAGE_NUMBER_MARKED.search(segment)
            run = _token_run_together(segment, cells, len(columns))
            why = (f"；文本中单独成行的“{page.group(1)}”是页码，不是本行的数值（本行可能有空白单元格）"
                   if page and len(cells) < len(columns) else
                   f"；文本中的“{_shown(run)}”数字之间没有分隔，可能是几个单元格的数值连在了一起，无法分开" if run else
                   # No figure read ("1-10", "1973601627.4元"): the text that stands where they should.
                   f"；文本中在数值的位置上是“{_shown(token.group(0))}”，不是可以读出的数值"
                   if not cells and (token := _DIGIT_TOKEN.search(_NEXT_ITEM_NUMBER.sub("", segment))) else
                   # Fewer figures: cells printed blank (a 0 left out) leave no mark in text.
                   f"；本行可能有印为空白的单元格，{_blanks_unplaced(segment, spans, page_columns)}无法确定空白在哪几列"
                   if cells and len(cells) < len(columns) else "")
            # What was found is said to be found, not read: none of it is taken.
            found = f"文本中找到 {len(cells)} 个（{' '.join(cells)}）" if cells else "文本中没有找到"
            self.add("F-cell-count", where,
                     f"「{row_label}」应有 {len(columns)} 个数值，{found}{why}；该行数值不予采用",
                     found=len(cells), expected=len(columns), table=table, row=row_key)
            return {c.key: None for c in columns}
        if table != "二" and all(map(str.isdigit, cells)) and "".join(cells).isascii():
            return {col.key: int(cell) for col, cell in zip(columns, cells)}  # most rows: plain counts (_cell)
        values = {}
        for col, cell in zip(columns, cells):
            if table == "二":  # 2笔, 47.9659万元; 采购总金额（元）: the figure is in 元, not the template's 万元
                cell = units.in_column(cell, col.kind, (header_units or {}).get(col.key))
            values[col.key] = self._cell(cell, col, table, row_key, where)
        return values

    def _spaced_cells(self, segment: str, n: int, header: re.Pattern | None) -> tuple[list[str] | None, str] | None:
        """A row's figures in a text that groups thousands by spaces, where its run of figures
        holds figures followed by a space and three digits ("9 685 3 276"): each such run of groups
        one figure (9685, 3276) when the row then has exactly its n cells on one line, the only
        reading that can (one that split a group would have more cells than columns); (None, the
        groups) when it has fewer: a blank cell, or groups that are cells apart, no one can tell.
        None for a row without such groups: read as any other."""
        run, _, spans = self._token_run(segment, header)
        if not run:
            return None
        # The run's line from its first figure: a group with a leading 0 ended the run ("4 004").
        end = segment.find("\n", spans[-1][1])
        stretch = segment[spans[0][0]:end if end >= 0 else len(segment)]
        joined = segment[:spans[0][0]] + SPACED_GROUPS.sub(lambda m: m.group(0).replace(" ", ""), stretch) \
            + segment[spans[0][0] + len(stretch):]
        cells, per_line, spans = self._token_run(joined, header)
        if cells == run:
            return None
        groups = [m.group(0) for m in SPACED_GROUPS.finditer(stretch)]
        if per_line == [n] and not _FIGURE_TAIL.match(joined, spans[-1][1]) \
                and not _figure_after_words(joined, spans[-1][1]):
            return cells, ""
        return None, "、".join(groups)

    def _sub_rows(self, segment: str, cells: list[str]) -> list[str]:
        """The names of a row's sub-rows, when a row of table 二 is a group over rows of its own
        (其他对外管理服务事项 over 行政检查 and 行政确认, each with its figures: 通州 2019): a
        text cell after the label, before the figures, and another row of figures before the
        next template row. Its first sub-row's figures are not the row's; [] otherwise (a single
        qualifier, 其他对外管理服务事项⇥行政检查⇥5⇥0⇥5, is the row's one line)."""
        shape = self._shape(cells)
        # The segment starts after the label's words: the rest of its line before the figures
        # (a note in brackets left out) is the sub-row's name.
        rest = _LABEL_NOTE.sub("", segment.split("\n", 1)[0].split("\t", 1)[0]).strip()
        before = [rest] + (cells[:shape[1]] if shape else [])
        if shape is None or not any(c and not is_placeholder(c) for c in before):
            return []
        names = [" ".join(c for c in before if c)]
        extra = tuple(squash(label) for label in tpl.PROACTIVE_EXTRA_ROWS)
        for line in segment.split("\n")[1:]:
            more = [c.strip() for c in line.split("\t")]
            if (len(more) > 1 and any(parse_number(c) is not None for c in more[1:])
                    and not squash(more[0]).startswith(extra)):
                names.append(" ".join(c for c in more if c and parse_number(c) is None and not is_placeholder(c)))
        return names if len(names) > 1 else []

    def _unfit(self, table: str, row_key: str) -> str | None:
        """How the row's cells in the file's own table do not fit its columns, or None."""
        if not (self.short_labels or self.long_labels) or table == "四":
            return None
        names = [label_key(name) for name in tpl.PROACTIVE_ROW_LABELS.get(row_key, ())] if table == "二" else []
        cores = [squash_label(core) for core in tpl.row_cores(self.t.app_row(row_key))] if table == "三" else []

        def named(label: str) -> bool:  # "3.其他" is not named by "2.其他法律…"
            key = label_key(label)
            return any(name in key for name in names) or any(labels.stands_in(label, core) for core in cores)

        for found, why in ((self.short_labels, "少了一个单元格，无法确定少的是哪一格"),
                           (self.long_labels, "多出一个单元格（可能有数字被拆成两格），无法确定多的是哪一格")):
            if any(map(named, found)):
                return why
        return None

    @staticmethod
    def _token_run(segment: str, header: re.Pattern | None = None) -> tuple[list[str], list[int], list[tuple[int, int]]]:
        """The first run of figures in the segment, and how many stand on each of its lines. A token
        that holds a digit without being a figure (a figure glued to words: "收费0三、收到…"), or a
        header word of the table (the next article's 第二十条第（五）项 本年处理决定数量), ends the
        search: the figures after it are not this row's. So does a page number among the figures;
        one before them is passed over (the label at the foot of a page, its figures on the next).
        Also returns where each figure's token stands in the segment (start, end)."""
        run: list[str] = []
        per_line: list[int] = []
        spans: list[tuple[int, int]] = []
        end = start = 0
        if "(" in segment and any(word in segment for word in tpl.FIGURE_NOTE_WORDS):
            segment = units.blank_notes(segment)  # 22 (其中修订 16 件): the note's figures are no cell's
        if header is None:
            # Before the run only a token with a digit, or a page number's, can matter (the text is
            # NFKC: no other token is a figure): start at the first (table 四's header, one
            # character a line in PDF text, would be a hundred tokens to look at one by one).
            first = _DIGIT_OR_MARK_TOKEN.search(segment)
            if first is None:
                return run, per_line, spans
            start = first.start()
            # Most rows: plain counts apart on one line, each a figure; the loop goes on after them.
            plain = _PLAIN_COUNTS.match(segment, start)
            if plain:
                run = plain.group(0).split()
                spans = [m.span() for m in _TOKEN.finditer(segment, start, plain.end())]
                per_line.append(len(run))
                end = start = plain.end()
        for m in _TOKEN.finditer(segment, start):  # lazily: the run is usually in the first few tokens
            piece = m.group(0)
            if piece.startswith(page_numbers.MARK):
                if run:
                    break
                continue
            if header is not None and run and piece in _UNITS_SET_APART and spans[-1][1] == end \
                    and "\n" not in segment[end:m.start()] and units.unit_of(run[-1]) is None \
                    and not units.is_figure_with_unit(run[-1]):
                # pypdf writes a cell's "5419886元" as "5419886 元" (the font changes): the unit
                # is the figure's, never the end of the row (5419886 is not 万元).
                run[-1] += piece
                end = m.end()
                spans[-1] = (spans[-1][0], end)
                continue
            digit = _DIGIT.search(piece)
            if digit is None:  # a placeholder or nothing: every other kind of figure holds a digit
                figure = piece if run and is_placeholder(piece) else None
            else:
                # In table 二 (`header`), a figure with another unit (984361元 under 采购总金额)
                # stands in its cell too: that cell is refused (_cell), not the row's other cells.
                figure = piece if ((parse_number(piece) is not None and not _LEADING_ZERO.match(piece))
                                   or (run and is_placeholder(piece))
                                   or units.is_figure_with_unit(piece)
                                   or (header is not None and units.unit_of(piece) is not None)) \
                    else _glued_figure(piece, header)
            if figure is not None:
                if not run or "\n" in segment[end:m.start()]:
                    per_line.append(0)
                per_line[-1] += 1
                run.append(figure)
                end = m.end()
                spans.append((m.start(), end))
                if figure is not piece:  # the next heading, glued to it, ends the row
                    break
            elif run or digit or (header is not None and header.search(piece)):
                break
        return run, per_line, spans

    def _cell(self, cell: str | units.UnderHeader, col: tpl.Column, table: str, row_key: str, row_where: str):
        if isinstance(cell, units.UnderHeader):  # 3042532 under 采购总金额（元）: the unit is the header's
            where = f"{row_where} · {col.label}"
            self.add("F-bad-number", where,
                     f"{where} 的数值“{_shown(cell.text)}”按表头以“{cell.unit}”计，而本栏以{tpl.AMOUNT_UNIT}计；未换算，不予采用",
                     found=cell.text, table=table, row=row_key, column=col.key)
            return None
        if cell.isdigit() and cell.isascii():  # most cells: a plain count, no unit to remove
            return int(cell)
        if "(" in cell or "（" in cell:
            cell = units.without_note(cell)
        if col.kind != "amount":  # 3件: counts of tables 三 and 四 printed with their unit, as 2笔 in 二
            cell = units.without_count_unit(cell)
        value = parse_number(cell) if cell else None
        if value is not None:
            return value
        where = f"{row_where} · {col.label}"
        if not cell or is_placeholder(cell):
            # Table 四 is read as one row of 15 cells keyed "group.column".
            row, column = col.key.split(".") if table == "四" else (row_key, col.key)
            self.printed.setdefault(table, {}).setdefault(row, {})[column] = cell
            self.add("P-missing-cell", where, f"{where} 为空{('（填写为“' + cell + '”）') if cell else ''}，应填写数字",
                     found=cell or None, table=table, row=row_key, column=col.key)
            return None
        shown = _shown(cell)
        unit = units.unit_of(cell)
        why = ("不是数字" if unit is None else
               f"带有单位“{unit}”，而本栏以{tpl.AMOUNT_UNIT}计；未换算，不予采用" if col.kind == "amount" else
               f"带有单位“{unit}”，而本栏是件数；不予采用")
        self.add("F-bad-number", where, f"{where} 的内容“{shown}”{why}",
                 found=cell, table=table, row=row_key, column=col.key)
        return None

    # -- tables from grids (grid_tables.py) ---------------------------------------------
    def _raw_values(self, raw: grid_tables.Raw, row_key: str, columns, table: str, row_label: str) -> dict:
        texts = raw.cells[row_key]
        where = f"{table} · {row_label}"
        values = {}
        for col in columns:
            text = texts.get(col.key)
            if text is None:
                values[col.key] = None
            # Most cells, as _cell would read them, without the call (a figure under a header
            # in 元, units.UnderHeader, is not a str: _cell refuses it).
            elif isinstance(text, str) and text.isdigit() and text.isascii():
                values[col.key] = int(text)
            else:
                values[col.key] = self._cell(text, col, table, row_key, where)
        for conflict_row, key, found in raw.conflicts:
            if conflict_row == row_key:
                col = next(c for c in columns if c.key == key)
                self.add("F-cell-count", f"{where} · {col.label}",
                         f"{where} · {col.label} 一栏下有不止一个数值：{'、'.join(map(str, found))}；不采用其中任何一个",
                         found=len(found), expected=1, table=table, row=row_key, column=col.key)
        return values

    def _duplicates(self, raw: grid_tables.Raw, table: str, label_of) -> None:
        """Say which rows were printed more than once; a row printed again with other figures
        is left unread (which copy holds the figures is unknown)."""
        for key in dict.fromkeys(raw.duplicates):
            self.duplicate_row(table, key, label_of(key), key in raw.differing)
        for key in raw.differing:
            raw.cells.pop(key, None)

    def duplicate_row(self, table: str, key: str, row_label: str, differing: bool) -> None:
        if differing:
            self.add("F-duplicate-row", f"{table} · {row_label}",
                     f"表{table}「{row_label}」行出现了不止一次，各次的数值不同，无法确定哪一行是准确的，不予采用",
                     table=table, row=key)
        else:
            self.add("F-duplicate-row", f"{table} · {row_label}", f"表{table}「{row_label}」行出现了不止一次",
                     table=table, row=key)

    # Why a row found in a table could not be placed, by where the table came from.
    # "columns": the text lists a page's row labels, then its figures column by column (what PDF
    # extractors and some crawler captures write), and the count or the row sums did not fit.
    _UNREAD = {"columns": "文本中的表格先列出各行名称、再逐列列出数值，该页的数值个数或各行合计对不上",
               "cells": "该行的单元格与表头对不上，无法确定各数值所在的列"}

    def proactive_grid(self, raw: grid_tables.Raw, source: str = "cells", lines: list[str] | None = None) -> dict:
        """Table 二 from its grid; `lines`: its text, where rows the grid does not hold are looked
        for (a converter may print some items as lines of text beside a table of the others)."""
        rows = self.t.proactive
        label = {r.key: r.label for r in rows}
        for key in raw.unread:
            self.unread("二", key, label[key], raw.why.get(key) or self._UNREAD[source])
        absent = [r for r in rows if r.key not in raw.cells and r.key not in raw.unread]
        from_text, refused = (self._rows_from_text(_Reader.proactive, lines, [r.key for r in absent])
                              if absent and lines is not None else ({}, set()))
        self.missing_rows(rows, [r for r in absent if r.key not in from_text and r.key not in refused], "二",
                          lambda r: r.label)
        self._duplicates(raw, "二", label.get)
        return {r.key: (self._raw_values(raw, r.key, r.columns, "二", r.label) if r.key in raw.cells
                        else from_text.get(r.key) or {c.key: None for c in r.columns}) for r in rows}

    def _rows_from_text(self, read_table, lines: list[str], keys: list[str]) -> tuple[dict, set]:
        """The rows among `keys` that the text reader (`read_table`: _Reader.proactive or
        .applications) reads whole and without a problem, and the keys of those it finds but
        refuses whole (no figure placed: F-cell-count, F-bad-number), with its problems saying
        why: such a row is printed, not missing from the report."""
        side = _Reader(self.source, self.t, [], self.short_labels, self.header_order, self.long_labels)
        read = read_table(side, lines)
        troubled: dict[str, list] = {}
        refused = set()
        for p in side.problems:
            troubled.setdefault(p.get("row"), []).append(p)
        for key in keys:
            why = troubled.get(key, [])
            if why and all(v is None for v in read[key].values()) \
                    and all(p["rule"] in ("F-cell-count", "F-bad-number") for p in why):
                refused.add(key)
                self.problems.extend(why)
        return {key: read[key] for key in keys
                if key not in troubled and all(v is not None for v in read[key].values())}, refused

    def applications_grid(self, raw: grid_tables.Raw, source: str = "cells", lines: list[str] | None = None) -> dict:
        """Table 三 from its grid; `lines`: its text, where rows the grid does not hold are looked
        for (a converter may cut a table into pieces not every one of which is a grid to read)."""
        rows = self.t.data_rows
        label = row_label(self.t)
        for key in raw.unread:
            self.unread("三", key, label[key], raw.why.get(key) or self._UNREAD[source])
        for group in raw.extra:
            self.add("F-missing-row", f"三 · {group}",
                     f"表三「{group}」只有一行数值，没有模板规定的分项；该行数值无法归入分项，未采用", table="三")
        for key in raw.itemized:
            self.itemized(label[key], key)
        absent = [r for r in rows if r.key not in raw.cells and r.key not in raw.unread and r.key not in raw.itemized]
        from_text, refused = {}, set()
        if absent and lines is not None:
            self.header_order = _printed_order(lines, self.t)  # the grid's own needs none
            from_text, refused = self._rows_from_text(_Reader.applications, lines, [r.key for r in absent])
        self.missing_rows(rows, [r for r in absent if r.key not in from_text and r.key not in refused], "三",
                          lambda r: label[r.key])
        self._duplicates(raw, "三", label.get)
        return {r.key: (self._raw_values(raw, r.key, self.t.app_columns, "三", label[r.key]) if r.key in raw.cells
                        else from_text.get(r.key) or {c.key: None for c in self.t.app_columns}) for r in rows}

    def review_litigation_grid(self, raw: grid_tables.Raw) -> dict:
        columns, fake = _review_cells(self.t.id)
        self._duplicates(raw, "四", lambda key: "数据行")
        if "data" in raw.differing:
            return {g: {c.key: None for c in self.t.review_columns} for g, _ in self.t.review_groups}
        if "data" not in raw.cells:  # its headers found, its figures not placed under them
            self.add("F-cell-count", "四 · 数据行", f"表四的数据行无法确定：{self._UNREAD['cells']}，不予采用",
                     table="四", row="data", expected=len(fake))
            return {g: {c.key: None for c in self.t.review_columns} for g, _ in self.t.review_groups}
        flat = self._raw_values(raw, "data", fake, "四", "数据行")
        out = {g: {} for g, _ in self.t.review_groups}
        for (g, c), fc in zip(columns, fake):
            out[g][c.key] = flat[fc.key]
        return out

    # -- whole tables --------------------------------------------------------------------
    def _find_rows(self, text: str, rows, table: str, core_of, label_of, start: int = 0, in_order: bool = True):
        """Locate each row label from `start` on, in the template's order; with in_order=False (for
        labels that name one row only) a row not found so is then looked for where it first
        stands from `start` on, outside the labels found (a converter may leave rows as lines of
        text above the table). Return {key: (start, end)} and report missing rows."""
        positions: dict[str, tuple[int, int]] = {}
        reach: dict[str, tuple[int, int]] = {}  # each label with its note: no other label stands there
        pos = start
        for row in rows:
            hit = self._label_at(text, row, table, core_of, pos, {})  # past every label found so far
            if hit:
                positions[row.key], reach[row.key] = hit[:2], (hit[0], hit[2])
                pos = hit[2]
        if not in_order:
            for row in rows:
                if row.key not in positions:
                    hit = self._label_at(text, row, table, core_of, start, reach)
                    if hit:
                        positions[row.key], reach[row.key] = hit[:2], (hit[0], hit[2])
        missing = [r for r in rows if r.key not in positions]
        # A short label (其他, 总计) counts only where it stands as a label (labels.pattern): one run
        # into words ("(七)总计：…") is in the text, but cannot be placed.
        glued = {r.key for r in missing if table == "三"
                 and any(text.find(squash_label(r.number + core), start) >= 0 for core in core_of(r))}
        # PDF text may cut a long label with the words of the cell beside it ("2.没有现成信息需要另" /
        # "法提供行制作") or with its figures: its start is still there, the row printed, not missing.
        cut = {r.key for r in missing if table == "三" and r.key not in glued
               and any(len(whole := squash_label(r.number + core)) > _LABEL_START
                       and text.find(whole[:_LABEL_START], start) >= 0 for core in core_of(r))}
        # Of the glued, a row of this template printed as the heading of items it lacks (the 2019
        # template's one （六）其他处理 over the 2021 items 1-3): said so.
        itemized = {r.key for r in missing if r.key in glued
                    and any((at := text.find(whole := squash_label(r.number + core), start)) >= 0
                            and labels.heads_items(text, at + len(whole), squash_label(core)) for core in core_of(r))}
        for row in missing:
            if row.key in itemized:
                self.itemized(label_of(row), row.key)
        self.missing_rows(rows, [r for r in missing if r.key not in itemized], table, label_of, glued, cut)
        return positions

    @staticmethod
    def _label_at(text: str, row, table: str, core_of, pos: int, taken: dict) -> tuple[int, int, int] | None:
        """Where the row's label first stands from `pos` on, outside the labels in `taken`: its
        start, where its figures are looked for from, and where its text ends (_note_after)."""
        find = functools.partial(labels.find, text) if table == "三" else text.find
        hits = []
        for core in map(squash_label, core_of(row)):
            at = find(core, pos)
            while at >= 0 and taken and any(a < at + len(core) and at < b for a, b in taken.values()):
                at = find(core, at + 1)
            if at >= 0:
                hits.append((at, at + len(core)))
        if not hits:
            return None
        # The longest label standing there (most rows have one label only)
        at, end = hits[0] if len(hits) == 1 else min(hits, key=lambda hit: (hit[0], -hit[1]))
        return (at, *_note_after(text, end))

    def itemized(self, label: str, key: str) -> None:
        """Table 三's row `key` printed as the heading of numbered items, which it has not."""
        self.add("F-missing-row", f"三 · {label}",
                 f"表三「{label}」下印有分项（1. 2. 3.，如 2021 年版格式），而 {self.t.id} 年版格式中该行是一行，"
                 f"没有分项；分项的数值不能代替该行，未采用", table="三", row=key)

    def missing_rows(self, rows, missing: list, table: str, label_of, glued: set = frozenset(),
                     cut: set = frozenset()) -> None:
        """`glued`: keys of rows whose label is in the text, run into the text around it; `cut`:
        of rows whose label only starts there."""
        # Rows missing at the end of a table mean the file stops there: one problem, not twenty.
        # One such row is a row left out (a 2021 table 二 has no 政府集中采购), named as the others.
        trailing = []
        while missing and missing[-1] is rows[len(rows) - len(trailing) - 1]:
            trailing.insert(0, missing.pop())
        if len(trailing) == 1:
            missing.append(trailing.pop())
        for row in missing:
            self.add("F-missing-row", f"{table} · {label_of(row)}",
                     f"表{table}「{label_of(row)}」行的标签与前后的文字或数值连在一起，无法确认是这一行；该行数值不予采用"
                     if row.key in glued else
                     f"表{table}「{label_of(row)}」行的标签在文本中被别的文字或数值隔断（只找到开头），无法确认是这一行；该行数值不予采用"
                     if row.key in cut else row_left_out(table, label_of(row)), table=table, row=row.key)
        if trailing:
            first = label_of(trailing[0])
            self.add("F-missing-row", f"{table} · {first}",
                     f"表{table}自「{first}」起的 {len(trailing)} 行无法确认：文本中有这些行的标签，但与前后的文字或数值连在一起；"
                     f"这些行的数值不予采用" if any(r.key in glued or r.key in cut for r in trailing) else
                     rows_cut_off(table, first, len(trailing)),
                     found=len(rows) - len(trailing), expected=len(rows), table=table, row=trailing[0].key)

    def _segments(self, text, rows, positions, end_marks: tuple[str, ...] = ()):
        """Each row's text: from its label to the next row's; the last row's ends at the first of
        `end_marks` after it (the next table's words), if any."""
        found = sorted(((positions[r.key], r) for r in rows if r.key in positions), key=lambda f: f[0])
        for n, ((start, end), row) in enumerate(found):
            if n + 1 < len(found):
                stop = found[n + 1][0][0]
            else:
                stops = [at for mark in end_marks if (at := text.find(mark, end)) >= 0]
                stop = min(stops, default=len(text))
            yield row, text[end:stop]

    def proactive(self, lines: list[str], pages=None, whole=frozenset) -> dict:
        """Table 二 from its text; `pages`: a function giving the page each line stands on;
        `whole`: as for applications (the header of a row's part atop its page may place its blank
        cells, layout_columns). Both asked only where a row needs them."""
        # A page break after the last row leaves the next page's running title among the lines: a
        # unit ending the row's last figure (117.54万元) would run into its words, as no space is
        # kept between two characters that are no digit.
        kept = without_running_titles(lines)
        text = _table_two_text(kept)
        rows = self.t.proactive
        positions = _table_two_rows(self, text)
        self.table_two = text, positions
        result = {r.key: {c.key: None for c in r.columns} for r in rows}
        segments = list(self._segments(text, rows, positions, end_marks=_TABLE_TWO_ENDS))

        def kind(row):  # rows of one kind share their layout of cells
            return "二", len(row.columns), _cells_before(text, positions[row.key][0])

        for n in {len(r.columns) for r in rows}:
            self.learn_padding([(r, s) for r, s in segments if len(r.columns) == n], n, kind)
        together = grid_tables.rows_together_in_cells(lines, "二", self.t)
        part_columns = functools.cache(lambda: _part_columns(kept, pages() if pages else [0] * len(kept), rows, whole))
        for n, (row, segment) in enumerate(segments):
            if row.key in together:
                self.unread("二", row.key, row.label, together[row.key])
                continue
            # A second copy of the row before the next label: keep the first when it prints the
            # same figures, refuse the row when they differ (which copy is right is unknown).
            again = min((at for core in map(squash_label, tpl.PROACTIVE_ROW_LABELS.get(row.key, (row.label,)))
                         if (at := _again_in(segment, core)) >= 0), default=-1)
            if again >= 0:
                differing = _figures_in(segment[:again]) != _figures_in(segment[again:].split("\n", 1)[0])
                self.duplicate_row("二", row.key, row.label, differing)
                if differing:
                    continue
                segment = segment[:again]
            # The header of the row's own part of the table stands between the row before and it.
            head = text[positions[segments[n - 1][0].key][1] if n else 0:positions[row.key][0]]
            header_units = {c.key: _last_unit(head) for c in row.columns if c.kind == "amount"}
            result[row.key] = self._values(segment, row.columns, "二", row.key, row.label, kind(row), header_units,
                                           page_columns=lambda article=row.article: part_columns().get(article))
        return result

    def applications(self, lines: list[str], pages: list[int] | None = None, whole=frozenset) -> dict:
        """Table 三 from its text; `pages`: the page each line stands on, where known (the places
        of layout text's columns, layout_columns.py, are those of the lines as printed; without
        pages the text is taken as one page); `whole`: a function giving those on which the header may
        show where the columns stand (one page of the file each for certain), called where needed."""
        lines = without_running_titles(lines)
        columns = layout_columns.PageColumns(lines, pages or [0] * len(lines), len(self.t.app_columns),
                                             [tpl.APP_COLUMN_LABELS[c.key] for c in self.t.app_columns],
                                             tpl.APP_GROUP_HEADERS, whole)
        lines = wrapped_labels.group_pieces_apart(_without_empty_columns(lines), self.t)
        lines = wrapped_labels.figures_inside(wrapped_labels.figures_on_first_piece(lines, self.t), self.t)
        text = stream("\n".join(lines), normalized=True)
        rows = self.t.data_rows
        label = row_label(self.t)
        positions = self._find_rows(text, rows, "三", tpl.row_cores, lambda r: label[r.key])
        result = {r.key: {c.key: None for c in self.t.app_columns} for r in rows}
        segments = list(self._segments(text, rows, positions))

        def kind(row):  # rows of one kind share their layout of cells
            return "三", row.level, _cells_before(text, positions[row.key][0])

        self.learn_padding(segments, len(self.t.app_columns), kind)
        following = {row.key: later for (row, _), (later, _) in zip(segments, segments[1:])}
        together = grid_tables.rows_together_in_cells(lines, "三", self.t)
        for row, segment in segments:
            if row.key in together:
                self.unread("三", row.key, label[row.key], together[row.key])
                continue
            if self.header_order:
                self.unread("三", row.key, label[row.key], f"表头各列的顺序（{'、'.join(self.header_order)}）与模板不同，"
                                                           "文本中的数值只能按位置对应")
                continue
            core = squash_label(row.core)
            # A second copy of the same row before the next label: keep the first when the
            # second prints the same figures, say so; refuse the row when they differ.
            rest = segment.split("\n", 1)[1] if "\n" in segment else ""
            if labels.stands_in(rest, core):
                again = len(segment) - len(rest) + labels.find(rest, core, 0)
                differing = _figures_in(segment[:again]) != _figures_in(segment[again + len(core):])
                self.duplicate_row("三", row.key, label[row.key], differing)
                if differing:
                    continue
                segment = segment[: segment.find("\n") + 1] if "\t" in segment.split("\n", 1)[0] else segment[:again]
            if "\t" not in segment.split("\n", 1)[0] and _figures_before_label(text, positions[row.key][0], row.key):
                start = text.rfind("\n", 0, positions[row.key][0]) + 1
                self.add("F-cell-count", f"三 · {label[row.key]}",
                         f"「{label[row.key]}」行的标签前有数值（{text[start:positions[row.key][1]].strip()}），文本的顺序不是表格的顺序，"
                         f"可能有数字被拆成两行；该行数值不予采用", table="三", row=row.key)
                continue
            later = following.get(row.key)
            number = _item_number_at_end(segment, later) if later is not None else None
            if number is not None:
                segment, number_text = segment[:number], segment[number:].strip()
                # Without its dot (or circled: ② is 2 in NFKC) the next item's number reads as a
                # figure. It is that number only where the row is whole without it; with a blank
                # cell in the row it may as well be the row's last figure.
                found = len(self._token_run(segment)[0]) if "\t" not in segment.split("\n", 1)[0] else None
                if found is not None and found != len(self.t.app_columns):
                    self.add("F-cell-count", f"三 · {label[row.key]}",
                             f"「{label[row.key]}」行末的“{number_text}”紧挨着下一行「{label[later.key]}」的标签，可能是下一行的序号，"
                             f"也可能是本行的数值（本行数值不全，可能有空白单元格），无法确定；该行数值不予采用",
                             found=found, expected=len(self.t.app_columns), table="三", row=row.key)
                    continue
            result[row.key] = self._values(segment, self.t.app_columns, "三", row.key, label[row.key], kind(row),
                                           page_columns=columns)
        self._proven_by_the_tables_rules(result, positions)
        return result

    def _proven_by_the_tables_rules(self, result: dict, found: dict) -> None:
        """Rows of table 三 refused for standing off their page's columns (their figures' order
        unsure: pdftotext -layout sets a 5-digit total apart from its column) taken in the line's
        order where the table's rules prove that order in every column from rows read without a
        problem: (七)总计 the sum of the results, 一 + 二 = (七) + 四. Figures out of their order
        would break the rule in the columns they stand in, unless equal (then the same). `found`:
        the rows whose labels were found."""
        if not self.off_columns:
            return
        refused = {p.get("row") for p in self.problems if p.get("table") == "三"}
        sure = {k for k in found if k not in refused}
        columns = [c.key for c in self.t.app_columns]
        rule_rows = ("1", "2", "3.7", "4")
        changed = True
        while changed:
            changed = False
            for key, (cells, problem_of_row) in list(self.off_columns.items()):
                value = lambda k, c: cells[c] if k == key else (result[k][c] or 0)
                if key == "3.7" and set(self.t.outcome_keys) <= sure:
                    proven = all(cells[c] == sum(result[k][c] or 0 for k in self.t.outcome_keys) for c in columns)
                else:
                    proven = key in rule_rows and set(rule_rows) - {key} <= sure and all(
                        value("1", c) + value("2", c) == value("3.7", c) + value("4", c) for c in columns)
                if proven and _adds_up([cells[c] for c in columns], len(columns)):
                    result[key] = cells
                    self.problems.remove(problem_of_row)
                    del self.off_columns[key]
                    sure.add(key)
                    changed = True

    def review_litigation(self, lines: list[str], own_part: bool = True, pages=None, whole=frozenset) -> dict:
        """Table 四 from the lines of part 四, or (own_part=False) from the lines of the part before
        it when the heading of part 四 is missing: then only after the table's own header.
        `pages`, `whole`: as for proactive (the header atop the row's page may place its blank
        cells, layout_columns)."""
        text = stream("\n".join(lines), normalized=True)
        start = text.find("复议后起诉")
        columns, fake_columns = _review_cells(self.t.id)
        empty = {g: {c.key: None for c in self.t.review_columns} for g, _ in self.t.review_groups}
        if start < 0 and not own_part:
            self.add("F-missing-row", "四 · 数据行", "没有找到表四（行政复议、行政诉讼情况）及其数据行",
                     table="四", expected=15)
            return empty
        start = max(start, 0)
        first = _FIGURE_PIECE.search(text, start)
        # A crawler's capture runs the row into the header's last word ("…尚未审结总计000000000000000"):
        # the row starts there when no figure stands apart, or when the run splits only one way.
        glued = _after_word(squash_label(self.t.review_columns[-1].label)).search(text, start)
        if glued and (first is None or (glued.start() < first.start()
                                        and _cells_run_together(text[glued.start():], len(columns),
                                                                summed=self._summed["四"]) is not None)):
            first = glued
        if not first:
            self.add("F-missing-row", "四 · 数据行", "表四没有找到数据行（应有 15 个数值）", table="四", expected=15)
            return empty
        order = _review_header_order(lines, self.t)
        if order:
            self.add("F-cell-count", "四 · 数据行",
                     f"表四的数据行无法确定：表头各列的顺序（{'、'.join(order)}）与模板不同，文本中的数值只能按位置对应，不予采用",
                     table="四", row="data", expected=15)
            return empty
        line_start = text.rfind("\n", 0, first.start()) + 1
        first_line, *later = text[line_start:].split("\n")
        if "\t" in first_line:
            # A second row of as many figures under the first (another year's, or the row
            # printed twice): the same figures are read, other ones leave the row unread.
            row_figures = _figures_in(first_line)
            again = [line for line in later if len(_figures_in(line)) == len(row_figures) >= 5]
            if again:
                differing = any(_figures_in(line) != row_figures for line in again)
                self.duplicate_row("四", "data", "数据行", differing)
                if differing:
                    return empty
        # Blank marks alone before the first figure on its line are the row's (_with_leading_marks).
        marks = text[line_start:first.start()].split()
        marks_before = bool(marks) and all(map(is_placeholder, marks))
        segment = "\t" + text[line_start:] if "\t" in first_line else text[line_start if marks_before else first.start():]
        if "\t" not in first_line:
            before = _figures_among_review_header(text, start, first.start(), len(self.t.review_columns),
                                                  len(columns))
            if before:
                segment = before + segment
        # Each group's five headers are the same words: taken in their order across the page.
        page_columns = lambda: layout_columns.PageColumns(  # noqa: E731 (made only where a row needs it)
            lines, pages() if pages else [0] * len(lines), len(fake_columns),
            [tpl.REVIEW_COLUMN_LABELS[c.key] for _, c in columns],
            tuple(w for _, ws in tpl.REVIEW_GROUP_WORDS for w in ws) + ("行政诉讼",), whole,
            min_pitch=_REVIEW_MIN_PITCH, makes_row=_review_row_made(fake_columns))
        flat = self._values(segment, fake_columns, "四", "data", "数据行", page_columns=page_columns)
        for (g, c), fc in zip(columns, fake_columns):
            empty[g][c.key] = flat[fc.key]
        return empty


@functools.lru_cache(maxsize=None)
def _review_header_words() -> re.Pattern:
    """Squashed text made only of table 四's header words (its groups' names and results)."""
    words = {w for ws in tpl.REVIEW_COLUMN_LABELS.values() for w in ws}
    words |= {w for _, ws in tpl.REVIEW_GROUP_WORDS for w in ws} | {"行政诉讼"}
    return re.compile("(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")*")


def _figures_among_review_header(text: str, start: int, after: int, group: int, row: int) -> str:
    """行政复议's figures printed inside table 四's header, before the header of 行政诉讼: a
    converter that reads the table block by block (pdftotext) writes each block's figures under
    its own header. Taken only when they stand together between 行政复议 and 未经复议直接起诉 with
    nothing but header words around them, are as many as a group has columns, and the figures
    from `after` (past the header, `start` being its 复议后起诉) make up the rest of the row.
    Returned as printed, with the space after them, so that their spacing still counts."""
    head = text.rfind("行政复议", 0, start)
    if head < 0 or not _DIGIT.search(text, head, start):  # most headers hold no figure
        return ""
    run = 0
    for token in text[after:].split():
        if not _FIGURE_PIECE.fullmatch(token):
            break
        run += 1
    if run != row - group:
        return ""
    block = text[head:start]
    found = list(_FIGURE_PIECE.finditer(block))
    if len(found) != group or block[found[0].start():found[-1].end()].split() != [f.group() for f in found]:
        return ""
    words, later = squash(block[:found[0].start()]), squash(block[found[-1].end():])
    header = _review_header_words()
    if "未经复议" not in later or not (header.fullmatch(words) and header.fullmatch(later)):
        return ""
    tail = block[found[-1].end():]
    return block[found[0].start():found[-1].end()] + tail[:len(tail) - len(tail.lstrip())]


def _figure_after_words(segment: str, end: int) -> bool:
    """Whether the line on which a row's figures end goes on with words and then a figure."""
    stop = segment.find("\n", end)
    words = False
    for token in _TOKEN.findall(segment[end:stop if stop >= 0 else len(segment)]):
        if token.startswith(page_numbers.MARK):
            continue
        if parse_number(token) is not None or units.is_figure_with_unit(token):
            if words:
                return True
        else:
            words = True
    return False


def _apart_unevenly(segment: str, spans: list[tuple[int, int]]) -> bool:
    """Whether figures written one a line are set apart by blank lines in some places and not in
    others (pdfminer writes each cell as a block of its own, the two pieces of a broken figure as
    one block)."""
    apart = {bool(_BLANK_LINE.search(segment, a, b)) for (_, a), (b, _) in zip(spans, spans[1:])}
    return len(apart) > 1


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _with_leading_marks(segment: str, cells: list[str], spans: list[tuple[int, int]],
                        n: int) -> tuple[list[str], list[tuple[int, int]]]:
    """The row's figures with the blank marks printed before its first figure on its line
    ("3.危及“三安全一稳定” / 894 / / / 573 1467": the run of figures starts at a digit), when
    with them the row has exactly its n cells; else as found. Marks apart from the label's words
    by spaces are cells: a label never ends in a lone "/" or "—"."""
    line_start = segment.rfind("\n", 0, spans[0][0]) + 1
    before = list(_TOKEN.finditer(segment, line_start, spans[0][0]))
    marks = list(itertools.takewhile(lambda m: is_placeholder(m.group(0)), reversed(before)))[::-1]
    if len(marks) + len(cells) != n:
        return cells, spans
    return [m.group(0) for m in marks] + cells, [m.span() for m in marks] + spans


def _with_blanks(segment: str, cells: list[str], spans: list[tuple[int, int]], columns,
                 page_columns: layout_columns.PageColumns | None, by_spacing: bool = False) -> list[str]:
    """A row's figures on one line of layout text with its blank cells put in where the columns of
    its page (layout_columns: its complete rows or the header atop it) or, `by_spacing` (table
    四's one row), its own spacing tell (never beside the edge between two of its groups); where
    both tell, they must agree; else as found."""
    if any(segment[a:b] != cell for cell, (a, b) in zip(cells, spans)):  # a figure glued to words
        return cells
    gap = _blank_by_spacing(cells, spans) if by_spacing and len(cells) == len(columns) - 1 else None
    gap = gap if gap and gap not in _beside_group_edges(columns) else None
    placed = page_columns.columns(segment[spans[0][0]:spans[-1][1]]) if page_columns is not None else None
    if placed is None:
        return cells[:gap] + [""] + cells[gap:] if gap else cells
    if gap and placed != [k + (k >= gap) for k in range(len(cells))]:
        return cells
    out = [""] * len(columns)
    for cell, column in zip(cells, placed):
        out[column] = cell
    return out


def _blanks_unplaced(segment: str, spans: list[tuple[int, int]] | None, page_columns) -> str:
    """Why a row's blank cells were not placed, where the text tells: its figures set apart
    by runs of spaces on a line (layout text, as they stand across the page) whose page shows no
    columns (its complete rows or the header atop it, layout_columns)."""
    page_columns = page_columns() if callable(page_columns) and spans else page_columns
    if page_columns is not None and spans and page_columns.laid_out(segment[spans[0][0]:spans[-1][1]]):
        return "文本中数值之间的空白不足以确定各列的位置（本页没有能确定各列位置的完整行或表头），"
    return ""


# Table 四's fifteen columns on a portrait page stand three characters apart in pypdf's layout
# text: a figure must then stand right at its column's place (layout_columns: within a character of
# it and three or more off the others), and its group's total must take it (_review_row_made).
_REVIEW_MIN_PITCH = 3


def _part_columns(lines: list[str], pages: list[int], rows, whole) -> dict[str, layout_columns.PageColumns]:
    """The columns of each part of table 二 with several (第二十条第(一)项 …: each with its own
    header), from the lines from its article's heading to the next one's: its header is all that
    stands above its first line of figures on its page but the rows' labels, at the left."""
    by_article = {squash(r.article): r for r in rows if len(r.columns) > 1}
    starts = [k for k, line in enumerate(lines) if _ARTICLE_HEADING.search(line)]
    out = {}
    for start, stop in zip(starts, starts[1:] + [len(lines)]):
        row = by_article.get(squash(_ARTICLE_HEADING.search(lines[start]).group()))
        if row is None or row.article in out:
            continue
        words = [tpl.PROACTIVE_COLUMN_WORDS[c.key] for c in row.columns]
        out[row.article] = layout_columns.PageColumns(
            lines[start:stop], pages[start:stop], len(row.columns), [(c.label,) for c in row.columns], (), whole,
            makes_row=lambda columns, figures: True,
            names=lambda column, text, words=words: any(w in text for w in words[column]), header_on_top=True,
            even_headers=True)
    return out


def _review_row_made(columns):
    """Whether a line's figures placed in table 四's columns (keys "group.column", each group's
    总计 last) make its row: a group that prints a figure prints its total, the sum of the
    group's other figures (a blank cell being 0)."""
    groups = [c.key.split(".")[0] for c in columns]
    last = {g: i for i, g in enumerate(groups)}

    def made(placed, figures) -> bool:
        values = [parse_number(f) for f in figures]
        if any(v is None for v in values):
            return False
        by_group: dict[str, dict[int, float]] = {}
        for column, value in zip(placed, values):
            by_group.setdefault(groups[column], {})[column] = value
        return all(last[g] in cells and sum(v for c, v in cells.items() if c != last[g]) == cells[last[g]]
                   for g, cells in by_group.items())
    return made


def _beside_group_edges(columns) -> set[int]:
    """The cells on either side of an edge between two groups of columns (table 四: 行政复议 |
    未经复议直接起诉 | 复议后起诉, keys "group.column"). A group may be set apart by a wider gap, and
    a row blank at its first or last cell then shows a gap twice its spacing at that edge: a blank
    found there by the row's own spacing may as well stand at an end."""
    groups = [c.key.split(".")[0] for c in columns]
    edges = [i for i in range(1, len(groups)) if groups[i] != groups[i - 1]]
    return {i for edge in edges for i in (edge - 1, edge)}


def _blank_by_spacing(cells: list[str], spans: list[tuple[int, int]]) -> int | None:
    """Where a blank cell stands among the figures of table 四's one row on one line of layout text
    (pdftotext -layout keeps the page's spacing: "105    449              810     547"), or None.
    spans: each figure's token in the segment (_token_run). Only an inner blank is told, by one gap
    between neighbours twice the row's own even spacing, measured both between the figures'
    centres and between their right ends (cells centred or aligned right); a blank at either end,
    or uneven spacing, tells nothing. (Not for table 三: pdftotext may set a column further apart
    than the others, the total's, and a row with a blank first cell then shows such a gap; its
    page's complete rows tell its columns, layout_columns.)"""
    if len(cells) < 5:
        return None
    found = {_double_gap([(a + b) / 2 for a, b in spans]), _double_gap([b for _, b in spans])}
    return found.pop() if len(found) == 1 else None


def _double_gap(places: list[float]) -> int | None:
    """The index of the figure after the one gap that is twice the others, when the others are
    even; else None."""
    gaps = [b - a for a, b in zip(places, places[1:])]
    for k in range(len(gaps)):
        others = gaps[:k] + gaps[k + 1:]
        pitch = sorted(others)[len(others) // 2]
        if pitch >= 2 and all(0.75 * pitch <= g <= 1.25 * pitch for g in others) \
                and 1.75 * pitch <= gaps[k] <= 2.25 * pitch:
            return k + 1
    return None


def _line_at(text: str, at: int) -> str:
    """The line of text that holds position `at`, stripped."""
    stop = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1:stop if stop >= 0 else len(text)].strip()


# A number standing alone at the end of a row's text, right before the next row's label.
_TRAILING_NUMBER = re.compile(r"(?:^|(?<=\s))(\d{1,2})[ \t]*\Z")


def _item_number_at_end(segment: str, later) -> int | None:
    """Where the number of the next row, an item (1. 2. …) printed without its dot, stands at the
    end of this row's text, run into that row's label on its line ("… 692 2其他法律…"); else None."""
    if later.level != 2:
        return None
    # Its one or two digits end where the segment's trailing spaces begin: looked for there only.
    m = _TRAILING_NUMBER.search(segment, max(0, len(segment.rstrip(" \t")) - 2))
    return m.start() if m and m.group(1) == later.number.rstrip(".、") else None


def _figures_before_label(text: str, at: int, row_key: str) -> bool:
    """Whether the line of a row label starts with a figure before it (PDF text whose line order
    is the page's top to bottom, PyMuPDF sort=True: the upper half of a figure broken over two
    lines of its narrow cell stands before the row's label). An item's own number alone, written
    apart from its words ("1 属于国家秘密"), is its numbering."""
    start = text.rfind("\n", 0, at) + 1
    tokens = [t for t in _TOKEN.findall(text[start:at]) if not t.startswith(page_numbers.MARK)]
    if len(tokens) == 1 and row_key.count(".") == 2 and tokens[0] == row_key.rsplit(".", 1)[1]:
        return False
    return bool(tokens) and parse_number(tokens[0]) is not None


def _figures_in(text: str) -> list[str]:
    """The figures and placeholders of a stretch of text, in order (to tell two printings of a
    row apart)."""
    return [token for token in _TOKEN.findall(text) if parse_number(token) is not None or is_placeholder(token)]


def _again_in(segment: str, core: str) -> int:
    """Where a row's label stands again in its own segment, at the start of a line or cell, or -1."""
    at = segment.find(core)
    while at >= 0:
        before = segment[:at].rstrip(" ")
        if not before or before[-1] in "\n\t|":
            return at
        at = segment.find(core, at + 1)
    return -1


# Where table 二 starts: its header (第二十条第（一）项 / 信息内容) with the first row label close
# after it. Rows named in the prose before the table (政府规章和规范性文件共4条) are not its rows.
_TABLE_TWO_HEAD = re.compile(r"(?:第二十条|信息内容).{0,80}?规章", re.S)
_ARTICLE_HEADING = re.compile(r"第二十条\s*第\s*[(（]\s*[一二三四五六七八九十]\s*[)）]\s*项")
# The words that begin table 三: table 二's last row ends before them.
_TABLE_THREE_MARKS = ("三、收到和处理", "收到和处理政府信息公开申请", "申请人情况")
# Table 二's last row ends there, or at a note under the table ("注:本年度共收到申请 5 件"),
# whose figures are none of its cells.
_TABLE_TWO_ENDS = (*_TABLE_THREE_MARKS, "注:", "备注")
_DIGIT = re.compile(r"\d")
# The start of the first token that holds a digit or a page number's mark.
_DIGIT_OR_MARK_TOKEN = re.compile(rf"\S*?[\d{page_numbers.MARK}]")
# Tokens of ASCII digits only, apart on one line (each a figure as it stands).
_PLAIN_COUNTS = re.compile(r"(?:0|[1-9][0-9]*)(?!\S)(?:[ \t]+(?:0|[1-9][0-9]*)(?!\S))*")
# No cell prints a count with a leading 0: "08" is cells run together (0, then 8 or the next
# item's number 8), never the figure 8.
_LEADING_ZERO = re.compile(r"[+\-]?0\d")
# After a row's last figure, a piece that only the rest of a figure starts with (a leading 0, or
# a decimal point).
_FIGURE_TAIL = re.compile(r"\s+(?:0\d|\.\d)")
_GLUED_FIGURE = re.compile(r"(?:[+\-]|增加|减少|增|减)?\d[\d,]*(?:\.\d+)?")  # 减12: a change, its sign a word
# The numbering that starts a row label or a heading: 二、 (一) — also where it runs into a figure.
_NUMBERED_HEADING = re.compile(r"[一二三四五六七八九十]{1,2}、|\([一二三四五六七八九十]{1,2}\)")
_DIGIT_RUN_START = re.compile(r"(\d+)(.*)", re.S)
_DIGIT_TOKEN = re.compile(r"\S*\d\S*")
# The next row's item number ("2." of 2.其他法律…) ending a row's text: no figure of the row.
_NEXT_ITEM_NUMBER = re.compile(r"(?:^|(?<=\s))\d{1,2}[.．、]\s*\Z")
_DECIMALS = re.compile(r"\.\d")
# A note in brackets right after a row label (湖北 2020: "其他对外管理服务事项(指…含行政确认、…
# 行政处罚、行政强制…)"): within one cell, no bracket in it; not a row's numbering "(七)".
_LABEL_NOTE = re.compile(r"\([^()\t|]{1,300}?\)")
_BRACKET_NUMBERING = re.compile(r"\([一二三四五六七八九十]{1,2}\)")
# A figure standing alone, with a count unit or without (3件).
_FIGURE_PIECE = re.compile(rf"(?<!\S){NUMBER.pattern}[{''.join(tpl.COUNT_UNITS)}]?(?!\S)")
_PAGE_NUMBER_MARKED = re.compile(page_numbers.MARK + r"(\d+)")
# Words of table 二's headers (template data): a row's figures are never looked for past them.
_TABLE_TWO_HEADER = re.compile("|".join(map(re.escape, dict.fromkeys(
    ["第二十条", "信息内容", *(w for words in tpl.PROACTIVE_COLUMN_WORDS.values() for w in words)]))))
# A figure printed with a unit (2笔, 47.9659万元, 6508300元): it stands where a figure stands.
# An item's number ("4.", "4、", "4)") is the start of a row label, not a figure.
_FIGURE_WITH_UNIT = re.compile(r"[+\-]?[\d,]+(?:\.\d+)?\s*[^\d\s.、)][^\d\s]?")


def _is_figure_cell(cell: str) -> bool:
    """Whether a tab row's cell stands where a figure stands: a figure, a placeholder, or a
    figure with its unit."""
    if cell.isdigit() and cell.isascii():  # most cells: a plain count
        return True
    return bool(cell) and (parse_number(cell) is not None or is_placeholder(cell) or bool(_FIGURE_WITH_UNIT.fullmatch(cell)))


def _glued_figure(piece: str, header: re.Pattern | None) -> str | None:
    """A figure run into the table's next heading, or into the numbered heading of the text after
    the table, with no separator ("860第二十条第（六）项", "5949.09(二)主动公开…"): the row's last
    figure."""
    glued = _GLUED_FIGURE.match(piece) if header is not None else None
    if glued is None or _LEADING_ZERO.match(piece):
        return None
    return glued.group(0) if _next_starts(piece, header, glued.end()) else None


def _next_starts(text: str, header: re.Pattern | None, at: int = 0) -> bool:
    """Whether the next row's or heading's numbering (二、 (一)), or a header word of the table
    (`header`), starts at `at`."""
    return bool(_NUMBERED_HEADING.match(text, at) or (header is not None and header.match(text, at)))


def _cells_run_together(segment: str, n: int, header: re.Pattern | None = None,
                        items: bool = False, summed: int = 0) -> list[str] | None:
    """The n cells of a row whose figures a crawler's capture ran together, all or some, with
    nothing between them ("0000000二、上年结转…", "1 0 0 00 0 1", "8 0 0 0 0 0 8二、", "00000003.其他…"
    with the next item's number, "005第二十条…" with table 二's next header; `items`: the table's
    labels are numbered items), when the digits on the row's line split only one way. No cell is
    printed with a leading 0, and a blank cell leaves no trace, so a run is at least its leading
    0s one by one and the rest as one figure ("0012": 0, 0, 12); only when these least cells of
    all the runs number n is the split certain (each is then a cell). "1000001" (1, 0 … or 10 and
    a blank cell?) is read one digit a cell only where the row has n digits, some run together,
    and they add up so: `summed` cells a group, the last of each the sum of the others (table
    三's 总计, table 四's); never where every figure stands apart (" 0 0 0 0 0 11": a cell left
    blank, or 1 and 1?). A row that adds up, with a figure over 9 and a blank cell, never adds
    up one digit a cell: its digits sum to more than twice its total's last digit. None for a
    row whose figures all stand apart: the token reader reads those."""
    line, _, after = segment.strip().partition("\n")
    if _PLAIN_COUNTS.fullmatch(line) and len(line.split()) == n:
        return None  # n figures apart, none with a leading 0 (most rows): nothing run together
    cells: list[str] = []
    pieces: list[str] = []  # each token's digits (the next item's number left out)
    glued = ended = False  # digits run together or into the next label; the row's end is known
    least = True  # the least cells are the row's cells, if n
    runs = 0  # tokens of digits
    inside = False  # cells run together inside a token
    for token in line.split():
        m = _DIGIT_RUN_START.match(token)
        if m is None:
            if _next_starts(token, header):
                ended = True
                break
            return None
        runs += 1
        digits, rest = m.group(1), m.group(2)
        if items and rest[:1] in (".", "、"):  # the next item's number ("3.其他") ran into the figures
            if _DIGIT.match(rest, 1):
                return None  # a decimal point, not an item's number
            digits = digits[:-1]
            # "53.": 5 and item 3, or 53? (numbering may run on to 10, 11 …): but one digit a
            # cell, the item's number is the one digit past the row's n.
            least = least and digits[-1:] in ("", "0")
        elif rest and not _next_starts(rest, header):
            return None  # words run into the figures: not one run of this row's cells
        zeros = len(digits) - len(digits.lstrip("0"))
        cells += ["0"] * zeros + ([digits[zeros:]] if len(digits) > zeros else [])
        pieces.append(digits)
        inside = inside or zeros > 1 or 0 < zeros < len(digits)
        glued = glued or inside or bool(rest)
        if rest:  # the next label or header starts here
            ended = True
            break
    # The lines under the row's hold the next label's start, a group heading or its number, the
    # number of an item with its dot, "(七)", "7." (pypdf's layout text: "…0     018" /
    # "7.属于行政执法案卷"), and no other digit: the row ended with its line, and the next
    # label's number is not on it.
    rest = after.strip()
    next_label = items and bool(rest) and not _DIGIT.search(_NEXT_ITEM_NUMBER.sub("", rest))
    if not ended and _DIGIT.search(after) and not next_label:
        return None  # the row goes on over the next line
    if items and not ended and not next_label and line[-1:] in "123456789":
        return None  # the next item's number without its dot ("…0 53要求…") may end the line
    if glued and least and len(cells) == n:
        return cells
    digits = "".join(cells)
    # Cells run together inside a run (0s run together, a run with a leading 0) or all the row's
    # digits in one run (1000001): not a figure standing apart (" 0 0 0 0 0 11").
    if (inside or runs == 1) and len(digits) == n and summed and _adds_up([int(d) for d in digits], summed):
        return list(digits)
    # Figures of several digits run together ("140000014", "1400000 14": 14, 0 … 14, the total
    # alone or not; table 四's "25380363300630003"): read where the row's runs can only be its
    # cells run together (one run, 0s run together, or two cells and more short) and only one way
    # of cutting them adds up in every group, blank cells counted in (run_splits).
    if summed and (inside or runs == 1 or len(cells) <= n - 2):
        return run_splits.sole_split(pieces, n, summed)
    return None


def without_running_titles(lines: list[str]) -> list[str]:
    """A table's lines with each running title (a new page's) made empty, the line count kept: it
    is in no cell, and where it stands between the pieces of a wrapped label they join as across a
    blank line."""
    # Every title holds 报: only the lines that do are asked (a table's lines are many).
    return ["" if "报" in line and head.is_running_title(line) else line for line in lines]


def _row_on_its_label_line(segment: str, per_line: list[int], cells: list[str], spans: list[tuple[int, int]],
                           summed: int) -> tuple[list[int], list[str], list[tuple[int, int]]]:
    """A run of figures over several lines cut to its first line, where that line is the label's
    own and holds the row's every cell, adding up (the total the sum of the others): a lone figure
    under it (a page number that does not count up, at a page's foot) is none of the row's, as the
    row is whole without it; a figure that a narrow cell broke over two lines would have left the
    line's figures not adding up. The run as it was otherwise."""
    n = per_line[0]
    if n != summed or "\n" in segment[:spans[0][0]] or not all(c.isdigit() and c.isascii() for c in cells[:n]) \
            or not _adds_up([int(c) for c in cells[:n]], summed):
        return per_line, cells, spans
    return [n], cells[:n], spans[:n]


def _adds_up(figures: list[int], group: int) -> bool:
    """Whether each group of `group` figures ends with the sum of the others."""
    return len(figures) % group == 0 and all(
        figures[i + group - 1] == sum(figures[i:i + group - 1]) for i in range(0, len(figures), group))


@functools.lru_cache(maxsize=None)
def _after_word(word: str) -> re.Pattern:
    """A digit right after `word`, with nothing between them."""
    return re.compile(rf"(?<={re.escape(word)})\d")


def _token_run_together(segment: str, cells: list[str], n: int) -> str | None:
    """The row's first token with a digit, when at most one figure was read from it and it starts
    with at least as many digits as the row has cells: its cells may have been run together."""
    token = _DIGIT_TOKEN.search(segment)
    lead = _DIGIT_RUN_START.match(token.group(0)) if token else None
    if not lead or _DECIMALS.match(lead.group(2)):  # 547.9659万元: one figure
        return None
    return token.group(0) if n > 1 and len(cells) <= 1 and len(lead.group(1)) >= n else None


def _shown(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "……"


def _note_after(text: str, end: int) -> tuple[int, int]:
    """(where the row's figures are looked for from, where its label's text ends) for a label
    ending at `end`: a note after it is part of the label, so no other row's label is looked for
    in it. Figures inside it are its row's, the label wrapped round them in PDF text ("…行政给付、
    行政处罚、行政强制、行政检   117   0   165 / 查、…）"): they are looked for from the label on."""
    note = _LABEL_NOTE.match(text, end)
    if note is None or _BRACKET_NUMBERING.fullmatch(note.group(0)):  # the next row's "(七)"
        return end, end
    if any(parse_number(token) is not None for token in note.group(0)[1:-1].split()):
        return end, note.end()
    return note.end(), note.end()


def _without_empty_columns(lines: list[str]) -> list[str]:
    """Blocks of tab-separated lines that all have the same number of cells (a table written as a
    rectangle, as a spreadsheet exports it) without the columns empty in every line, header lines
    included: the position a merged cell covers, which would read as a blank column."""
    out = list(lines)
    # A table split into blocks (an empty line, a page footer between its rows): each block's
    # empty columns are not the others', and rows of one kind in two blocks would no longer
    # line up (learn_padding); the blocks are kept as written.
    starts = sum(1 for k, line in enumerate(lines) if "\t" in line and (k == 0 or "\t" not in lines[k - 1]))
    if starts > 1:
        return out
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j]:
            j += 1
        rows = [line.split("\t") for line in lines[i:j]]
        if j - i >= 2 and len({len(row) for row in rows}) == 1:
            keep = [c for c in range(len(rows[0])) if any(row[c].strip() for row in rows)]
            if len(keep) < len(rows[0]):
                out[i:j] = ["\t".join(row[c] for c in keep) for row in rows]
        i = j
    return out


def _last_unit(head: str) -> str | None:
    """The unit the last amount header in `head` names, when it is not the template's 万元."""
    headers = list(_AMOUNT_HEADER.finditer(head))
    return tpl.amount_unit(headers[-1].group()) if headers else None


_AMOUNT_HEADER = re.compile(r"(?:金额|总额)[^\d\n]{0,12}")


# A page that points to its report as an attached file (附件：某某报告.pdf; in squashed text), or lists
# it under the site's 附件下载 heading, where no colon comes before the file's name.
_ATTACHED_FILE = re.compile(r"附件(?:下载\d?[:：]?|\d?[:：])([^:：]{1,80}?\.(?:pdf|docx?|wps|ofd|xlsx?))", re.I)


def _table_two_start(text: str) -> int:
    """Where table 二 starts: its first article heading (第二十条第（一）项), or its header with the
    first row close after it."""
    starts = [m.start() for m in (_ARTICLE_HEADING.search(text), _TABLE_TWO_HEAD.search(text)) if m]
    return min(starts, default=0)


# Where a header of table 二 starts: an article heading or 信息内容 (text before it, a sentence
# such as 本年度行政处罚处理决定数量39件, is no header).
_TABLE_TWO_HEADER_START = re.compile(rf"{_ARTICLE_HEADING.pattern}|信息内容")


# Where a crawler's capture joined two cells of table 二 that a word keeps apart: a change written
# with a word for its sign (本年增/减 "减12") after the figure before it ("行政事业性收费16减12"),
# and a figure after a count printed with its unit ("政府集中采购1个246900元"): the cell ends with
# its unit, the word starts one.
_CELLS_APART_BY_A_WORD = re.compile(rf"(?<=\d)(?=(?:增加|减少|增|减)\d)|(?<=\d[{''.join(tpl.COUNT_UNITS)}])(?=\d)")


def _table_two_text(lines: list[str]) -> str:
    return _CELLS_APART_BY_A_WORD.sub(" ", stream("\n".join(_without_empty_columns(lines)), normalized=True))


def _table_two_rows(reader: _Reader, text: str) -> dict[str, tuple[int, int]]:
    """Where table 二's rows stand in its text (_table_two_text). Each label names one row, so its
    rows are found in whatever order the text has them (a converter may leave some rows as lines
    of text above the table)."""
    return reader._find_rows(text, reader.t.proactive, "二",
                             lambda r: tpl.PROACTIVE_ROW_LABELS.get(r.key, (r.label,)), lambda r: r.label,
                             start=_table_two_start(text), in_order=False)


def _block_headers(text: str, positions: dict[str, tuple[int, int]]) -> dict[str, tuple[frozenset, str, tuple]]:
    """For each row of table 二 found in its text (_table_two_text) at `positions` (_table_two_rows):
    the columns its part's header names, with the header text and the columns in the order it
    prints them (no columns for a part whose header names none, as when the header row is
    printed once at the top)."""
    found, current, end = {}, (frozenset(), "", ()), _table_two_start(text)
    for key, (at, after) in sorted(positions.items(), key=lambda kv: kv[1][0]):
        head = text[end:at]
        starts = [m.start() for m in _TABLE_TWO_HEADER_START.finditer(head)]
        if starts:  # a part of the table starts: its header, if it names columns, is the rows' own
            header = head[starts[-1]:]
            printed = _printed_columns(header)  # the columns it names, in its order
            current = (frozenset(printed), header, printed)
        found[key] = current
        end = max(end, after)
    return found


def _refuse_foreign_headers(reader: _Reader, proactive: dict, lines: list[str], by_position: bool = True) -> None:
    """Leave unread the rows of table 二 whose part's header names columns that only the other
    template has: a 2021 table that kept the 2019 headers over 规章 (本年新制作数量,
    本年新公开数量, 对外公开总数量), or the other way round. Their figures are not the template's
    columns (新公开 is no 废止), so none is taken for one. by_position: the figures were placed
    by their order in text, so a header printing the row's columns in another order refuses it too.
    `lines`: the table's part (NFKC)."""
    t = reader.t
    if all(v is None for values in proactive.values() for v in values.values()):
        return
    foreign = _foreign_column_words(t.id)
    if not by_position:
        # Each word of the table's text is in its part's lines squashed: a short text to search,
        # unlike the whole report (whose 上年结转 of table 三 holds 上年 in every 2021 report).
        bare = squash("\n".join(lines), normalized=True)
        if not any(w in bare for w in foreign):
            return  # no header word of the other template's columns: nothing to refuse
    # The text and rows proactive() read the rows from, when it did (the same lines).
    text, positions = reader.table_two or (_table_two_text(lines), None)
    own = {c.key for r in t.proactive for c in r.columns}  # the template's columns of table 二
    if not by_position and not any(w in text for w in foreign):
        return  # no header word of the other template's columns: nothing to refuse
    headers = _block_headers(text, positions if positions is not None else _table_two_rows(_Reader("", t, []), text))
    for row in t.proactive:
        values = proactive.get(row.key) or {}
        if all(v is None for v in values.values()):
            continue
        keys, header, printed = headers.get(row.key, (frozenset(), "", ()))
        named = re.sub(r"[\s|]+", " ", header).strip()
        # Refused only for a column this template has nowhere: a 2019 fees header that also names
        # 处理决定数量 (a column of the template, past the row's two) still heads the row's own two.
        if keys - {c.key for c in row.columns} - own:
            reader.add("F-cell-count", f"二 · {row.label}",
                       f"「{row.label}」所在部分的表头（{named[:60]}）不是本版格式的栏目"
                       f"（{'、'.join(c.label for c in row.columns)}），无法确定各数值属于哪一栏；该行数值不予采用",
                       table="二", row=row.key)
            proactive[row.key] = {c.key: None for c in row.columns}
            continue
        # A header printing the row's own columns in another order (本年废止件数 before 本年制发件数):
        # text gives the figures in that order, not the template's; none is placed by position.
        # (A grid's cells are placed by their header: by_position=False.)
        mine = [k for k in printed if k in {c.key for c in row.columns}]
        if by_position and mine != [c.key for c in row.columns if c.key in mine]:
            reader.add("F-cell-count", f"二 · {row.label}",
                       f"「{row.label}」所在部分的表头（{named[:60]}）各栏的顺序与模板"
                       f"（{'、'.join(c.label for c in row.columns)}）不同，文本中的数值只能按位置对应，不予采用",
                       table="二", row=row.key)
            proactive[row.key] = {c.key: None for c in row.columns}


@functools.lru_cache(maxsize=None)
def _foreign_column_words(template_id: str) -> tuple[str, ...]:
    """The header words of the columns of table 二 that only the other template has."""
    own = {c.key for r in tpl.get(template_id).proactive for c in r.columns}
    return tuple(w for k, words in tpl.PROACTIVE_COLUMN_WORDS.items() if k not in own for w in words)


@functools.lru_cache(maxsize=1024)  # the headers of table 二's parts repeat from report to report
def _printed_columns(header: str) -> tuple:
    """The columns of table 二 a part's header names, in the order it prints them (each at the first
    place one of its words stands)."""
    places = {k: min(at) for k, words in tpl.PROACTIVE_COLUMN_WORDS.items()
              if (at := [i for w in words if (i := header.find(w)) >= 0])}
    return tuple(sorted(places, key=places.get))


def _from_table_two(lines: list[str]) -> list[str]:
    """The lines of part 二 from the first that starts table 二 (an article heading, or 信息内容):
    a sentence with figures above the table (我局主动公开信息66条) is not a line of labels."""
    at = next((i for i, line in enumerate(lines) if _ARTICLE_HEADING.search(line) or line.strip().startswith("信息内容")),
              0)
    return lines[at:]


def _header_order(header: str) -> list[str] | None:
    """The applicant columns under 法人或其他组织 in the order table 三's header prints them, when
    it is not the template's (each named once in the text before the first row); else None.
    (其他 is left out: 法人或其他组织 holds it too.) `header`: squashed."""
    found = []
    for key in tpl.APPLICANT_ORG_COLUMNS[:4]:
        places = sorted({at for word in tpl.APP_COLUMN_LABELS[key] for at in _all_places(header, word)})  # 商业 in 商业企业
        if len(places) != 1:
            return None
        found.append((places[0], tpl.APP_COLUMN_LABELS[key][0]))
    printed = [word for _, word in sorted(found)]
    return printed if printed != [word for _, word in found] else None


def _printed_order(lines: list[str], t: tpl.Template) -> list[str] | None:
    """The order of table 三's columns as its header prints them, when it is not the template's
    (_header_order); also when the header's words stand out of the template's order: 总计 before
    自然人 (a page of 云林街道 2019: 申请人情况, 总计, 自然人, 法人或其他组织), 法人或其他组织
    before 自然人 on one line. The figures of each row stand in the printed order, so none is
    placed by its position."""
    squashed = squash_lines("\n".join(lines).split("\n"))  # once for both readings of the header
    order = _header_order(_before_first_row(squashed, t))
    if order:
        return order
    header = _before_first_row(squashed, t, keep_lines=True)
    words_of = [[(m.start(), _APP_TOTAL.get(m.group(), m.group())) for m in _APP_HEAD_WORD.finditer(line)]
                for line in header.split("\n")]
    for words in words_of:
        # Cells of one line stand in the printed order of the columns: any two out of the
        # template's order (法人或其他组织 before 自然人, 商业企业 before 自然人, 其他 before 科研机构,
        # 总计 first) tell it. Not 总计 before 商业企业 or 其他: the header's rows joined on one line
        # (自然人 法人或其他组织 总计 商业企业 …) print the template's order so.
        if any(_APP_HEAD_RANK[a] > _APP_HEAD_RANK[b] and not (a == "总计" and b in _APP_UNDER_ORG)
               for i, (_, a) in enumerate(words) for _, b in words[i + 1:]):
            return [w for _, w in words]
    # One header cell a line (crawler text of a page's cells, PDF text). PDF text puts
    # 法人或其他组织 before 自然人 (centred lower in its two rows) where the columns stand in the
    # template's order, and then 总计 after the five under 法人或其他组织 (淮安, 洪泽 PDFs); a
    # page's cells put 法人或其他组织 after 自然人. So 总计 before 自然人 tells another order, and
    # 法人或其他组织 before 自然人 does with 总计 before the five (the header printed with the
    # group first, its cells in the page's order).
    cells = [words[0][1] for words in words_of if words]
    if "自然人" in cells and all(len(words) <= 1 for words in words_of):
        before = cells[:cells.index("自然人")]
        leaves = [i for i, w in enumerate(cells) if w in _APP_ORG_LEAVES]
        if "总计" in before or ("法人或其他组织" in before and "总计" in cells and leaves
                               and cells.index("总计") < leaves[0]):
            return cells
    return None


# Words of table 三's header with the rank of their column in the template (法人或其他组织 heads
# the five after 自然人; the longer words are found first, so its 其他 is no 其他 of its own).
_APP_HEAD_RANK = {"自然人": 0, "法人或其他组织": 1, "商业企业": 1, "商业": 1, "科研": 2, "社会公益": 3,
                  "法律服务": 4, **dict.fromkeys(tpl.APP_COLUMN_LABELS["other_org"], 5), "总计": 6}
# The total column's headers (合计 as well as 总计; 小计 where a page prints it first), read as 总计.
_APP_TOTAL = {word: "总计" for word in (*tpl.APP_COLUMN_LABELS["total"], "小计")}
_APP_HEAD_RANK.update(dict.fromkeys(_APP_TOTAL, 6))
_APP_ORG_LEAVES = frozenset({"商业企业", "商业", "科研", "社会公益", "法律服务"})
_APP_UNDER_ORG = _APP_ORG_LEAVES | frozenset(tpl.APP_COLUMN_LABELS["other_org"])
_APP_HEAD_WORD = re.compile("|".join(sorted(_APP_HEAD_RANK, key=len, reverse=True)))


_CELL_SPLIT = re.compile(r"[\s|]+")


# Table 四's group headers, ranked in the template's order of its fifteen columns.
_REVIEW_GROUP_RANK = {"行政复议": 0, "行政诉讼": 1, "未经复议直接起诉": 1, "复议后起诉": 2}


@functools.lru_cache(maxsize=None)
def _review_column_words() -> dict[str, str]:
    """Table 四's column key by each (squashed) word of its headers."""
    return {squash_label(v): k for k, vs in tpl.REVIEW_COLUMN_LABELS.items() for v in vs}


def _review_header_order(lines: list[str], t: tpl.Template) -> list[str] | None:
    """The groups of table 四 in the order its header prints them, when it names them as whole
    cells out of the template's order; else its five results in their printed order, when the
    header (from its last 行政复议 before the first figure) names them as whole cells, each group's
    five once, and not in the template's order (总计 first: a page of 2019); else None. A header
    whose cells are cut or wrapped names fewer, and is left alone."""
    words = _review_column_words()
    leaves: list[str] = []
    groups_named: list[str] = []
    for token in _CELL_SPLIT.split("\n".join(lines)):
        word = squash_label(token)
        if word in _REVIEW_GROUP_RANK:
            groups_named.append(word)
        if "行政复议" in token:
            leaves = []
        elif _DIGIT.search(token) and parse_number(token) is not None:  # NFKC: a figure holds a digit
            break
        elif word in words:
            leaves.append(words[word])
    # Groups named as whole cells out of the template's order (行政诉讼 before 行政复议, 复议后起诉
    # before 未经复议直接起诉): the row's fifteen figures stand in that order, not the template's.
    ranks = [_REVIEW_GROUP_RANK[g] for g in groups_named]
    if ranks != sorted(ranks):
        return groups_named
    keys = [c.key for c in t.review_columns]
    groups = [leaves[i:i + len(keys)] for i in range(0, len(leaves), len(keys))]
    if len(groups) != len(t.review_groups) or any(sorted(g) != sorted(keys) for g in groups):
        return None
    label = {c.key: c.label for c in t.review_columns}
    odd = next((g for g in groups if g != keys), None)
    return [label[k] for k in odd] if odd else None


def _before_first_row(squashed: list[str], t: tpl.Template, keep_lines: bool = False) -> str:
    """Table 三's text before the first of its rows' labels: its header, squashed. (Short labels,
    其他 and 总计, are left out: the header holds them too.) `squashed`: the lines, each squashed
    (squash_lines). keep_lines: the line breaks kept."""
    text = "\n".join(squashed) if keep_lines else "".join(squashed)
    at = len(text) + 1
    for core in _long_cores(t.id):
        # Only a place before the first found so far matters: the search stops there.
        found = text.find(core, 0, at + len(core) - 1)
        if found >= 0:
            at = found
    return text[:at] if at <= len(text) else ""


@functools.lru_cache(maxsize=None)
def _long_cores(template_id: str) -> tuple[str, ...]:
    """The squashed cores of table 三's rows longer than 4 characters, in the rows' order (the
    first row's stands nearest the header)."""
    return tuple(core for row in tpl.get(template_id).data_rows for core in map(squash_label, tpl.row_cores(row))
                 if len(core) > 4)


def _all_places(text: str, word: str) -> list[int]:
    """Where a (non-empty) word stands in the text, the places not overlapping."""
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + len(word))
    return out


def _cells_before(text: str, at: int) -> int:
    """How many cells stand before position `at` on its line (the tabs before it)."""
    return text.count("\t", text.rfind("\n", 0, at) + 1, at)


def row_label(t: tpl.Template) -> dict[str, str]:
    """Each data row's label as printed, with its group where the label alone is ambiguous.
    (Computed once per template; do not modify the dict returned.)"""
    return _row_label(t.id)


@functools.lru_cache(maxsize=None)  # one per template: a frozen dataclass is slow to make
def _review_cells(template_id: str) -> tuple[tuple[tuple[str, tpl.Column], ...], tuple[tpl.Column, ...]]:
    """Table 四 read as one row: its (group, column) cells, and a column "group.column" for each."""
    t = tpl.get(template_id)
    group_label = dict(t.review_groups)
    columns = tuple((g, c) for g, _ in t.review_groups for c in t.review_columns)
    return columns, tuple(tpl.Column(f"{g}.{c.key}", f"{group_label[g]} · {c.label}", c.kind) for g, c in columns)


@functools.lru_cache(maxsize=None)
def _row_label(template_id: str) -> dict[str, str]:  # keyed by id: hashing a Template is slow
    t = tpl.get(template_id)
    labels, group = {}, ""
    for row in t.app_rows:
        if row.level < 2:
            group = row.label if row.key is None else ""
        if row.key:
            labels[row.key] = f"{group} {row.label}".strip() if row.level == 2 else row.label
    return labels


def detect_template(squashed: str, year: int | None) -> tuple[str | None, str | None, str | None]:
    """(template to read the tables with, notice template, layout template) of a report whose
    text squashed (textnorm.squash) is `squashed`."""
    m = _NOTICE.search(squashed)
    notice = None
    if m:
        notice = {"2021": "2021", "2019": "2019"}.get(m.group(1))
    layout = None
    scores = {t: sum(squash_label(mark) in squashed for mark in marks) for t, marks in tpl.LAYOUT_MARKERS.items()}
    if scores["2019"] != scores["2021"]:
        layout = max(scores, key=scores.get)
    chosen = layout or notice or (("2019" if year <= 2020 else "2021") if year else None)
    return chosen, notice, layout


def looks_like_report(text: str, squashed: str | None = None) -> bool:
    squashed = squash(text) if squashed is None else squashed
    return "政府信息公开" in squashed and ("年度报告" in squashed or "申请" in squashed)


def empty_report(source: str, problems: list[dict]) -> dict:
    """A report with nothing read yet: what a file that is not a report ends as."""
    return {"source": source, "agency": None, "year": None, "published": None, "published_from": None,
            "template": None, "sections": [], "problems": problems, "consistent": False}


def parse_text(text: str, source: str, problems: list[dict] | None = None,
               grids: list[Grid] | None = None, meta: dict | None = None) -> dict:
    """The parsed report of a report's text. `grids`: its tables as cells (a reader's Document);
    by default the tab-separated and Markdown tables found in the text. `meta`: what the page
    around the report says about it (page_meta.read)."""
    problems = [] if problems is None else problems
    report = empty_report(source, problems)
    split = page_numbers.form_feeds_apart(text).split("\n")
    raw_lines = page_numbers.marked(split)
    text = "\n".join(page_numbers.unmarked(raw_lines))  # without page breaks
    footers = page_numbers.footer_lines(raw_lines)
    kept = [i for i in range(len(raw_lines)) if i not in footers] if footers else range(len(raw_lines))
    lines = parts.headings_on_lines([raw_lines[i] for i in kept] if footers else raw_lines)

    @functools.cache
    def line_pages() -> list[int]:
        """The page each of `lines` stands on (for table 三 read from text only), found once."""
        pages = page_numbers.pages(split, raw_lines, footers)
        if len(lines) == len(kept):  # no line split into headings: one to one
            return [pages[i] for i in kept]
        return [pages[i] for i in kept for _ in parts.headings_on_lines([raw_lines[i]])]

    @functools.cache
    def header_pages() -> set[int]:
        """The pages of line_pages() on which table 三's header may show where its columns stand:
        those that are one page of the file each for certain (page_numbers.whole_pages), in text
        without form feeds. pdftotext -layout, which writes them, sets a row's figures after the
        words before them rather than where they stand: on the blank-zero study's pages a figure
        in twenty stood 4 to 9 characters off its column's header, a column's width."""
        if any(page_numbers.PAGE_BREAK in line for line in split):
            return set()
        return page_numbers.whole_pages(split, raw_lines, footers)
    norm = nfkc_lines(lines)  # NFKC once for the whole text; the tables are read from these lines
    # (Joined without line breaks: squash would only remove them again.)
    squashed = squash("".join(norm), normalized=True)  # for telling a report, its notice and layout
    if not text.strip() or not looks_like_report(text, squashed):
        what = "文件为空" if not text.strip() else "文件中没有“政府信息公开”年度报告的标题或内容"
        problems.append(problem("F-not-report", source, "全文", f"{what}，不是政府信息公开工作年度报告"))
        return report

    head_lines, regions = parts.split_parts(lines)
    meta = meta or {}
    period = head.PERIOD_YEAR.search(squashed)
    part_one_year = head.part_one_year(regions[0].lines) if regions and regions[0].number == "一" else None
    period_year = int(period.group(1)) if period else None
    agency, year, title_at = head.title(head_lines, period_year or part_one_year)
    for field in ("title", "page_title"):  # a 名称/标题 field, then the web page's own <title>
        if (not agency or not year) and meta.get(field):
            from_field = head.title([meta[field]])
            agency, year = agency or from_field[0], year or from_field[1]
    if not agency or not year:  # a 名称 field of the page's info box, printed above the report
        from_field = head.title_field(head_lines)
        agency, year = agency or from_field[0], year or from_field[1]
    if not agency and meta.get("agency"):
        agency = re.sub(r"\s+", "", nfkc(meta["agency"]))
    if not agency:
        agency = head.agency_field(head_lines)
    year = year or period_year or part_one_year
    report["agency"], report["year"] = agency, year
    report["published"], report["published_from"] = head.published(head_lines, title_at, meta)
    if not agency or not year:
        problems.append(problem("F-metadata", source, "标题",
                                "无法从标题识别" + "和".join(x for x, v in (("机关名称", agency), ("年度", year)) if not v)
                                + "（标题应为“某机关 XXXX 年政府信息公开工作年度报告”）"))

    chosen, notice, layout = detect_template(squashed, year)
    if not regions and not chosen:
        problems.append(problem("F-not-report", source, "全文", "没有找到报告的六个部分，也没有找到统计表，不是年度报告"))
        return report
    if not chosen:
        problems.append(problem("F-not-report", source, "全文",
                                "无法判断报告用的是 2021 年版还是 2019 年版格式（没有年度、没有引用通知文号，表格中也没有"
                                "两版不同的行），统计表未读取"))
        return report
    if not regions and not layout and (_ATTACHED_FILE.search(squashed) or "见附件" in squashed):
        # The page names the report and points to a file: the report is that file, not this page.
        attached = _ATTACHED_FILE.search(squashed)
        problems.append(problem("F-not-report", source, "全文",
                                f"页面上只有报告的标题和附件{f'（{attached.group(1)}）' if attached else ''}，"
                                f"没有报告的六个部分和统计表：报告在附件中；请把附件文件本身放入 data/"))
        report["template"] = chosen
        t = tpl.get(chosen)
        report["proactive"] = {r.key: {c.key: None for c in r.columns} for r in t.proactive}
        report["applications"] = {r.key: {c.key: None for c in t.app_columns} for r in t.data_rows}
        report["review_litigation"] = {g: {c.key: None for c in t.review_columns} for g, _ in t.review_groups}
        report["printed"] = {}
        return report
    if notice and layout and notice != layout:
        problems.append(problem("F-template", source, "开头段落",
                                f"开头段落引用 {tpl.NOTICES[notice]}，但统计表是 {layout} 年版格式；按表格版式 {layout} 读取",
                                found=notice, expected=layout))
    elif not notice and not layout:
        # Most reports cite no notice: only when the tables do not tell either is the choice a
        # guess from the year, worth a word.
        problems.append(problem("F-template", source, "开头段落",
                                f"开头段落没有引用国办公开办函通知文号，统计表也没有两版不同的行或列；按年度判断为 {chosen} 年版格式"))
    report["template"] = chosen
    t = tpl.get(chosen)

    found = {r.number for r in regions}
    for number in tpl.PART_NUMBERS:
        if number not in found:
            problems.append(problem("F-missing-part", source, f"第{number}部分",
                                    f"没有找到第{number}部分「{number}、{tpl.PART_TITLES[number]}」的标题"))

    opening = [line for i, line in enumerate(head_lines) if i > title_at]
    # The title printed again at the top of the body, perhaps in pieces ("某区2020年" /
    # "政府信息公开工作年度报告"), is not part of the opening.
    title_text = squash(head_lines[title_at]) if title_at >= 0 else ""
    while opening and (not opening[0].strip() or (len(squash(opening[0])) >= 4 and squash(opening[0]) in title_text)):
        opening.pop(0)
    report["opening"] = prose.text_of(head.opening_without_page(opening, agency, year))
    by_number = {r.number: r for r in regions}
    grids = grids_in_text(text) if not grids else grids
    reader = _Reader(source, t, problems, [label for grid in grids for label in grid.short_labels()],
                     long_labels=[label for grid in grids for label in grid.long_labels()])
    for number in tpl.PART_NUMBERS:
        region = by_number.get(number)
        if number in tpl.TABLE_PARTS:
            part_lines = region.lines if region else []  # (`lines` is the whole text's, for line_pages)
            # The table is shown from its figures: only its notes are the part's text. When the
            # next part's heading is missing, what follows the table is that part's text: kept.
            following = prose.after_table(part_lines) if _next_part_missing(number, found) else []
            text_lines = [line for line in part_lines[:len(part_lines) - len(following)]
                          if "注" in line and _NOTE.match(line)]
            text_lines += following
        else:
            text_lines = region.lines if region else []
        if region:
            report["sections"].append({"number": number, "title": region.title, "text": prose.text_of(text_lines)})

    # A table whose part heading is missing is still searched for in the text around it.
    def span_for(number: str) -> slice:
        """Where the part's lines stand, or those of the part before it."""
        region = by_number.get(number)
        if region is None:
            before = [r for r in regions if tpl.PART_NUMBERS.index(r.number) < tpl.PART_NUMBERS.index(number)]
            region = before[-1] if before else None
        return slice(region.start, region.start + len(region.lines)) if region else slice(None)

    def lines_for(number: str) -> list[str]:
        """The NFKC lines of the part, or of the part before it."""
        return norm[span_for(number)]

    reader.thousands_text = ([lines_for(number) for number in tpl.TABLE_PARTS], (len(t.app_columns), len(t.review_columns)))
    raws = {table: table_pieces.from_grids(grids, table, t) for table in tpl.TABLE_PARTS}
    source = {table: "cells" for table in tpl.TABLE_PARTS}  # where each raw table came from
    # Columns of figures (not when the header orders its columns otherwise than the template:
    # then figures cannot be placed by their order). A page number among them breaks a column's
    # count, not a row's; a label whose figures stand inside its cell is a row, not columns.
    if raws["三"] is None:
        reader.header_order = _printed_order(lines_for("三"), t)
    if raws["三"] is None and not reader.header_order:
        three, three_pages = without_running_titles(lines_for("三")), line_pages()[span_for("三")]
        keep = page_numbers.kept(three)
        three, three_pages = page_numbers.unmarked([three[i] for i in keep]), [three_pages[i] for i in keep]
        raws["三"], source["三"] = column_major.applications(three, t, three_pages), "columns"
        if raws["三"] is not None and (joined := wrapped_labels.figures_inside(three, t)) != three:
            raws["三"] = column_major.applications(joined, t, three_pages)
        if raws["三"] is not None and raws["二"] is None:
            two = _from_table_two(lines_for("二"))
            raws["二"] = column_major.proactive(page_numbers.unmarked([two[i] for i in page_numbers.kept(two)]), t,
                                               by_columns=raws["三"].by_columns)
            source["二"] = "columns"
    if raws["二"] is None and raws["三"] is None:
        # A page captured one cell per line whose table 三 proves nothing (cut off, or its blank
        # cells dropped): each row of table 二 that stands alone, its label then exactly its own
        # figures, is that row in column order whichever way the text runs. Read only when every
        # row is so; else the text reader, as before.
        raws["二"] = column_major.single_row_proactive(_from_table_two(lines_for("二")), t)
        source["二"] = "columns" if raws["二"] is not None else source["二"]
    report["proactive"] = (reader.proactive_grid(raws["二"], source["二"],
                                                 lines_for("二") if source["二"] == "cells" else None)
                           if raws["二"] else reader.proactive(lines_for("二"), lambda: line_pages()[span_for("二")], header_pages))
    _refuse_foreign_headers(reader, report["proactive"], lines_for("二"),
                            by_position=not (raws["二"] and source["二"] == "cells"))
    report["applications"] = (reader.applications_grid(raws["三"], source["三"],
                                                       lines_for("三") if source["三"] == "cells" else None)
                              if raws["三"] else reader.applications(lines_for("三"), line_pages()[span_for("三")], header_pages))
    report["review_litigation"] = (reader.review_litigation_grid(raws["四"]) if raws["四"]
                                   else reader.review_litigation(lines_for("四"), own_part="四" in by_number,
                                                                 pages=lambda: line_pages()[span_for("四")],
                                                                 whole=header_pages))
    report["printed"] = reader.printed
    return report
