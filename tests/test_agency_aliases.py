"""One agency under two names: agencies.yml's `aliases` (洪泽区人民政府 2023 and 淮安市洪泽区人民政府
2024 in the real reports; a renamed bureau). Its reports share one agency page and are checked
across years; each report keeps the name it prints."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, make_project, run_build

from build_scripts import synthetic
from build_scripts.checks import check_collection
from build_scripts.portal.agencies import AgenciesFileError, agency_aliases, parse_agencies
from build_scripts.reports import parse_bytes

AGENCIES = "淮安市洪泽区人民政府:\n  region: 江苏省淮安市洪泽区\n  aliases:\n    - 洪泽区 人民政府\n"


def two_years() -> tuple[dict, dict]:
    """The 2023 report under the short name, the 2024 one under the full name, whose 上年结转 is
    not the 2023 结转下年度 (a mismatch the checks across years find)."""
    v23 = synthetic.make_values("2021", 701)
    v24 = synthetic.make_values("2021", 702)
    first = synthetic.render(v23, "2021", agency="洪泽区人民政府", year=2023, layout="tab", seed=701)
    second = synthetic.render(v24, "2021", agency="淮安市洪泽区人民政府", year=2024, layout="tab", seed=702)
    return ({"a23.txt": first.encode("utf-8"), "a24.txt": second.encode("utf-8")},
            {"a23.txt": v23, "a24.txt": v24})


def test_aliases_are_read_and_given_by_the_key_of_each_name():
    registry = parse_agencies(AGENCIES)
    assert registry["淮安市洪泽区人民政府"].aliases == ("洪泽区 人民政府",)
    assert agency_aliases(registry) == {"洪泽区人民政府": "淮安市洪泽区人民政府"}


@pytest.mark.parametrize("text, message", [
    ("甲局:\n  aliases: 乙局\n", "aliases 应为非空文字的列表"),
    ("甲局:\n  aliases: [乙局]\n乙局: {}\n", "别名「乙局」是另一个登记的机构"),
    ("甲局:\n  aliases: [甲 局]\n", "就是它自己的名称"),
    ("甲局:\n  aliases: [丙局]\n乙局:\n  aliases: [丙局]\n", "别名「丙局」同时属于机构「甲局」和「乙局」"),
])
def test_an_alias_that_is_no_list_or_names_two_agencies_stops_the_build_naming_it(text, message):
    with pytest.raises(AgenciesFileError, match=message):
        parse_agencies(text)


def test_reports_under_an_alias_are_checked_across_years_with_the_agencys_others():
    files, _ = two_years()
    reports = [parse_bytes(data, name) for name, data in files.items()]
    assert [r["agency"] for r in reports] == ["洪泽区人民政府", "淮安市洪泽区人民政府"]  # as printed
    assert check_collection(reports).get("a24.txt", []) == []  # two agencies: nothing to compare
    found = check_collection(reports, aliases=agency_aliases(parse_agencies(AGENCIES)))
    assert "X-carry-over" in {p["rule"] for p in found["a24.txt"]}
    assert "a23.txt" not in found or "X-carry-over" not in {p["rule"] for p in found["a23.txt"]}


def test_check_command_reads_the_aliases_of_the_folders_agencies_file(tmp_path):
    files, _ = two_years()
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    run = lambda: subprocess.run([sys.executable, "-m", "build_scripts", "check", str(tmp_path)], cwd=ROOT,
                                 capture_output=True, text=True, timeout=120).stdout
    assert "[X-carry-over]" not in run()
    (tmp_path / "agencies.yml").write_text(AGENCIES, encoding="utf-8")
    assert f"{tmp_path}/a24.txt: 三 · 二、上年结转" in run()


def test_site_shows_an_agency_under_both_its_names_on_one_page(tmp_path):
    files, _ = two_years()
    result = run_build(make_project(tmp_path, files, agencies=AGENCIES))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    agencies = tmp_path / "site" / "agencies"
    assert not (agencies / "洪泽区人民政府").exists()
    soup = BeautifulSoup((agencies / "淮安市洪泽区人民政府" / "index.html").read_text(encoding="utf-8"), "html.parser")
    facts = soup.select_one("dl.portal-facts").get_text()
    assert "2 份（2023、2024 年）" in facts and "洪泽区 人民政府" in facts
    assert "江苏省淮安市洪泽区" in facts
    report = BeautifulSoup((tmp_path / "site" / "reports" / "a23" / "index.html").read_text(encoding="utf-8"),
                           "html.parser")
    assert "洪泽区人民政府" in report.select_one("h1").get_text()  # the name it prints
    later = (tmp_path / "site" / "reports" / "a24" / "index.html").read_text(encoding="utf-8")
    assert "X-carry-over" in later
    # 对比's region totals count the reports under both names in the agency's region.
    compare = BeautifulSoup((tmp_path / "site" / "compare" / "index.html").read_text(encoding="utf-8"), "html.parser")
    regions = json.loads(compare.select_one("#od-compare-config").get_text())["regions"]
    assert regions == {"洪泽区人民政府": "江苏省淮安市洪泽区", "淮安市洪泽区人民政府": "江苏省淮安市洪泽区"}
