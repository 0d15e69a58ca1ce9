"""The five real seed reports, parsed: every table cell, the metadata, the parts and selected prose
facts, asserted explicitly. Keys are spelled out here from the spec (tables-2021.md,
tables-2019.md), not taken from build_scripts.template, so a wrong key there fails too."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.reports import parse_file

SEEDS = Path(__file__).parent / "fixtures" / "seeds"

APP_COLUMNS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
               "legal_service_org", "other_org", "total"]
APP_ROWS_2021 = ["1", "2", "3.1", "3.2", "3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5", "3.3.6", "3.3.7", "3.3.8",
                 "3.4.1", "3.4.2", "3.4.3", "3.5.1", "3.5.2", "3.5.3", "3.5.4", "3.5.5", "3.6.1", "3.6.2", "3.6.3",
                 "3.7", "4"]
APP_ROWS_2019 = ["1", "2", "3.1", "3.2", "3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5", "3.3.6", "3.3.7", "3.3.8",
                 "3.4.1", "3.4.2", "3.4.3", "3.5.1", "3.5.2", "3.5.3", "3.5.4", "3.5.5", "3.6", "3.7", "4"]
REVIEW_ALL_ZERO = {g: {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
                   for g in ("review", "litigation_direct", "litigation_after_review")}


def zero_applications(rows: list[str]) -> dict:
    return {r: {c: 0 for c in APP_COLUMNS} for r in rows}


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    return {p.name[:3]: parse_file(p) for p in sorted(SEEDS.glob("*.txt"))}


TITLES_000 = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
              "政府信息公开工作存在的主要问题及改进情况", "其他需要报告的事项"]
TITLES_SHORT_FIVE = TITLES_000[:4] + ["存在的主要问题及改进情况", "其他需要报告的事项"]

PROACTIVE_2021_ZERO = {
    "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
    "normative_documents": {"issued": 0, "repealed": 0, "in_force": 0},
    "licensing": {"decisions": 0},
    "penalty": {"decisions": 0},
    "enforcement": {"decisions": 0},
    "fees": {"amount_10k_yuan": 0},
}

EXPECTED = {
    "000": {
        "agency": "沙坡头区工业信息化和商务局", "year": 2025, "template": "2021",
        "titles": TITLES_000,
        "proactive": PROACTIVE_2021_ZERO,
        "applications": zero_applications(APP_ROWS_2021),
    },
    "001": {
        "agency": "沙坡头区科学技术局", "year": 2025, "template": "2021",
        "titles": TITLES_SHORT_FIVE,
        "proactive": PROACTIVE_2021_ZERO,
        "applications": zero_applications(APP_ROWS_2021),
    },
    "002": {
        "agency": "沙坡头区工业信息化和商务局", "year": 2019, "template": "2019",
        "titles": TITLES_000[:5],
        "proactive": {
            "regulations": {"new_made": 0, "new_published": 0, "total_published": 0},
            "normative_documents": {"new_made": 0, "new_published": 0, "total_published": 0},
            "licensing": {"previous_count": 0, "change": 0, "decisions": 0},
            "other_services": {"previous_count": 0, "change": 4, "decisions": 0},
            "penalty": {"previous_count": 0, "change": 21, "decisions": 0},
            "enforcement": {"previous_count": 0, "change": 0, "decisions": 0},
            "fees": {"previous_count": 0, "change": 0},
            "procurement": {"projects": 0, "amount": 0},
        },
        "applications": zero_applications(APP_ROWS_2019),
    },
    "003": {
        "agency": "沙坡头区政务服务中心", "year": 2024, "template": "2021",
        "titles": TITLES_SHORT_FIVE,
        "proactive": PROACTIVE_2021_ZERO,
        "applications": zero_applications(APP_ROWS_2021),
    },
    "004": {
        "agency": "中卫市工业和信息化局", "year": 2024, "template": "2021",
        "titles": TITLES_000[:4] + ["存在问题及改进情况", "其他需要报告的事项"],
        "proactive": {**PROACTIVE_2021_ZERO, "normative_documents": {"issued": 1, "repealed": 0, "in_force": 1},
                      "licensing": {"decisions": 6}},
        "applications": zero_applications(APP_ROWS_2021),
    },
}

NUMBERS = ["一", "二", "三", "四", "五", "六"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_metadata_is_read_from_title_and_notice(parsed, name):
    report, want = parsed[name], EXPECTED[name]
    assert report["agency"] == want["agency"]
    assert report["year"] == want["year"]
    assert report["template"] == want["template"]
    assert report["source"] == seed(name).as_posix()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_parts_are_numbered_and_titled_as_printed(parsed, name):
    sections = parsed[name]["sections"]
    titles = EXPECTED[name]["titles"]
    assert [s["number"] for s in sections] == NUMBERS[: len(titles)]
    assert [s["title"] for s in sections] == titles


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_table_two_every_cell(parsed, name):
    assert parsed[name]["proactive"] == EXPECTED[name]["proactive"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_table_three_every_cell(parsed, name):
    apps = parsed[name]["applications"]
    assert list(apps) == list(EXPECTED[name]["applications"])
    assert apps == EXPECTED[name]["applications"]
    for row in apps.values():
        assert list(row) == APP_COLUMNS


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_table_four_every_cell(parsed, name):
    assert parsed[name]["review_litigation"] == REVIEW_ALL_ZERO


def test_seed_values_keep_their_number_types(parsed):
    # Counts are ints (never floats or strings); 本年增/减 keeps its sign as a number.
    for report in parsed.values():
        for table in ("proactive", "applications", "review_litigation"):
            for row in report[table].values():
                for value in row.values():
                    assert type(value) is int
    assert parsed["002"]["proactive"]["other_services"]["change"] == 4
    assert parsed["002"]["proactive"]["penalty"]["change"] == 21


@pytest.mark.parametrize("name", ["000", "001", "003", "004"])
def test_complete_seeds_are_consistent_without_problems(parsed, name):
    report = parsed[name]
    assert report["problems"] == []
    assert report["consistent"] is True


def test_seed_002_without_part_six_reports_missing_part(parsed):
    report = parsed["002"]
    assert [(p["rule"], p["severity"], p["where"], p["file"]) for p in report["problems"]] == [
        ("F-missing-part", "error", "第六部分", seed("002").as_posix())]
    assert "六" in report["problems"][0]["message"]
    assert report["consistent"] is False


def test_seed_002_keeps_table_notes_with_their_parts(parsed):
    sections = {s["number"]: s for s in parsed["002"]["sections"]}
    assert sections["三"]["text"] == "(备注：2019年度我局未收到依申请公开事项)"
    assert sections["四"]["text"] == "(备注：2019年度我局未收到行政复议及行政诉讼情况)"
    assert sections["二"]["text"] == ""


def test_seed_002_part_one_has_nine_numbered_subparts(parsed):
    text = parsed["002"]["sections"][0]["text"]
    paragraphs = text.split("\n\n")
    starts = [p[:3] for p in paragraphs if p.startswith("（")]
    assert starts == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）", "（九）"]
    # a paragraph that a page break cut in two reads whole again
    assert "沙坡头区工业信息化和商务局建立了政府信息公开领导小组" in text


def test_seed_004_drops_page_numbers_and_stray_url(parsed):
    report = parsed["004"]
    everything = "\n".join([report["opening"]] + [s["text"] for s in report["sections"]])
    assert "- 5 -" not in everything
    assert "nxzw.gov.cn/zwgk" not in everything
    assert "t20191003_1780799" not in everything


def test_seed_004_rejoins_pdf_line_breaks(parsed):
    sections = {s["number"]: s["text"] for s in parsed["004"]["sections"]}
    assert ("坚持“以公开为常态、不公开为例外”原则，紧紧围绕市委、市人民政府中心工作及群众关注关切，"
            "统筹兼顾、突出重点，全面推进决策、执行、管理、服务、结果公开，") in sections["一"]
    assert "2024年公开文件 18份，其中：主动公开 8份，依申请公开10份。" in sections["一"]
    # the sub-heading stays a paragraph of its own
    assert "\n\n（三）政府信息管理\n\n我局高度重视政府信息公开工作，持续加强政府信息公开工作管理，" in sections["一"]
    # letter-spaced words read whole; the link stays; the phone number after "传真：" is not cut off
    assert "本报告电子版可从中卫市人民政府网站（http://www.nxzw.gov.cn）查阅或下载。" in sections["六"]
    assert "传真：0955-7068683；电子邮箱：nxzwsjw@163.com）。" in sections["六"]
    assert "二是信息发布“三审三校”制度落实还不到位，个别审校表中存在未签字情况" in sections["五"]


def test_seed_004_opening_cites_the_2021_notice_across_line_breaks(parsed):
    opening = parsed["004"]["opening"]
    assert "（国办公开办函〔2021〕30 号）" in opening
    assert opening.startswith("本年度报告根据《中华人民共和国政府信息公开条例》第五十条")


def test_seed_000_prose_keeps_links_mail_and_phone(parsed):
    six = parsed["000"]["sections"][5]["text"]
    assert six.split("\n\n") == [
        "我局 2025 年未收取信息处理费。",
        "本报告的电子版可在沙坡头区人民政府门户网站 (<http://www.spt.gov.cn>) 下载。如对报告有疑问或意见建议, "
        "请与中卫市沙坡头区工业信息化和商务局办公室联系 (地址: 中卫市沙坡头区工业信息化和商务局 110 室; "
        "邮编: 755000; 联系电话: 0955-7616328; 电子邮箱: sptqgxj@163.com)。",
    ]


def test_seed_001_prose_keeps_bold_markers_and_joins_page_break(parsed):
    one = parsed["001"]["sections"][0]["text"]
    assert "二是**加强制度建设。**重新修订《中卫市沙坡头区科学技术局政务公开保密审查制度》" in one
    # "…座谈交流等形式广纳" / "群智，持续增进…" were split by a page break in the source
    assert "座谈交流等形式广纳群智，持续增进部门与群众的互动交流" in one


def test_seed_003_part_six_states_information_fees(parsed):
    six = parsed["003"]["sections"][5]["text"]
    assert six.startswith("本年度未收取信息处理费。")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_opening_names_the_notice_of_its_template(parsed, name):
    notice = {"2021": "〔2021〕30", "2019": "〔2019〕60"}[EXPECTED[name]["template"]]
    assert notice in parsed[name]["opening"].replace(" ", "")


def test_seed_copies_in_data_folder_parse_the_same(parsed):
    data = Path(__file__).parent.parent / "data"
    for name, report in parsed.items():
        copy = next(data.glob(f"{name}_*.txt"), None)
        if copy is None:
            pytest.skip("data/ does not hold the seeds")
        other = parse_file(copy)
        for key in ("agency", "year", "template", "sections", "proactive", "applications", "review_litigation"):
            assert other[key] == report[key], (name, key)
