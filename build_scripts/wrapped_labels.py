"""Row labels of table 三 that a PDF's narrow label column cut into pieces on lines of their own,
joined again with the row's figures so that the text reader finds each row by its label.

Two layouts, as PDF text extractors write them:

- the figures on the line of the label's first piece (pypdf layout mode): figures_on_first_piece;
- the figures centred in the tall cell, on a line of their own among the pieces or after a middle
  one (pdftotext -layout, pdfplumber): figures_inside.

A join is made only where the words joined complete a row label of the template that the cut
runs through, so the figures are inside that label's cell. Anything else is left as it is, and the
line count stays (regions index lines).
"""
from __future__ import annotations

import functools
import re

from . import grid_tables, template as tpl
from .textnorm import NUMBER_PIECE, PLACEHOLDERS, line_starts, squash, squash_label, squash_lines

_DIGIT = re.compile(r"\d")
_WORD_OR_SPACE = re.compile(r"[\w\s]")

# What stands in a figure's place: a figure, or a mark typed for a nil cell (textnorm.PLACEHOLDERS
# made of dashes and slashes: "——" and "--" too, not only "—"; never a word such as 无).
_NIL_MARKS = sorted((p for p in PLACEHOLDERS if not _WORD_OR_SPACE.search(p)), key=lambda p: (-len(p), p))
_CELL = r"(?:[-+]?\d[\d,]*(?:\.\d+)?|" + "|".join(map(re.escape, _NIL_MARKS)) + ")"
_NIL_MARK_ENDS = "".join({p[-1] for p in _NIL_MARKS})
# A line of a label's piece and its row's figures ("5.要求行政机关确认或重新出   182  264 …", the
# rest of the label on the lines under it); a line of figures alone.
_LABEL_THEN_FIGURES = re.compile(rf"^(\s*)(\S.*?\S)(\s+{_CELL}(?:\s+{_CELL}){{1,}})\s*$")
_FIGURES_ONLY = re.compile(rf"^\s*{_CELL}(?:\s+{_CELL}){{1,}}\s*$")
# The line break before a line of words without a digit (textnorm.line_starts).
_BEFORE_WORDS = re.compile(r"\n(?=[^\S\n]*+[^\s\d][^\d\n]*+(?:\n|\Z))")


# A short piece at the start of a line, apart from the rest by a gap of two spaces or more
# ("三             3.危及“三安全一", "办   予公开       5.属于三类内部事"): a word of a merged label
# cell to the left of the row's label.
_LEADING_PIECE = re.compile(r"^(\s*)(\S{1,6}(?: \S{1,3})?)(\s{2,})(?=\S)")
# The same after the line break before a line (textnorm.line_starts); possessive, as no
# backtracking into a run of spaces or of other characters could match.
_LEADING_PIECE_LINE = re.compile(r"\n[^\S\n]*+\S{1,6}+(?: \S{1,3}+)?[^\S\n]{2,}+(?=\S)")


def group_pieces_apart(lines: list[str], t: tpl.Template) -> list[str]:
    """Table 三's lines without the pieces of the merged cells left of the row labels (三、本年度
    办理结果 printed a character a line, （三）不予公开 or （六）其他处理 cut in two) where they would
    run into a wrapped row label (pdftotext -layout, pdfplumber): a piece at the start of a line,
    apart from the rest, that is part of a group label of the template. (A line that is only such
    a piece, between the pieces of a row's label, is passed over by figures_inside.) The pieces give no figure and head no row; the line count stays (regions index lines)."""
    out = list(lines)
    for i, _ in line_starts(_LEADING_PIECE_LINE, lines):
        out[i] = _pieces_blanked(lines[i], _LEADING_PIECE, t.id)
    return out


@functools.lru_cache(maxsize=4096)  # pieces of labels repeat from report to report
def _of_a_group(piece: str, template_id: str) -> bool:
    """Whether `piece` (squashed) is part of a group label of table 三, not the whole of one."""
    return any(piece in g and piece != g for g in _group_labels_squashed(template_id))


def _without_group_words(line: str, template_id: str) -> str:
    """The line squashed, without the words at its start, apart from the rest, that are each a
    piece of a group label of table 三 (the merged cells beside a wrapped row label)."""
    words = line.split()
    while words and _of_a_group(words[0], template_id):
        words = words[1:]
    return squash(" ".join(words), normalized=True)


@functools.lru_cache(maxsize=4096)
def _group_piece_alone(piece: str, template_id: str) -> bool:
    """A line that is only a piece of a group label, found in no row's label ("他处理")."""
    return bool(piece) and _of_a_group(piece, template_id) and not any(piece in core for core in _data_cores(template_id))


