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
from .textnorm import NUMBER_PIECE, squash, squash_label, squash_lines

_DIGIT = re.compile(r"\d")

# A line of a label's piece and its row's figures ("5.要求行政机关确认或重新出   182  264 …", the
# rest of the label on the lines under it); a line of figures alone.
_LABEL_THEN_FIGURES = re.compile(r"^(\s*)(\S.*?\S)(\s+(?:[-+]?\d[\d,]*(?:\.\d+)?|[-—/])(?:\s+(?:[-+]?\d[\d,]*(?:\.\d+)?|[-—/])){1,})\s*$")
_FIGURES_ONLY = re.compile(r"^\s*(?:[-+]?\d[\d,]*(?:\.\d+)?|[-—/])(?:\s+(?:[-+]?\d[\d,]*(?:\.\d+)?|[-—/])){1,}\s*$")


# A short piece at the start of a line, apart from the rest by a gap of two spaces or more
# ("三             3.危及“三安全一", "办   予公开       5.属于三类内部事"): a word of a merged label
# cell to the left of the row's label.
_LEADING_PIECE = re.compile(r"^(\s*)(\S{1,6}(?: \S{1,3})?)(\s{2,})(?=\S)")


def group_pieces_apart(lines: list[str], t: tpl.Template) -> list[str]:
    """Table 三's lines without the pieces of the merged cells left of the row labels (三、本年度
    办理结果 printed a character a line, （三）不予公开 or （六）其他处理 cut in two) where they would
    run into a wrapped row label (pdftotext -layout, pdfplumber): a piece at the start of a line,
    apart from the rest, that is part of a group label of the template. (A line that is only such
    a piece, between the pieces of a row's label, is passed over by figures_inside.) The pieces give no figure and head no row; the line count stays (regions index lines)."""
    out = []
    for line in lines:
        while (m := _LEADING_PIECE.match(line)) and _of_a_group(squash(m.group(2), normalized=True), t.id):
            line = m.group(1) + " " * (len(m.group(2)) + len(m.group(3))) + line[m.end():]
        out.append(line)
    return out


@functools.lru_cache(maxsize=4096)  # pieces of labels repeat from report to report
def _of_a_group(piece: str, template_id: str) -> bool:
    """Whether `piece` (squashed) is part of a group label of table 三, not the whole of one."""
    return any(piece in g and piece != g for g in _group_labels_squashed(template_id))


@functools.lru_cache(maxsize=4096)
def _group_piece_alone(piece: str, template_id: str) -> bool:
    """A line that is only a piece of a group label, found in no row's label ("他处理")."""
    return bool(piece) and _of_a_group(piece, template_id) and not any(piece in core for core in _data_cores(template_id))


def figures_on_first_piece(lines: list[str], t: tpl.Template) -> list[str]:
    """Table 三's lines with each wrapped label whole again: a line '<label piece> <figures>' is
    joined with the figure-free lines under it that complete a row label cut at the line's end
    (the fewest that do), the figures put after the whole label. Anything else is left as it is."""
    cores = [core for row in grid_tables.row_cores(t.id) for core in row]
    groups = _group_labels_squashed(t.id)
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        # Only a line with a line of words under it can hold a wrapped label's first piece.
        below = lines[i + 1].strip() if i + 1 < len(lines) else ""
        m = _LABEL_THEN_FIGURES.match(line) if below and not _DIGIT.search(below) else None
        if m:
            head = squash(m.group(2), normalized=True)
            rest, joined = "", None
            for k in range(i + 1, min(i + 9, len(lines))):
                piece = squash(lines[k], normalized=True)
                if not piece or _DIGIT.search(piece) or len(rest) + len(piece) > 60:
                    break
                if not rest:
                    # A merged group label cut beside the row ("（六）其" / "他处理"): its end at the
                    # start of the next line is no part of the row's label.
                    piece = next((piece[len(g) - n:] for g in groups for n in range(1, len(g))
                                  if head.startswith(g[:n]) and piece.startswith(g[n:]) and len(piece) > len(g) - n), piece)
                rest += piece
                whole = head + squash(rest, normalized=True)
                if any(0 <= (at := whole.find(core)) < len(head) < at + len(core) for core in cores):
                    joined = k
                    break
            if joined is not None:
                out.append(f"{m.group(1)}{m.group(2)}{rest}{m.group(3)}")
                out.extend("" for _ in range(i + 1, joined + 1))  # the line count stays (regions index lines)
                i = joined + 1
                continue
        out.append(line)
        i += 1
    return out


