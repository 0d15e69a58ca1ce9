"""T-prose-table: figures stated in words in parts 一 and 六 against the tables.

Only statements that name exactly one figure of tables 二, 三 or 四 are read, and a statement is
skipped whenever a word near it may change what it counts (another year, a sub-part such as
其中 or a channel, a plan for the future): no flag is better than a false one. Decisions:

- 收到/受理 N 件申请 is 本年新收 (row 一) in some reports and 本年新收 + 上年结转 in others;
  it is flagged only when N equals neither.
- 办结/答复 N 件 is 三、(七) 总计; a count qualified by 按时/延期/公开/不予… is a part of it and
  is skipped.
- 行政诉讼 N 件 is compared with 未经复议直接起诉 + 复议后起诉 and, because some reports count
  only the former as 行政诉讼, with 未经复议直接起诉 alone; it is flagged when it equals neither.
- 信息处理费 (fees charged for handling applications) is in no table: it is never compared with
  table 二's 行政事业性收费, which is a different figure. Only 行政事业性收费 … 万元 is.
- Several statements of one figure: when any of them agrees with the table the others are taken
  to count something else (a sub-unit, a period) and are not flagged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import figures as figures_mod
from .problems import problem
from .textnorm import replace_each

# -- normalising the prose -----------------------------------------------------------------

_FULLWIDTH_DIGITS = dict(zip("０１２３４５６７８９．，", "0123456789.,"))
_FULLWIDTH_DIGIT = re.compile(f"[{''.join(_FULLWIDTH_DIGITS)}]")
# From the line break before the line (one put before the text): the regex engine skips from
# line break to line break.
_PAGE_NUMBER = re.compile(r"\n[ \t]*[-—–]\s*\d+\s*[-—–][ \t]*(?=\n|\Z)")
_LINK = re.compile(r"<https?://[^>\s]*>|https?://\S+")


def normalise(text: str) -> str:
    """Prose as one line: full-width digits made ASCII, page numbers, links, bold markers and every
    space removed (PDF text breaks sentences and numbers apart with spaces and line breaks)."""
    text = _PAGE_NUMBER.sub("\n", "\n" + replace_each(text, _FULLWIDTH_DIGIT, _FULLWIDTH_DIGITS))[1:]
    if "http" in text:  # every link holds it: the pattern, which may start anywhere, is not run
        text = _LINK.sub("", text)
    # str.split() splits at the whitespace \s matches: several times faster than a regex here.
    return "".join(text.split()).replace("*", "")


# -- what a statement can name -------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    key: str
    table: str
    row: str | None  # None: a sum of rows (the problem points at the table)
    column: str
    label: str  # as the template prints it
    templates: tuple[str, ...] = ("2021", "2019")


TARGETS = {t.key: t for t in (
    Target("received", "三", "1", "total", "一、本年新收政府信息公开申请数量 · 总计"),
    Target("carried_in", "三", "2", "total", "二、上年结转政府信息公开申请数量 · 总计"),
    Target("handled", "三", "3.7", "total", "三、本年度办理结果 (七) 总计 · 总计"),
    Target("carried", "三", "4", "total", "四、结转下年度继续办理 · 总计"),
    Target("review", "四", "review", "total", "行政复议 · 总计"),
    Target("review.upheld", "四", "review", "upheld", "行政复议 · 结果维持"),
    Target("review.corrected", "四", "review", "corrected", "行政复议 · 结果纠正"),
    Target("review.other", "四", "review", "other", "行政复议 · 其他结果"),
    Target("review.pending", "四", "review", "pending", "行政复议 · 尚未审结"),
    Target("litigation", "四", "litigation_direct", "total", "行政诉讼 · 总计（未经复议直接起诉 + 复议后起诉）"),
    Target("litigation.upheld", "四", "litigation_direct", "upheld", "行政诉讼 · 结果维持（两组之和）"),
    Target("litigation.corrected", "四", "litigation_direct", "corrected", "行政诉讼 · 结果纠正（两组之和）"),
    Target("litigation.other", "四", "litigation_direct", "other", "行政诉讼 · 其他结果（两组之和）"),
    Target("litigation.pending", "四", "litigation_direct", "pending", "行政诉讼 · 尚未审结（两组之和）"),
    Target("granted", "三", "3.1", "total", "三、(一) 予以公开 · 总计"),
    Target("partial", "三", "3.2", "total", "三、(二) 部分公开 · 总计"),
    Target("refused", "三", None, "total", "三、(三) 不予公开 1–8 项之和 · 总计"),
    Target("unavailable", "三", None, "total", "三、(四) 无法提供 1–3 项之和 · 总计"),
    Target("not_processed", "三", None, "total", "三、(五) 不予处理 1–5 项之和 · 总计"),
    Target("other", "三", None, "total", "三、(六) 其他处理 · 总计"),
    Target("docs_in_force", "二", "normative_documents", "in_force", "行政规范性文件 · 现行有效件数", ("2021",)),
    Target("docs_issued", "二", "normative_documents", "issued", "行政规范性文件 · 本年制发件数", ("2021",)),
    Target("docs_repealed", "二", "normative_documents", "repealed", "行政规范性文件 · 本年废止件数", ("2021",)),
    Target("regs_in_force", "二", "regulations", "in_force", "规章 · 现行有效件数", ("2021",)),
    Target("fees", "二", "fees", "amount_10k_yuan", "行政事业性收费 · 本年收费金额（万元）", ("2021",)),
)}

# (\d{1,3}(?:,\d{3})+|\d+) with its first digit taken out of the alternatives: the same matches,
# tried in the same order, and a pattern that starts with it is only tried where a digit stands.
_NUM = r"(\d(?:\d{0,2}(?:,\d{3})+|\d*))"
_APPLICANTS = r"(?:公民、法人(?:和|或者|或|及)其他组织(?:提出|提交)?的?)?"
_APPLICATION = r"(?:政府信息公开|信息公开|公开)?申请"
_TOTAL_WORD = r"(?:共计|共|总计|合计|数量为|数为|为)?"



def _one_of(words: tuple[str, ...]) -> str:
    return f"(?:{'|'.join(words)})"


_RECEIVING = ("收到", "受理", "接收", "接到", "新收")
_HANDLING = ("办结", "答复", "办理完毕", "处理完毕")
_MOVING_ON = ("结转", "顺延", "转入")
_ISSUING = ("制发", "印发", "制定", "出台")
_REPEALING = ("废止", "废除")

# (target key, words one of which every match holds, pattern, exempt from the sub-part guard): the
# number is group 1. A pattern is run only over prose that holds one of its words: str's search
# finds them much faster than the regex engine, which looks at every character where a pattern
# starts with one of several words or with a figure.
_PATTERNS: tuple[tuple[str, tuple[str, ...], re.Pattern, bool], ...] = tuple(
    (key, words, re.compile(rx), exempt) for key, words, rx, exempt in (
        ("received", _RECEIVING, _one_of(_RECEIVING) + r"了?(?:各类)?" + _APPLICANTS + _APPLICATION + r"件?" + _TOTAL_WORD
         + _NUM + "件", False),
        ("received", _RECEIVING, _one_of(_RECEIVING) + r"了?" + _NUM + "件" + _APPLICATION, False),
        ("handled", _HANDLING, _one_of(_HANDLING) + r"了?(?:政府信息公开|信息公开|依)?(?:申请)?" + _TOTAL_WORD + _NUM + "件",
         False),
        ("carried_in", ("结转",), r"上一?年度?结转(?:的|而来的|过来的)?" + "(?:" + _APPLICATION + ")?" + _TOTAL_WORD + _NUM
         + "件", True),
        ("carried_in", ("结转",), _NUM + r"件(?:为|系|是)?(?:上一?年度?结转)", True),
        ("carried", ("结转",), r"结转(?:至|到)?下一?年度?(?:继续办理|办理|答复)?的?" + "(?:" + _APPLICATION + ")?" + _TOTAL_WORD
         + _NUM + "件", True),
        ("carried", _MOVING_ON, _NUM + r"件(?:申请)?" + _one_of(_MOVING_ON) + r"(?:到|至)?下一?年度?", True),
        ("review", ("行政复议",), r"行政复议(?:案件|申请)?" + _TOTAL_WORD + _NUM + "[件起]", True),
        ("litigation", ("行政诉讼",), r"行政诉讼(?:案件)?" + _TOTAL_WORD + _NUM + "[件起]", True),
        ("docs_in_force", ("现行有效",), r"现行有效的?(?:行政)?规范性文件" + _TOTAL_WORD + _NUM + "件", True),
        ("regs_in_force", ("现行有效",), r"现行有效的?(?:政府)?规章" + _TOTAL_WORD + _NUM + "件", True),
        ("docs_issued", _ISSUING, _one_of(_ISSUING) + r"了?的?(?:行政)?规范性文件" + _TOTAL_WORD + _NUM + "件", False),
        ("docs_repealed", _REPEALING, _one_of(_REPEALING) + r"了?的?(?:行政)?规范性文件" + _TOTAL_WORD + _NUM + "件", False),
        ("fees", ("行政事业性收费",), r"行政事业性收费(?:金额|总额|收入)?" + _TOTAL_WORD + r"(\d+(?:\.\d+)?)万元", True),
    ))
_NOT_RECEIVING = ("收到", "受理", "接到", "接收")
# Every match holds one of _NOT_RECEIVING or 信息公开申请 (_NONE_RECEIVED_WORDS). The negation is
# the pattern's start, outside the alternatives (信息公开申请 after 没有 or 无 only, not after 未): the
# regex engine then tries a match only where one of its three first characters stands, rather than
# at every character.
_NONE_RECEIVED = re.compile(r"(?:未|没有|无)(?:" + _one_of(_NOT_RECEIVING) + r"(?:任何|过)?" + _APPLICANTS + _APPLICATION
                            + r"|(?<!未)(?:政府信息公开|信息公开)申请)")
_NONE_RECEIVED_WORDS = (*_NOT_RECEIVING, "信息公开申请")
# The outcomes a sentence lists after a review or lawsuit total: 其中结果维持 72 件，结果纠正 64 件…
# The outcomes of applications listed in a sentence about applications handled:
# 办结 58 件，其中予以公开 20 件，部分公开 5 件，不予公开 3 件…
# (予以公开 is written before what may not stand before it: a pattern that starts with words is
# only tried where they stand.)
_OUTCOMES = tuple((key, re.compile(rx + _NUM + "件")) for key, rx in (
    ("granted", r"予以公开(?<!部分予以公开)(?<!不予以公开)"), ("partial", r"部分公开"), ("refused", r"不予公开"),
    ("unavailable", r"无法提供"), ("not_processed", r"不予处理"), ("other", r"其他处理")))
_ABOUT_APPLICATIONS = re.compile(r"(?:收到|受理|办结|答复|办理).{0,12}申请|申请.{0,12}(?:办结|答复|办理)")
_COUNTED = re.compile(r"\d[件起万]")  # how every figure the patterns read ends (see extract)
_DETAILS = (("upheld", re.compile(r"(?:结果)?维持" + _NUM + "[件起]")),
            ("corrected", re.compile(r"(?:结果)?纠正" + _NUM + "[件起]")),
            ("other", re.compile(r"其他结果" + _NUM + "[件起]")),
            ("pending", re.compile(r"尚未审结" + _NUM + "[件起]")))

_SENTENCE_END = "。；;！？!?"
_CLAUSE_END = _SENTENCE_END + "，,、（(：:"
_YEAR = re.compile(r"((?:19|20)\d\d)年")
# Words before a statement that make it about another period, or a plan.
_OTHER_TIME = re.compile(r"上一?年|去年|前年|往年|同比|以前年度|历年|累计|截至|自\d|下一步|明年|计划|预计|力争|拟|将")
# Documents in force are a stock: “截至 2024 年底” is how their count is dated (the year is still checked).
_OTHER_TIME_STOCK = re.compile(r"上一?年|去年|前年|往年|同比|以前年度|下一步|明年|计划|预计|力争|拟|将")
_STOCKS = ("docs_in_force", "regs_in_force")
# Words before a count in its clause that make it a part of the total, not the total.
_SUBSET = re.compile(r"其中|包括|含|涉及|网络|网上|线上|信函|当面|邮寄|电子邮件|传真|电话|自然人|企业|法人|机构|"
                     r"公开|不予|部分|告知|按时|按期|如期|延期|逾期|超期|期限内|当场|书面|平台|网站|窗口")
# A count of "applications" without 公开 in its words (收到70件申请, 办结69件) is read only where
# the text just before is about 依申请公开: an approval bureau's 受理申请 5000 件 may be licences.
_APPLICATION_KEYS = ("received", "handled", "carried_in", "carried")
_APPLICATION_CONTEXT = re.compile(r"依申请|公开申请")
_CONTEXT_CHARS = 400
# Reviews and lawsuits: only those about information disclosure (a 司法局 also 办理行政复议案件
# of every kind, which is its business, not table 四's).
_CASE_KEYS = ("review", "litigation")
_HANDLING_CASES = re.compile(r"办理|审理|受理|承办|代理|出庭")
# A verb negated or qualified right before it (不予受理, 未答复).
_NEGATED = ("不", "未", "予", "无", "没")


_OUTCOME_KEYS = ("granted", "partial", "refused", "unavailable", "not_processed", "other")


@dataclass(frozen=True)
class Statement:
    key: str
    value: int | float
    part: str
    text: str  # the words of the report (spaces removed)


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text.replace(",", ""))


def _start_of(text: str, pos: int, ends: str) -> int:
    return max(text.rfind(ch, 0, pos) for ch in ends) + 1


def _about_other_time(prefix: str, year: int | None, key: str = "") -> bool:
    if (_OTHER_TIME_STOCK if key in _STOCKS else _OTHER_TIME).search(prefix):
        return True
    return any(int(y) != year for y in _YEAR.findall(prefix)) if year else bool(_YEAR.search(prefix))


def extract(text: str, part: str, year: int | None) -> list[Statement]:
    """The unambiguous statements of figures in one part's prose (see the module docstring)."""
    flat = normalise(text)
    # Every figure the patterns read (_NUM, or the fees' amount) is a number just before 件, 起 or
    # 万: prose without one (part 六, often) states none, and their words need not be looked for.
    found = _figures(flat, part, year) if _COUNTED.search(flat) else []
    for m in _NONE_RECEIVED.finditer(flat) if any(map(flat.__contains__, _NONE_RECEIVED_WORDS)) else ():
        sentence = flat[_start_of(flat, m.start(), _SENTENCE_END):m.start()]
        end = min([i for i in (flat.find(ch, m.end()) for ch in _CLAUSE_END) if i >= 0] or [len(flat)])
        rest = flat[m.end():end]
        if _about_other_time(sentence, year) or re.search(r"复议|诉讼|投诉|举报|费", rest):
            continue
        found.append(Statement("none_received", 0, part, m.group(0)))
    return found