def figures_on_first_piece(lines: list[str], t: tpl.Template) -> list[str]:
    """Table 三's lines with each wrapped label whole again: a line '<label piece> <figures>' is
    joined with the figure-free lines under it that complete a row label cut at the line's end
    (the fewest that do), the figures put after the whole label. Anything else is left as it is."""
    groups = _group_labels_squashed(t.id)
    out = list(lines)
    done = 0  # the lines before it are joined to a label already
    # Only a line with a line of words under it can hold a wrapped label's first piece; only one
    # whose last character may end a figure is one of label and figures. Empty lines between are
    # passed over: a page's end (its footer, form feed or running title, gone) may cut a label.
    for below, _ in line_starts(_BEFORE_WORDS, lines):
        if not below:
            continue
        i = below - 1
        while i > 0 and not lines[i].strip():  # the nearest line above that is not empty
            i -= 1
        end = lines[i].rstrip()[-1:]  # none when every line above is empty
        if i < done or not end or not (end.isdecimal() or end == "," or end in _NIL_MARK_ENDS):
            continue
        if m := _LABEL_THEN_FIGURES.match(lines[i]):
            head = squash(m.group(2), normalized=True)
            # A core cut at the line's end begins with one of the head's ends; none (a line of
            # figures alone, a whole label), and no line below can complete one.
            if not (near := _cores_begun_by_an_end(head, t.id)):
                continue
            # `bare`: the same lines without the words of merged group labels that begin them
            # (pdfplumber: "无法 相关政府信息", "结 公开"), taken only where the lines as printed
            # complete no label.
            # Eight lines of words at most: counted without the empty lines between them (the PDF
            # reader writes each line of a table drawn without rules as a paragraph of its own).
            rest, bare, joined, pieces = "", "", None, 0
            for k in range(i + 1, len(lines)):
                if _DIGIT.search(lines[k]):  # squashing takes away no digit
                    break
                piece = squash(lines[k], normalized=True)
                if not piece:
                    continue
                pieces += 1
                if pieces > 8 or len(rest) + len(piece) > 60:
                    break
                if not rest:
                    # A merged group label cut beside the row ("（六）其" / "他处理"): its end at the
                    # start of the next line is no part of the row's label.
                    piece = next((piece[len(g) - n:] for g in groups for n in range(1, len(g))
                                  if head.startswith(g[:n]) and piece.startswith(g[n:]) and len(piece) > len(g) - n), piece)
                rest += piece
                bare += _without_group_words(lines[k], t.id)
                for text in dict.fromkeys((rest, bare)):  # bare tried only where it differs
                    whole = head + squash(text, normalized=True)
                    if any(0 <= (at := whole.find(core)) < len(head) < at + len(core) for core in near):
                        joined, rest = k, text
                        break
                if joined is not None:
                    break
            if joined is not None:
                # The line count stays (regions index lines).
                out[i:joined + 1] = [f"{m.group(1)}{m.group(2)}{rest}{m.group(3)}", *[""] * (joined - i)]
                done = joined + 1
    return out


def figures_inside(lines: list[str], t: tpl.Template) -> list[str]:
    """_figures_inside; then, where the lines as printed complete no label, the same without the
    pieces of group labels that begin lines a single space from a wrapped row label (a narrow
    label column: "（三）不 1.属于国家秘" / figures / "予公开 密"). The pieces give no figure and
    head no row: only the lines of a label joined so are taken without them."""
    joined = _figures_inside(lines, t)
    bare = [_pieces_blanked(line, _LEADING_WORD, t.id) for line in joined]
    # Only pieces among the rows (not the header's "法 律 服" above them) before a label's words
    # may join a label: not before a whole row ("(三) 不予公开 1.属于国家秘密 596 …"), nor before
    # another piece only (三、本年度办理结果 a word a line: "年 度", "办 理").
    first_row = next((k for k, line in enumerate(joined) if _LABEL_THEN_FIGURES.match(line) or _FIGURES_ONLY.match(line)),
                     len(joined))
    if all(b is j or _LABEL_THEN_FIGURES.match(j) or _of_a_group(squash(b, normalized=True), t.id)
           for b, j in zip(bare[first_row:], joined[first_row:])):
        return joined
    again = _figures_inside(bare, t)
    return [after if after != before else line for line, before, after in zip(joined, bare, again)]


# A word at the start of a line, a single space or more from the rest ("（三）不 1.属于国家秘").
_LEADING_WORD = re.compile(r"^(\s*)(\S{1,6})(\s+)(?=\S)")


def _pieces_blanked(line: str, leading: re.Pattern, template_id: str) -> str:
    """The line with the words at its start (`leading`: _LEADING_PIECE or _LEADING_WORD) that are
    each a piece of a group label of table 三 written over with spaces (every other character stays
    where it stood)."""
    while (m := leading.match(line)) and _word_of_a_group(m.group(2), template_id):
        line = m.group(1) + " " * (len(m.group(2)) + len(m.group(3))) + line[m.end():]
    return line


@functools.lru_cache(maxsize=4096)  # the first words of lines repeat from report to report
def _word_of_a_group(word: str, template_id: str) -> bool:
    return _of_a_group(squash(word, normalized=True), template_id)


