"""Text normalisation shared by the parser: a matching stream in which labels broken by spaces
or line breaks read whole again while the whitespace that separates numbers and cells is kept,
and the number syntax of rules.md."""
from __future__ import annotations

import functools
import re
import unicodedata

from .template import COUNT_UNITS

_QUOTE_CHARS = "\"'“”‘’「」『』"
_QUOTES = re.compile(f"[{_QUOTE_CHARS}]")
# Whitespace next to a digit, sign or placeholder separates cells; anywhere else it only breaks
# a label ("结果 维持", "三、本\n\n年 度", "1. 属于").
# So does whitespace after a figure printed with its unit ("3件⏎二、…"): the unit ends the cell.
_KEEP = r"\d+\-−—–/\\"
_UNIT = f"[{''.join(COUNT_UNITS)}]"
_BREAK_AFTER = rf"(?=[^\s{_KEEP}])"
# Such a run holding a tab is looked at (_drop_space); one without is dropped, in C. The runs
# are whole ones either way, each with the neighbours it had in the text.
# (The first space of a run, its tab or a space before one, is matched before the looks behind,
# which then take it in: the regex engine skips to spaces instead of looking behind at every
# character.)
_SPACES_WITH_TAB = re.compile(rf"\s(?<=[^\s{_KEEP}]\s)(?<!\d{_UNIT}\s)(?:(?<=\t)\s*|[^\S\t]*\t\s*){_BREAK_AFTER}")
# What agencies type into a cell that has no figure.
PLACEHOLDERS = {"-", "—", "–", "−", "/", "\\", "无", "--", "——", "/ ", "空"}
# A word typed into a cell after a tab, or a space after a figure ("⇥无⏎", "8936 无⏎") ends its
# cell too: it is not run into the next line's words. ("(四) 无⏎法提供" is a label cut in two.)
_WORD_CELL_END = "".join(sorted(p for p in PLACEHOLDERS if len(p) == 1 and p.isalpha()))
_SPACES_WITHOUT_TAB = re.compile(rf"[^\S\t](?<=[^\s{_KEEP}][^\S\t])(?<!\d{_UNIT}[^\S\t])(?<!\t[{_WORD_CELL_END}][^\S\t])"
                                 rf"(?<![{_KEEP}] [{_WORD_CELL_END}][^\S\t])[^\S\t]*{_BREAK_AFTER}")

NUMBER = re.compile(r"[+\-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
# A number standing on its own between spaces (a figure among words).
# (Its first character matched before the look behind, as NUMBER's would be: the regex engine
# skips to signs and digits instead of looking behind at every character.)
NUMBER_PIECE = re.compile(r"[+\-\d](?<!\S[+\-\d])(?:(?<=[+\-])(?:\d{1,3}(?:,\d{3})+|\d+)|(?<=\d)(?:\d{0,2}(?:,\d{3})+|\d*))"
                          r"(?:\.\d+)?(?!\S)")
# A first character that no number can start with, even after NFKC: CJK, CJK punctuation, and
# ASCII other than digits and signs.
_NOT_A_NUMBER_START = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\x21-\x2a\x2c\x2e-\x2f\x3a-\x7e]")

PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
# PAGE_NUMBER_LINE for every line of a text at once (page_numbers.footer_lines, line_starts): from
# the line break before a line to its end, over no other.
PAGE_NUMBER_LINES = re.compile("\n" + PAGE_NUMBER_LINE.pattern[1:-1].replace(r"\s", r"[^\S\n]") + r"(?=\n|\Z)")
# A line that is nothing but an address; ASCII only, so that a printed line which merely starts
# with a link ("<http://…>）下载。如有疑问…") is kept.
URL_LINE = re.compile(r"^\s*<?https?://[\x21-\x7e]+>?\s*$")


# The characters that keep most Chinese text from being in NFKC already: full-width forms of ASCII
# (（，：１２) and the ideographic space, each with its NFKC form.
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_FULL_WIDTH_NFKC = {chr(cp): unicodedata.normalize("NFKC", chr(cp)) for cp in [*range(0xFF01, 0xFF5F), 0x3000]}
# The full-width marks nearly every Chinese text prints, and the no-break space of web pages
# (&nbsp;): folded first, by str's own search for each, a text seldom holds another form to
# fold, and is_normalized tells so without the regex search for them all, which looks at every
# character of the text.
_COMMON_FOLDS = {**{char: _FULL_WIDTH_NFKC[char] for char in "，（）：；"}, "\u00a0": " "}
_COMMON_FOLDABLE = re.compile(f"[{re.escape(''.join(_COMMON_FOLDS))}]")


