"""What the lines before part 一 say: the report's title (agency and year, the year before or
after the agency, the title broken over lines), the publication date, and the opening without what
the page printed around it (a crawler's fields, a breadcrumb, the share bar)."""
from __future__ import annotations

import re

from . import page_meta, template as tpl
from .textnorm import nfkc, squash

_NAME = tpl.REPORT_NAME
# Words some titles put between the year and the name (2023年政务公开暨政府信息公开工作年度报告).
_BEFORE_NAME = r"(?:政务公开(?:工作)?(?:暨|和|及|与))?"
_TITLE = re.compile(r"(\d{4})\s*年度?\s*(?:度\s*)?" + _BEFORE_NAME + _NAME)
# The year after the name: 某某局政府信息公开工作年度报告（2023年）.
_TITLE_YEAR_AFTER = re.compile(r"^(\S.{1,40}?)\s*" + _NAME + r"\s*[（(]\s*(\d{4})\s*年度?\s*[)）]\s*$")
# A year written in Chinese numerals (二〇二三年): its digits.
_CHINESE_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=\s*年)")
_CHINESE_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
_LINK_LINE = re.compile(r"^\s*(?:" + "|".join(tpl.LINK_LABELS) + r")\s*[:：]")
# A title line set with letter spacing (PDF): "淮 安 市 … 2 0 2 4 年 …".
_SPACED_OUT = re.compile(r"^\s*(?:\S ){8,}\S\s*$")
_TITLE_YEAR_FIRST = re.compile(r"^(\d{4})\s*年度?\s*(\S.{1,40}?)\s*" + tpl.REPORT_NAME_AFTER_YEAR)
_TITLE_NO_YEAR = re.compile(r"^(\S.{1,40}?)\s*" + _NAME + r"\s*$")
# "标题：…" in a crawler's capture or a page's info box.
# What may stand before a title on its line: a field label ("标题：…" in a crawler's capture or an
# info box) or a Markdown heading's marks ("# 某某局2023年…" in a converter's output).
_FIELD_LABEL = re.compile(r"^\s*(?:(?:" + "|".join(tpl.META_LABELS["title"]) + r")\s*[:：]|#{1,6}(?=\s))\s*")
# The statistics period of the opening paragraph: 统计期限自2023年1月1日起至2023年12月31日止.
PERIOD_YEAR = re.compile(r"统计(?:期限|时限|时间|区间|口径)?\S{0,4}?(\d{4})\s*年\s*1\s*月\s*1\s*日")
# Part 一's first words naming the year it reports on ("2019年，新华街道办事处高度重视…"): the year
# alone, then a comma, never a date ("2019年5月15日，新修订的《条例》施行") or a span ("2019年以来").
_PART_ONE_YEAR = re.compile(r"^\s*(\d{4})\s*年\s*[,，]")


def part_one_year(lines: list[str]) -> int | None:
    """The year part 一's first line opens with, for a report whose title names none."""
    first = next((line for line in lines if line.strip()), "")
    m = _PART_ONE_YEAR.match(nfkc(first))
    return int(m.group(1)) if m else None


# The title's last line, its year or the 年度 after the year perhaps on it (the year alone on
# the line above: "某某局" / "2020" / "年度政府信息公开工作年度报告").
_TITLE_TAIL = re.compile(r"^\s*(?:(?:\d{4}\s*)?年度?\s*)?" + _NAME + r"\s*$")
_DATE_LINE = re.compile(r"^[（(]?\s*" + page_meta.DATE.pattern + r"\s*[)）]?$")


_REPORT_NAMES = ("政府信息公开工作年度报告", "政府信息公开年度报告")


def is_running_title(line: str) -> bool:
    """Whether a line is the report's name alone, perhaps after its agency or year: the title a
    PDF prints atop each page, which text converted from it writes among a table's lines."""
    line = line.strip()
    # The name ends the line, and every name ends in 报 or 告 (tpl.REPORT_NAME): a line of a
    # table that only holds 报 ("信访举报投诉类申请 …") is not matched against the patterns.
    return line.endswith(("报", "告")) and bool(_TITLE_TAIL.match(line) or _TITLE_NO_YEAR.match(line))


