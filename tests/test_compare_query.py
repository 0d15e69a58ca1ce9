"""The 对比 page as a query tool, in headless Chromium: choose agencies or a region, figures and
years, see the table and the region totals per year, and download exactly that selection as CSV,
all from the static data of a built site whose agencies.yml gives regions."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import quote

import pytest

from build_scripts import figures, synthetic
from build_scripts.reports import parse_file
from conftest import make_project, run_build

# agency, region (None: not in agencies.yml), years
AGENCIES = (("测试市审计局", "测试省甲市", (2023, 2024)), ("测试市统计局", "测试省甲市", (2024,)),
            ("测试县民政局", "测试省乙县", (2024,)), ("无登记局", None, (2024,)))
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def query_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("query_site")
    files, seed = {}, 300
    for agency, _, years in AGENCIES:
        for year in years:
            seed += 1
            text = synthetic.render(synthetic.make_values("2021", seed), "2021", agency=agency, year=year, seed=seed)
            files[f"{agency}-{year}.txt"] = text.encode("utf-8")
    agencies = "".join(f"{a}:\n  region: {r}\n" for a, r, _ in AGENCIES if r)
    config = make_project(tmp, files, agencies=agencies)
    result = run_build(config)
    assert result.returncode == 0, result.stderr[-3000:]
    values = {name: figures.compute(parse_file(tmp / "data" / name)) for name in files}
    from browser_support import serve_directory

    with serve_directory(tmp / "site") as base:
        yield base + "/", values


def figure(values, agency, year, key):
    return values[f"{agency}-{year}.txt"][key]


def open_page(browser, url):
    pg = browser.new_page(accept_downloads=True)
    errors, requests = [], []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(url)
    pg.wait_for_selector("#od-compare form")
    return pg, errors, requests


def read_download(pg, button: str) -> tuple[str, list[list[str]]]:
    with pg.expect_download() as info:
        pg.click(button)
    data = Path(info.value.path()).read_bytes()
    assert data.startswith("\ufeff".encode("utf-8"))  # Excel on a Chinese Windows machine reads it as UTF-8
    return info.value.suggested_filename, list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_region_selects_its_agencies_and_shows_totals_per_year(query_site, browser):
    base, values = query_site
    pg, errors, requests = open_page(browser, base + "compare/#regions=" + quote("测试省甲市", safe="") + "&years=2023|2024")
    heads = pg.eval_on_selector_all("table.od-compare-result:not(.od-region-totals) thead th[data-source]",
                                    "els => els.map(e => e.textContent)")
    assert sorted(heads) == ["测试市审计局 2023 年", "测试市审计局 2024 年", "测试市统计局 2024 年"]
    rows = pg.eval_on_selector_all(
        "table.od-region-totals tbody tr",
        "trs => trs.map(tr => [tr.dataset.region, tr.dataset.year, tr.querySelector('td[data-field=new_applications]').textContent])")
    assert rows == [
        ["测试省甲市", "2023", str(figure(values, "测试市审计局", 2023, "new"))],
        ["测试省甲市", "2024", str(figure(values, "测试市审计局", 2024, "new") + figure(values, "测试市统计局", 2024, "new"))],
    ]
    name, table = read_download(pg, "#od-download-totals")
    assert name == "对比-地区合计.csv"
    assert table[0][:4] == ["地区", "年度", "报告数", "本年新收申请"]
    assert [r[:4] for r in table[1:]] == [[r[0], r[1], n, r[2]] for r, n in zip(rows, ("1", "2"))]
    assert not errors and all(u.startswith(base) for u in requests)
    pg.close()


def test_region_totals_count_two_files_of_one_agency_and_year_once(tmp_path, browser):
    # 甲局's report saved twice (a copy: counted once); 乙局's two files disagree: left out, marked.
    def text(agency, seed):
        return synthetic.render(synthetic.make_values("2021", seed), "2021", agency=agency, year=2024,
                                seed=seed).encode("utf-8")
    files = {"a.txt": text("测试市甲局", 401), "copy/a.txt": text("测试市甲局", 401),
             "b.txt": text("测试市乙局", 402), "b-again.txt": text("测试市乙局", 403)}
    agencies = "测试市甲局:\n  region: 测试省丙市\n测试市乙局:\n  region: 测试省丙市\n"
    result = run_build(make_project(tmp_path, files, agencies=agencies))
    assert result.returncode == 0, result.stderr[-3000:]
    new = {n: figures.compute(parse_file(tmp_path / "data" / n))["new"] for n in files}
    assert new["b.txt"] != new["b-again.txt"]
    from browser_support import serve_directory

    with serve_directory(tmp_path / "site") as base:
        pg, errors, _ = open_page(browser, base + "/compare/#regions=" + quote("测试省丙市", safe="") + "&years=2024")
        cell = pg.locator("table.od-region-totals tbody tr td[data-field=new_applications]")
        assert pg.locator("table.od-region-totals tbody tr td").nth(1).text_content() == "2"  # 报告数
        assert cell.text_content() == f"{new['a.txt']}*"
        assert cell.locator("span").get_attribute("title") == "1 个机关同一年度的几份报告该项数字不同，未计入合计"
        _, table = read_download(pg, "#od-download-totals")
        row = dict(zip(table[0], table[1]))
        assert (row["报告数"], row["本年新收申请"]) == ("2", str(new["a.txt"]))
        assert row["本年新收申请（重复报告数字不同、未计入的机关数）"] == "1"
        assert not errors
        pg.close()


def test_region_totals_count_an_agency_under_its_other_name_once_in_a_year(tmp_path, browser):
    # One agency, its 2024 report saved under its old name and under its new one (agencies.yml
    # aliases): one report of the region that year, as the checks across reports see it.
    def text(agency):
        return synthetic.render(synthetic.make_values("2021", 404), "2021", agency=agency, year=2024,
                                seed=404).encode("utf-8")
    files = {"new.txt": text("测试市投资促进局"), "old.txt": text("测试市国有资产管理局"),
             "other.txt": synthetic.render(synthetic.make_values("2021", 405), "2021", agency="测试市丁局",
                                           year=2024, seed=405).encode("utf-8")}
    agencies = ("测试市投资促进局:\n  region: 测试省戊市\n  aliases: [测试市国有资产管理局]\n"
                "测试市丁局:\n  region: 测试省戊市\n")
    result = run_build(make_project(tmp_path, files, agencies=agencies))
    assert result.returncode == 0, result.stderr[-3000:]
    new = {n: figures.compute(parse_file(tmp_path / "data" / n))["new"] for n in files}
    from browser_support import serve_directory

    with serve_directory(tmp_path / "site") as base:
        pg, errors, _ = open_page(browser, base + "/compare/#regions=" + quote("测试省戊市", safe="") + "&years=2024")
        assert pg.locator("table.od-region-totals tbody tr td").nth(1).text_content() == "2"  # 报告数
        cell = pg.locator("table.od-region-totals tbody tr td[data-field=new_applications]")
        assert cell.text_content() == str(new["new.txt"] + new["other.txt"])
        assert not errors
        pg.close()


def test_chosen_figures_and_agencies_download_as_exactly_that_csv(query_site, browser):
    base, values = query_site
    pg, errors, _ = open_page(browser, base + "compare/")
    # figures: none, then two
    pg.click("fieldset[data-name=field] button[data-check=none]")
    assert pg.locator("table.od-compare-result").count() == 0
    pg.check("input[name=field][value=new_applications]")
    pg.check("input[name=field][value=disclosure_rate]")
    # agencies: none, then a region (ticks its one agency) and one agency without a region
    pg.click("fieldset[data-name=agency] button[data-check=none]")
    pg.check("input[name=region][value='测试省乙县']")
    pg.check("input[name=agency][value='无登记局']")
    pg.uncheck("input[name=year][value='2023']")
    rows = pg.eval_on_selector_all("table.od-compare-result:not(.od-region-totals) tbody tr",
                                   "trs => trs.map(tr => tr.dataset.field)")
    assert rows == ["new_applications", "disclosure_rate"]
    assert "fields=new_applications|disclosure_rate" in pg.url
    name, table = read_download(pg, "#od-download")
    assert name == "对比-所选数据.csv"
    assert table[0] == ["来源文件", "机关", "地区", "年度", "本年新收申请", "实质公开率（%）"]
    want = []
    for agency, region in (("无登记局", ""), ("测试县民政局", "测试省乙县")):
        rate = figures.rates(values[f"{agency}-2024.txt"])["disclosure_rate"].percent
        want.append([f"data/{agency}-2024.txt", agency, region, "2024",
                     str(figure(values, agency, 2024, "new")), repr(rate)])
    assert sorted(table[1:]) == sorted(want)
    shown = pg.eval_on_selector_all("tr[data-field=disclosure_rate] td", "tds => tds.map(td => td.textContent)")
    assert sorted(shown) == sorted(f"{float(r[5]):.1f}%" for r in want)
    # only the region's agency has a region total
    totals = pg.eval_on_selector_all("table.od-region-totals tbody tr", "trs => trs.map(tr => tr.dataset.region)")
    assert totals == ["测试省乙县"]
    assert not errors
    pg.close()


def test_agency_filter_hides_other_names(query_site, browser):
    base, _ = query_site
    pg, _, _ = open_page(browser, base + "compare/")
    pg.fill("input.od-compare-filter", "统计")
    visible = pg.eval_on_selector_all("fieldset[data-name=agency] label:not([hidden])",
                                      "els => els.map(e => e.dataset.agency)")
    assert visible == ["测试市统计局"]
    pg.close()
