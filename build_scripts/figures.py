"""The key figures of a report, computed in this one place from a parsed report (the data
contract of reports.py): the portal's pages (portal.model) and every download, chart and the
compare page (opendata.tables) read them from here.

A figure is None when a cell it needs is missing or could not be read, when the file is not a
report, or when the report's template has no such figure (the 2019 template has no fee amount);
an unknown figure is never 0.
"""
from __future__ import annotations

from dataclasses import dataclass

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
        "fees": ((report.get("proactive") or {}).get("fees") or {}).get("amount_10k_yuan"),
    }
    return {f.key: values[f.key] if f.applies_to(template_id) else None for f in FIGURES}