def _figures(flat: str, part: str, year: int | None) -> list[Statement]:
    """The statements of _PATTERNS and _OUTCOMES in normalised prose."""
    found: list[Statement] = []
    holds: dict[tuple[str, ...], bool] = {}  # patterns share their words (_RECEIVING, 结转): looked for once
    for key, words, pattern, exempt in _PATTERNS:
        held = holds.get(words)
        if held is None:
            held = holds[words] = any(map(flat.__contains__, words))
        if not held:
            continue
        for m in pattern.finditer(flat):
            sentence = flat[_start_of(flat, m.start(), _SENTENCE_END):m.start()]
            clause = flat[_start_of(flat, m.start(), _CLAUSE_END):m.start()]
            if _about_other_time(sentence, year, key) or (clause and clause[-1] in _NEGATED):
                continue
            if not exempt and _SUBSET.search(clause):
                continue
            if (key in _APPLICATION_KEYS and "公开" not in m.group(0)
                    and not _APPLICATION_CONTEXT.search(flat[max(0, m.start() - _CONTEXT_CHARS):m.start()])):
                continue
            if key in _CASE_KEYS and ("公开" not in sentence + m.group(0) or _HANDLING_CASES.search(clause)):
                continue
            found.append(Statement(key, _number(m.group(1)), part, m.group(0)))
            if key in ("review", "litigation"):
                found.extend(_details(flat, m, key, part))
    for key, pattern in _OUTCOMES:
        for m in pattern.finditer(flat):
            sentence = flat[_start_of(flat, m.start(), _SENTENCE_END):m.start()]
            clause = flat[_start_of(flat, m.start(), _CLAUSE_END):m.start()]
            if (not _ABOUT_APPLICATIONS.search(sentence) or _about_other_time(sentence, year)
                    or re.search(r"主动|网络|网上|信函|当面|自然人|企业|法人", clause)):
                continue
            found.append(Statement(key, _number(m.group(1)), part, m.group(0)))
    return found


