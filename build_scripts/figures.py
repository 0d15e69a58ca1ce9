"""The key figures of a report, computed in this one place from a parsed report (the data
contract of reports.py): the portal's pages (portal.model) and every download, chart and the
compare page (opendata.tables) read them from here.

A figure is None when a cell it needs is missing or could not be read, when the file is not a
report, or when the report's template has no such figure (the 2019 template has no fee amount);
an unknown figure is never 0.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from . import template as tpl


@dataclass(frozen=True)
class Figure:
    key: str
    label: str  # short Chinese name, in the template's terms
    meaning: str  # where it comes from in the report (Chinese)
    kind: str = "count"  # count: number of cases | amount: 万元, with decimals
    templates: tuple[str, ...] | None = None  # the templates that have this figure; None: all

    def applies_to(self, template_id: str | None) -> bool:
        return self.templates is None or template_id in self.templates


FIGURES: tuple[Figure, ...] = (
    Figure("new", "本年新收", "一、本年新收政府信息公开申请数量（总计）"),
    Figure("carried_in", "上年结转", "二、上年结转政府信息公开申请数量（总计）"),
    Figure("granted", "予以公开", "三、(一) 予以公开（总计）"),
    Figure("partial", "部分公开", "三、(二) 部分公开（总计）"),
    Figure("refused", "不予公开", "三、(三) 不予公开 1–8 项之和（总计）"),
    Figure("unavailable", "无法提供", "三、(四) 无法提供 1–3 项之和（总计）"),
    Figure("not_processed", "不予处理", "三、(五) 不予处理 1–5 项之和（总计）"),
    Figure("other", "其他处理", "三、(六) 其他处理（总计）"),
    Figure("handled", "办理结果总计", "三、(七) 总计（总计）"),
    Figure("carried", "结转下年度", "四、结转下年度继续办理（总计）"),
    Figure("review", "行政复议", "表四 行政复议 总计"),
    Figure("review_corrected", "复议结果纠正", "表四 行政复议 结果纠正"),
    Figure("litigation", "行政诉讼", "表四 行政诉讼 未经复议直接起诉 总计 + 复议后起诉 总计"),
    Figure("litigation_corrected", "诉讼结果纠正", "表四 行政诉讼 未经复议直接起诉 结果纠正 + 复议后起诉 结果纠正"),
    Figure("not_held", "本机关不掌握", "三、(四) 无法提供 1. 本机关不掌握相关政府信息（总计）"),
    Figure("review_pending", "复议尚未审结", "表四 行政复议 尚未审结"),
    Figure("litigation_pending", "诉讼尚未审结", "表四 行政诉讼 未经复议直接起诉 尚未审结 + 复议后起诉 尚未审结"),
    Figure("fees", "行政事业性收费（万元）", "表二 第二十条第（八）项 行政事业性收费 本年收费金额（万元，2021 年版）",
           "amount", ("2021",)),
)
FIGURE_BY_KEY = {f.key: f for f in FIGURES}


def total(values) -> int | float | None:
    """The sum, or None when there is nothing to add or any part is missing (unknown is never 0)."""
    values = list(values)
    if not values or any(v is None for v in values):
        return None
    return sum(values)


def compute(report: dict) -> dict[str, int | float | None]:
    """Every figure of FIGURES for one parsed report, by key (see the module docstring)."""
    template_id = report.get("template")
    if not template_id:
        return dict.fromkeys(FIGURE_BY_KEY)
    outcome_keys = tpl.get(template_id).outcome_keys
    apps = report.get("applications") or {}
    review = report.get("review_litigation") or {}

    def app(row: str):
        return (apps.get(row) or {}).get("total")

    def outcome(prefix: str):  # (三) … (六): the sum of the group's items, 3.3 → 3.3.1 … 3.3.8
        return total(app(k) for k in outcome_keys if k == prefix or k.startswith(prefix + "."))

    def group(name: str, column: str = "total"):
        return (review.get(name) or {}).get(column)

    def lawsuits(column: str):
        return total([group("litigation_direct", column), group("litigation_after_review", column)])

    values = {
        "new": app("1"),
        "carried_in": app("2"),
        "granted": app("3.1"),
        "partial": app("3.2"),
        "refused": outcome("3.3"),
        "unavailable": outcome("3.4"),
        "not_processed": outcome("3.5"),
        "other": outcome("3.6"),
        "handled": app("3.7"),
        "carried": app("4"),
        "review": group("review"),
        "review_corrected": group("review", "corrected"),
        "litigation": lawsuits("total"),
        "litigation_corrected": lawsuits("corrected"),
        "not_held": app("3.4.1"),
        "review_pending": group("review", "pending"),
        "litigation_pending": lawsuits("pending"),
        "fees": ((report.get("proactive") or {}).get("fees") or {}).get("amount_10k_yuan"),
    }
    return {f.key: values[f.key] if f.applies_to(template_id) else None for f in FIGURES}


# -- rates ------------------------------------------------------------------------------------
# Shares of the figures above, shown as a percentage with one decimal; the formula is given with
# every rate on the site and in the downloads. Lawsuits are 未经复议直接起诉 and 复议后起诉 together:
# both are suits about the agency's handling of an application.

@dataclass(frozen=True)
class Rate:
    key: str
    label: str
    formula: str  # in the template's terms
    numerator: tuple[str, ...]  # figure keys, added
    denominator: tuple[str, ...]  # figure keys, added
    minus: tuple[str, ...] = ()  # figure keys taken off the denominator

    def parts(self, values: dict) -> tuple[int | float | None, int | float | None]:
        """(numerator, denominator) from computed figures; None where a figure is unknown."""
        num = total(values[k] for k in self.numerator)
        den = total(values[k] for k in self.denominator)
        minus = total(values[k] for k in self.minus) if self.minus else 0
        return num, (None if den is None or minus is None else den - minus)


RATES: tuple[Rate, ...] = (
    Rate("disclosure_rate", "实质公开率", "（予以公开 + 部分公开）÷ 办理结果总计", ("granted", "partial"), ("handled",)),
    Rate("refusal_rate", "不予公开率", "不予公开 ÷ 办理结果总计", ("refused",), ("handled",)),
    Rate("unavailable_rate", "无法提供率", "无法提供 ÷ 办理结果总计", ("unavailable",), ("handled",)),
    Rate("not_held_rate", "本机关不掌握率", "无法提供中“本机关不掌握相关政府信息”÷ 办理结果总计", ("not_held",), ("handled",)),
    Rate("not_processed_rate", "不予处理率", "不予处理 ÷ 办理结果总计", ("not_processed",), ("handled",)),
    Rate("review_correction_rate", "复议纠错率", "行政复议结果纠正 ÷（行政复议总计 − 尚未审结）",
         ("review_corrected",), ("review",), ("review_pending",)),
    Rate("litigation_correction_rate", "诉讼纠错率",
         "行政诉讼结果纠正 ÷（行政诉讼总计 − 尚未审结），行政诉讼 = 未经复议直接起诉 + 复议后起诉",
         ("litigation_corrected",), ("litigation",), ("litigation_pending",)),
)
RATE_BY_KEY = {r.key: r for r in RATES}
RANKING_MIN_DENOMINATOR = 30  # rankings leave out agencies with fewer cases: one case is 100 %


@dataclass(frozen=True)
class RateValue:
    numerator: int | float | None
    denominator: int | float | None
    percent: float | None  # one decimal, rounded half up; None when unknown or the denominator is 0

    @property
    def text(self) -> str:
        return "—" if self.percent is None else f"{self.percent:.1f}%"

    @property
    def why_missing(self) -> str | None:
        if self.percent is not None:
            return None
        if self.numerator is None or self.denominator is None:
            return "报告中所需的数字无法读取"
        return "分母为 0"


def percent(numerator, denominator) -> float | None:
    """numerator / denominator as a percentage with one decimal (half up), None when it has none."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    value = Decimal(str(numerator)) * 100 / Decimal(str(denominator))
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def rates(values: dict) -> dict[str, RateValue]:
    """Every rate of RATES from the figures of compute(), by key."""
    out = {}
    for r in RATES:
        num, den = r.parts(values)
        out[r.key] = RateValue(num, den, percent(num, den))
    return out


def rankable(value: RateValue) -> bool:
    """Whether a rate takes part in rankings (a denominator of at least RANKING_MIN_DENOMINATOR)."""
    return value.percent is not None and value.denominator >= RANKING_MIN_DENOMINATOR