def figures_inside(lines: list[str], t: tpl.Template) -> list[str]:
    """Table 三's lines with each label whose figures a tall cell centres whole again: the label
    cut into pieces on lines of their own, the row's figures on a line of their own among them or
    after one of the middle pieces (pdftotext -layout, pdfplumber). The pieces from a line that
    begins a row label to the line that ends it are joined, the figures put after the whole label,
    when the label goes on past the figures: they are inside its cell, so they are its row's.
    Anything else is left as it is (the line count stays: regions index lines)."""
    by_start = _cores_by_start(t.id)
    squashed = squash_lines(lines)
    has_figures = [bool(NUMBER_PIECE.search(line)) for line in lines]
    # For each line: the next line with figures, and whether words follow that line (a label
    # going on past its figures): no other window can be joined.
    next_figures, words_after = [None] * len(lines), [False] * len(lines)
    figures_below = filled_below = None
    for k in range(len(lines) - 1, -1, -1):
        next_figures[k] = figures_below
        if squashed[k]:
            if has_figures[k]:
                words_after[k] = filled_below is not None and not has_figures[filled_below]
                figures_below = k
            filled_below = k
    out: list[str] = []
    i = 0
    while i < len(lines):
        line, first = lines[i], squashed[i]
        joined = None
        # Only a line of words in which a row label begins, with figures below it and words below those.
        fig = next_figures[i]
        begun = None  # the cores that begin in the line, listed once the label goes on past its figures
        if (first and not has_figures[i] and fig is not None and words_after[fig]
                and any(first[j:j + 2] in by_start for j in range(len(first)))):
            before, piece_at_figures, after, figures, seen, apart = first, "", "", None, 0, []
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
                elif figures is None:
                    before += squashed[k]
                else:
                    after += squashed[k]
                if len(before) + len(piece_at_figures) + len(after) > 80:
                    break  # longer than any label
                if after:  # the label goes on past its figures (else nothing to join)
                    cut = len(before) + len(piece_at_figures)
                    whole = before + piece_at_figures + after
                    if begun is None:
                        begun = [core for j in range(len(first)) for core in by_start.get(first[j:j + 2], ())]
                    if any(0 <= (at := whole.find(core)) < len(first) and at < cut < at + len(core) for core in begun):
                        joined = k
                        break
        if joined is not None:
            indent = line[: len(line) - len(line.lstrip())]
            label = "".join(NUMBER_PIECE.sub("", lines[k]).strip() if has_figures[k] else lines[k].strip()
                            for k in range(i, joined + 1) if k not in apart)
            out.extend(lines[k] for k in apart if k < joined)  # the group's piece stays, before the row
            out.append(f"{indent}{label}{figures}")
            out.extend("" for _ in range(i + 1 + len([k for k in apart if k < joined]), joined + 1))
            i = joined + 1
            continue
        out.append(line)
        i += 1
    return out


@functools.lru_cache(maxsize=None)
def _cores_by_start(template_id: str) -> dict[str, tuple[str, ...]]:
    """Table 三's row cores by their first two characters, and by their first alone (a label
    that begins with the last character of a line)."""
    out: dict[str, list[str]] = {}
    for core in (core for row in grid_tables.row_cores(template_id) for core in row):
        out.setdefault(core[:2], []).append(core)
        out.setdefault(core[:1], []).append(core)
    return {start: tuple(dict.fromkeys(cores)) for start, cores in out.items()}


@functools.lru_cache(maxsize=None)
def _group_labels_squashed(template_id: str) -> tuple[str, ...]:
    return tuple(squash_label(row.label) for row in tpl.get(template_id).app_rows if row.key is None)


@functools.lru_cache(maxsize=None)
def _data_cores(template_id: str) -> tuple[str, ...]:
    t = tpl.get(template_id)
    return tuple(squash_label(core) for row in t.app_rows if row.key is not None for core in tpl.row_cores(row))
