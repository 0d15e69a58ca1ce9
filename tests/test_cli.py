"""The command line, run as users run it: `python -m build_scripts parse|check …` in a subprocess."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts import synthetic

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
PROBLEM_LINE = re.compile(r"^(?P<file>[^:]+): (?P<where>.+?): (?P<level>错误|警告) \[(?P<rule>[A-Za-z-]+)\] (?P<message>.+)$")
SUMMARY = re.compile(r"^共检查 (\d+) 份文件：(\d+) 份一致，(\d+) 份有错误；错误 (\d+) 个，警告 (\d+) 个$")


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "build_scripts", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def clean_folder(tmp_path: Path) -> Path:
    for n, (template_id, layout) in enumerate([("2021", "tab"), ("2019", "spaced"), ("2021", "pdf")]):
        write(tmp_path, f"r{n}.txt", synthetic.make_report(template_id, 100 + n, layout=layout)[0])
    return tmp_path


# -- parse ------------------------------------------------------------------------------------------


def test_parse_one_file_prints_one_object_in_the_data_contract_shape(tmp_path):
    text, values = synthetic.make_report("2021", 110, layout="pdf")
    path = write(tmp_path, "one.txt", text)
    result = run("parse", path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert isinstance(report, dict)
    assert {"source", "agency", "year", "template", "sections", "proactive", "applications",
            "review_litigation", "problems", "consistent"} <= set(report)
    assert report["source"] == path.as_posix()
    assert report["template"] == "2021"
    assert report["applications"] == values["applications"]
    assert report["proactive"] == values["proactive"]
    assert report["review_litigation"] == values["review_litigation"]
    assert report["consistent"] is True
    assert "政府信息公开" in result.stdout  # Chinese printed as is, not \\u escapes


def test_parse_several_files_prints_a_list_in_order(tmp_path):
    paths = [write(tmp_path, f"{n}.txt", synthetic.make_report("2019", 120 + n)[0]) for n in range(2)]
    result = run("parse", *paths)
    assert result.returncode == 0, result.stderr
    reports = json.loads(result.stdout)
    assert isinstance(reports, list)
    assert [r["source"] for r in reports] == [p.as_posix() for p in paths]


def test_parse_seed_with_relative_path(tmp_path):
    result = run("parse", "tests/fixtures/seeds/" + next(SEEDS.glob("004_*.txt")).name)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["source"].startswith("tests/fixtures/seeds/004_")
    assert report["proactive"]["licensing"] == {"decisions": 6}


def test_parse_exits_non_zero_for_a_file_that_is_not_a_report(tmp_path):
    bad = write(tmp_path, "notes.txt", "会议纪要：今天讨论了三件事。\n")
    result = run("parse", bad)
    assert result.returncode != 0
    report = json.loads(result.stdout)
    assert report["template"] is None
    assert [p["rule"] for p in report["problems"]] == ["F-not-report"]
    assert "Traceback" not in result.stderr


def test_parse_mixed_files_still_prints_every_report_and_exits_non_zero(tmp_path):
    good = write(tmp_path, "good.txt", synthetic.make_report("2021", 130)[0])
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    result = run("parse", good, empty, missing)
    assert result.returncode != 0
    reports = json.loads(result.stdout)
    assert [r["template"] for r in reports] == ["2021", None, None]
    assert "Traceback" not in result.stderr


def test_parse_report_with_arithmetic_errors_still_exits_zero(tmp_path):
    values = synthetic.break_rule(synthetic.make_values("2021", 131), "A-balance")
    path = write(tmp_path, "broken.txt", synthetic.render(values, "2021", agency="某局", year=2024))
    result = run("parse", path)
    assert result.returncode == 0  # it is a report; its problems are in the JSON
    report = json.loads(result.stdout)
    assert report["consistent"] is False
    assert {p["rule"] for p in report["problems"]} == {"A-balance"}


# -- check ------------------------------------------------------------------------------------------


def test_check_clean_folder_prints_only_the_summary_and_exits_zero(clean_folder):
    result = run("check", clean_folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().split("\n") == ["共检查 3 份文件：3 份一致，0 份有错误；错误 0 个，警告 0 个"]


def test_check_prints_one_line_per_problem_with_file_and_place(clean_folder):
    values = synthetic.break_rule(synthetic.make_values("2021", 140), "R-group-total")
    broken = write(clean_folder, "broken.txt", synthetic.render(values, "2021", agency="某县教育局", year=2024))
    (clean_folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    result = run("check", clean_folder)
    assert result.returncode == 1
    lines = result.stdout.strip().split("\n")
    problems = [PROBLEM_LINE.match(line) for line in lines[:-1]]
    assert all(problems), lines
    by_file = {(m["file"], m["rule"]): m for m in problems}
    group = by_file[(broken.as_posix(), "R-group-total")]
    assert (group["where"], group["level"]) == ("四 · 行政复议 · 总计", "错误")
    image = by_file[((clean_folder / "image.png").as_posix(), "F-not-report")]
    assert (image["where"], image["level"]) == ("全文", "错误")
    summary = SUMMARY.match(lines[-1])
    assert summary and summary.groups() == ("5", "3", "2", "2", "0")


def test_check_warnings_alone_exit_zero(clean_folder):
    (clean_folder / "gbk.txt").write_bytes(synthetic.make_report("2021", 150)[0].encode("gbk"))
    result = run("check", clean_folder)
    assert result.returncode == 0
    lines = result.stdout.strip().split("\n")
    match = PROBLEM_LINE.match(lines[0])
    assert match and (match["rule"], match["level"], match["where"]) == ("F-encoding", "警告", "全文")
    assert SUMMARY.match(lines[-1]).groups() == ("4", "4", "0", "0", "1")


def test_check_seed_folder_reports_the_missing_part_of_002():
    result = run("check", "tests/fixtures/seeds")
    assert result.returncode == 1
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 2
    match = PROBLEM_LINE.match(lines[0])
    assert match["file"].startswith("tests/fixtures/seeds/002_")
    assert (match["where"], match["level"], match["rule"]) == ("第六部分", "错误", "F-missing-part")
    assert SUMMARY.match(lines[1]).groups() == ("5", "4", "1", "1", "0")


def test_check_cross_year_warnings_name_both_files(tmp_path):
    first = synthetic.make_values("2021", 160)
    second = synthetic.break_rule(synthetic.make_values("2021", 161, previous=first), "X-carry-over")
    # (different prose each year: the same text twice would also be T-copied-text)
    write(tmp_path, "2023.txt", synthetic.render(first, "2021", agency="利通区财政局", year=2023, seed=160))
    later = write(tmp_path, "2024.txt", synthetic.render(second, "2021", agency="利通区财政局", year=2024, seed=161))
    result = run("check", tmp_path)
    assert result.returncode == 0  # cross-year problems are warnings
    lines = [PROBLEM_LINE.match(line) for line in result.stdout.strip().split("\n")[:-1]]
    assert {(m["file"], m["rule"], m["level"]) for m in lines} == {(later.as_posix(), "X-carry-over", "警告")}
    assert all("2023.txt" in m["message"] for m in lines)


def test_check_without_files_exits_two(tmp_path):
    result = run("check", tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "没有找到任何文件"


def test_unknown_command_is_a_usage_error():
    result = run("frobnicate")
    assert result.returncode == 2
    assert "usage" in result.stderr
