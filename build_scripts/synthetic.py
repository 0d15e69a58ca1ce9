"""Synthetic annual reports for tests, benchmarks and fixture builders.

`make_values` draws a complete set of table values for a template in which every cell holds a
different number (so a parser that reads the wrong cell, or returns zeros, is caught) while every
arithmetic rule of rules.md holds. `break_rule` breaks one rule at a documented place.
`render` writes the values into a full report text in one of the layouts seen in the seeds:

- ``"tab"``: tab-separated cells, merged cells left empty (seeds 000, 001, 003);
- ``"spaced"``: labels broken by spaces, some rows missing their leading tab(s), ``(备注：…)``
  notes under the tables (seed 002);
- ``"pdf"``: a PDF text extraction: every line of the printed page followed by a blank line,
  long labels broken across lines, numbers separated by single spaces, page-number lines
  (``- 5 -``) and a stray URL line (seed 004).

Everything is deterministic from the seed (each function uses its own ``random.Random`` seeded
from the template id and the seed, never the global generator) and cheap enough to make
thousands of reports a second.

Used by the parser's tests and benchmark and by the fixture builders of the other formats; keep
the signatures of make_values, break_rule, render and make_report stable.
"""
from __future__ import annotations

import copy
import random
import re

from . import template as tpl

LAYOUTS = ("tab", "spaced", "pdf")
NUMBER_FORMATS = ("plain", "fullwidth", "thousands")

# -- values -------------------------------------------------------------------------------------


def _kinds(t: tpl.Template):
    """(table, row, column, kind) of every cell, in data-contract order."""
    for row in t.proactive:
        for col in row.columns:
            yield "proactive", row.key, col.key, col.kind
    for row in t.data_rows:
        for col in t.app_columns:
            yield "applications", row.key, col.key, col.kind
    for group, _ in t.review_groups:
        for col in t.review_columns:
            yield "review_litigation", group, col.key, col.kind


def empty_values(template_id: str) -> dict:
    """The values dict of a template with every cell None."""
    t = tpl.get(template_id)
    out: dict = {"proactive": {}, "applications": {}, "review_litigation": {}}
    for table, row, col, _ in _kinds(t):
        out[table].setdefault(row, {})[col] = None
    return out


def _amount(rng: random.Random, low: int = 101, high: int = 99_999) -> float:
    # Two decimals, the last one non-zero, so "12.35" can never be read as 12 or 1235.
    cents = rng.randint(low, high)
    if cents % 10 == 0:
        cents += rng.randint(1, 9)
    return round(cents / 100, 2)


def _derive(t: tpl.Template, v: dict) -> None:
    """Fill every derived cell so that all arithmetic rules hold: row totals of table 三, (七)总计,
    一、本年新收 (from the balance rule) and the group totals of table 四."""
    apps = v["applications"]
    parts = [c.key for c in t.app_columns if c.key != "total"]
    outcome = t.outcome_keys
    apps["3.7"] = {c: sum(apps[k][c] for k in outcome) for c in parts}
    apps["1"] = {c: apps["3.7"][c] + apps["4"][c] - apps["2"][c] for c in parts}
    for row in t.data_rows:
        apps[row.key]["total"] = sum(apps[row.key][c] for c in parts)
    # keep the contract's column order
    for key in ("1", "3.7"):
        apps[key] = {c.key: apps[key][c.key] for c in t.app_columns}
    rev_parts = [c.key for c in t.review_columns if c.key != "total"]
    for group, _ in t.review_groups:
        g = v["review_litigation"][group]
        g["total"] = sum(g[c] for c in rev_parts)


def _free_cells(t: tpl.Template):
    """Cells chosen at random; all others follow from the rules."""
    parts = [c.key for c in t.app_columns if c.key != "total"]
    for row in t.proactive:
        for col in row.columns:
            yield "proactive", row.key, col.key, col.kind
    for key in ("2", "4", *t.outcome_keys):
        for c in parts:
            yield "applications", key, c, "count"
    for group, _ in t.review_groups:
        for col in t.review_columns:
            if col.key != "total":
                yield "review_litigation", group, col.key, "count"


def _ordered(t: tpl.Template, v: dict) -> dict:
    """The same values with rows and columns in template order."""
    out = empty_values(t.id)
    for table, row, col, _ in _kinds(t):
        out[table][row][col] = v[table][row][col]
    return out


def _all_numbers(v: dict) -> list:
    return [abs(x) for table in v.values() for row in table.values() for x in row.values() if x is not None]