def _wrapped_name(line: str, next_line: str) -> bool:
    """Whether next_line is the rest of a report name that `line` breaks off."""
    rest = squash(next_line, normalized=True)
    start = squash(line, normalized=True)
    return 2 <= len(rest) and any(name.endswith(rest) and len(rest) < len(name) and start.endswith(name[:-len(rest)])
                                  for name in _REPORT_NAMES)


def title(head: list[str], period: int | None = None) -> tuple[str | None, int | None, int]:
    """Agency, year and the index of the title line among head lines. `period`: the year the text
    says it reports on (the opening's statistics period, or part 一's first words), which picks
    this report out of a list of reports."""
    nonempty = _without_lists_of_reports([(i, _FIELD_LABEL.sub("", line.strip())) for i, line in enumerate(head)
                                          if line.strip()], period)
    found = None  # a title without its agency, kept until a later one names it
    for n, (i, line) in enumerate(nonempty[:8]):
        if _LINK_LINE.match(line):
            continue
        borrowed = False  # whether the agency is read from the lines above the title's
        norm = _CHINESE_YEAR.sub(lambda y: y.group().translate(_CHINESE_DIGITS), nfkc(line))
        if _SPACED_OUT.match(norm):
            norm = norm.replace(" ", "")
        # A title broken over lines: "某某局2023年" / "政府信息公开工作年度报告", or the agency and
        # "2023年度" on lines of their own above it.
        if _TITLE_TAIL.match(norm) and n:
            before = [nfkc(text) for _, text in nonempty[max(0, n - 2):n]]
            while before and (len(before[0]) > 30 or re.search(r"[，。；,;:：]", before[0])
                              or _DOCUMENT_NUMBER.search(before[0])):
                before.pop(0)
            norm = "".join(before) + norm
            borrowed = bool(before)
        elif n and _wrapped_name(nfkc(nonempty[n - 1][1]), norm):
            # A line wrap inside the report's name ("…政府信息公开" / "工作年度报告").
            norm = nfkc(nonempty[n - 1][1]).rstrip() + norm.strip()
        m = _TITLE.search(norm)
        if not m:
            named = _named_without_year_before(norm)
            # A breadcrumb's last step naming the report without a year names the page's column
            # ("首页 > … > 2021 > 街道办事处政府信息公开工作年度报告"), not this report.
            if named and not (named[1] is None and _BREADCRUMB.search(norm) and _CRUMB_STEP.search(norm)):
                return (*named, i)
            continue
        agency = norm[: m.start()].strip()
        if "《" in agency and "》" not in agency.rsplit("《", 1)[1]:  # a citation still open
            # No title line, but the opening paragraph cites the report by its name:
            # "……现发布《沙坡头区科学技术局 2025 年政府信息公开工作年度报告》". A citation the
            # name does not end is another document's title ("《湖北省人民政府办公厅关于做好2020年
            # 政府信息公开年度报告编制和发布工作的通知》"): its issuer is no agency of this report.
            if not norm[m.end():].lstrip().startswith("》"):
                continue
            agency = agency.rsplit("《", 1)[1]
        elif re.search(r"[，。；,;]", agency):
            # The words occur inside a sentence, not as a title; a sentence of the opening may name
            # the report without 《》 (…规定，现公布某某局2023年…年度报告。): then the agency is what
            # follows its verb, where that ends as an agency's name does and is no 我局 or 本机关.
            cited = _CITING.split(agency)
            named = _agency(cited[-1]) if len(cited) > 1 else ""
            if not named or named.startswith(("我", "本")) or not _ends_as_agency(named):
                continue
            agency = named
        elif norm[m.end():].lstrip().startswith("》"):
            # The citation opened on the line above, a PDF's line wrap inside it ("现发布《青石县" /
            # "档案馆 2023 年…》"): the agency is what follows its 《 there and precedes the year here.
            opened = nfkc(nonempty[n - 1][1]).rsplit("《", 1) if n else []
            if len(opened) < 2 or "》" in opened[1]:
                continue
            agency = opened[1].strip() + agency
        if not agency:
            # The agency after the report's name on its line: 2023年…年度报告（某某局）, …年度报告——某某局;
            # taken where it ends as an agency's name does (not （全文）, （摘要）).
            after = _AGENCY_AFTER.match(norm, m.end())
            named = (after.group(1) or after.group(2)) if after else ""
            if named and _ends_as_agency(named):
                agency = named
        if not agency and n > 0:
            agency, borrowed = nonempty[n - 1][1], True
        agency = _agency(agency) or None
        if borrowed and agency and not _ends_as_agency(agency):
            agency = None  # the line above is the page's chrome or column (政务公开, 加入收藏), no agency
        # "2022年政府信息公开工作年度报告" alone at the top of the page, the agency and the title
        # printed again below it: the title with its agency is the report's, and the line above
        # the first title is the site's header ("某某市人民政府门户网站"), not the agency.
        if agency is None or (borrowed and any(text == line for _, text in nonempty[n + 1:8])):
            found = found or (None, int(m.group(1)), i)
            continue
        return agency, int(m.group(1)), i
    return found or (None, None, -1)