def replace_each(text: str, found: re.Pattern, by: dict[str, str]) -> str:
    """Each character `found` finds in `text` (one of `by`'s keys) replaced by by[character], each
    distinct one at once (a report holds a few kinds, many times each: faster than str.translate,
    which looks up every character, or a callback per match). No replacement may be one `found`
    finds."""
    if len(by) <= 16:  # a few characters: str's own search for each beats a regex over the text
        for char, replacement in by.items():
            if char in text:
                text = text.replace(char, replacement)
        return text
    # The first character left found, replaced everywhere, then the search goes on from where it
    # stood (the text before it is unchanged): a search per distinct character, rather than a
    # list of every occurrence (hundreds of full-width commas in a report) made into a set.
    m = found.search(text)
    while m:
        char = m.group()
        text = text.replace(char, by[char])
        m = found.search(text, m.start())
    return text


def line_starts(pattern: re.Pattern, lines: list[str]):
    """(index of the line, match) for each line at whose start `pattern` matches: a pattern that
    begins with the line break before the line (one is put before the first line) and runs over
    no other. The regex engine skips from line break to line break, where it tries a pattern that
    begins with (?m)^, or with a class of characters, at every character: several times slower."""
    text = "\n" + "\n".join(lines)
    line, at = 0, 0
    for m in pattern.finditer(text):
        line += text.count("\n", at, m.start())
        at = m.start()
        yield line, m


# A footnote's mark right after a figure (250¹, 250₁, 250①): NFKC would make it a digit of the
# figure (2501); it becomes "^", which no figure holds, so the cell is refused, not misread.
_MARK_AFTER_DIGIT = re.compile("(?<=[0-9\uff10-\uff19])[\u00b9\u00b2\u00b3\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2473]")


def nfkc(text: str) -> str:
    # ASCII is already in NFKC; most cells and tokens are ASCII, and this is called for each one.
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text  # no footnote mark either: NFKC changes every one
    # Folding the full-width forms first, then checking, is several times faster than
    # normalising a whole report; the result is the same (their compatibility mappings are the
    # ASCII characters put in their place). The folding leaves the footnote marks, and which
    # of them follow a digit, as they were: they need looking for only when something is left
    # to normalise (a mark is), not in most Chinese text, whose full-width forms were all.
    # The common forms first: most texts hold no other.
    folded = replace_each(text, _COMMON_FOLDABLE, _COMMON_FOLDS)
    if unicodedata.is_normalized("NFKC", folded):
        return folded
    folded = replace_each(folded, _FULL_WIDTH, _FULL_WIDTH_NFKC)
    if unicodedata.is_normalized("NFKC", folded):
        return folded
    folded = _MARK_AFTER_DIGIT.sub("^", folded)
    return folded if unicodedata.is_normalized("NFKC", folded) else unicodedata.normalize("NFKC", folded)


# A word typed into a cell that has no figure (无, 空): a cell of its own between tabs.
_WORD_PLACEHOLDERS = "|".join(p for p in PLACEHOLDERS if not p.isascii() and p.isalpha())
_WORD_CELL_AFTER = re.compile(rf"(?:{_WORD_PLACEHOLDERS})(?=\s|$)")
_WORD_CELL_BEFORE = re.compile(rf"(?:^|\s)(?:{_WORD_PLACEHOLDERS})$")


def _drop_space(m: re.Match) -> str:
    # Tabs that run into a line break are the empty cells at the end of a row ("行政许可⇥⇥⇥"):
    # kept, so that the row still reads as a row of empty cells rather than running on into
    # the next line. So are tabs beside a cell that holds only 无 or 空: joined to a label or
    # to another such cell ("数量无", "无无") it would no longer be a cell.
    run = m.group(0)
    if "\n" in run or _WORD_CELL_AFTER.match(m.string, m.end()):
        return run
    start = m.start()
    return run if _WORD_CELL_BEFORE.search(m.string, max(0, start - 2), start) else ""