def make_values(template_id: str, seed: int, *, distinct: bool = True, previous: dict | None = None) -> dict:
    """Table values for `template_id`, deterministic from `seed`, satisfying every arithmetic rule
    (A-row-total, A-outcome-total, A-balance, R-group-total, P-nonnegative).

    distinct=True: every cell holds a different non-zero number as far as the rules allow
    (free cells are drawn without replacement from 1..999, amounts have two decimals, 2019
    本年增/减 values are signed with both signs present, and derived totals are redrawn until
    they collide with no other cell in absolute value). distinct=False: realistic sparse values,
    mostly zeros and small counts.

    previous: last year's values of the same agency. Then 二、上年结转 equals last year's
    四、结转下年度继续办理 column by column (X-carry-over holds) and, for two 2021 reports,
    现行有效件数 = last year's + 本年制发件数 − 本年废止件数 (X-in-force holds).
    """
    t = tpl.get(template_id)
    rng = random.Random(f"{template_id}:{seed}:{int(distinct)}")
    free = list(_free_cells(t))
    best, best_dupes = None, None
    for _attempt in range(40):
        v = empty_values(template_id)
        if distinct:
            n_int = sum(1 for *_, kind in free if kind != "amount")
            pool = rng.sample(range(1, 1000), n_int)
            signs = [1, -1] + [rng.choice((1, -1)) for _ in range(10)]
            rng.shuffle(signs)
            for table, row, col, kind in free:
                if kind == "amount":
                    v[table][row][col] = _amount(rng)
                elif kind == "signed":
                    v[table][row][col] = pool.pop() * signs.pop()
                else:
                    v[table][row][col] = pool.pop()
        else:
            for table, row, col, kind in free:
                if kind == "amount":
                    v[table][row][col] = _amount(rng, 0, 500) if rng.random() < 0.3 else 0
                elif kind == "signed":
                    v[table][row][col] = rng.choice((0, 0, 0, 1, 2, -1))
                elif table == "proactive":
                    v[table][row][col] = rng.choice((0, 0, 1, 2, 3, 5, 12))
                else:
                    v[table][row][col] = rng.choice((0,) * 8 + (1, 2, 3))
        if previous is not None:
            _follow(t, v, previous, rng)
        _derive(t, v)
        _fix_negative_received(t, v)
        numbers = _all_numbers(v)
        dupes = len(numbers) - len(set(numbers))
        if best is None or dupes < best_dupes:
            best, best_dupes = v, dupes
        if not distinct or dupes == 0 or previous is not None:
            break
    return _ordered(t, best)


def _follow(t: tpl.Template, v: dict, previous: dict, rng: random.Random) -> None:
    """Make this year's free cells continue last year's report (see make_values)."""
    last4 = previous["applications"]["4"]
    for c in v["applications"]["2"]:
        v["applications"]["2"][c] = last4[c]
    if t.id == "2021" and "in_force" in previous["proactive"].get("regulations", {}):
        for key in ("regulations", "normative_documents"):
            row = v["proactive"][key]
            prev = previous["proactive"][key]["in_force"]
            if row["repealed"] > prev + row["issued"]:
                row["repealed"] = rng.randint(0, prev + row["issued"])
            row["in_force"] = prev + row["issued"] - row["repealed"]


def _fix_negative_received(t: tpl.Template, v: dict) -> None:
    # 一 = (七) + 四 − 二 can go negative (二 large, or imposed by last year): carry more to next year.
    apps = v["applications"]
    for c in [c.key for c in t.app_columns if c.key != "total"]:
        if apps["1"][c] < 0:
            apps["4"][c] -= apps["1"][c]
            apps["4"]["total"] -= apps["1"][c]
            apps["1"]["total"] -= apps["1"][c]
            apps["1"][c] = 0


# Where break_rule breaks each rule (d = delta, 7 by default).
BREAKS = {
    "A-row-total": "table 三: total of row 3.1 +d and of row 3.2 −d (one row alone cannot be off while every "
                   "column still adds up, so two rows are; the columns' sums stay right). With sparse values "
                   "where both totals are below d: totals of rows 3.1, 3.7 and 一 +d instead",
    "A-outcome-total": "table 三 row 3.1: 自然人 +d and its total +d, so (七)总计 no longer matches in the 自然人 "
                       "and 总计 columns",
    "A-balance": "table 三 row 一、本年新收: 自然人 +d and its total +d, so 一+二 ≠ 三(七)+四 in the 自然人 and 总计 "
                 "columns",
    "R-group-total": "table 四 group 行政复议: total +d",
    "P-nonnegative": "table 二 row 规章: first column made negative",
    "P-missing-cell": "table 三 row 3.1 (一)予以公开: 自然人 is None (rendered as an empty cell; in the pdf layout "
                      "the empty cell disappears and the parser can only report F-cell-count)",
    "X-carry-over": "table 三 row 二、上年结转: 自然人 +d and total +d, row 一、本年新收 −d to keep this year's "
                    "balance (or row 四 +d when 一 would go negative): the carry-over differs in 自然人 and 总计",
    "X-in-force": "table 二 row 规章: 现行有效件数 +d (2021 template only)",
}


