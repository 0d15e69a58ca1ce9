"""The new checks and figures on the built site (conftest.portal_site): rates with their formula
on report, agency and year pages, rankings, the per-year timeliness table, the most repeated
reports, and the new rules in the build log, the problems page and `python -m build_scripts check`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REAL_REPORTS, needs_real_reports

from build_scripts import figures
from build_scripts.checks_timeliness import STATUS_LABELS, assess
from build_scripts.reports import parse_file

REAL = REAL_REPORTS
ROOT = Path(__file__).resolve().parents[1]


def rates_of(site, name: str) -> dict:
    return figures.rates(figures.compute(parse_file(site.files[name])))


def test_report_page_shows_each_rate_with_its_formula_and_numbers(portal_site):
    expected = rates_of(portal_site, "gen_2021_tab.txt")
    soup = portal_site.soup("reports/gen_2021_tab/")
    shown = {div.dt.get_text(strip=True): div.dd for div in soup.select("dl.portal-rates > div")}
    assert list(shown) == [r.label for r in figures.RATES]
    for rate in figures.RATES:
        v = expected[rate.key]
        details = shown[rate.label].details
        assert details.summary.get_text(strip=True) == v.text
        assert v.percent is not None and 0 <= v.percent <= 100
        body = details.get_text(" ", strip=True)
        assert rate.formula in body and f"{v.numerator} ÷ {v.denominator}" in body


def test_disclosure_rate_is_granted_plus_partial_over_handled_to_one_decimal(portal_site):
    values = figures.compute(parse_file(portal_site.files["gen_2021_tab.txt"]))
    v = figures.rates(values)["disclosure_rate"]
    assert (v.numerator, v.denominator) == (values["granted"] + values["partial"], values["handled"])
    assert v.text == f"{round(100 * v.numerator / v.denominator + 1e-9, 1):.1f}%"


def test_agency_page_has_a_row_per_rate_with_the_formula_on_hover(portal_site):
    soup = portal_site.soup("agencies/测试市统计局/")
    rows = {tr.th.get_text(strip=True): tr for tr in soup.select("table.figures-by-year tr.rate-row")}
    assert list(rows) == [r.label for r in figures.RATES]
    first = rows["实质公开率"]
    assert first.th["title"] == figures.RATE_BY_KEY["disclosure_rate"].formula
    values = [rates_of(portal_site, n)["disclosure_rate"] for n in ("gen_2021_tab.txt", "gen_2021_pdf.txt")]
    cells = first.select("td abbr.rate")
    assert [c.get_text() for c in cells] == [v.text for v in values]
    assert f"{values[0].numerator} ÷ {values[0].denominator}" in cells[0]["title"]


def test_year_page_ranks_agencies_with_denominator_of_at_least_30(portal_site):
    soup = portal_site.soup("years/2024/")
    table = soup.select_one("#ranking-disclosure_rate + p + div table.ranking")
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
    percents = [float(r[1].rstrip("%")) for r in rows]
    assert percents == sorted(percents, reverse=True) and len(rows) >= 2
    assert all(int(r[3]) >= figures.RANKING_MIN_DENOMINATOR for r in rows)
    assert rows[0][0] == "1"
    assert soup.select_one("table.rates-table thead th[title]")["title"].startswith("实质公开率 = ")


def test_rate_with_zero_denominator_is_a_dash_with_the_reason():
    v = figures.rates({**dict.fromkeys(figures.FIGURE_BY_KEY, 0)})["review_correction_rate"]
    assert (v.percent, v.text, v.why_missing) == (None, "—", "分母为 0")
    unknown = figures.rates({**dict.fromkeys(figures.FIGURE_BY_KEY, 3), "handled": None})["disclosure_rate"]
    assert (unknown.text, unknown.why_missing) == ("—", "报告中所需的数字无法读取")
    assert not figures.rankable(figures.rates({**dict.fromkeys(figures.FIGURE_BY_KEY, 29)})["disclosure_rate"])


def test_percent_rounds_half_up_to_one_decimal():
    assert figures.percent(1, 8) == 12.5 and figures.percent(1, 16) == 6.3 and figures.percent(2, 3) == 66.7
    assert figures.percent(5, 0) is None and figures.percent(None, 4) is None


def test_years_page_counts_reports_on_time_late_and_of_unknown_date(portal_site):
    soup = portal_site.soup("years/")
    table = soup.select_one("table.timeliness-table")
    assert [th.get_text(strip=True) for th in table.select("thead th")][1:] == list(STATUS_LABELS.values())
    for tr in table.select("tbody tr"):
        year = int(tr.th.get_text(strip=True).rstrip(" 年"))
        counts = [int(td.get_text()) for td in tr.select("td")]
        reports = [parse_file(p) for n, p in portal_site.files.items()]
        of_year = [r for r in reports if r.get("year") == year and r.get("template")]
        assert sum(counts) == len(of_year), year
        expected = [sum(1 for r in of_year if assess(r).status == s) for s in STATUS_LABELS]
        assert counts == expected, year


def test_problems_page_lists_the_most_repeated_reports_with_links(portal_site):
    soup = portal_site.soup("problems/")
    section = soup.select_one("#most-copied")
    assert section is not None
    rows = section.find_next("table").select("tbody tr")
    shares = [int(tr.select_one("td.num").get_text().rstrip("%")) for tr in rows]
    assert shares == sorted(shares, reverse=True) and shares[0] == 100
    # The seed copied into a subfolder repeats its original word for word.
    links = [a["href"] for a in rows[0].select("a")]
    assert len(links) == 2 and all("reports/" in h for h in links)
    group = soup.select_one("#rule-T-copied-text")
    assert group is not None and "文字重复" in group.get_text()


def test_build_log_lists_the_new_problems_in_the_check_format(portal_site):
    copied = [line for line in portal_site.log.splitlines() if "[T-copied-text]" in line]
    # hostile.txt (2023) keeps its 2022 text; the seed saved twice for 2025 is one report, not a copy.
    assert any("警告 [T-copied-text] 第一、五部分与本机关 2022 年报告" in line for line in copied)
    assert not any("001_467beb583403089d" in line for line in copied)


@needs_real_reports
def test_check_command_lists_prose_and_copied_text_problems(tmp_path):
    (tmp_path / "2024").mkdir()
    for name in ("dev_06_hongze_2024.txt", "dev_04_huaian_2024.txt"):
        (tmp_path / name).write_bytes((REAL / name).read_bytes())
    # The next year's report keeping the 2024 text; a second file of 2024 is the same report twice.
    (tmp_path / "2024" / "copy.txt").write_bytes((REAL / "dev_04_huaian_2024.txt").read_bytes())
    (tmp_path / "2025.txt").write_text((REAL / "dev_04_huaian_2024.txt").read_text(encoding="utf-8")
                                       .replace("2024", "2025"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "build_scripts", "check", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    lines = result.stdout.splitlines()
    prose = [line for line in lines if "[T-prose-table]" in line]
    assert len(prose) == 1 and prose[0].startswith(f"{tmp_path}/dev_06_hongze_2024.txt: 正文（一）")
    assert "警告 [T-prose-table]" in prose[0] and "17" in prose[0] and "95" in prose[0]
    copied = [line for line in lines if "[T-copied-text]" in line]
    assert len(copied) == 1 and copied[0].startswith(f"{tmp_path}/2025.txt: ") and "文字重复 100%" in copied[0]
    assert "本机关 2024 年报告" in copied[0]