def _details(flat: str, total: re.Match, key: str, part: str) -> list[Statement]:
    """The outcomes listed after a review or lawsuit total, up to the end of the sentence or the
    next mention of the other group."""
    ends = [i for i in (flat.find(ch, total.end()) for ch in _SENTENCE_END) if i >= 0]
    tail = flat[total.end():min(ends) if ends else len(flat)]
    other = re.search("行政诉讼|起诉" if key == "review" else "行政复议", tail)
    tail = tail[:other.start()] if other else tail
    out = []
    for column, pattern in _DETAILS:
        hits = list(pattern.finditer(tail))
        if len(hits) == 1:
            out.append(Statement(f"{key}.{column}", _number(hits[0].group(1)), part,
                                 f"{total.group(0)}……{hits[0].group(0)}"))
    return out


# -- the table side ------------------------------------------------------------------------

def _cell(report: dict, table: str, row: str, column: str):
    key = {"二": "proactive", "三": "applications", "四": "review_litigation"}[table]
    return ((report.get(key) or {}).get(row) or {}).get(column)


def _sum(*values):
    return None if any(v is None for v in values) else sum(values)


def accepted(report: dict, key: str) -> tuple[object, list]:
    """(the table value shown, every value a statement of `key` may have without being flagged);
    the table value is None when a cell it needs is missing."""
    if key in ("received", "none_received"):
        new, carried_in = _cell(report, "三", "1", "total"), _cell(report, "三", "2", "total")
        if key == "none_received":
            return new, [] if new is None else [new]
        return new, [v for v in (new, _sum(new, carried_in)) if v is not None] if new is not None else []
    if key.startswith("litigation"):
        column = key.split(".")[1] if "." in key else "total"
        direct = _cell(report, "四", "litigation_direct", column)
        both = _sum(direct, _cell(report, "四", "litigation_after_review", column))
        return both, [v for v in (both, direct) if v is not None] if both is not None else []
    if key in _OUTCOME_KEYS:
        value = figures_mod.compute(report)[key]
        return value, ([] if value is None else [value])
    t = TARGETS[key]
    value = _cell(report, t.table, t.row, t.column)
    return value, ([] if value is None else [value])


