"""build_scripts/figures.py, the one place the key figures are computed: every figure checked
against the values synthetic reports were generated with, an unknown cell making exactly the
figures that need it unknown (never 0), and the portal and the downloads reading these figures."""
from __future__ import annotations

import copy

import pytest

from build_scripts import figures, synthetic
from build_scripts import template as tpl
from build_scripts.opendata import tables
from build_scripts.portal import model

# The cells each figure is made of, as (table, row, column); figures with several cells are sums.
_OUTCOME_GROUPS = {"refused": "3.3", "unavailable": "3.4", "not_processed": "3.5", "other": "3.6"}
_SINGLE_ROWS = {"new": "1", "carried_in": "2", "granted": "3.1", "partial": "3.2", "handled": "3.7",
                "carried": "4"}


def _cells(template_id: str) -> dict[str, list[tuple[str, str, str]]]:
    t = tpl.get(template_id)
    cells = {key: [("applications", row, "total")] for key, row in _SINGLE_ROWS.items()}
    for key, prefix in _OUTCOME_GROUPS.items():
        cells[key] = [("applications", r.key, "total") for r in t.data_rows
                      if r.key == prefix or r.key.startswith(prefix + ".")]
    cells["review"] = [("review_litigation", "review", "total")]
    cells["review_corrected"] = [("review_litigation", "review", "corrected")]
    cells["not_held"] = [("applications", "3.4.1", "total")]
    cells["review_pending"] = [("review_litigation", "review", "pending")]
    for key, column in (("litigation", "total"), ("litigation_corrected", "corrected"), ("litigation_pending", "pending")):
        cells[key] = [("review_litigation", group, column) for group in ("litigation_direct", "litigation_after_review")]
    cells["fees"] = [("proactive", "fees", "amount_10k_yuan")] if template_id == "2021" else []
    return cells


def _report(template_id: str, seed: int) -> dict:
    return {"source": f"{template_id}-{seed}.txt", "template": template_id, **synthetic.make_values(template_id, seed)}


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
@pytest.mark.parametrize("seed", [3, 17, 58])
def test_every_figure_is_the_sum_of_its_generated_cells(template_id, seed):
    report = _report(template_id, seed)
    got = figures.compute(report)
    assert list(got) == [f.key for f in figures.FIGURES]
    cells = _cells(template_id)
    assert set(cells) == set(got)
    for key, parts in cells.items():
        if not parts:
            assert got[key] is None, key  # 2019: no fee amount
            continue
        assert got[key] == sum(report[table][row][column] for table, row, column in parts), key
    # The generated values keep the template's arithmetic, and so do the figures.
    outcome = ("granted", "partial", "refused", "unavailable", "not_processed", "other")
    assert sum(got[k] for k in outcome) == got["handled"]
    assert got["new"] + got["carried_in"] == got["handled"] + got["carried"]
    assert len(cells["refused"]) == 8 and len(cells["unavailable"]) == 3 and len(cells["not_processed"]) == 5
    assert len(cells["other"]) == (3 if template_id == "2021" else 1)
    if template_id == "2021":
        assert isinstance(got["fees"], float) and got["fees"] == report["proactive"]["fees"]["amount_10k_yuan"]


@pytest.mark.parametrize("template_id", tpl.TEMPLATES)
def test_an_unknown_cell_makes_exactly_its_figures_unknown(template_id):
    report = _report(template_id, 23)
    known = figures.compute(report)
    assert all(v is not None for k, v in known.items() if figures.FIGURE_BY_KEY[k].applies_to(template_id))
    cells = _cells(template_id)
    for place in sorted({p for parts in cells.values() for p in parts}):
        table, row, column = place
        broken = copy.deepcopy(report)
        broken[table][row][column] = None
        got = figures.compute(broken)
        for key, parts in cells.items():
            assert got[key] == (None if place in parts else known[key]), (place, key)
        del broken[table][row]  # a row that could not be found at all
        got = figures.compute(broken)
        for key, parts in cells.items():
            lost = any((t, r) == (table, row) for t, r, _ in parts)
            assert got[key] == (None if lost else known[key]), (table, row, key)


def test_a_file_that_is_not_a_report_has_no_figures():
    for report in ({"source": "x.txt", "template": None, "problems": []}, {"source": "y.txt"}):
        assert figures.compute(report) == dict.fromkeys(figures.FIGURE_BY_KEY)
    # The tables of a report that were not found at all.
    assert set(figures.compute({"source": "z.txt", "template": "2021"}).values()) == {None}


def test_the_2019_template_has_no_fee_amount_even_if_one_is_given():
    report = _report("2019", 5)
    report["proactive"]["fees"]["amount_10k_yuan"] = 12.5
    assert figures.compute(report)["fees"] is None
    fees = figures.FIGURE_BY_KEY["fees"]
    assert fees.kind == "amount" and fees.applies_to("2021") and not fees.applies_to("2019")


def test_portal_and_downloads_read_the_shared_figures():
    report = _report("2021", 41)
    values = figures.compute(report)
    # The portal shows a selection of the figures, with their labels and meanings.
    assert all(f is figures.FIGURE_BY_KEY[f.key] for f in model.FIGURES)
    assert model.key_figures(report) == {f.key: values[f.key] for f in model.FIGURES}
    assert model.key_figures(report)["new"] == report["applications"]["1"]["total"]
    # The downloads have every figure once, under their own column names.
    keys = [key for _, key in tables.TABLE_FIGURE_FIELDS]
    assert sorted(keys) == sorted(figures.FIGURE_BY_KEY)
    record = tables.key_figures(report)
    for column, key in tables.TABLE_FIGURE_FIELDS:
        assert record[column.name] == values[key], column.name
        assert column.sql == ("REAL" if figures.FIGURE_BY_KEY[key].kind == "amount" else "INTEGER")
    assert record["new_applications"] == report["applications"]["1"]["total"]
    assert record["lawsuits_corrected"] == (report["review_litigation"]["litigation_direct"]["corrected"]
                                            + report["review_litigation"]["litigation_after_review"]["corrected"])