def break_places(template_id: str, rule_id: str) -> list[tuple[str, str, str]]:
    """(table, row, column) of each problem the checker reports for break_rule(values, rule_id),
    with the table as problems name it ("二", "三", "四"); for A-row-total, the default case of
    BREAKS."""
    first = tpl.get(template_id).proactive[0].columns[0].key
    places = {
        "A-row-total": [("三", "3.1", "total"), ("三", "3.2", "total")],
        "A-outcome-total": [("三", "3.7", "natural_person"), ("三", "3.7", "total")],
        "A-balance": [("三", "3.7", "natural_person"), ("三", "3.7", "total")],
        "R-group-total": [("四", "review", "total")],
        "P-nonnegative": [("二", "regulations", first)],
        "P-missing-cell": [("三", "3.1", "natural_person")],
        "X-carry-over": [("三", "2", "natural_person"), ("三", "2", "total")],
        "X-in-force": [("二", "regulations", "in_force")],
    }
    return places[rule_id]


def break_rule(values: dict, rule_id: str, *, delta: int = 7) -> dict:
    """A deep copy of `values` in which exactly `rule_id` is broken (every other rule of the
    same report still holds); BREAKS says where. X-carry-over is broken relative to the values
    the report followed (make_values(previous=…)); X-in-force needs a 2021 template."""
    v = copy.deepcopy(values)
    apps = v["applications"]
    d = delta
    if rule_id == "A-row-total":
        if apps["3.2"]["total"] >= d:
            apps["3.1"]["total"] += d
            apps["3.2"]["total"] -= d
        elif apps["3.1"]["total"] >= d:  # keep P-nonnegative: the same pair the other way round
            apps["3.1"]["total"] -= d
            apps["3.2"]["total"] += d
        else:  # sparse values: rows 3.1, 3.7 and 一 +d keep every column rule and P-nonnegative
            for key in ("3.1", "3.7", "1"):
                apps[key]["total"] += d
    elif rule_id == "A-outcome-total":
        apps["3.1"]["natural_person"] += d
        apps["3.1"]["total"] += d
    elif rule_id == "A-balance":
        apps["1"]["natural_person"] += d
        apps["1"]["total"] += d
    elif rule_id == "R-group-total":
        v["review_litigation"]["review"]["total"] += d
    elif rule_id == "P-nonnegative":
        row = v["proactive"]["regulations"]
        first = next(iter(row))
        row[first] = -(abs(row[first]) or d)
    elif rule_id == "P-missing-cell":
        apps["3.1"]["natural_person"] = None
    elif rule_id == "X-carry-over":
        apps["2"]["natural_person"] += d
        apps["2"]["total"] += d
        apps["1"]["natural_person"] -= d
        apps["1"]["total"] -= d
        if apps["1"]["natural_person"] < 0:  # carry more to next year instead
            apps["1"]["natural_person"] += d
            apps["1"]["total"] += d
            apps["4"]["natural_person"] += d
            apps["4"]["total"] += d
    elif rule_id == "X-in-force":
        row = v["proactive"]["regulations"]
        if "in_force" not in row:
            raise ValueError("X-in-force 只适用于 2021 年版格式")
        row["in_force"] += d
    else:
        raise ValueError(f"unknown or unsupported rule id: {rule_id}")
    return v


# -- text -----------------------------------------------------------------------------------------

_PLACES = ("沙坡头区", "中宁县", "海原县", "中卫市", "兴庆区", "金凤区", "西夏区", "永宁县", "贺兰县", "灵武市",
           "大武口区", "惠农区", "平罗县", "利通区", "红寺堡区", "盐池县", "同心县", "青铜峡市", "原州区", "西吉县")
_BODIES = ("工业信息化和商务局", "科学技术局", "政务服务中心", "教育局", "民政局", "司法局", "财政局",
           "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水务局",
           "农业农村局", "文化旅游广电局", "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局",
           "统计局", "医疗保障局", "林业和草原局", "人民政府办公室", "发展和改革局", "退役军人事务局")


def agency_name(seed: int) -> str:
    rng = random.Random(f"agency:{seed}")
    return rng.choice(_PLACES) + rng.choice(_BODIES)