# A document number (岚经发〔2020〕2号), printed on a line of its own above the agency's: no part of it.
_DOCUMENT_NUMBER = re.compile(r"[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*\d+\s*号")
_CLAUSE_MARK = re.compile(r"[，。；,;]")  # a sentence's, never in a list's title
_FOUR_DIGITS = re.compile(r"[0-9０-９]{4}")
# A line of a list of reports: a title alone, or a date (a list may print each report's date).
_LISTED_DATE = re.compile(r"^[\[(（]?\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?[\])）]?$")


def _without_lists_of_reports(nonempty: list[tuple[int, str]], period: int | None) -> list[tuple[int, str]]:
    """The head lines without a list of reports of several years (a site's column of the agency's
    annual reports printed beside the article, in a page's text or PDF): titles on consecutive
    lines naming two years or more are no one report's title, the first of them not this one's.
    Those of the `period`'s year stay: this report's own title (the list names it too, and the
    title printed right after the list would pass for one of its lines)."""
    # A list names two reports at least, each with its year on a short line of its own that every
    # form of the name gives a 报.
    if sum(1 for _, line in nonempty if "报" in line and len(line) <= 100 and _FOUR_DIGITS.search(line)) < 2:
        return nonempty
    years = []
    for _, line in nonempty:
        norm = nfkc(line)
        # A link to another report (上一篇：…) is skipped as a title is looked for, no list's line.
        m = _TITLE.search(norm) if len(norm) <= 80 and not _CLAUSE_MARK.search(norm) \
            and not _LINK_LINE.match(line) else None
        years.append(int(m.group(1)) if m else "date" if _LISTED_DATE.match(norm) else None)
    listed: set[int] = set()
    n = 0
    while n < len(years):
        end = n
        while end < len(years) and years[end] is not None:
            end += 1
        if len({y for y in years[n:end] if y != "date"}) >= 2:
            listed.update(k for k in range(n, end) if years[k] != period)
        n = end + 1
    return [entry for k, entry in enumerate(nonempty) if k not in listed] if listed else nonempty


def _named_without_year_before(line: str) -> tuple[str, int | None] | None:
    """(agency, year) of a title whose year does not stand between the agency and the name: in
    brackets after the name, before the agency, or nowhere."""
    after = _TITLE_YEAR_AFTER.match(line)
    first = None if after else _TITLE_YEAR_FIRST.match(line) or _TITLE_NO_YEAR.match(line)
    if after:
        text, year, end = after.group(1), int(after.group(2)), after.end(1)
    elif first:
        text, end = first.group(first.lastindex), first.end(first.lastindex)
        year = int(first.group(1)) if first.re is _TITLE_YEAR_FIRST else None
    else:
        return None
    if text.endswith("人民") and line.startswith("政府", end):
        text += "政府"  # 某某镇人民政府信息公开年报: the 政府 is the agency's, the name goes without it
    text = re.sub(r"\s*年度?$", "", text)  # 某某局年度政府信息公开工作年度报告: the 年度 is the report's
    agency = "" if re.search(r"[，。；,;《]", text) else _agency(text)
    return (agency, year) if agency else None


# What may stand before the agency on a title's line: a label (附件：), a breadcrumb's steps
# (首页>政务公开>), tags (【年度报告】); and words that join it to the year (某某局关于2023年…).
_LABEL_END = re.compile(r"[:：]")
# A crawler's capture of the page's info box writes its fields with spaces, not colons, and may
# put several on the title's line ("索引号 014314799/2024-00002 名称 某某局2023年…"): the agency
# starts after the title's field label.
_SPACED_TITLE_FIELD = re.compile(r"(?:^|\s)(?:" + "|".join(r"\s*".join(label) for label in tpl.META_LABELS["title"])
                                 + r")\s*(?:[|｜]\s*|\s)")
