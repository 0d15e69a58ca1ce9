"""A report page saved from a government website (.html) → report text.

The encoding is taken from a byte-order mark, then the page's own declaration (meta charset or
the XML declaration), then detected from the bytes (decoding.py); GB2312/GBK pages are read as
GB18030, their superset. Only the report is read, not the site around it: the content block is
the smallest element holding the report's title and its statistics tables, read from the title
on; navigation, headers, footers, menus, breadcrumbs, link lists, share/print bars and the
"发布时间/来源/浏览次数" lines inside it are left out. Tables are expanded through their
rowspan/colspan into tab-separated rows with the covered cells empty.
"""
from __future__ import annotations

import codecs
import functools
import re

from lxml import etree

from .. import decoding
from ..textnorm import cell_figure, squash
from .. import page_meta, script, template as tpl
from ..grid import Grid
from ._layout import Document, join_pieces

_DECLARED = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "gb_2312-80": "gb18030",
            "csgb2312": "gb18030", "euc-cn": "gb18030", "big5": "big5hkscs", "unicode": "utf-16", "utf8": "utf-8"}


class _NameWords:
    """A pattern (in lower case) of words of class and id names, matched in any case. Names are
    nearly always ASCII, searched lower-cased without IGNORECASE, under which the regex engine
    tries every branch at every character instead of skipping ahead to a branch's first letter;
    other names are searched with it, whose case folding goes beyond ASCII (K, ſ, ı)."""

    def __init__(self, pattern: str):
        self.lower, self.any_case = re.compile(pattern), re.compile(pattern, re.I)

    def search(self, names: str) -> re.Match | None:
        return self.lower.search(names.lower()) if names.isascii() else self.any_case.search(names)


# Never part of the text.
_DROP = {"script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "svg", "math",
         "select", "option", "button", "input", "textarea", "head", "title", "meta", "link", "base", "map", "canvas",
         "audio", "video", "img"}
_BLOCK = {"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl",
          "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
          "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
          "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption", "legend"}
_CHROME_TAGS = {"nav", "aside", "header", "footer", "menu"}
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar", "complementary"}
# Class or id words of site chrome: anywhere in the names, or as a whole word of them (the words
# of class="a b" id="c_d" are split by spaces, _ and -). Searched in the names as one string: a
# word's edges are looked around for, not the names split.
_CHROME_PART = _NameWords(r"nav|menu|breadcrumb|crumb|footer|copyright|sidebar|pagination|friendlink|share|"
                          r"qrcode|toolbar|dqwz|weizhi|skip")
_CHROME_WORD = _NameWords(r"(?<![^\s_\-])(?:head|header|topbar|foot|banner|logo|links?|search|login|print|position|"
                          r"location|related|relevant|xgwz|xglj|tools?|ewm|wza)(?![^\s_\-])")
_INFO_BOX = "索引号"
# Each branch starts with a character, which lets the regex engine skip ahead to one (a group
# first does not: it tries the pattern at every position).
_META = re.compile(r"发布(?:时间|日期|机构|单位)\s*[:：]|信息来源\s*[:：]|来源\s*[:：]|浏览(?:次数|量)\s*[:：]|"
                   r"点击(?:数|率|量|次数)\s*[:：]|阅读(?:数|量|次数)\s*[:：]|访问量\s*[:：]|字号\s*[:：]|字体\s*[:：]|"
                   r"【\s*(?:打印|关闭|大|中|小|收藏)|打印本页|关闭窗口|分享到|扫一扫")