def stream(text: str, normalized: bool = False) -> str:
    """The matching form of a stretch of text: NFKC, no quotes, whitespace removed inside
    labels and kept around numbers (tabs included, so cells can still be told apart).
    normalized=True: the text is in NFKC already."""
    text = _without_quotes(text if normalized else nfkc(text))
    # The runs with a tab first, judged in the text as it is; dropping one leaves the neighbours
    # of every other run as they were (it stood between two characters that are no digit).
    if "\t" in text:
        text = _SPACES_WITH_TAB.sub(_drop_space, text)
    return _SPACES_WITHOUT_TAB.sub("", text)


def _without_quotes(text: str) -> str:
    # A regex looks at every character: one call is the faster for a label, str's own search for
    # each quote, several times faster, for a long text.
    if len(text) < 100:
        return _QUOTES.sub("", text) if _QUOTES.search(text) else text
    for quote in _QUOTE_CHARS:
        if quote in text:
            text = text.replace(quote, "")
    return text


def squash(text: str, normalized: bool = False) -> str:
    """All whitespace (and quotes) removed: for comparing labels. normalized=True: the text is in
    NFKC already."""
    # str.split() splits at the whitespace \s matches (str.isspace), several times faster than
    # a regex that asks of each character whether it is a space.
    text = text if normalized else nfkc(text)
    if len(text) < 200:
        return _without_quotes("".join(text.split()))
    # A long text (a whole report): spaces, line breaks and tabs, most of its whitespace, removed
    # by str.replace, without cutting it into its words; any other whitespace is unprintable
    # (as ' ' alone is not), so only then is it split.
    text = text.replace(" ", "").replace("\n", "").replace("\t", "")
    return _without_quotes(text if text.isprintable() else "".join(text.split()))


def squash_lines(lines: list[str]) -> list[str]:
    """squash(line, normalized=True) of each line, the whole text at once."""
    # Spaces and tabs, most of the whitespace, are removed by str.replace; any other is
    # unprintable, as few other characters are: only then is every character looked at.
    text = _without_quotes("\n".join(lines)).replace(" ", "").replace("\t", "")
    if not text.replace("\n", "").isprintable():
        text = _SPACES_BUT_LINE_BREAKS.sub("", text)
    squashed = text.split("\n")
    if len(squashed) != len(lines):  # a line that holds a line break
        return [squash(line, normalized=True) for line in lines]
    return squashed


_SPACES_BUT_LINE_BREAKS = re.compile(r"[^\S\n]+")


def nfkc_lines(lines: list[str]) -> list[str]:
    """NFKC of each line, in one call for the whole text (much faster than line by line)."""
    joined = "\n".join(lines)
    normalized = nfkc(joined).split("\n")
    # NFKC neither makes nor removes line breaks; should some character ever do so, go line by line.
    return normalized if len(normalized) == len(lines) else [nfkc(line) for line in lines]


_PUNCT_CHARS = ":：,，.。、;；\"'“”‘’()（）[]【】<>《》*＊_-—–"
_PUNCT = re.compile(f"[\\s{re.escape(_PUNCT_CHARS)}]+")


def label_key(text: str) -> str:
    """A label for comparing with the template's: no spaces, quotes or punctuation."""
    text = squash(text)  # no whitespace left
    # A regex looks at every character: one call is the faster for a label, str's own search for
    # each mark, twice as fast, for a long text (a whole table's words).
    if len(text) < 200:
        return _PUNCT.sub("", text)
    for mark in _PUNCT_CHARS:
        if mark in text:
            text = text.replace(mark, "")
    return text


# A footnote's mark printed after a label: Word's footnote reference ([1]), a superscript figure
# (the readers write <sup>2</sup> as "^2"), *, ※, ①. No template label holds any of these. A
# superscript figure right before an item's number ("^2" + "1.属于国家秘密", label cells joined)
# leaves that number be.
_FOOTNOTE_MARK = re.compile(r"\^(?:\d\d(?![.、．])|\d)|[\[［【]\d{1,2}[\]］】]|[*＊※\u2460-\u2473]")


def without_footnote_marks(label: str) -> str:
    """A label cell's text without the footnote marks printed with it (规章[1], 总计*)."""
    return _FOOTNOTE_MARK.sub("", label)


@functools.lru_cache(maxsize=1024)
def squash_label(label: str) -> str:
    """squash() of a template label or row core, computed once per label."""
    return squash(label)