_CRUMB_STEP = re.compile(r"[>›»]")
_TAGS = re.compile(r"^(?:【[^】]*】|\[[^\]]*\])+")
# A page title's spaced separator: a viewer's page number or a site's name before the report's
# title ("Page 8 - 某某局2022年…", a flipbook's page of a PDF).
_TITLE_SEPARATOR = re.compile(r"\s[-–—|｜]\s")
# 关于报送: a letter sending the report (某某局关于报送2020年度…年度报告的函); longest first.
_AGENCY_JOINS = ("关于报送", "关于")
# A list page's date before the title (2024-01-19 某某局2023年…), and a year the title pattern did
# not take after the agency (某某局2023政府信息公开…, 某某局2022—2023年度…): no part of the agency.
_LEADING_DATE = re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?")
_TRAILING_YEAR = re.compile(r"\d{4}(?:年度?)?[—–\-~～至]?$")
# What may follow the Han characters of an agency's name: brackets (某某局（某某办）), markup.
_NOT_HAN_TAIL = re.compile(r"[^\u4e00-\u9fff]+$")


def _ends_as_agency(name: str) -> bool:
    """Whether the name's last Han characters end as an agency's name does (template.AGENCY_ENDINGS)."""
    return _NOT_HAN_TAIL.sub("", name).endswith(tpl.AGENCY_ENDINGS)


# The verb of a sentence that publishes the report (现公布, 现发布, 现将 …), before the report's name;
# or that writes it (某某委编制了某某委员会2022年…年度报告, 特编制…, 编制完成…, 我局编制并向社会公开…: the
# title line printed without its agency, 吉林's, 湛江's and 莆田's pages), or publishes it specially
# (现特向社会公布…). The 编制 of an agency's name (机构编制委员会办公室, 编办) is no verb.
_CITING = re.compile(r"现特?(?:予以|向社会)?(?:公布|发布|公开)|现将"
                     r"|(?<!机构)特?编制(?!委|办)(?:了|完成|形成|发布|公布|并(?:向社会)?(?:公布|发布|公开))?")
_AGENCY_AFTER = re.compile(r"\s*(?:[（(]\s*([^（()）\d]{2,30}?)\s*[)）]|[—－-]{1,2}\s*([^\s\d]{2,30}))\s*$")


def _agency(text: str) -> str:
    """The agency as a title names it: without spaces, what stands before it on the line (a label,
    附件：; a breadcrumb, 首页>…; a tag, 【年度报告】) or a word joining it to the year (关于); ''
    for the words of a sentence (现将本机关…)."""
    agency = re.sub(r"\s+", "", _TITLE_SEPARATOR.split(_SPACED_TITLE_FIELD.split(text)[-1])[-1])
    if _BREADCRUMB.search(agency):
        agency = _CRUMB_STEP.split(agency)[-1]
    # Tags before and after a label (【字体：大 中 小】 2023年…; 附件：【年度报告】某某局…), and a page
    # title's separator left after the agency (某某局 | 2023年…).
    agency = _TAGS.sub("", _LABEL_END.split(_TAGS.sub("", agency))[-1]).rstrip("|｜-–—_")
    agency = _TRAILING_YEAR.sub("", _LEADING_DATE.sub("", agency))
    if any(word in agency for word in tpl.NOT_IN_AGENCY) or agency in tpl.WHOLE_AREA:
        return ""
    for word in _AGENCY_JOINS:
        if agency.endswith(word):
            agency = agency[:-len(word)]
        if agency.startswith(word):  # 关于某某局2023年…的说明
            agency = agency[len(word):]
    return agency


# What a saved or crawled page prints around the report's opening: a separator line (===== 正文
# =====), its own labelled fields (文号：, 栏目：, 原文链接：), and a line of site chrome before the
# report's first words (当前位置：… the title again 来源： 时间：… 微信 微博 … 相关链接：).
_SEPARATOR = re.compile(r"^\s*[=＝*＊\-—_]{5,}")
_FIELD_LINE = re.compile(r"^\s*(?:" + "|".join([*(label for labels in tpl.META_LABELS.values() for label in labels),
                                                   *tpl.PAGE_FIELD_LABELS]) + r")\s*[:：]")
_BREADCRUMB = re.compile(r"位置\s*[:：]|首页")
_CHROME_RUN = re.compile(r"(?:\s*(?:" + "|".join(tpl.PAGE_CHROME) + r"))*\s*")


