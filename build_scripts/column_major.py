"""Tables that a PDF text extractor wrote column by column (pdfminer's default: every row label
of a page, then each applicant column's figures as one block) read back into their cells.

Within one page of table 三 the labels come first and the figures after them, 7 per row. Such a
block is read only when it proves itself: the figures number exactly 7 per row found, and every
row's 总计 equals the sum of its six applicant columns. A block that does not is left unread
(its rows are reported); a text where labels and figures interleave is not this reader's.

Once table 三 has shown that the text runs column by column, the small blocks of table 二
(two labels, then their figures) are read the same way.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import labels, template as tpl, units
from .grid_tables import Raw
from .textnorm import PLACEHOLDERS, is_placeholder, nfkc, parse_number, squash

_TOKEN = re.compile(r"\S+")
# Labels here are joined without the line breaks between them ("…数量二、上年结转…"): a label
# stands after its numbering and before the next one (or a bracket, or the end).
_NUMBERING = labels.ROW_NUMBERING
# A note in brackets after a row label of table 二: "其他对外管理服务事项(指…行政处罚、行政强制…)".
_LABEL_NOTE = re.compile(r"\([^()]*\)")
_patterns: dict[str, re.Pattern] = {}


def _label_pattern(core: str) -> re.Pattern:
    """A short label (其他, 总计) must stand after its numbering ("3.其他", "(七)总计"): alone it
    is a column header (其他, 总计) the extractor emitted as a box of its own. It must also end
    where the next begins, not run on into a longer one (其他处理, 其他法律…); a long one may be
    followed by the pieces of a vertical group label that the extractor interleaved
    ("3.要求提供公开出版物予处理")."""
    if core not in _patterns:
        end = rf"(?={_NUMBERING}|[(\s]|$)" if len(core) <= 4 else ""
        _patterns[core] = re.compile(rf"(?:{_NUMBERING}|^){re.escape(core)}{end}" if len(core) > 4
                                     else rf"{_NUMBERING}{re.escape(core)}{end}")
    return _patterns[core]


def _is_figure(token: str) -> bool:
    return parse_number(token) is not None or is_placeholder(token)


# A figure of table 二 printed with its unit (2笔, 47.9万元, 152790元): its cell, read by
# units.in_column (a figure in 元 is never taken for 万元).
_WITH_UNIT = re.compile(r"[+\-]?\d[\d,]*(?:\.\d+)?(?:%s)" % "|".join(
    map(re.escape, (tpl.AMOUNT_UNIT, "千元", "亿元", "元") + tpl.COUNT_UNITS)))


def _blocks(lines: list[str], with_units: bool = False,
            pages: list[int] | None = None) -> list[tuple[str, list[str], bool]] | None:
    """(joined label text, figures, whether the figures run over a page's end) of each run of
    label lines followed by figure lines; None when a line holds both (labels and figures
    interleave: not column by column). with_units: a figure with a unit of table 二 is a figure
    too. pages: the page of each line (a footer, a page number or a form feed starts another)."""
    blocks: list[tuple[list[str], list[str], list[int]]] = []
    for k, line in enumerate(lines):
        tokens = _TOKEN.findall(line)
        if not tokens:
            continue
        figures = [t for t in tokens if _is_figure(t) or (with_units and _WITH_UNIT.fullmatch(t))]
        if figures and len(figures) == len(tokens):
            if blocks:
                blocks[-1][1].extend(figures)
                if pages is not None:
                    blocks[-1][2].append(pages[k])
            continue
        # A number beside words: labels and figures interleave. A placeholder beside words is a
        # piece of a label ("(四) 无" / "法提供", the group label broken where the extractor
        # saw a gap), not a blank cell.
        if any(parse_number(t) is not None for t in tokens):
            return None
        if not blocks or blocks[-1][1]:
            blocks.append(([], [], []))
        blocks[-1][0].append(line)
    return [(squash("".join(labels)), figures, len(set(on)) > 1) for labels, figures, on in blocks if figures]


@dataclass
class ColumnRaw(Raw):
    """Table 三 read from text by its blocks. by_columns: a block of two rows or more was read
    column by column, its totals proving the order; only then is table 二 read so too (rows
    read one block each prove nothing about the order of a block of several)."""
    by_columns: bool = False


def _names(text: str, row: tpl.AppRow) -> bool:
    """Whether the label text names the row. A label heading items ("(六)其他处理1.申请人…": 2021's
    items under 2019's row) is no row."""
    return any(squash(core) in text and any(not labels.heads_items(text, m.end(), squash(core))
                                            for m in _label_pattern(squash(core)).finditer(text))
               for core in tpl.row_cores(row))


_ROW_START = re.compile(_NUMBERING)


def _label_end(text: str, row: tpl.AppRow) -> int:
    """Where the row's label ends in the label text (its last naming)."""
    return max((m.end() for core in tpl.row_cores(row) for m in _label_pattern(squash(core)).finditer(text)),
               default=len(text))


def _rows_in(text: str, rows: list[tpl.AppRow], start: int) -> tuple[list[tpl.AppRow], int]:
    """The rows that carry figures in a block's label text, from rows[start] on, in template
    order, and where the next block starts. A group heading whose items are not there is a row
    of figures itself (the 2019 layout of (六)其他处理 in a 2021 report); the run ends at the first
    row missing from the text, so a header word such as 其他 or 总计 is never taken for a row."""
    def found(row: tpl.AppRow) -> bool:
        return _names(text, row)

    out: list[tpl.AppRow] = []
    i = start
    while i < len(rows):
        row = rows[i]
        if row.key is not None:
            if not found(row):
                break
            out.append(row)
            i += 1
            continue
        items = []
        j = i + 1
        while j < len(rows) and rows[j].level > row.level:
            items.append(rows[j])
            j += 1
        if row.level == 1 and items and found(row) and not any(found(item) for item in items) \
                and j < len(rows) and found(rows[j]):
            out.append(row)  # the group's own figures: no key in this template
            i = j
            continue
        i += 1
    return out, i


def applications(lines: list[str], t: tpl.Template, pages: list[int] | None = None) -> Raw | None:
    blocks = _blocks(lines, with_units=True, pages=pages)  # 3件: a count with its unit (the reader drops it)
    if not blocks:
        return None
    rows = list(t.app_rows)
    n_cols = len(t.app_columns)
    raw = ColumnRaw()
    start = 0
    read_any = False
    stacked = False  # labels of several rows one after another, their figures after them
    # Figures beyond what a block's rows hold (or a row's worth under no row) are another row's: a
    # label box the extractor emitted out of its place (a wrapped label, taller than its row,
    # sorted after the row's figures). From there on each label is followed by the next row's
    # figures, which add up as a row should: nothing after it is read.
    shifted = False
    for text, figures, over_a_page in blocks:
        found, nxt = _rows_in(text, rows, start)
        again = [r for r in rows if r.key in raw.cells and _names(text, r)] if not found else []
        if len(again) == 1 and len(figures) == n_cols and not shifted:
            # A row already read, printed again with its figures: the same figures are kept,
            # other ones leave the row unread (which copy is right is unknown).
            key = again[0].key
            columns = _in_order([[f] for f in figures])
            raw.duplicates.append(key)
            if columns is None or {c.key: columns[j][0] for j, c in enumerate(t.app_columns)} != raw.cells[key]:
                raw.differing.append(key)
            continue
        if not found:
            shifted = shifted or (bool(figures) and len(figures) % n_cols == 0)
            continue
        # Another row named in the same label text after the run broke (a label cut by the page's
        # running header, "5.要" … "求行政机关确认…"): whose figures these are is unknown. So with
        # one row's label and another's begun after it (a row printed a cell a line, PyMuPDF:
        # "5.属于三类内部事务信息6.属于四", the rest of item 6 after its figures, item 5 blank and
        # printed without any); a page's block of rows by columns ends with a label cut by the
        # page break whose figures are on the next page (pdfminer), its count proving the rows.
        later = [i for i in range(nxt, len(rows)) if rows[i].key is not None and _names(text, rows[i])]
        if later or (len(found) == 1 and _ROW_START.search(text, _label_end(text, found[0]))):
            stop = later[-1] + 1 if later else nxt
            raw.unread.extend(r.key for r in found + rows[nxt:stop] if r.key is not None)
            start = stop
            continue
        start = nxt
        n = len(found)
        stacked = stacked or n > 1
        keyed = [r for r in found if r.key is not None]
        # One row's figures that run over a page's footer: pdftotext writes a page's last row
        # with figures from elsewhere on the page when cells are blank, and seven such figures
        # can add up by chance (2 0 2 / -2- / 0 0 0 4). A block of several rows proves itself by
        # its count and every row's sum (pdfminer writes the footer among a page's columns).
        if over_a_page and n == 1:
            raw.unread.extend(r.key for r in keyed)
            continue
        # One row's label with a column header after it (pdftotext writes the header's 总计 box
        # after a row's label, then that column's figures): the figures after a header are a
        # column's, and seven 0s add up as a row's would. A block of several rows proves itself.
        if n == 1 and _column_head_after(text, found[0], t.id):
            raw.unread.extend(r.key for r in keyed)
            continue
        if len(figures) != n * n_cols or shifted:
            last_rows = _labelled_after(lines, rows, nxt) if figures is blocks[-1][1] and n == 1 else []
            if not shifted and last_rows and _read_last_rows(raw, t, [*found, *last_rows], figures):
                read_any = True
                continue
            shifted = shifted or len(figures) > n * n_cols
            raw.unread.extend(r.key for r in keyed)
            continue
        columns = _in_order([figures[j * n:(j + 1) * n] for j in range(n_cols)])
        if columns is None or _also_by_rows(figures, n, n_cols, columns):
            raw.unread.extend(r.key for r in keyed)
            continue
        by_row = [{c.key: columns[j][i] for j, c in enumerate(t.app_columns)} for i in range(n)]
        raw.by_columns = raw.by_columns or n > 1
        for row, cells in zip(found, by_row):
            if row.key is not None:
                raw.cells[row.key] = cells
            else:
                raw.extra.append(row.label)
        read_any = True
    # Text that runs column by column but proves no block (blank cells gone from the extract):
    # its rows are reported unread, not handed to the text reader, which would take the figures
    # piled up after the last label of a block for that row's.
    return raw if read_any or stacked else None


def _column_head_after(text: str, row: tpl.AppRow, template_id: str) -> bool:
    """Whether a column header of table 三 (总计, 自然人 …; not 其他, which labels hold too) stands
    in the label text after the row's label."""
    rest = text[_label_end(text, row):]
    return any(head in rest for head in _column_heads(template_id))


@functools.lru_cache(maxsize=None)
def _column_heads(template_id: str) -> tuple[str, ...]:
    t = tpl.get(template_id)
    return (*(squash(c.label) for c in t.app_columns if c.label != "其他"), "法人或其他组织", "申请人情况")


def _labelled_after(lines: list[str], rows: list[tpl.AppRow], start: int) -> list[tpl.AppRow]:
    """The table's rows from rows[start] to its end, when the label text after the last figures
    names every one of them in order (pdftotext writes the labels that span the label columns,
    (七)总计 and 四、结转…, after the rows above them and their figures); else []."""
    last = max((i for i, line in enumerate(lines) if any(_is_figure(tok) for tok in _TOKEN.findall(line))), default=-1)
    text = squash("".join(lines[last + 1:]))
    wanted = [r for r in rows[start:] if r.key is not None]
    found, nxt = _rows_in(text, rows, start)
    return wanted if wanted and [r for r in found if r.key is not None] == wanted and nxt == len(rows) else []


def _read_last_rows(raw: ColumnRaw, t: tpl.Template, rows: list[tpl.AppRow], figures: list[str]) -> bool:
    """The last block's figures as the rows of its label and of the labels after them (see
    _labelled_after), a row after another (each row's label came before its figures, one row a
    block, in the text so far): taken only when they are as many as those rows' cells, each row
    adds up, read column by column they do not add up to other values, and (七)总计 and 四、结转… keep the
    table's rules with the rows read before them (总计 the sum of the results; 一 + 二 = (七) + 四),
    which proves each of those rows its own figures. Into raw.cells; False when not taken."""
    n, n_cols = len(rows), len(t.app_columns)
    if len(figures) != n * n_cols or any(r.key is None for r in rows):
        return False
    by_rows = [figures[i * n_cols:(i + 1) * n_cols] for i in range(n)]
    columns = _in_order([list(column) for column in zip(*by_rows)])
    by_columns = _in_order([figures[j * n:(j + 1) * n] for j in range(n_cols)])
    if columns is None or (by_columns is not None and by_columns != columns):  # (all 0: the same)
        return False
    cells = dict(raw.cells)
    cells.update({row.key: {c.key: columns[j][i] for j, c in enumerate(t.app_columns)} for i, row in enumerate(rows)})
    value = lambda key, c: _nil_or_number(cells[key][c]) if key in cells else None
    for c in (c.key for c in t.app_columns):
        outcomes = [value(key, c) for key in t.outcome_keys]
        total, received, carried, carried_on = (value(k, c) for k in ("3.7", "1", "2", "4"))
        if None in (*outcomes, total, received, carried, carried_on) \
                or total != sum(outcomes) or received + carried != total + carried_on:
            return False
    raw.cells = cells
    return True


def _also_by_rows(figures: list[str], n: int, n_cols: int, columns: list[list[str]]) -> bool:
    """Whether the block's figures also add up read row by row (each run of n_cols a row), to
    other values than read column by column. Two labels the extractor put in one box, then each
    row's figures in turn, look the same as a page by columns; with few figures other than 0
    both readings can add up, and which one is right cannot be told."""
    if n < 2:
        return False
    rows = [figures[i * n_cols:(i + 1) * n_cols] for i in range(n)]
    if _in_order([list(col) for col in zip(*rows)]) is None:
        return False
    return any(rows[i] != [columns[j][i] for j in range(n_cols)] for i in range(n))


# A dash or slash prints a nil cell and takes a figure's place in the block: it counts 0 in the
# sums that prove the order, its cell stays blank. A word (无, 空) may be a piece of a group
# label on a line of its own ("(四)" / "无" / "法提供"): no proof.
_NIL_MARKS = frozenset(mark for mark in PLACEHOLDERS if not re.search(r"[\u4e00-\u9fff]", mark))


def _nil_or_number(cell: str) -> int | float | None:
    return 0 if nfkc(cell).strip() in _NIL_MARKS else parse_number(units.without_count_unit(cell))


def _in_order(columns: list[list[str]]) -> list[list[str]] | None:
    """The applicant columns with 总计 last, or None when the figures do not add up. The
    extractor keeps the six applicant columns in their order but may emit 总计 (a header merged
    over two rows) just before 其他: 总计 is the column, last or next to last, that is the sum of
    the six others in every row. (Should both be, they hold the same figures and the order is
    the same either way.)"""
    values = [[_nil_or_number(v) for v in column] for column in columns]
    if any(v is None for column in values for v in column):
        return None
    last = len(values) - 1

    def is_total(j: int) -> bool:
        return all(values[j][i] == sum(values[k][i] for k in range(len(values)) if k != j)
                   for i in range(len(values[0])))

    if is_total(last):
        return columns
    # Only rows whose two last figures differ tell the two orders apart; one such row proves
    # nothing (a misprinted 总计 beside an 其他 that happens to equal the sum of the rest reads
    # the same: one row printed a cell a line, PyMuPDF's default).
    telling = sum(values[last][i] != values[last - 1][i] for i in range(len(values[0])))
    if telling >= 2 and is_total(last - 1):
        return columns[:last - 1] + [columns[last], columns[last - 1]]
    return None


def proactive(lines: list[str], t: tpl.Template, by_columns: bool = True, alone: bool = False) -> Raw | None:
    """Table 二 in a text already shown to run column by column: the rows named in a block (in
    template order, with those left over from the block before) take its figures column by
    column, as many rows of one width as the figures fill exactly.

    Table 二 has no totals to prove a block, only its count of figures, so the table is read
    whole or not at all: figures in a block that names no row, or a block whose figures do not
    fill its rows, mean a figure went missing (a blank cell) or strayed into another block (the
    extractor's order of text boxes), and a block that happens to count right may hold it. Then
    every row is left unread.

    by_columns: whether table 三 showed that this text runs column by column (ColumnRaw). When it
    did not, a block of several rows of several columns is as likely row by row (two labels in
    one text box, then each row's figures in turn), and the table is left unread."""
    blocks = _blocks(lines, with_units=True)
    if not blocks:
        return None
    raw = Raw()
    pending: list = []
    proven = True
    for headed, figures, _ in blocks:
        text = _LABEL_NOTE.sub("", headed)  # a note after a label names rows it is not (湖北 2020)
        named = [row for row in t.proactive if row.key not in raw.cells and row not in pending
                 and any(squash(label) in text for label in tpl.PROACTIVE_ROW_LABELS[row.key])]
        rows = pending + named
        if not rows:
            # A row the template lacks, with its own figures and nothing else: none of them is a
            # template row's. Any other block that names no row holds figures astray.
            extra = [n for label, n in tpl.PROACTIVE_EXTRA_ROWS.items() if squash(label) in text]
            proven = proven and extra == [len(figures)]
            continue
        width = len(rows[0].columns)
        run = []
        for row in rows:
            if len(row.columns) != width:
                break
            run.append(row)
        n = len(run)
        if len(figures) != n * width or (n > 1 and width > 1 and not by_columns):
            proven = False
            pending = []
            continue
        for i, row in enumerate(run):
            # 采购总金额（元） among the labels before the row: its amount is in 元, not 万元.
            head = headed[:min((at for label in tpl.PROACTIVE_ROW_LABELS[row.key]
                                if (at := headed.find(squash(label))) >= 0), default=len(headed))]
            raw.cells[row.key] = {c.key: units.in_column(figures[j * n + i], c.kind, tpl.amount_unit(head))
                                  for j, c in enumerate(row.columns)}
        pending = rows[n:]
    if not proven:
        if alone:  # nothing shows the text runs by columns: the text reader's, as it was
            return None
        # Left unread, not handed to the text reader, which would take the figures after a
        # block's last label for that row's.
        return Raw(unread=[row.key for row in t.proactive])
    return raw if raw.cells else None


def single_row_proactive(lines: list[str], t: tpl.Template) -> Raw | None:
    """Table 二 of a text written one cell per line whose table 三 shows nothing about the order
    (cut off, or its blank cells left out): read only when each of its blocks is one row (or rows
    of one column each), a label then exactly its own figures, which is the row's order whichever
    way the text runs; None otherwise."""
    return proactive(lines, t, by_columns=False, alone=True)