_TITLE_VARIANTS = {
    "四": ("政府信息公开行政复议、行政诉讼情况", "因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
    "五": ("政府信息公开工作存在的主要问题及改进情况", "存在的主要问题及改进情况", "存在问题及改进情况"),
}


def section_titles(template_id: str, seed: int) -> dict[str, str]:
    """The part titles render(…, seed=seed) writes: the usual ones, or variants of 四 and 五."""
    rng = random.Random(f"titles:{template_id}:{seed}")
    titles = dict(tpl.PART_TITLES)
    for number, variants in _TITLE_VARIANTS.items():
        titles[number] = rng.choice(variants)
    return titles


_SUB_TITLES = ("主动公开政府信息情况", "依申请公开政府信息情况", "政府信息管理情况", "政府信息公开平台建设情况",
               "监督保障情况", "加强组织领导", "学习贯彻政府信息公开条例情况", "加强公开平台管理维护情况",
               "加强监督考核情况")
_SENTENCES_1 = (
    "{year}年，{agency}严格遵循《中华人民共和国政府信息公开条例》规定，坚持“以公开为常态、不公开为例外”原则，扎实推进政务公开各项工作",
    "全年累计主动公开政府信息 {n1} 条，其中通过政府网站发布信息 {n2} 条，通过政务新媒体推送信息 {n3} 条",
    "机构职能 {n4} 条、部门预决算 {n5} 条、政策解读 {n6} 条、公示公告 {n7} 条及工作动态等其他信息 {n8} 条",
    "严格落实申请接收、登记、审核、办理、答复、归档全流程管理机制，明确专人负责对接群众诉求",
    "一是坚持“先审查、后公开”原则，依法依规做好政府信息公开前审查工作，确保发布信息内容规范准确",
    "二是严格落实政府信息公开“三审三校”制度，明确信息分类、审核、发布流程",
    "三是建立健全信息公开保密审查机制，确保公开的信息不涉密，涉密的信息不上网",
    "及时维护政府门户网站信息公开专栏，完善公开内容，发布群众关注的相关政策文件",
    "每周对单位内动态进行更新，及时回复网民留言和咨询，加强与公众的互动交流",
    "构建主要领导牵头、分管领导负责、专职人员落实的工作体系，**压实工作责任**，确保政府信息公开工作有人抓、有人管",
    "组织干部职工 {n9} 人次参加政务公开业务培训，进一步提升依法公开的意识和能力",
    "发放调查问卷 {n10} 份，搜集群众意见建议 {n11} 条，促进政务公开工作全面提升",
    "{year}年本单位未出现因政府信息公开问题的责任追究情况",
)
_SENTENCES_5 = (
    "政务公开工作虽然取得一定成绩，但也存在一些不足：一是信息公开渠道较为单一，形式不够多样",
    "二是政策解读方式还需进一步丰富，图文解读、视频解读等群众易接受的形式运用较少",
    "三是对发布信息内容审核仍需加强，个别信息更新维护存在滞后",
    "部分业务科室对政务公开工作重视不足，对重点领域信息梳理不够全面",
    "下一步，{agency}将进一步规范落实政府信息公开管理制度，强化责任意识，明确信息公开职责分工",
    "加大多元化信息公开发布力度，针对政策原文专业性强、不易理解的问题，提炼政策核心要点、适用范围和办理流程",
    "定期对网站各栏目更新情况进行自查，查漏补缺，对不规范的信息及时进行补充完善",
    "持续加强与政务公开主管部门的沟通对接，规范化做好日常信息发布的审核把关工作",
)


def _paragraph(rng: random.Random, bank, agency: str, year: int, sentences: int) -> str:
    nums = {f"n{i}": rng.randint(1, 400) for i in range(1, 12)}
    chosen = rng.sample(bank, min(sentences, len(bank)))
    return "，".join(s.format(agency=agency, year=year, **nums) for s in chosen) + "。"


def _fmt_number(value, kind: str, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):  # a mark printed where a figure should be ("/", "—")
        return value
    if isinstance(value, float):
        text = f"{value:,.2f}" if number_format == "thousands" else f"{value:.2f}"
        if float(text.replace(",", "")) != value:
            text = repr(value)
    else:
        text = f"{value:,}" if number_format == "thousands" else str(value)
    if kind == "signed" and isinstance(value, (int, float)) and value > 0:
        text = "+" + text
    if number_format == "fullwidth":
        text = text.translate(_FULLWIDTH)
    return text


_FULLWIDTH = str.maketrans("0123456789+-.,", "０１２３４５６７８９＋－．，")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _space_label(label: str, rng: random.Random, rate: float = 0.5) -> str:
    """Seed 002 style: a space or two inside a label, only ever between two CJK characters."""
    if len(label) < 4 or rng.random() > rate:
        return label
    spots = [i for i in range(1, len(label)) if _CJK.match(label[i - 1]) and _CJK.match(label[i])]
    if not spots:
        return label
    if rng.random() < 0.15:  # "三、 本 年 度 办 理 结 果"
        return "".join(ch + (" " if i in spots or i - 1 in spots else "") for i, ch in enumerate(label)).strip()
    for i in sorted(rng.sample(spots, min(len(spots), rng.choice((1, 1, 2)))), reverse=True):
        label = label[:i] + " " + label[i:]
    return label


def _break_label(label: str, width: int) -> list[str]:
    """Seed 004 style: a label cut into pieces of at most `width` characters (not inside digits)."""
    pieces, current = [], ""
    for ch in label:
        if len(current) >= width and not (current[-1].isdigit() or current[-1] == "."):
            pieces.append(current)
            current = ""
        current += ch
    if current:
        pieces.append(current)
    return pieces


class _Writer:
    def __init__(self, layout: str, rng: random.Random, number_format: str):
        self.layout = layout
        self.rng = rng
        self.nf = number_format
        self.lines: list[str] = []

    def num(self, value, kind="count") -> str:
        return _fmt_number(value, kind, self.nf)

    def label(self, text: str) -> str:
        return _space_label(text, self.rng) if self.layout == "spaced" else text

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)