_TITLE_AFTER_AGENCY = re.compile(r"\s*(\d+)\s*年度?\s*政府信息公开(?:工作)?\s*年度报告(?!》)")


def _title_follows(text: str, agency: str, year: int) -> bool:
    """Whether the agency stands somewhere in `text` with the rest of the title after it: what the
    title pattern needs (checked without compiling a pattern for each agency)."""
    at = text.find(agency)
    while at >= 0:
        m = _TITLE_AFTER_AGENCY.match(text, at + len(agency))
        if m and m.group(1) == str(year):
            return True
        at = text.find(agency, at + 1)
    return False


def opening_without_page(opening: list[str], agency: str | None, year: int | None) -> list[str]:
    """The opening without what the page printed around the report (never a line of the report:
    only a separator's lead-in, the fields before the text and the chrome before the title's
    repetition go)."""
    separators = [i for i, line in enumerate(opening) if _SEPARATOR.match(line)]
    if separators:
        opening = opening[separators[-1] + 1:]
    while opening and (not opening[0].strip() or (_FIELD_LINE.match(opening[0]) and len(opening[0]) <= 200)):
        opening = opening[1:]
    if opening and agency and year:
        # The title repeated in the first line, after a breadcrumb: the report starts after it.
        first = opening[0]
        repeated = re.search(rf"(?<!《)\s*{re.escape(agency)}\s*{year}\s*年度?\s*政府信息公开(?:工作)?\s*年度报告(?!》)",
                             first[:400]) if _title_follows(first[:400], agency, year) else None
        chrome = _CHROME_RUN.match(first, repeated.end()) if repeated else None
        if repeated and (first[repeated.end():chrome.end()].strip() or _BREADCRUMB.search(first[:repeated.start()])):
            rest = first[chrome.end():]
            opening = ([rest] if rest.strip() else []) + opening[1:]
    return opening


# A publisher's field as a page-to-text tool or a crawler writes an info box, without its colon:
# the label, then a pipe or spaces, then the value up to the next pipe or space ("发布机构 | 某某局 |
# 公开日期 | …", "发布机构 某某局 公开日期 …").
_AGENCY_FIELD = re.compile(r"(?:^|[\s|｜])(?:" + "|".join(r"\s*".join(label) for label in tpl.META_LABELS["agency"])
                           + r")\s*(?:[|｜]\s*|\s+)([^\s|｜:：]{2,40})(?=[\s|｜]|$)")


def _field_lines(head: list[str]) -> list[str]:
    """The lines above the report where the page's fields may stand: the first 40 with text (a
    PDF of a printed page puts a blank line after each, and its header and lists come first)."""
    return [line for line in head if line.strip()][:40]


def title_field(head: list[str]) -> tuple[str | None, int | None]:
    """Agency and year of the report a 名称 field above it names (a page's info box, printed or
    copied with the page: what the HTML reader finds as the page's title field)."""
    named = page_meta.read(_field_lines(head)).get("title")
    return title([named])[:2] if named else (None, None)


def agency_field(head: list[str]) -> str | None:
    """The agency a publisher's field above the report gives (发布机构：…), or one written without
    its colon where it is one value that ends as an agency's name does (a date or a blank field
    is none)."""
    labelled = page_meta.read(_field_lines(head)).get("agency")
    if labelled:
        return re.sub(r"\s+", "", nfkc(labelled))
    for line in _field_lines(head):
        for m in _AGENCY_FIELD.finditer(nfkc(line)):
            if not re.search(r"\d", m.group(1)) and _ends_as_agency(m.group(1)):
                return m.group(1)
    return None


def published(head: list[str], title_at: int, meta: dict) -> tuple[str | None, str | None]:
    """The publication date and where it was read: a field of the page (时间：…, 发布日期：…),
    such a field above part 一, or a line of nothing but a date under the title."""
    if meta.get("published"):
        return meta["published"], meta.get("published_label")
    fields = page_meta.read(_field_lines(head))
    if fields.get("published"):
        return fields["published"], fields["published_label"]
    below = [line.strip() for line in head[title_at + 1:] if line.strip()][:3] if title_at >= 0 else []
    for line in below:
        if _DATE_LINE.match(nfkc(line)):
            return page_meta.iso_date(line), "标题下日期"
    return None, None
