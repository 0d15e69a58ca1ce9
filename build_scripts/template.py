"""The two national templates as data: parts, tables, row and column labels and their keys.

Nothing here parses or renders; the parser, the checks, the site and the downloads all read
these definitions so that keys and labels are spelled in exactly one place
(see ../shared/spec/tables-2021.md and tables-2019.md).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

TEMPLATES = ("2021", "2019")

NOTICES = {
    "2021": "国办公开办函〔2021〕30号",
    "2019": "国办公开办函〔2019〕60号",
}

PART_NUMBERS = ("一", "二", "三", "四", "五", "六")

# Usual titles; `keywords` are what a heading must contain to count as that part, because
# agencies word the titles freely (sections.md) while table rows such as
# "四、结转下年度继续办理" also start with a part number.
PART_TITLES = {
    "一": "总体情况",
    "二": "主动公开政府信息情况",
    "三": "收到和处理政府信息公开申请情况",
    "四": "政府信息公开行政复议、行政诉讼情况",
    "五": "政府信息公开工作存在的主要问题及改进情况",
    "六": "其他需要报告的事项",
}
PART_KEYWORDS = {
    "一": (("总体",), ("概述",), ("概况",)),  # 一、工作概况: a 镇 of 隆昌, 2019
    "二": (("主动公开",),),
    "三": (("申请",),),
    "四": (("复议",), ("诉讼",)),
    "五": (("问题",), ("改进",)),
    "六": (("其他", "事项"), ("其它", "事项")),
}
# Each part's titles as printed in full: PART_TITLES and the variants seen (sections.md). A
# heading whose title is one of these is that part whatever number it is printed with (上海's
# reports number their own prose parts 一…六, then the template's parts again from 一).
_PART_TITLES_ALSO = {
    "四": ("因政府信息公开工作被申请行政复议、提起行政诉讼情况",),
    "五": ("存在的主要问题及改进情况", "存在问题及改进情况"),
}
PART_TITLE_VARIANTS = {number: (title, *_PART_TITLES_ALSO.get(number, ())) for number, title in PART_TITLES.items()}
# The words a part title ends with where agencies word it freely (…改进情况, …整改措施, …工作计划,
# …明年工作打算): how a title inside a line of prose is told apart from the sentence after it.
PART_TITLE_ENDINGS = ("情况", "事项", "措施", "概述", "概况", "计划", "打算", "安排", "举措")
TABLE_PARTS = {"二": "proactive", "三": "applications", "四": "review_litigation"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "count"  # count: whole number >= 0; signed: whole number; amount: decimal >= 0


@dataclass(frozen=True)
class ProactiveRow:
    key: str
    label: str
    article: str  # 第二十条第（…）项
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class AppRow:
    key: str | None  # None for group headings that carry no numbers
    label: str
    number: str  # the printed numbering: "一、", "(一)", "1." …
    level: int  # 0: 一/二/三/四 rows, 1: (一)…(七), 2: 1. 2. … sub-rows
    core: str  # the distinctive part of the label used to find the row in extracted text


@dataclass(frozen=True)
class Template:
    id: str
    proactive: tuple[ProactiveRow, ...]
    app_rows: tuple[AppRow, ...]
    app_columns: tuple[Column, ...] = field(default=())
    review_groups: tuple[tuple[str, str], ...] = field(default=())
    review_columns: tuple[Column, ...] = field(default=())

    @functools.cached_property  # asked for each row read: built once per template
    def data_rows(self) -> tuple[AppRow, ...]:
        return tuple(r for r in self.app_rows if r.key)

    @property
    def outcome_keys(self) -> tuple[str, ...]:
        """Rows whose sum is (七)总计 (rule A-outcome-total)."""
        return tuple(r.key for r in self.data_rows if r.key.startswith("3.") and r.key != "3.7")

    def app_row(self, key: str) -> AppRow:
        return next(r for r in self.app_rows if r.key == key)

    def proactive_row(self, key: str) -> ProactiveRow:
        return next(r for r in self.proactive if r.key == key)

    def app_column(self, key: str) -> Column:
        return next(c for c in self.app_columns if c.key == key)

    def review_column(self, key: str) -> Column:
        return next(c for c in self.review_columns if c.key == key)


APP_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial_enterprise", "商业企业"),
    Column("research_institution", "科研机构"),
    Column("social_welfare_org", "社会公益组织"),
    Column("legal_service_org", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
APPLICANT_ORG_COLUMNS = tuple(c.key for c in APP_COLUMNS[1:6])  # under 法人或其他组织

REVIEW_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
REVIEW_GROUPS = (
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼 · 未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼 · 复议后起诉"),
)


def _rows_before_other() -> list[AppRow]:
    return [
        AppRow("1", "一、本年新收政府信息公开申请数量", "一、", 0, "本年新收政府信息公开申请数量"),
        AppRow("2", "二、上年结转政府信息公开申请数量", "二、", 0, "上年结转政府信息公开申请数量"),
        AppRow(None, "三、本年度办理结果", "三、", 0, "本年度办理结果"),
        AppRow("3.1", "(一) 予以公开", "(一)", 1, "予以公开"),
        AppRow("3.2", "(二) 部分公开（区分处理的，只计这一情形，不计其他情形）", "(二)", 1, "部分公开"),
        AppRow(None, "(三) 不予公开", "(三)", 1, "不予公开"),
        AppRow("3.3.1", "1.属于国家秘密", "1.", 2, "属于国家秘密"),
        AppRow("3.3.2", "2.其他法律行政法规禁止公开", "2.", 2, "其他法律行政法规禁止公开"),
        AppRow("3.3.3", "3.危及“三安全一稳定”", "3.", 2, "危及三安全一稳定"),
        AppRow("3.3.4", "4.保护第三方合法权益", "4.", 2, "保护第三方合法权益"),
        AppRow("3.3.5", "5.属于三类内部事务信息", "5.", 2, "属于三类内部事务信息"),
        AppRow("3.3.6", "6.属于四类过程性信息", "6.", 2, "属于四类过程性信息"),
        AppRow("3.3.7", "7.属于行政执法案卷", "7.", 2, "属于行政执法案卷"),
        AppRow("3.3.8", "8.属于行政查询事项", "8.", 2, "属于行政查询事项"),
        AppRow(None, "(四) 无法提供", "(四)", 1, "无法提供"),
        AppRow("3.4.1", "1.本机关不掌握相关政府信息", "1.", 2, "本机关不掌握相关政府信息"),
        AppRow("3.4.2", "2.没有现成信息需要另行制作", "2.", 2, "没有现成信息需要另行制作"),
        AppRow("3.4.3", "3.补正后申请内容仍不明确", "3.", 2, "补正后申请内容仍不明确"),
        AppRow(None, "(五) 不予处理", "(五)", 1, "不予处理"),
        AppRow("3.5.1", "1.信访举报投诉类申请", "1.", 2, "信访举报投诉类申请"),
        AppRow("3.5.2", "2.重复申请", "2.", 2, "重复申请"),
        AppRow("3.5.3", "3.要求提供公开出版物", "3.", 2, "要求提供公开出版物"),
        AppRow("3.5.4", "4.无正当理由大量反复申请", "4.", 2, "无正当理由大量反复申请"),
        AppRow("3.5.5", "5.要求行政机关确认或重新出具已获取信息", "5.", 2, "要求行政机关确认或重新出具已获取信息"),
    ]


_ROWS_AFTER_OTHER = [
    AppRow("3.7", "(七) 总计", "(七)", 1, "总计"),
    AppRow("4", "四、结转下年度继续办理", "四、", 0, "结转下年度继续办理"),
]

_APP_ROWS_2021 = tuple(
    _rows_before_other()
    + [
        AppRow(None, "(六) 其他处理", "(六)", 1, "其他处理"),
        AppRow("3.6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1.", 2,
               "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        AppRow("3.6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "2.", 2,
               "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        AppRow("3.6.3", "3.其他", "3.", 2, "其他"),
    ]
    + _ROWS_AFTER_OTHER
)

_APP_ROWS_2019 = tuple(
    _rows_before_other() + [AppRow("3.6", "(六) 其他处理", "(六)", 1, "其他处理")] + _ROWS_AFTER_OTHER
)

_ISSUED = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)
_DECISIONS = (Column("decisions", "本年处理决定数量"),)

_PROACTIVE_2021 = (
    ProactiveRow("regulations", "规章", "第二十条第（一）项", _ISSUED),
    ProactiveRow("normative_documents", "行政规范性文件", "第二十条第（一）项", _ISSUED),
    ProactiveRow("licensing", "行政许可", "第二十条第（五）项", _DECISIONS),
    ProactiveRow("penalty", "行政处罚", "第二十条第（六）项", _DECISIONS),
    ProactiveRow("enforcement", "行政强制", "第二十条第（六）项", _DECISIONS),
    ProactiveRow("fees", "行政事业性收费", "第二十条第（八）项",
                 (Column("amount_10k_yuan", "本年收费金额（单位：万元）", "amount"),)),
)

_MADE = (
    Column("new_made", "本年新制作数量"),
    Column("new_published", "本年新公开数量"),
    Column("total_published", "对外公开总数量"),
)
_ITEMS = (
    Column("previous_count", "上一年项目数量"),
    Column("change", "本年增/减", "signed"),
    Column("decisions", "处理决定数量"),
)

_PROACTIVE_2019 = (
    ProactiveRow("regulations", "规章", "第二十条第（一）项", _MADE),
    ProactiveRow("normative_documents", "规范性文件", "第二十条第（一）项", _MADE),
    ProactiveRow("licensing", "行政许可", "第二十条第（五）项", _ITEMS),
    ProactiveRow("other_services", "其他对外管理服务事项", "第二十条第（五）项", _ITEMS),
    ProactiveRow("penalty", "行政处罚", "第二十条第（六）项", _ITEMS),
    ProactiveRow("enforcement", "行政强制", "第二十条第（六）项", _ITEMS),
    ProactiveRow("fees", "行政事业性收费", "第二十条第（八）项", _ITEMS[:2]),
    ProactiveRow("procurement", "政府集中采购", "第二十条第（九）项",
                 (Column("projects", "采购项目数量"), Column("amount", "采购总金额", "amount"))),
)

TEMPLATE_2021 = Template("2021", _PROACTIVE_2021, _APP_ROWS_2021, APP_COLUMNS, REVIEW_GROUPS, REVIEW_COLUMNS)
TEMPLATE_2019 = Template("2019", _PROACTIVE_2019, _APP_ROWS_2019, APP_COLUMNS, REVIEW_GROUPS, REVIEW_COLUMNS)
BY_ID = {"2021": TEMPLATE_2021, "2019": TEMPLATE_2019}

# Labels found only in one template's tables, used to tell the layout apart from the notice.
# Several of each: a page may misprint or cut a header (本年发件, 现行有效件: 宁强 2021).
LAYOUT_MARKERS = {
    "2019": ("政府集中采购", "第二十条第(九)项", "本年新制作数量", "对外公开总数量"),
    "2021": ("本年制发件数", "现行有效件数", "申请人无正当理由逾期不补正", "本年废止件数", "本年处理决定数量",
             "本年收费金额"),
}


def get(template_id: str) -> Template:
    return BY_ID[template_id]

# The report's name in its title (a regular expression): 政府信息公开工作年度报告, 政府信息公开年度报告,
# with the words turned round, 政府信息公开年度工作报告 (a 乡 of 甘肃, 2019), or short, 政府信息公开年报
# (a 镇 of 陕西, 2022), or without 政府 (2021年某某街道办事处信息公开年报: the titles a 温州 district's
# site gives all its units: never 政府 itself taken for the agency), or with 年度 only before it,
# 2019年度政府信息公开工作报告 (a 街道 of 连云港, 2019), or after the year alone, 自然资源部2024年政府信息公开
# 工作报告 (the ministry's own title). Every form holds 报 (the mark a page's title is looked for by).
# 政务信息公开年报 is a name too (a 江西 county's site calls its column so, at the end of a breadcrumb
# above the title): its 政务 is never taken for the agency.
REPORT_NAME = (r"(?:(?:政[府务]|(?<!政[府务])(?<!政[府务]\s))信息公开(?:工作)?(?:的)?\s*年\s*(?:度\s*(?:工\s*作\s*)?报\s*告|报)"
               r"|(?:(?<=年度)|(?<=\d年)|(?<=\d\s年))\s*政府信息公开工作报告)")
# After a title's leading year the name may be 信息公开工作报告 too (2023年度某某街道信息公开工作报告,
# a 怀化 街道's page): the year first makes the line a title.
REPORT_NAME_AFTER_YEAR = rf"(?:{REPORT_NAME}|(?:政府)?信息公开工作报告)"

# Labelled fields a page or a report prints about itself (page_meta.py), most telling first.
# 成文日期 is when a document was written, not when it was published: not a publication date.
META_LABELS = {
    "published": ("发布日期", "公开日期", "发布时间", "公开时间", "发文日期", "时间", "日期"),
    "agency": ("发布机构", "发文机关", "发布单位", "公开主体"),
    "title": ("名称", "标题", "题名", "文件名称", "信息名称"),
}

# How agencies label the cells of tables 二, 三 and 四 where they differ from the template.
# Row labels of table 二, matched whole (after removing spaces and punctuation):
PROACTIVE_ROW_LABELS = {
    "regulations": ("规章",),
    "normative_documents": ("行政规范性文件", "规范性文件"),
    "licensing": ("行政许可",),
    "other_services": ("其他对外管理服务事项", "其他对外管理服务"),
    "penalty": ("行政处罚",),
    "enforcement": ("行政强制",),
    "fees": ("行政事业性收费", "行政事业型收费"),  # 型 for 性: a misprint seen in a real report
    "procurement": ("政府集中采购",),
}
# Rows some reports add to table 二 beyond the template, with their number of figures (湖北
# 2019–2020: 其他主动公开文件 under 规范性文件): no row of the template, so their figures are read
# into none.
PROACTIVE_EXTRA_ROWS = {"其他主动公开文件": 3}
# Column headers of table 二: a header names the column when it contains one of these words.
PROACTIVE_COLUMN_WORDS = {
    "issued": ("制发",),
    "repealed": ("废止", "废纸"),  # 本年废纸件数: a misprint seen in a real report
    "in_force": ("现行有效",),
    "decisions": ("处理决定",),
    "amount_10k_yuan": ("收费金额",),
    "new_made": ("新制作",),
    "new_published": ("新公开",),
    "total_published": ("公开总",),
    "previous_count": ("上一年", "上年"),
    "change": ("增/减", "增减", "增(减)", "增\\减"),  # 本年增\减: a 街道 of 无锡, 2019
    "projects": ("采购项目",),
    "amount": ("采购总金额", "采购金额"),
}
# The unit of the amount columns of table 二 (采购总金额, 本年收费金额) is 万元. A header that names
# another unit in brackets (采购总金额（元）, 本年收费金额（单位：元）) gives its figures in that unit.
AMOUNT_UNIT = "万元"
_HEADER_UNIT = re.compile(r"[(（]\s*(?:单位\s*[:：]\s*)?(万元|千元|亿元|元)\s*[)）]")


# Units agencies write after a count in table 二 (政府集中采购 “2笔”): the count is the figure.
COUNT_UNITS = ("笔", "件", "条", "个", "项")
# The words a note in brackets after a figure in its cell opens with (规章 “22（其中修订16件）”,
# “55（含自然失效29件）”, a 上海 report): the figure before it is the cell's, the note's are not.
FIGURE_NOTE_WORDS = ("其中", "含", "包括", "包含")
# Other units printed after a figure, which the parser does not convert (6508300元 under 采购总金额,
# whose unit is 万元): the cell is left unread with a problem naming the unit. An amount of zero in
# another currency unit (0元) is zero all the same.
OTHER_AMOUNT_UNITS = ("元", "千元", "亿元")
OTHER_UNITS = OTHER_AMOUNT_UNITS + ("人次", "次", "人", "份", "页", "%")


def amount_unit(header: str) -> str | None:
    """The unit a table-二 amount header names when it is not 万元, else None."""
    m = _HEADER_UNIT.search(header)
    return m.group(1) if m and m.group(1) != AMOUNT_UNIT else None


# Words of a sentence that names the report (现将本机关2023年…年度报告公布如下), never of a title's
# agency (机构编制委员会, 预警信息发布中心 are agencies: not 编制 or 发布 alone): such a line is no title.
NOT_IN_AGENCY = ("现将", "现向", "现予", "现发布", "特此", "如下", "本报告", "本机关", "根据", "向社会",
                 # a site's header, the line above a title printed without its agency, or the page's
                 # words before the title on its line (正文 2023年…)
                 "网站", "官网", "门户", "无障碍", "长者模式", "长辈版", "关怀版", "正文", "字体", "字号")
# What a summary report's sentence names before the year (现公布全县2023年…年度报告: the whole county's
# report, a 县's summary of its bodies): no agency's name, matched whole (全椒县, 全州县 are agencies).
WHOLE_AREA = ("全省", "全市", "全县", "全区", "全州", "全盟", "全旗", "全镇", "全乡", "全街道")

# How an agency's name ends. A title printed without its agency borrows the line above it only
# when that line ends so: the line above may be the page's chrome or column (政务公开, 通知公告,
# 加入收藏, a date), never to be taken for the agency.
AGENCY_ENDINGS = ("政府", "局", "厅", "委员会", "委", "办公室", "办", "中心", "署", "院", "部", "处", "所", "站", "队",
                  "馆", "司", "街道", "办事处", "镇", "乡", "区", "县", "市", "州", "盟", "旗", "会", "社", "行", "台",
                  "关", "场", "室", "园", "联", "校", "学", "组")

# Labels of a page's links to other documents (上一篇：某某局2022年…年度报告): such a line names
# another report, never this one.
LINK_LABELS = ("上一篇", "下一篇", "上一条", "下一条", "相关阅读", "相关链接", "相关文章", "相关文件", "推荐阅读", "延伸阅读")

# Fields a page or a crawler prints about a report besides META_LABELS (索引号：…, 栏目：…).
PAGE_FIELD_LABELS = ("索引号", "文号", "发文字号", "主题分类", "成文日期", "栏目", "来源", "信息来源", "原文链接", "链接",
                     "本地目录", "有效性", "关键词")
# What a web page prints between a report's title and its first words (regular expressions): the
# source and time fields, share and print bars, version switches.
PAGE_CHROME = (r"来源[:：](?:(?!(?:发布)?时间[:：])\S){0,30}", r"(?:发布)?时间[:：]\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?",
               r"-->", r"微信", r"微博", r"QQ空间", r"全真版", r"文字版", r"文件下载", r"相关链接[:：]", r"分享到[:：]?",
               r"【?打印(?:本页)?】?", r"【?关闭(?:窗口)?】?", r"字号[:：]?\s*[大中小]*", r"浏览(?:次数)?[:：]\s*\d*")

# Column headers of table 三 (leaf headers, matched whole) and of table 四.
APP_COLUMN_LABELS = {
    "natural_person": ("自然人",),
    # A cell of two paragraphs (商业 / 企业) of which a page-to-text tool kept the first.
    "commercial_enterprise": ("商业企业", "商业"),
    "research_institution": ("科研机构", "科研"),
    "social_welfare_org": ("社会公益组织", "社会公益"),
    "legal_service_org": ("法律服务机构", "法律服务"),
    "other_org": ("其他", "其他组织"),
    "total": ("总计", "合计"),
}
# Headers over several of table 三's columns (no column's own header).
APP_GROUP_HEADERS = ("申请人情况", "法人或其他组织")
# Headers of a column some agencies add to a table for remarks: what stands under one (无, a
# sentence) is no figure of any column of the template.
NOTE_COLUMN_LABELS = ("备注", "说明", "附注")
REVIEW_COLUMN_LABELS = {
    "upheld": ("结果维持", "维持"),
    "corrected": ("结果纠正", "纠正"),
    "other": ("其他结果", "其他"),
    "pending": ("尚未审结", "未审结"),
    "total": ("总计", "合计"),
}
# Group headers of table 四, most specific first ("复议后起诉" also contains "复议").
REVIEW_GROUP_WORDS = (
    ("litigation_after_review", ("复议后起诉",)),
    ("litigation_direct", ("未经复议直接起诉", "直接起诉", "未经复议")),
    ("review", ("行政复议",)),
)
# Labels printed before table 四's row of figures, in a cell of their own (件数, 数量): the row's
# name, no figure of any column.
REVIEW_DATA_ROW_LABELS = ("件数", "数量")
# Words that stand in a table and tell which one it is.
TABLE_MARKS = {
    "二": ("第二十条", "信息内容", "规章"),
    "三": ("申请人情况", "本年新收", "予以公开", "结转下年度"),
    "四": ("行政复议", "行政诉讼", "尚未审结"),
}
# Row labels of table 三 as agencies misprint them, by row key (matched like the row's core).
# Texts are in NFKC here, so a full-width comma is ",".
APP_ROW_VARIANTS = {
    "3.3.2": ("其他法律行政止公开",),
    # OCR and retyped tables put a comma where the template has 、.
    "3.6.1": ("申请人无正当理由逾期不补正,行政机关不再处理其政府信息公开申请",),
    "3.6.2": ("申请人逾期未按收费通知要求缴纳费用,行政机关不再处理其政府信息公开申请",),
    # A traditional page in Taiwan's words, converted back with them (script.py), reads 查询 as 查找.
    "3.3.8": ("属于行政查找事项",),
    # Words agencies add or change in the template's labels, with the same meaning.
    "1": ("本年新收到政府信息公开申请数量",),
    "2": ("上年度结转政府信息公开申请数量",),
    "3.6.3": ("其他原因",),
    "3.7": ("合计",),
    "4": ("结转下一年度继续办理",),
}


def row_cores(row: AppRow) -> tuple[str, ...]:
    """The words that find a row of table 三: its core and the variants agencies print."""
    return (row.core, *APP_ROW_VARIANTS.get(row.key or "", ()))