def _figures_inside(lines: list[str], t: tpl.Template) -> list[str]:
    """Table 三's lines with each label whose figures a tall cell centres whole again: the label
    cut into pieces on lines of their own, the row's figures on a line of their own among them or
    after one of the middle pieces (pdftotext -layout, pdfplumber). The pieces from a line that
    begins a row label to the line that ends it are joined, the figures put after the whole label,
    when the label goes on past the figures: they are inside its cell, so they are its row's.
    Anything else is left as it is (the line count stays: regions index lines)."""
    squashed = squash_lines(lines)
    has_figures = [bool(NUMBER_PIECE.search(line)) for line in lines]
    # Each line as one character (F: figures, W: words only, space: empty), so that the lines
    # where a window may start are found by one regex rather than a loop over the lines.
    kinds = "".join([("F" if figures else "W") if line else " " for line, figures in zip(squashed, has_figures)])
    out = list(lines)
    done = 0  # the lines before it are joined to a label already
    for start in _WINDOW_START.finditer(kinds):
        i = start.start()
        first = squashed[i]
        if i < done or not (begun := _cores_going_on(first, t.id)):
            continue
        before, piece_at_figures, after, figures, seen, apart = first, "", "", None, 0, []
        joined = None
        for k in range(i + 1, len(lines)):
            if not squashed[k]:
                continue
            if _group_piece_alone(squashed[k], t.id):  # "他处理" of （六）其他处理, cut beside the row
                apart.append(k)
                continue
            seen += 1
            if seen > 8:
                break
            if has_figures[k]:
                text = lines[k]
                alone = _FIGURES_ONLY.match(text)
                m = None if alone else _LABEL_THEN_FIGURES.match(text)
                if figures is not None or not (m or alone):
                    break
                piece_at_figures, figures = (squash(m.group(2), normalized=True), m.group(3)) if m else ("", " " + text.strip())
                # Only a core that begins in the first line and runs on past the figures can join
                # the window (_cores_going_on): none, and no line after them will.
                begun = _cores_going_on(before + piece_at_figures, t.id, len(first))
                if not begun:
                    break
            elif figures is None:
                before += squashed[k]
            else:
                after += squashed[k]
            if len(before) + len(piece_at_figures) + len(after) > 80:
                break  # longer than any label
            if after:  # the label goes on past its figures (else nothing to join)
                cut = len(before) + len(piece_at_figures)
                whole = before + piece_at_figures + after
                if any(0 <= (at := whole.find(core)) < len(first) and at < cut < at + len(core) for core in begun):
                    joined = k
                    break
        if joined is not None:
            indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
            label = "".join(NUMBER_PIECE.sub("", lines[k]).strip() if has_figures[k] else lines[k].strip()
                            for k in range(i, joined + 1) if k not in apart)
            # The group's pieces stay, before the row; the line count stays (regions index lines).
            out[i:joined + 1] = [*(lines[k] for k in apart), f"{indent}{label}{figures}", *[""] * (joined - i - len(apart))]
            done = joined + 1
    return out


# In the lines' kinds (figures_inside): a line of words where a window may start, with figures
# below it (after more lines of words, or none) and words below those (the label going on).
_WINDOW_START = re.compile(r"W(?=[W ]*F *W)")


@functools.lru_cache(maxsize=4096)  # lines of labels repeat from report to report
def _cores_going_on(text: str, template_id: str, within: int | None = None) -> tuple[str, ...]:
    """The row cores of table 三 that may begin in a (squashed) text, within its first `within`
    characters, and go on past its end: those that begin with one of its ends. (Figures inside a
    label are joined only where its core runs on over them from its first line: a core found
    whole inside that line, or inside the lines up to the figures, never does.)"""
    return _cores_begun_by_an_end(text, template_id, within)


def _cores_begun_by_an_end(text: str, template_id: str, within: int | None = None) -> tuple[str, ...]:
    """_cores_going_on uncached, for texts that seldom repeat (a label's head before figures)."""
    by_beginning = _cores_by_beginning(template_id)
    end = len(text) if within is None else min(within, len(text))
    return tuple(core for j in range(max(0, len(text) - _longest_core(template_id)), end)
                 for core in by_beginning.get(text[j:], ()))


@functools.lru_cache(maxsize=None)
def _cores_by_beginning(template_id: str) -> dict[str, tuple[str, ...]]:
    """Table 三's row cores by each of their beginnings short of the whole core."""
    out: dict[str, list[str]] = {}
    for core in (core for row in grid_tables.row_cores(template_id) for core in row):
        for n in range(1, len(core)):
            out.setdefault(core[:n], []).append(core)
    return {start: tuple(dict.fromkeys(cores)) for start, cores in out.items()}


@functools.lru_cache(maxsize=None)
def _longest_core(template_id: str) -> int:
    return max(len(core) for row in grid_tables.row_cores(template_id) for core in row)


@functools.lru_cache(maxsize=None)
def _group_labels_squashed(template_id: str) -> tuple[str, ...]:
    return tuple(squash_label(row.label) for row in tpl.get(template_id).app_rows if row.key is None)


@functools.lru_cache(maxsize=None)
def _data_cores(template_id: str) -> tuple[str, ...]:
    t = tpl.get(template_id)
    return tuple(squash_label(core) for row in t.app_rows if row.key is not None for core in tpl.row_cores(row))