# What every match of _META holds: a text with none of them is not searched.
_META_MARKS = (":", "：", "【", "打印本页", "关闭窗口", "分享到", "扫一扫")
# A page's own date stamp over the article ("时间：2022-02-08 16:34"), not a line of the report.
_DATE_STAMP = re.compile(r"^(?:时间|日期)[:：]\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\d{1,2}:\d{2}(?::\d{2})?)?$")
_SENTENCE = re.compile(r"[，,；;：:。]")  # a sentence that ends with a report's name is no title
_HIDING = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_NAVIGATION = _NameWords(r"nav|menu|crumb|dqwz|weizhi|position|location|related|xgwz|xglj|links?(?![^\s_\-])|list")
# Matched without NFKC: the forms it would fold. Each branch starts with a character, which lets the
# regex engine skip ahead to one (a class first does not).
_PROSE_START = re.compile(r"总体情况|概述|一[、､]|⼀[、､]")
# Any label page_meta reads (发布机构, 名称, 时间 …): a small table without one holds no page field.
_FIELD_WORDS = re.compile("|".join(label for labels in tpl.META_LABELS.values() for label in labels))
_INFO_BOX_FIELDS = re.compile(r"发布机构|成文日期|主题分类|发文字号|文\s*号|发布日期|公开方式")
# Agency then year, year then agency (2019年某某市人民政府办公厅…), or no year at all; after the name
# perhaps a bracket (（2023年）, （某某局）) or a dash and the agency (…年度报告——某某局), or 的函 (a
# letter sending the report: 某某局关于报送2020年度…年度报告的函).
_TITLE = re.compile(r"^(?!《)(?:[^>›»|/<《]{0,60}?\d{4}\s*年度?\s*(?:政务公开(?:工作)?[暨和及与])?|\d{4}\s*年度?[^>›»|/<《\d]{2,60}?|"
                    r"[^>›»|/<《\d]{2,60}?)(?:" + tpl.REPORT_NAME + r")(?:[（(][^）)]{0,30}[）)]|[—－-]{1,2}[^>›»|/<《\d]{2,30}|的函)?$")
_REPORT_NAME = re.compile(tpl.REPORT_NAME)
_YEAR = re.compile(r"(?:\d|[〇○零一二三四五六七八九]){4}\s*年")
_TRAILING_DATE = re.compile(r"(?<=[告报)）])\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
_TABLE_MARKS = ("本年新收", "申请人情况", "结转下年度", "第二十条", "行政复议", "信息内容", "上年结转")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》"
# A line break, the spaces before it and any after it, between two CJK characters. It starts
# with the whitespace character a match begins with (the CJK one before it looked back to after
# it), which lets the regex engine skip ahead to one instead of trying every position.
_CJK_BREAK = re.compile(rf"[ \t\r\f\n](?<=[{_CJK}][ \t\r\f\n])(?:(?<=\n)|[ \t\r\f]*\n)\s*(?=[{_CJK}])")
_WS = re.compile(r"[ \t\r\n\f]+")
_DIGITS = re.compile(r"\d+")

_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, encoding="utf-8", collect_ids=False)


def _clean(text: str) -> bool:
    """Whether _inline and _layout.clean_inline have nothing to do: no whitespace and no invisible
    character. Every whitespace character but the space is unprintable, as is every invisible
    one (two C calls, several times faster than a regex asking of each character whether it is
    a space); a text with another unprintable character is cleaned, and comes out the same."""
    return " " not in text and text.isprintable()


class HtmlError(ValueError):
    pass


def alias(name: str) -> str:
    """The codec to read a declared charset with (GB2312 and GBK pages are read as GB18030)."""
    name = name.strip().lower()
    return _ALIASES.get(name, name)