_NO_LINE_START = set("，。、；：？！）》”’")
_NO_LINE_END = set("《“‘（")


def _wrap(text: str, width: int) -> list[str]:
    """Cut a paragraph into printed lines of about `width` characters, never inside a run of ASCII
    letters, digits or URL characters (a PDF never breaks a number or an address)."""
    tokens = re.findall(r"[A-Za-z0-9.:/@_\-%+~=?&#]+|\*\*|.", text)
    lines, current, length = [], "", 0
    for tok in tokens:
        size = 1 if len(tok) == 1 else max(1, len(tok) // 2)
        # no line starts with closing punctuation (the typesetter's 禁则), and none ends with 《 “ （
        if length + size > width and current and tok not in _NO_LINE_START and current[-1] not in _NO_LINE_END:
            lines.append(current)
            current, length = "", 0
        current += tok
        length += size
    if current:
        lines.append(current)
    return lines


def _proactive_rows(t: tpl.Template):
    """Groups of table 二: (article, header labels, rows) in print order."""
    groups: list[tuple[str, tuple[str, ...], list[tpl.ProactiveRow]]] = []
    for row in t.proactive:
        cols = tuple(c.label for c in row.columns)
        if groups and groups[-1][0] == row.article and groups[-1][1] == cols:
            groups[-1][2].append(row)
        else:
            groups.append((row.article, cols, [row]))
    return groups


def _table_proactive(w: _Writer, t: tpl.Template, v: dict) -> None:
    pdf = w.layout == "pdf"
    for article, cols, rows in _proactive_rows(t):
        if pdf:
            w.add(article, "", "信息内容 " + " ".join(cols), "")
            for row in rows:
                cells = [w.num(v[row.key][c.key], c.kind) for c in row.columns]
                w.add(" ".join([row.label] + [c for c in cells if c]), "")
        else:
            w.add(article + "\t\t\t", "\t".join(["信息内容", *cols] + [""] * (3 - len(cols))))
            for row in rows:
                cells = [w.num(v[row.key][c.key], c.kind) for c in row.columns]
                w.add("\t".join([w.label(row.label), *cells] + [""] * (3 - len(cells))))


def _app_labels(t: tpl.Template):
    """Table 三 rows: (row, group heading printed in front of it or None)."""
    out, pending_group = [], None
    for row in t.app_rows:
        if row.key is None:
            pending_group = row
            continue
        out.append((row, pending_group))
        pending_group = None
    return out


def _table_applications(w: _Writer, t: tpl.Template, v: dict, note: str | None) -> None:
    apps = v["applications"]
    cols = [c.key for c in t.app_columns]
    if w.layout == "pdf":
        _table_applications_pdf(w, t, apps, cols)
    else:
        _table_applications_tab(w, t, apps, cols)
    if note:
        w.add("", note)


def _table_applications_tab(w: _Writer, t: tpl.Template, apps: dict, cols: list[str]) -> None:
    spaced = w.layout == "spaced"
    intro = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"
    if spaced:
        intro = "(本列数据的勾稽关系为：第一项 第二项之和，等于第三项加第四项 之和)"
    w.add(intro + "\t\t申请人情况\t\t\t\t\t\t总计\t", "\t\t自然人\t法人或其他组织\t\t\t\t\t\t")
    orgs = [w.label(c.label) for c in t.app_columns[1:6]]
    w.add("\t\t\t" + "\t".join(orgs) + "\t\t")
    # Seed 002 loses the leading tabs of a stretch of rows in the middle of the table.
    lost = set()
    if spaced:
        start = w.rng.randint(8, 14)
        lost = set(range(start, start + w.rng.randint(2, 6)))
    for n, (row, group) in enumerate(_app_labels(t)):
        cells = "\t".join(w.num(apps[row.key][c]) for c in cols)
        label = w.label(row.label)
        if row.level == 0:
            line = f"{label}\t\t{cells}\t"
        elif row.key == "3.7":
            line = f"{label}\t{cells}\t\t"
        elif row.level == 1:  # (一) (二) and 2019's (六): the group column holds them
            lead = w.label(t.app_rows[2].label) if row.key == "3.1" else ""
            line = f"{lead}\t{label}\t{cells}\t"
        else:
            head = w.label(group.label) if group is not None else ""
            line = f"\t{head}\t{label}\t{cells}"
            if row.key == "3.6.3" and not spaced:  # seeds 000/001/003: "3.其他⇥⇥0…"
                line = f"{label}\t\t{cells}\t"
        if n in lost:
            stripped = line.lstrip("\t")
            line = (stripped if w.rng.random() < 0.5 else "\t" + stripped)
            if w.rng.random() < 0.3:
                line += "\n"  # a blank line after the broken row, as in 002
        w.add(line)


def _table_applications_pdf(w: _Writer, t: tpl.Template, apps: dict, cols: list[str]) -> None:
    rng = w.rng
    w.add("（本列数据的勾稽关系为：第一项加第二项之", "", "和，等于第三项加第四项之和）", "", "申请人情况", "",
          "自", "", "然", "", "人", "", "法人或其他组织", "总", "", "计",
          "商 业", "", "企业", "", "科 研", "", "机构", "", "社会公", "", "益组织", "", "法 律 服", "", "务机构", "其他", "")
    for row, group in _app_labels(t):
        if row.key == "3.1":
            w.add("", "三、本", "", "年 度", "", "办 理", "", "结果", "")
        if group is not None and group.level == 1:
            pieces = _break_label(group.label.replace("(", "（").replace(") ", "）"), rng.choice((3, 4)))
            w.add("")
            for p in pieces:
                w.add(p, "")
        cells = " ".join(w.num(apps[row.key][c]) for c in cols)
        label = row.label.replace("(", "（").replace(") ", "）")
        width = 11 if row.level == 2 else 16
        if len(label) <= width + 1:
            w.add(f"{label} {cells}")
        else:
            pieces = _break_label(label, width)
            for p in pieces[:-1]:
                w.add(p, "")
            w.add(pieces[-1], cells, "")
    w.add("")


_REVIEW_HEAD = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _table_review(w: _Writer, t: tpl.Template, v: dict, note: str | None) -> None:
    cells = [w.num(v["review_litigation"][g][c.key]) for g, _ in t.review_groups for c in t.review_columns]
    if w.layout == "pdf":
        w.add("行政复议 行政诉讼", "")
        for ch in "".join(_REVIEW_HEAD):
            w.add(ch, "")
        w.add("未经复议直接起诉 复议后起诉", "")
        for ch in "".join(_REVIEW_HEAD) * 2:
            w.add(ch, "")
        w.add(" ".join(cells))
    else:
        # "结果 维持" in every seed; 002 also spaces "尚 未 审 结" character by character
        head = [(" ".join(h) if w.layout == "spaced" and h == "尚未审结" else h[:2] + " " + h[2:]) if len(h) == 4 else h
                for h in _REVIEW_HEAD]
        w.add("行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
              "\t".join(head) + "\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
              "\t\t\t\t\t" + "\t".join(head * 2),
              "\t".join(cells))
    if note:
        w.add("", note)


def _opening(template_id: str, agency: str, year: int, notice_id: str | None) -> str:
    notice = tpl.NOTICES[notice_id] if notice_id else None
    if template_id == "2019":
        cite = f"（{notice}）" if notice else ""
        return (f"本年度报告根据新修订《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与"
                f"政务公开办公室关于政府信息公开工作年度报告有关事项的通知》{cite}要求，由{agency}汇总信息公开情况编制而成，"
                f"全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
                f"存在的主要问题及改进情况和其他需要报告的事项。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
    cite = f"（{notice}）" if notice else ""
    return (f"根据《中华人民共和国政府信息公开条例》规定和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国"
            f"政府信息公开工作年度报告格式〉的通知》{cite}要求，现发布《{agency} {year} 年政府信息公开工作年度报告》。"
            f"本报告统计数据从 {year} 年 1 月 1 日至 12 月 31 日。")


def render(values: dict, template_id: str, *, agency: str, year: int, layout: str = "tab",
           paragraphs: int = 2, seed: int = 0, number_format: str = "plain",
           notice: str | None = "same", notes: bool | None = None, omit_parts: tuple[str, ...] = (),
           extra: dict[str, str] | None = None) -> str:
    """A full report text holding `values` (as from make_values) in `layout`.

    paragraphs: paragraphs of prose in each narrative part (part 一 gets that many numbered
    sub-parts after an introduction). seed: varies prose, part-title variants (section_titles)
    and layout details. number_format: "plain", "fullwidth" (１２) or "thousands" (1,234).
    notice: "same" cites the template's own notice, a template id cites that one instead, None
    cites none. notes: "(备注：…)" under tables 三 and 四 (default: in the spaced layout).
    omit_parts: part numbers whose heading (and, for 一/五/六, text) is left out. extra: raw text
    appended as a paragraph to a part, by part number ("一"…"六"), or "head" for the opening.
    A cell holding None is left empty; one holding a str prints it (a placeholder such as “/”).
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}")
    if number_format not in NUMBER_FORMATS:
        raise ValueError(f"number_format must be one of {NUMBER_FORMATS}")
    t = tpl.get(template_id)
    rng = random.Random(f"render:{template_id}:{seed}:{layout}")
    titles = section_titles(template_id, seed)
    notice_id = template_id if notice == "same" else notice
    notes = (layout == "spaced") if notes is None else notes
    extra = extra or {}
    w = _Writer(layout, rng, number_format)
    pdf = layout == "pdf"

    def prose(text: str) -> None:
        if pdf:
            lead = " " if rng.random() < 0.15 else ""
            lines = _wrap(text, 26)
            for line in lines:
                w.add(lead + line, "")
                lead = ""
        else:
            w.add(text, "")

    def heading(number: str) -> None:
        if number in omit_parts:
            return
        lead = " " if pdf and rng.random() < 0.3 else ""
        w.add(f"{lead}{number}、{titles[number]}", "")

    # title and opening
    if pdf:
        w.add("", agency, f"{year}年政府信息公开工作年度报告", "")
    else:
        gap = rng.choice((" ", " ", ""))
        w.add("", "", f"{agency}{gap}{year}{gap if rng.random() < 0.7 else ''}年政府信息公开工作年度报告", "")
    prose(_opening(template_id, agency, year, notice_id))
    if "head" in extra:
        prose(extra["head"])

    # 一
    heading("一")
    if "一" not in omit_parts:
        prose(_paragraph(rng, _SENTENCES_1, agency, year, 2))
        subs = list(_SUB_TITLES[:5]) if template_id == "2021" else list(_SUB_TITLES)
        for i in range(min(paragraphs, 9)):
            sub = subs[i % len(subs)]
            number = "一二三四五六七八九"[i]
            bracket = ("（", "）") if rng.random() < 0.8 else ("(", ") ")
            body = _paragraph(rng, _SENTENCES_1, agency, year, rng.randint(2, 4))
            if pdf:
                w.add(f"{bracket[0]}{number}{bracket[1]}{sub}", "")
                if i == 2 or (paragraphs < 3 and i == paragraphs - 1):
                    w.add("http://www.example.gov.cn/zwgk/xxgkml/gkxx_%d/t%d0103_%d.html" % (seed % 997, year, seed), "")
                prose(body)
            else:
                prose(f"{bracket[0]}{number}{bracket[1]}{sub}。{body}")
        if "一" in extra:
            prose(extra["一"])

    # 二 三 四
    heading("二")
    _table_proactive(w, t, values["proactive"])
    w.add("")
    if "二" in extra:
        prose(extra["二"])
    heading("三")
    apps_note = f"(备注：{year}年度我单位依申请公开事项均已按期办结)" if notes else None
    _table_applications(w, t, values, apps_note)
    w.add("")
    if "三" in extra:
        prose(extra["三"])
    heading("四")
    review_note = f"(备注：{year}年度行政复议、行政诉讼情况如上表)" if notes else None
    _table_review(w, t, values, review_note)
    w.add("")
    if "四" in extra:
        prose(extra["四"])

    # 五
    heading("五")
    if "五" not in omit_parts:
        for _ in range(max(paragraphs, 1)):
            prose(_paragraph(rng, _SENTENCES_5, agency, year, rng.randint(2, 3)))
        if "五" in extra:
            prose(extra["五"])

    # 六
    heading("六")
    if "六" not in omit_parts:
        fee = rng.choice((0, 0, _amount(rng, 100, 99_999)))
        prose(f"本机关 {year} 年未收取信息处理费。" if not fee else f"本机关 {year} 年共收取信息处理费 {fee:.2f} 元。")
        for _ in range(max(paragraphs - 2, 0)):
            prose(_paragraph(rng, _SENTENCES_5, agency, year, 2))
        if "六" in extra:
            prose(extra["六"])
        phone = f"0955-{rng.randint(1000000, 9999999)}"
        prose(f"本报告电子版可在{agency[:3]}人民政府门户网站（<http://www.example.gov.cn/>）下载。如有疑问和建议，"
              f"请与{agency}办公室联系（地址：{agency[:3]}行政中心 {rng.randint(100, 999)} 室；邮编：755000；"
              f"联系电话：{phone}；电子邮箱：xxgk{seed % 1000}@163.com）。")

    if pdf:
        return _paginate(w.lines, rng)
    return "\n".join(w.lines) + "\n"


def _paginate(lines: list[str], rng: random.Random) -> str:
    """Page-number lines `- N -` every 30-odd printed lines, as a PDF extraction leaves them."""
    out: list[str] = []
    page, printed, per_page = 1, 0, rng.randint(28, 36)
    for line in lines:
        out.append(line)
        if line.strip():
            printed += 1
            if printed >= per_page:
                out.extend(["", "", f"- {page} -", ""])
                page += 1
                printed = 0
                per_page = rng.randint(28, 36)
    return "\n".join(out) + "\n"


def make_report(template_id: str, seed: int, *, agency: str | None = None, year: int | None = None,
                layout: str = "tab", distinct: bool = True, **render_kw) -> tuple[str, dict]:
    """(report text, the values it holds). agency and year default to ones drawn from the seed
    (2024 for the 2021 template, 2019 or 2020 for the 2019 template)."""
    values = make_values(template_id, seed, distinct=distinct)
    agency = agency or agency_name(seed)
    if year is None:
        year = 2024 if template_id == "2021" else 2019 + seed % 2
    text = render(values, template_id, agency=agency, year=year, layout=layout, seed=seed, **render_kw)
    return text, values


def render_column_major(values: dict, template_id: str, *, agency: str, year: int, seed: int = 0,
                        page_break_after: int = 14, total_before_other: bool = False) -> str:
    """The report as pdfminer extracts a PDF with ruled tables: in tables 二 and 三 each page
    gives its row labels first, then the figures column by column (one per line); a page
    footer ("- 3 -") between the pages of table 三. total_before_other: the 总计 column comes out
    before 其他, as when its header is merged over two rows."""
    t = tpl.get(template_id)
    lines = render(values, template_id, agency=agency, year=year, layout="tab", seed=seed).split("\n")
    parts = {m: i for i, line in enumerate(lines) for m in tpl.PART_NUMBERS
             if re.match(rf"^{m}、", line) and "\t" not in line}
    fig = lambda v, kind="count": "" if v is None else (f"{v:.2f}" if kind == "amount" else str(v))

    def replace(number: str, block: list[str]) -> None:
        start = parts[number]
        table = [i for i in range(start + 1, len(lines)) if "\t" in lines[i]]
        first, last = table[0], table[0]
        while last + 1 < len(lines) and "\t" in lines[last + 1]:
            last += 1
        lines[first:last + 1] = block
        shift = len(block) - (last - first + 1)
        for k, at in parts.items():
            if at > start:
                parts[k] = at + shift

    # 三 first: it comes after 二, so 二's positions stay valid.
    apps = values["applications"]
    keyed = [r for r in t.app_rows if r.key]
    order = [c.key for c in t.app_columns]
    if total_before_other:
        order = order[:-2] + ["total", "other_org"]
    block = ["(本列数据的勾稽关系为：第一项加第二项之和，", "等于第三项加第四项之和）", "申请人情况", "法人或其他组织",
             "自然人", "商业", "企业", "科研", "机构", "社会", "公益", "组织", "法律", "服务", "机构", "其他", "总计"]
    for page, rows in enumerate((keyed[:page_break_after], keyed[page_break_after:])):
        if page:
            block += ["", "- 3 -", ""]
        for row in t.app_rows:
            if row in rows or (row.key is None and any(r in rows for r in t.app_rows[t.app_rows.index(row):][1:2])):
                block.append(row.label)
        block += [fig(apps[r.key][c]) for c in order for r in rows]
    replace("三", block)
    pro = values["proactive"]
    groups: list[list] = []
    for row in t.proactive:
        if groups and groups[-1][0].article == row.article and groups[-1][0].columns == row.columns:
            groups[-1].append(row)
        else:
            groups.append([row])
    block = []
    for rows in groups:
        block += [rows[0].article, "信息内容", " ".join(c.label for c in rows[0].columns), *(r.label for r in rows)]
        block += [fig(pro[r.key][c.key], c.kind) for c in rows[0].columns for r in rows]
    replace("二", block)
    return "\n".join(lines)