def _agrees(key: str, stated, allowed: list) -> bool:
    if key == "fees":  # the prose may round the table's amount
        decimals = len(str(stated).split(".")[1]) if "." in str(stated) else 0
        return any(round(float(v), decimals) == stated for v in allowed)
    return stated in allowed


def _fmt(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def check(report: dict) -> list[dict]:
    """T-prose-table problems of one parsed report."""
    template_id = report.get("template")
    if not template_id:
        return []
    year = report.get("year")
    statements: list[Statement] = []
    for s in report.get("sections") or []:
        if s.get("number") in ("一", "六") and s.get("text"):
            statements.extend(extract(s["text"], s["number"], year))
    by_key: dict[str, list[Statement]] = {}
    for st in statements:
        by_key.setdefault(st.key, []).append(st)
    out: list[dict] = []
    for key, group in by_key.items():
        target = TARGETS["received" if key == "none_received" else key]
        if template_id not in target.templates:
            continue
        shown, allowed = accepted(report, key)
        if not allowed or any(_agrees(key, st.value, allowed) for st in group):
            continue
        seen = set()
        for st in group:
            if st.value in seen:
                continue
            seen.add(st.value)
            out.append(_problem(report, target, st, shown, allowed))
    return out


def _problem(report: dict, target: Target, st: Statement, shown, allowed: list) -> dict:
    place = f"表{target.table}「{target.label}」"
    if st.key == "none_received":
        message = f"第{st.part}部分写“{st.text}”，但{place}为 {_fmt(shown)}"
        found = 0
    else:
        also = ""
        if st.key == "received" and len(set(allowed)) > 1:
            also = f"（加上年结转为 {_fmt(allowed[1])}）"
        elif st.key == "litigation" or st.key.startswith("litigation."):
            also = f"（未经复议直接起诉为 {_fmt(allowed[1])}）" if len(allowed) > 1 else ""
        message = f"第{st.part}部分写“{st.text}”，为 {_fmt(st.value)}；{place}为 {_fmt(shown)}{also}"
        found = st.value
    return problem("T-prose-table", report["source"], f"正文（{st.part}）↔ 表{target.table} · {target.label}",
                   message, found=found, expected=shown, table=target.table, row=target.row,
                   column=target.column)