def _decoded(data: bytes) -> tuple[str, bool]:
    """(the page's text, whether `data` is that text in UTF-8 as it stands)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), False
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), False
    head = data[:16384]
    declared = _XML_DECL.match(head) or _DECLARED.search(head)
    if declared:
        name = alias(declared.group(1).decode("ascii", "ignore"))
        try:
            return data.decode(name), codecs.lookup(name).name == "utf-8"
        except (LookupError, UnicodeDecodeError):
            pass  # declared wrongly (a UTF-8 page that says gb2312 happens): detect instead
    try:
        name = decoding.detect_encoding(data)
        return data.decode(name), codecs.lookup(name).name == "utf-8"
    except (decoding.UndecodableError, UnicodeDecodeError, LookupError):
        return data.decode("utf-8", errors="replace"), False


def to_text(data: bytes) -> str:
    return to_document(data).text()


def to_document(data: bytes) -> Document:
    text, utf8 = _decoded(data)
    read = re.sub(r"^\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff"))
    if not read or read.isspace():  # not text.strip(), which copies the page
        raise HtmlError("网页文件是空的")
    as_is = utf8 and read is text  # the bytes are the page's text in UTF-8
    traditional = script.is_traditional_utf8(data) if as_is else script.is_traditional(read)
    if traditional:  # before reading: the title, the page's fields and the tables are found by their words
        read = script.simplified(read)
    try:
        # Plain lxml elements (not lxml.html's): the lxml.html class lookup for every element
        # costs more than reading the page. libxml2 reads UTF-8 bytes faster than a str, and
        # the encoding given to the parser overrides the page's (already applied) declaration.
        # A page in UTF-8 that is read as it stands is given to it without encoding it again.
        encoded = data if as_is and not traditional else read.encode("utf-8", "replace")
        root = etree.fromstring(encoded, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise HtmlError(f"网页无法解析（{exc}）") from exc
    if root is None:
        raise HtmlError("网页中没有可读的正文")
    title = root.find("head/title")
    page_title = _text(title).strip() if title is not None else ""
    lowered = encoded.lower()  # without these words no element hides, and no style need be read
    _remove_never(root, may_hide=b"hidden" in lowered or b"display" in lowered or b"visibility" in lowered)
    body = root.find("body")
    if body is None:
        body = root
    tables = list(body.iter("table"))  # libxml2 picks them out: no tag read for each element
    # A table holding another lays out the page: a data table holds none (found from the inner
    # tables up, rather than by searching each table's cells for one) but boxes, read as their
    # cell's text.
    layout, boxes = set(), set()
    for t in tables:
        outer = list(t.iterancestors("table"))
        if outer:
            if _box(t, outer[0]):
                boxes.add(t)
            else:
                layout.update(outer)
    texts = {t: _text(t) for t in tables if t not in layout and t not in boxes}
    # Every element surveyed, kept alive while the page is read: lxml makes a Python object for
    # an element each time one is asked for and none is alive, and the passes below ask again.
    elements, labelled, told = _survey(body, {t for t, text in texts.items() if _quiet(text)})
    meta = page_meta.read(_labelled_texts(tables, texts, labelled))
    if page_title:
        meta["page_title"] = page_title[:200]
    doc = _Page(body, tables, layout, texts, told).document()
    if not doc.blocks:  # a paragraph or a table is never empty
        raise HtmlError("网页中没有可读的正文（可能是框架页，或正文由脚本加载后才显示）")
    doc.meta = meta
    doc.traditional = traditional
    return doc


_BOX_TEXT = 100  # the most text a box holds: a figure, a label or a title, never a report's prose


def _box(table, outer) -> bool:
    """Whether a table inside `outer` is a box around one cell's text (an editor's one-cell table
    in a cell of a report's table: <td><table><tr><td>12</td></tr></table></td>): a table of at
    most one cell with little text, which is all the cell of `outer` around it holds."""
    cells = 0
    for _ in table.iter("td", "th"):
        cells += 1
        if cells > 1:
            return False
    text = _text(table).strip()
    if len(text) > _BOX_TEXT:
        return False
    cell = next((c for c in table.iterancestors("td", "th") if any(a is outer for a in c.iterancestors("table"))), None)
    return cell is not None and _text(cell).strip() == text


def _quiet(text: str) -> bool:
    """Whether no element of a data table with this text can hold the title (none of its text,
    without spaces, holds the report's name) or a page field (none holds a field's label): most
    of a page's elements are those of the report's tables, which need not be surveyed."""
    if page_meta.may_hold_field(text):
        return False
    if "报" not in text:
        return True
    # Every form of the name holds 信息公开, at most two characters after its start and some 20
    # before its end: searched around each 信息公开 rather than from every position of the text.
    bare = squash(text)
    at = bare.find("信息公开")
    while at >= 0:
        if _REPORT_NAME.search(bare, max(0, at - 2), at + 24):
            return False
        at = bare.find("信息公开", at + 1)
    return True


def _survey(body, quiet: set) -> tuple[list, list, list]:
    """One walk over the page's elements (in document order), but inside the `quiet` tables:
    the elements walked, the elements whose own text or tail holds a colon (a labelled field may
    be there), and the elements holding a 报 in their own text (a title may be there: every form
    of the report's name holds one)."""
    if quiet:
        # A stack of the elements still to walk, each one's children pushed in one slice, last
        # first: faster than etree.iterwalk, which makes an event for each element.
        elements, stack = [], [body]
        while stack:
            el = stack.pop()
            elements.append(el)
            if len(el) and el not in quiet:
                stack.extend(el[::-1])
    else:
        elements = list(body.iter())
    labelled, told = [], []
    for el in elements:
        text, tail = el.text, el.tail
        if text:
            if ":" in text or "：" in text:
                labelled.append(el)
            if "报" in text:
                told.append(el)
        if tail:
            if (":" in tail or "：" in tail) and (not labelled or labelled[-1] is not el):
                labelled.append(el)
            if "报" in tail and el.getparent() is not None:
                told.append(el.getparent())
    return elements, labelled, told


def _labelled_texts(tables: list, texts: dict, labelled: list):
    """Short texts of the page that may be a labelled field (时间：…, 发布机构：…): the text of each
    element whose own words hold a colon, with its parent's (the value may follow the label's
    element: <b>发布日期：</b>2024-01-08), and the rows of small tables as "label：value" (an info
    box 索引号 | … ; the report's own tables are too big to be one)."""
    for table in tables:
        rows = _rows_in_order(table)
        if len(rows) > 10:
            continue
        text = texts.get(table)
        if not _FIELD_WORDS.search(_bare(_text(table) if text is None else text)):  # no field label in it
            continue
        for tr in rows:
            cells = [squash(_text(c)) for c in tr.iterchildren("td", "th")]
            for label, value in zip(cells, cells[1:]):
                if label and len(label) <= 8:
                    yield f"{label.rstrip(':：')}：{value}"
    for el in labelled:
        # An inline label's value may follow it in its parent; a paragraph's colon is prose.
        holders = (el, el.getparent()) if el.tag in _INLINE else (el,)
        for holder in holders:
            if holder is not None and holder.tag not in ("body", "html", "table", "tbody", "tr"):
                text = _short_text(holder, 200)
                if text is not None:
                    yield text


def _tag(el) -> str:
    # libxml2's HTML parser writes tag names in lower case; comments and processing
    # instructions are dropped while parsing, but stay safe should one remain.
    tag = el.tag
    return tag if isinstance(tag, str) else ""


def _remove_never(root, may_hide: bool = True) -> None:
    etree.strip_elements(root, *_DROP, with_tail=False)
    if may_hide:  # most pages hide nothing (the words never occur): no need to look at every element
        for el in [el for el in root.iter() if el.get("style") or el.get("hidden") is not None]:
            if el.get("hidden") is not None or _HIDING.search(el.get("style")):
                _drop(el)


def _drop(el) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    previous = el.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _text(el) -> str:
    if not len(el):  # no child elements: its own text is all of it, without serialising
        return el.text or ""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def _short_text(el, limit: int) -> str | None:
    """The element's text if it has at most `limit` characters, else None."""
    # Serialised, then measured: nearly every element asked about is short, and an XPath
    # string-length() before serialising it cost more than it saved.
    text = _text(el)
    return text if len(text) <= limit else None


def _has_clause_mark(text: str) -> bool:
    """Whether the text holds one of the marks of _SENTENCE before NFKC, but for the full stop a
    title may end with: an element whose text has one is no title, and neither is any element
    around it. Each is looked for with `in`, a fast search, rather than with a class of them, for
    which the regex engine asks of every character whether it is one."""
    return "，" in text or "," in text or "；" in text or ";" in text or "：" in text or ":" in text


_TITLE_BLOCK = 400  # the most text an element holding the title (and little else) has


_INLINE = {"span", "b", "strong", "font", "label", "em", "i", "u", "small", "dt", "th", "td"}


def _names(el) -> str:
    """The element's class and id, as one string."""
    return f"{el.get('class') or ''} {el.get('id') or ''}"


_NAMING = {"role", "class", "id"}  # the attributes that can tell site chrome


class _Page:
    def __init__(self, body, tables: list, layout: set, data: dict, told: list):
        """`layout`: the tables that hold another; `data`: the text of each other table."""
        self.body = body
        # A table of one column (a cell framing the report's text, or its lines one under the
        # other) lays the page out, whatever words it holds: its cells are read as lines, not as
        # a grid of one wide cell.
        framing = {t for t in data if _one_column(t)}
        self.layout = layout | framing
        self.tables = [t for t, text in data.items() if t not in framing and self._report_table(text)]
        # Around a table with more text than a title's block may hold, no element holds the title:
        # its text (often the whole report's) need not be measured to tell.
        self.bulky = {a for t, text in data.items() if len(text) > _TITLE_BLOCK for a in t.iterancestors()}
        self.data = data
        self.title = self._find_title(told)
        if self.title is not None:
            # A table holding the title but none of the report's tables (a title cell above the
            # content) lays out the page: its cells are read as lines, not as a grid the reading
            # would start after.
            self.layout |= {t for t in self.title.iterancestors("table") if t not in self.tables}
        self.protected: set = set()
        for el in ([self.title] if self.title is not None else []) + self.tables:
            self.protected.update(el.iterancestors())
            self.protected.add(el)
        self.root = self._content_root()
        self.start = self._start()

    @staticmethod
    def _report_table(text: str) -> bool:
        text = _bare(text)
        return any(mark in text for mark in _TABLE_MARKS) and not (
            _INFO_BOX in text and _INFO_BOX_FIELDS.search(text))

    def _find_title(self, told: list):
        # Only the elements that hold a 报 somewhere inside can hold the title: the elements with
        # that character in their own text, and their ancestors up to a few levels.
        seen: dict = {}  # element -> its text, or None when it holds too much text to be a title
        for holder in told:
            for _ in range(6):
                if holder is None or holder is self.body or holder in seen:
                    break
                seen[holder] = raw = None if holder in self.bulky else _short_text(holder, _TITLE_BLOCK)
                if raw is None or _has_clause_mark(raw):
                    break  # its ancestors hold even more, or the same sentence
                holder = holder.getparent()
        candidates = []
        linked: dict = {}  # element -> whether it or an ancestor is a link, a menu or a link list
        for el, raw in seen.items():
            if raw is None or "报" not in raw or el.tag in ("a", "table", "tr", "tbody", "ul", "ol"):
                continue
            # A date printed inside the title's element after it (<h1>…报告<span>2024-01-20</span>)
            # is no part of it.
            if raw.rstrip()[-1:].isdigit():
                raw = _TRAILING_DATE.sub("", raw)
            if _has_clause_mark(raw):
                continue
            text = squash(raw).rstrip("。.")
            if len(text) > 80 or not _TITLE.match(text) or _SENTENCE.search(text):
                continue
            if not self._in_navigation(el, linked):
                candidates.append(el)
        # The innermost element holding the title (of several, see _first_title).
        around = {c: set(c.iterancestors()) for c in candidates}
        holding = set().union(*around.values())  # the candidates around another one

        def with_year(c):
            """A title without its year inside one with it (<p><span>2020</span><span>年度政府信息公开
            …报告</span></p>): the one with the year, or the reading would start after the year."""
            if _YEAR.search(seen[c]):
                return c
            outer = [o for o in candidates if o in around[c] and _YEAR.search(seen[o])]
            return max(outer, key=lambda o: len(around[o])) if outer else c

        inner = sorted({with_year(c) for c in candidates if c not in holding}, key=_position)
        if not inner:
            return None
        chosen = self._first_title(inner)
        # A cell of a grid (an info box's 名称 field) names the report but heads nothing: a heading
        # elsewhere is the title, where there is one.
        in_grid = lambda c: any(t not in self.layout for t in c.iterancestors("table"))  # noqa: E731
        if in_grid(chosen):
            headings = [c for c in inner if not in_grid(c)]
            return self._first_title(headings) if headings else chosen
        return chosen

    def _first_title(self, inner: list):
        """Of the innermost candidates in reading order, the last one before the report's tables
        (a page may show the title in its banner and again at the top of the report), or the first."""
        if self.tables:
            first_table = _position(self.tables[0])
            before = [c for c in inner if _position(c) < first_table]
            if before:
                return before[-1]
        return inner[0]

    def _in_navigation(self, el, linked: dict) -> bool:
        """Whether the element or one of its ancestors is a link or _navigation; `linked` holds
        the answers found so far (the candidates for a title share most of their ancestors)."""
        chain = []
        while el is not None and el not in linked:
            chain.append(el)
            el = el.getparent()
        found = el is not None and linked[el]
        for node in reversed(chain):  # from the outermost down
            found = found or _tag(node) == "a" or self._navigation(node)
            linked[node] = found
        return found

    @staticmethod
    def _navigation(el) -> bool:
        """Menus, breadcrumbs and link lists: where a report's title shows up as a link or a
        crumb, never as the report's own heading (a banner or header may hold the heading)."""
        if _tag(el) in ("nav", "menu"):
            return True
        if _NAMING.isdisjoint(el.keys()):  # most elements have no role, class or id
            return False
        if (el.get("role") or "").lower() in ("navigation", "menu", "menubar"):
            return True
        return bool(_NAVIGATION.search(_names(el)))

    @staticmethod
    def _chrome(el, tag: str | None = None) -> bool:
        if tag is None:
            tag = _tag(el)
        if tag in _CHROME_TAGS:
            return True
        if _NAMING.isdisjoint(el.keys()):  # most elements have no role, class or id
            return False
        if (el.get("role") or "").lower() in _CHROME_ROLES:
            return True
        names = _names(el)
        return bool(_CHROME_PART.search(names) or _CHROME_WORD.search(names))

    def _content_root(self):
        anchors = ([self.title] if self.title is not None else []) + self.tables
        if not anchors:
            return self.body
        root = anchors[0]
        for el in anchors[1:]:
            root = _common_ancestor(root, el)
        # Tables alone: widen to the block that holds the report's prose as well. A block around
        # a report's table holds all of its text: where that holds a prose start (一、本年新收…
        # of table 三), so does the block, found without serialising the whole report.
        if any(_has_prose_start(self.data[t]) for t in self.tables):
            return root
        while root is not self.body and root.getparent() is not None and not _has_prose_start(_text(root)):
            root = root.getparent()
        return root

    def _start(self):
        """Where the report begins: its title, or the agency line printed just above it."""
        if self.title is None or self.title is self.root or not any(a is self.root for a in self.title.iterancestors()):
            return None
        # The line before the title's own block (a title may sit in a <span> inside its <p>).
        node = self.title
        while _printed_before(node) is None and node.getparent() is not None and node.getparent() is not self.root \
                and squash(_text(node.getparent())) == squash(_text(self.title)):
            node = node.getparent()
        previous = _printed_before(node)
        start, title = self.title, squash(_text(self.title))
        # The year alone on the line before a title that goes on with 年度 ("2020" / "年度政府信息公开
        # 工作年度报告"): the title starts there.
        if title.startswith("年") and previous is not None and _tag(previous) in _LINE_TAGS \
                and re.fullmatch(r"\d{4}", squash(_text(previous))):
            start, title = previous, squash(_text(previous)) + title
            previous = _printed_before(previous)
        # A title that starts with the year has the agency on the line before it.
        if re.match(r"\d", title) and previous is not None and _tag(previous) in _LINE_TAGS:
            text = squash(_text(previous))
            if 2 <= len(text) <= 30 and not re.search(r"[\d:：,，。>|/]", text) and not self._chrome(previous):
                return previous
        return start

    # -- reading -------------------------------------------------------------------------------
    def document(self) -> Document:
        # How many links each element read holds, counted from the content's links up (it has
        # few) rather than by searching each element for them.
        self.links: dict = {}
        for link in self.root.iter("a"):
            for holder in link.iterancestors():
                if holder is self.root:
                    break
                self.links[holder] = self.links.get(holder, 0) + 1
        self.doc = Document()
        self.buffer: list[str] = []
        self.started = self.start is None
        self._visit(self.root, top=True)
        self._flush()
        return self.doc

    def _flush(self) -> None:
        if self.buffer and self.started:
            self.doc.paragraph("".join(self.buffer))
        self.buffer = []

    def _skip(self, el, tag: str, plain: bool) -> tuple[bool, bool]:
        """(whether the element is left out, whether its text is plain: holds fewer than two links
        and none of the characters the tests need). Inside a plain element every element is plain
        (its text is part of the other's, its links some of them): only its class or id may tell
        it is chrome."""
        if el in self.protected:
            return False, plain
        if self._chrome(el, tag):
            return True, plain
        if plain or (tag not in _BLOCK and tag not in ("span", "font")):
            return False, plain
        raw, links = _text(el), self.links.get(el, 0)
        # A character each test below needs in the text: a colon or 【 in every match of _META and
        # _DATE_STAMP, one of each other mark (one seldom in a report's prose), and of 索引号. Each
        # is looked for with `in`, a fast search, rather than with a class of them, for which the
        # regex engine asks of every character of a paragraph whether it is one.
        if links < 2 and not (":" in raw or "：" in raw or "【" in raw or "打" in raw or "窗" in raw
                              or "享" in raw or "扫" in raw or "索" in raw):
            return False, True  # no test below can hold (most elements): the text need not be normalised
        text = _bare(raw)
        if not text:
            return False, False
        if len(text) <= 150 and ((any(mark in text for mark in _META_MARKS) and _META.search(text))
                                 or _DATE_STAMP.match(text)):
            return True, False
        if _INFO_BOX in text and _INFO_BOX_FIELDS.search(text):
            return True, False
        if links >= 2:
            linked = sum(len(_bare(_text(a))) for a in el.iter("a"))
            if linked >= 0.6 * len(text):
                return True, False
        return False, False

    def _visit(self, el, top: bool = False, plain: bool = False) -> None:
        """`plain`: the element is inside a plain one (see _skip)."""
        tag = _tag(el)
        if not top:
            skip, plain = self._skip(el, tag, plain)
            if skip:
                return
        if el is self.start:
            self.buffer = []
            self.started = True
        if tag == "br":
            self.buffer.append("\n")
            return
        if tag == "hr":
            self._flush()
            return
        if tag == "table" and el not in self.layout:
            self._flush()
            if not self.started and any(a is el for a in self.start.iterancestors()):
                self.started = True  # the title is printed in the report's own table, which is read whole
            caption = el.find("caption")
            if caption is not None and self.started:
                self.doc.paragraph(_cell_text(caption))
            if self.started:
                self.doc.grid(_table_grid(el))
            return
        block = tag in _BLOCK
        if block:
            self._flush()
        # Each .text or .tail asked of lxml is decoded from UTF-8 anew: asked once.
        text = el.text
        if text:
            self.buffer.append(_inline(text, tag == "pre"))
        for child in el:
            self._visit(child, plain=plain)
            tail = child.tail
            if tail:
                self.buffer.append(_inline(tail, tag == "pre"))
        if block:
            self._flush()


def _inline(text: str, pre: bool = False) -> str:
    if pre or _clean(text):
        return text
    if text.isspace() and not text.strip(" \t\r\n\f"):  # the line break between two elements (most tails)
        return " "  # what the two regexes below make of it, without their passes
    if "\n" in text:  # a line break between two CJK characters is no space
        text = _CJK_BREAK.sub("", text)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
        return _WS.sub(" ", text)
    return text  # single spaces alone (most texts): nothing to collapse, without the regex's pass


def _has_prose_start(text: str) -> bool:
    # The words as printed are found without removing the spaces of the whole text first.
    return bool(_PROSE_START.search(text) or _PROSE_START.search(_bare(text)))


def _bare(text: str) -> str:
    """The text without whitespace or quotes, for telling site chrome by its words (textnorm.squash
    without NFKC, which the chrome patterns do not need)."""
    return squash(text, normalized=True)


def _position(el) -> tuple[int, ...]:
    """The element's place in document order, as the index of each of its ancestors among
    their siblings (sorting these sorts elements in reading order)."""
    path = []
    parent = el.getparent()
    while parent is not None:
        path.append(parent.index(el))
        el, parent = parent, parent.getparent()
    return tuple(reversed(path))


def _common_ancestor(a, b):
    ancestors = {a, *a.iterancestors()}
    node = b
    while node is not None and node not in ancestors:
        node = node.getparent()
    return node if node is not None else a


def _rows_in_order(table) -> list:
    # A group's rows picked out by libxml2 (iterchildren with a tag), not by a tag read for each.
    head, body, foot = [], [], []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            body.append(child)
        elif tag == "thead":
            head.extend(child.iterchildren("tr"))
        elif tag == "tbody":
            body.extend(child.iterchildren("tr"))
        elif tag == "tfoot":
            foot.extend(child.iterchildren("tr"))
    return head + body + foot


def _one_column(table) -> bool:
    for tr in table.iter("tr"):  # a data table holds no other: its rows are its own
        cells = tr.iterchildren("td", "th")
        if next(cells, None) is not None and next(cells, None) is not None:
            return False
    return True


@functools.lru_cache(maxsize=1024)  # span attributes ("2", "3") repeat from table to table and report to report
def _span(raw: str, if_zero: int) -> int:
    """A colspan or rowspan attribute's value (rowspan="0" reaches the end of the table)."""
    m = _DIGITS.match(raw.strip())
    value = int(m.group()) if m else 1
    if value == 0:
        return if_zero
    return max(1, min(value, 1000))


def _table_grid(table) -> Grid:
    # A footnote's mark after a figure (250<sup>1</sup>) is no digit of it: "^" (textnorm.nfkc).
    for mark in table.iter("sup", "sub"):
        if (mark.text or "").strip().isdigit():
            mark.text = "^" + mark.text
    rows = _rows_in_order(table)
    # The cells of every row from one walk of the table (an iterator for each row costs more
    # than its few cells); a cell whose parent is no row of the table is none of its cells.
    row_of = {tr: r for r, tr in enumerate(rows)}
    spans: list[list] = [[] for _ in rows]
    for c in table.iter("td", "th"):
        r = row_of.get(c.getparent())
        if r is None:
            continue
        names = c.keys()  # most cells have neither span: one call instead of two lookups
        if "colspan" in names or "rowspan" in names:
            colspan, rowspan = c.get("colspan"), c.get("rowspan")
            spans[r].append((_cell_text(c), 1 if colspan is None else _span(colspan, 1),
                             1 if rowspan is None else _span(rowspan, len(rows) - r)))
        else:
            spans[r].append((_cell_text(c), 1, 1))
    return Grid.from_spans(spans)


_BLOCK_OR_BR = _BLOCK | {"br"}


def _printed_before(el):
    """The sibling before `el`, past those a reader sees nothing of (Word's run of spaces before
    a line's text, <span style='mso-spacerun:yes'>&nbsp;</span>), or None."""
    previous = el.getprevious()
    while previous is not None and not (previous.tail or "").strip() and not squash(_text(previous)):
        previous = previous.getprevious()
    return previous


_LINE_TAGS = _BLOCK | {"span", "strong", "b", "font"}  # what may hold a line of the title block


def _cell_text(cell) -> str:
    """A cell's text on one line: its paragraphs and line breaks joined."""
    children = len(cell)
    if not children:
        text = cell.text or ""
    else:
        # Most cells are runs of text, or one paragraph of runs and nothing around it: one piece.
        # A Word cell (<td><p><span>12</span></p></td>: one paragraph, nothing around it, at most
        # one run, no line break) is joined from its few text nodes, as serialising it would
        # give, without the walk below that tells a cell of several paragraphs (inline here: a
        # call for each cell of a page costs more than its tests).
        text = None
        if children == 1:
            block = cell[0]
            head, tail = cell.text, block.tail
            if block.tag in _BLOCK and not (head and not head.isspace()) and not (tail and not tail.isspace()):
                n = len(block)
                if not n:
                    text = f"{head or ''}{block.text or ''}{tail or ''}"
                else:
                    run = block[0]
                    if n == 1 and not len(run) and run.tag not in _BLOCK_OR_BR:
                        text = f"{head or ''}{block.text or ''}{run.text or ''}{run.tail or ''}{tail or ''}"
        if text is None:
            block, blocks = None, 0
            for el in cell.iterdescendants():
                if el.tag in _BLOCK_OR_BR:
                    block, blocks = el, blocks + 1
                    if blocks > 1:
                        break
            if blocks and (blocks > 1 or cell[0] is not block or len(cell) > 1 or (cell.text or "").strip()
                           or (block.tail or "").strip()):
                return _pieces_text(cell)
            text = etree.tostring(cell, method="text", encoding=str, with_tail=False)
    # A figure or a label without spaces (most cells) needs no cleaning (_clean, inlined: a
    # call for each cell of a page costs more than the test).
    if " " not in text and text.isprintable():
        return text
    return cell_figure(join_pieces([_inline(text)]))  # "12&nbsp;521": one figure


def _pieces_text(cell) -> str:
    pieces: list[str] = []
    buffer: list[str] = []

    def flush():
        if buffer:
            pieces.append("".join(buffer))
            buffer.clear()

    def visit(el):
        tag = _tag(el)
        if tag == "br":
            flush()
            return
        block = tag in _BLOCK
        if block:
            flush()
        if el.text:
            buffer.append(_inline(el.text))
        for child in el:
            visit(child)
            if child.tail:
                buffer.append(_inline(child.tail))
        if block:
            flush()

    visit(cell)
    flush()
    return join_pieces(pieces)