# A change written with a word for its sign (本年增/减 "减4", "增加2"), as some 2019-template
# tables print it: the sign the word names, never the bare figure (which would be the opposite
# change for 减).
_WORD_SIGNED = re.compile(r"(增加|增|减少|减)\s*(\d+)")


def parse_number(token: str) -> int | float | None:
    """`0`, `12`, `12.35`, `+4`, `-1`, `１２`, `1,234`, `减4` → int (float when written with
    decimals); None if not a number."""
    if token.isdigit() and token.isascii():  # the common case: a plain count
        return int(token)
    token = token.strip()
    if token[:1] in "增减":
        signed = _WORD_SIGNED.fullmatch(nfkc(token))
        if signed:
            return -int(signed.group(2)) if signed.group(1).startswith("减") else int(signed.group(2))
    if not token or _NOT_A_NUMBER_START.match(token):  # words and labels, without normalising them
        return None
    token = nfkc(token).strip().replace("\u2212", "-")  # U+2212 MINUS SIGN (NFKC keeps it)
    if not NUMBER.fullmatch(token):
        return None
    token = token.replace(",", "")
    return float(token) if "." in token else int(token)


# A figure with its thousands grouped by spaces ("12 521"), as NUMBER groups them by commas.
_SPACE_GROUPED = re.compile(r"[+\-]?\d{1,3}(?: \d{3})+(?:\.\d+)?")


# In a text stream: figures that may be one figure with its thousands grouped by spaces, or
# cells apart ("9 685": 9685, or 9 and 685), whole (a run of groups, "12 345 678"); not the
# groups after a longer figure ("2023 100": no thousands so), nor after a 0 ("0 012": a figure's
# first group never starts with 0; a 0 cell, then cells a capture ran together).
SPACED_GROUPS = re.compile(r"(?<![\d.,])(?<!\d{4} )[+\-]?[1-9]\d{0,2}(?: \d{3})+(?:\.\d+)?(?![\d.,])")
# A group no figure of its own is printed as (a leading 0, "1 034"), after one that may start a
# figure: the text groups thousands by spaces. Not "000": zero cells a capture ran together
# ("1 000 0 1", parsing._cells_run_together).
_LEADING_ZERO_GROUP = re.compile(r"(?<![\d.,])(?<!\d{4} )[1-9]\d{0,2}(?: \d{3})* 0(?!00)\d\d(?![\d.,])")
# A figure of four digits or more standing alone, not a year (2023): printed without groups.
_UNGROUPED_FIGURE = re.compile(r"(?<!\S)(?!(?:19|20)\d\d(?!\d))\d{4,}(?:\.\d+)?(?!\S)")


# The figures that end a line, standing apart.
_LINE_END_FIGURES = re.compile(r"(?:(?<=\s)|^)\d+(?:[^\S\n]+\d+)*[^\S\n]*$", re.M)


def groups_thousands_by_spaces(text: str, cells: tuple[int, ...] = ()) -> bool:
    """Whether a text stream prints figures with their thousands grouped by spaces: no figure of
    four digits printed whole (where there is, "2 003" is a figure that a narrow cell broke), and
    a group with a leading 0 after a figure's first digits ("1 034", "12 005 300"), or a line
    ending in more figures than a row has `cells`, exactly as many when its groups are joined."""
    if _UNGROUPED_FIGURE.search(text):
        return False
    if _LEADING_ZERO_GROUP.search(text):
        return True
    for m in _LINE_END_FIGURES.finditer(text):
        figures = m.group(0)
        if SPACED_GROUPS.search(figures) \
                and len(SPACED_GROUPS.sub(lambda g: g.group(0).replace(" ", ""), figures).split()) in cells:
            return True
    return False


def cell_figure(text: str) -> str:
    """A table cell's text with the spaces of a figure's thousands dropped ("12 521" → "12521"):
    a cell holds one value, so the groups are one figure. Only for the text of one cell: in a text
    stream a space separates cells, and "1 234" may be two figures."""
    if not text[-1:].isdigit():  # most cells with a space: a label's words
        return text
    return text.replace(" ", "") if _SPACE_GROUPED.fullmatch(text) else text


def is_placeholder(token: str) -> bool:
    return nfkc(token).strip() in PLACEHOLDERS
