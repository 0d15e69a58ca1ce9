"""A data/ folder nobody vetted: symlinks out of it, FIFOs, devices, oversized files, zip bombs,
huge PDFs, endless text and parses that never end are listed with a problem, never read past
their limits, and never stop the rest (build_scripts/files.py, limits.py, cache.py)."""
from __future__ import annotations

import io
import json
import multiprocessing
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from build_scripts import cache, reports
from build_scripts.files import display_path, publishable, report_files
from build_scripts.limits import DEFAULT, MB, Limits, pdf_page_count
from build_scripts.reports import load_reports, parse_bytes, parse_file, parse_paths

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED = SEEDS / "000_2cbe264bf5f3dc79.txt"
SECRET = "SECRET-OUTSIDE-DATA-7f3a"


def _rules(report: dict) -> list[str]:
    return [p["rule"] for p in report["problems"]]


@pytest.fixture
def data(tmp_path):
    """data/ with one real report, and a folder outside it holding a secret file."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "report.txt").write_bytes(SEED.read_bytes())
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET}\n" + SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def by_name(found: list[dict]) -> dict[str, dict]:
    return {Path(r["source"]).name: r for r in found}


# -- what is read --------------------------------------------------------------------------------

def test_symlink_to_a_file_outside_data_is_listed_and_never_read(data):
    (data / "passwd.txt").symlink_to(data.parent / "outside" / "secret.txt")
    found = by_name(parse_paths([data]))
    refused = found["passwd.txt"]
    assert _rules(refused) == ["F-outside-data"]
    assert "符号链接指向数据目录之外" in refused["problems"][0]["message"]
    assert refused["agency"] is None and refused["template"] is None
    assert SECRET not in json.dumps(refused, ensure_ascii=False)
    assert not publishable(refused)
    assert found["report.txt"]["agency"] == "沙坡头区工业信息化和商务局"  # the rest is read


def test_symlinked_folder_outside_data_is_listed_not_walked(data):
    (data / "elsewhere").symlink_to(data.parent / "outside", target_is_directory=True)
    files = report_files([data])
    assert [p.name for p in files] == ["elsewhere", "report.txt"]  # secret.txt is not listed
    found = by_name(parse_paths([data]))
    assert _rules(found["elsewhere"]) == ["F-outside-data"]
    assert "文件夹" in found["elsewhere"]["problems"][0]["message"]


def test_symlinks_that_stay_inside_data_are_read(data):
    (data / "sub").mkdir()
    (data / "sub" / "real.txt").write_bytes((SEEDS / "001_467beb583403089d.txt").read_bytes())
    (data / "link.txt").symlink_to(data / "report.txt")
    (data / "sub-again").symlink_to(data / "sub", target_is_directory=True)  # listed once, where it is
    found = by_name(parse_paths([data]))
    assert sorted(found) == ["link.txt", "real.txt", "report.txt"]
    assert found["link.txt"]["agency"] == found["report.txt"]["agency"] == "沙坡头区工业信息化和商务局"
    assert publishable(found["link.txt"])


def test_a_data_folder_that_is_itself_a_symlink_is_read(data):
    (data / "passwd.txt").symlink_to(data.parent / "outside" / "secret.txt")
    alias = data.parent / "alias"
    alias.symlink_to(data, target_is_directory=True)  # data/ kept elsewhere, named through a link
    found = by_name(parse_paths([alias]))
    assert found["report.txt"]["template"] == "2021"
    assert _rules(found["passwd.txt"]) == ["F-outside-data"]


def test_a_symlink_chain_that_ends_outside_is_refused(data):
    (data / "hop.txt").symlink_to(data.parent / "outside" / "secret.txt")
    (data / "start.txt").symlink_to(data / "hop.txt")
    found = by_name(parse_paths([data]))
    assert _rules(found["start.txt"]) == ["F-outside-data"] == _rules(found["hop.txt"])


def test_fifo_is_listed_and_never_opened(data):
    os.mkfifo(data / "pipe.txt")  # opening it for reading would wait for a writer forever
    found = by_name(parse_paths([data]))
    assert _rules(found["pipe.txt"]) == ["F-not-regular"]
    assert "命名管道" in found["pipe.txt"]["problems"][0]["message"]
    assert not publishable(found["pipe.txt"])
    assert found["report.txt"]["template"] == "2021"


def test_device_is_listed_and_never_opened(data):
    null = os.stat("/dev/null")
    try:
        os.mknod(data / "zero.txt", stat.S_IFCHR | 0o600, null.st_rdev)
    except PermissionError:
        pytest.skip("making a device node needs root")
    found = by_name(parse_paths([data]))
    assert _rules(found["zero.txt"]) == ["F-not-regular"]
    assert "设备文件" in found["zero.txt"]["problems"][0]["message"]


def test_a_file_named_on_the_command_line_must_stay_in_its_folder(data):
    link = data / "passwd.txt"
    link.symlink_to(data.parent / "outside" / "secret.txt")
    assert _rules(parse_file(link)) == ["F-outside-data"]
    result = subprocess.run([sys.executable, "-m", "build_scripts", "parse", str(link)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and SECRET not in result.stdout
    assert json.loads(result.stdout)["problems"][0]["rule"] == "F-outside-data"


def test_check_lists_every_refused_file(data):
    (data / "passwd.txt").symlink_to(data.parent / "outside" / "secret.txt")
    os.mkfifo(data / "pipe.txt")
    result = subprocess.run([sys.executable, "-m", "build_scripts", "check", str(data)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    lines = result.stdout.splitlines()
    assert any("passwd.txt" in line and "[F-outside-data]" in line for line in lines)
    assert any("pipe.txt" in line and "[F-not-regular]" in line for line in lines)
    assert lines[-1].startswith("共检查 3 份文件") and SECRET not in result.stdout


# -- limits ----------------------------------------------------------------------------------------

def big_text_file(path: Path, megabytes: int) -> Path:
    """A report followed by megabytes of more prose, written in 1 MB pieces."""
    chunk = ("在政府信息公开工作中，我们坚持以公开为常态、不公开为例外。" * 20000).encode("utf-8")[:MB]
    with path.open("wb") as fh:
        fh.write(SEED.read_bytes())
        for _ in range(megabytes):
            fh.write(chunk)
    return path


def test_file_over_the_size_limit_is_listed_not_parsed(data):
    big_text_file(data / "huge.txt", 60)
    assert (data / "huge.txt").stat().st_size > 60 * MB
    found = by_name(parse_paths([data]))
    huge = found["huge.txt"]
    assert _rules(huge) == ["F-too-large"] and huge["template"] is None
    assert "60.0 MB" in huge["problems"][0]["message"] and "30 MB" in huge["problems"][0]["message"]
    assert not publishable(huge)
    assert found["report.txt"]["template"] == "2021"



def _stat_as_before(monkeypatch, path: Path, size: int) -> None:
    """os.stat answers for `path` as if it were still `size` bytes long: the file grew between
    the stat that read_file makes and its read."""
    real_stat = os.stat

    def stat_before(p, *args, **kwargs):
        info = real_stat(p, *args, **kwargs)
        if Path(p) != path:
            return info
        return os.stat_result((*info[:6], size, *info[7:]))

    monkeypatch.setattr("build_scripts.files.os.stat", stat_before)


def test_a_file_that_grew_since_its_stat_is_read_to_its_end(data, monkeypatch):
    grown = data / "report.txt"
    _stat_as_before(monkeypatch, grown, 100)
    assert reports.read_file(grown, data) == SEED.read_bytes()
    assert parse_file(grown, "report.txt", data)["template"] == "2021"


def test_a_file_that_grew_past_the_size_limit_since_its_stat_is_refused(data, monkeypatch):
    grown = data / "report.txt"
    limits = Limits(max_file_mb=(grown.stat().st_size - 1) / MB)
    _stat_as_before(monkeypatch, grown, 100)
    refusal = reports.read_file(grown, data, limits)
    assert refusal.rule == "F-too-large"
    assert _rules(parse_file(grown, "report.txt", data, limits)) == ["F-too-large"]

def zip_bomb_docx(unpacked_mb: int) -> bytes:
    """A .docx whose document is small but one of its parts unzips to unpacked_mb of zeros."""
    from format_fixtures import seed_report, to_docx

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(to_docx(seed_report(SEED.stem)))) as real, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item in real.infolist():
            bomb.writestr(item, real.read(item))
        with bomb.open("word/media/image1.bin", "w", force_zip64=True) as part:
            zeros = bytes(MB)
            for _ in range(unpacked_mb):
                part.write(zeros)
    return out.getvalue()


def test_zip_bomb_docx_is_refused_before_it_is_unpacked():
    bomb = zip_bomb_docx(256)
    assert len(bomb) < 2 * MB  # small on disk
    report = parse_bytes(bomb, "data/bomb.docx")
    assert _rules(report) == ["F-unpacked-size"]
    assert "压缩炸弹" in report["problems"][0]["message"] and "解压后共 256." in report["problems"][0]["message"]
    # The same document without the bomb is read.
    from format_fixtures import seed_report, to_docx

    assert parse_bytes(to_docx(seed_report(SEED.stem)), "data/ok.docx")["agency"] == "沙坡头区工业信息化和商务局"


def many_pages_pdf(pages: int) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_font("helvetica", size=12)
    for n in range(pages):
        pdf.add_page()
        pdf.cell(0, 10, f"page {n + 1}")
    return bytes(pdf.output())


def test_pdf_with_too_many_pages_is_refused():
    data = many_pages_pdf(DEFAULT.max_pdf_pages + 1)
    assert pdf_page_count(data) == 501
    report = parse_bytes(data, "data/scan.pdf")
    assert _rules(report) == ["F-too-many-pages"]
    assert "501 页" in report["problems"][0]["message"]
    few = parse_bytes(many_pages_pdf(3), "data/few.pdf")  # under the limit: read (and not a report)
    assert "F-too-many-pages" not in _rules(few) and "F-not-report" in _rules(few)


def test_endless_prose_is_cut_and_the_tables_kept(data):
    seed = SEED.read_text(encoding="utf-8")
    at = seed.index("五、")
    long = seed[:at] + "五、存在的主要问题及改进情况\n" + ("这一段文字很长。" * 40000) + "\n" + seed[at:].split("\n", 1)[1]
    limits = Limits(max_prose_chars=50_000)
    report = parse_bytes(long.encode("utf-8"), "data/long.txt", limits)
    original = parse_bytes(SEED.read_bytes(), "data/long.txt", limits)
    prose = len(report.get("opening") or "") + sum(len(s["text"] or "") for s in report["sections"])
    assert prose <= 50_000 and len(long) > 300_000
    assert "F-text-cut" in _rules(report)
    cut = next(p for p in report["problems"] if p["rule"] == "F-text-cut")
    assert cut["severity"] == "warning" and "原始文件" in cut["message"]
    for table in ("proactive", "applications", "review_litigation"):
        assert report[table] == original[table]


# -- time -----------------------------------------------------------------------------------------

def _hang_on_marker(real):
    def parse_text(text, *args, **kwargs):
        if "HANG-HERE" in text:
            import time
            while True:
                time.sleep(1)
        if "DIE-HERE" in text:
            os._exit(3)
        if "RAISE-HERE" in text:
            raise RuntimeError("a parser bug")
        return real(text, *args, **kwargs)
    return parse_text


@pytest.fixture
def stuck_parser(monkeypatch):
    """parse_text that never returns on a file holding HANG-HERE, kills its process on DIE-HERE
    and raises on RAISE-HERE, in the forked workers too."""
    monkeypatch.setattr(reports, "parse_text", _hang_on_marker(reports.parse_text))
    monkeypatch.setattr(cache, "_mp_context", lambda: multiprocessing.get_context("fork"))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_parse_past_the_time_limit_is_stopped_and_the_rest_goes_on(data, stuck_parser, monkeypatch, workers):
    monkeypatch.setattr(cache, "PARALLEL_MIN_FILES", 2)
    seed = SEED.read_text(encoding="utf-8")
    (data / "stuck.txt").write_text(seed + "\nHANG-HERE\n", encoding="utf-8")
    for seed_file in sorted(SEEDS.glob("*.txt"))[1:]:
        (data / seed_file.name).write_bytes(seed_file.read_bytes())
    stats = cache.LoadStats()
    found = by_name(load_reports([data], cache_dir=data.parent / "cache", workers=workers, stats=stats,
                                 limits=Limits(parse_timeout=1.5)))
    stuck = found["stuck.txt"]
    assert _rules(stuck) == ["F-timeout"] and stuck["template"] is None
    assert "1.5 秒" in stuck["problems"][0]["message"]
    assert found["report.txt"]["agency"] == "沙坡头区工业信息化和商务局"
    assert sum(1 for r in found.values() if r["template"]) == 5 and stats.workers == workers
    assert stats.written == 5  # a stopped parse is not cached: the next build tries again


@pytest.mark.parametrize("marker, rule", [("HANG-HERE", "F-timeout"), ("DIE-HERE", "F-not-report")])
def test_files_parsed_before_a_stopped_one_in_its_batch_are_not_lost(data, stuck_parser, monkeypatch, marker, rule):
    # A worker answers a whole batch at once: the files it had parsed before the one that stalled
    # or killed it go with it, and must be parsed again, each answered once.
    monkeypatch.setattr(cache, "PARALLEL_MIN_FILES", 2)
    seed = SEED.read_text(encoding="utf-8")
    for i in range(2):
        (data / f"a{i}.txt").write_text(f"{seed}\n（第 {i} 份）\n", encoding="utf-8")  # bytes of its own
    (data / "b-stopped.txt").write_text(seed + f"\n{marker}\n", encoding="utf-8")
    for i in range(8):
        (data / f"c{i}.txt").write_text(f"{seed}\n（第 {10 + i} 份）\n", encoding="utf-8")
    monkeypatch.setattr(cache, "BATCH", 64)  # the first batch: half the 12 files, the stopped one third
    stats = cache.LoadStats()
    found = load_reports([data], workers=1, stats=stats, limits=Limits(parse_timeout=1.5))
    assert sorted(Path(r["source"]).name for r in found) == sorted(p.name for p in data.iterdir())
    named = by_name(found)
    assert _rules(named["b-stopped.txt"]) == [rule]
    for name, report in named.items():
        if name != "b-stopped.txt":
            assert report == parse_file(data / name, report["source"]), name
    assert stats.parsed == len(found)


def test_a_real_slow_file_is_stopped_at_the_time_limit(data):
    # 25 MB of report text, under the size limit, takes seconds to parse; the seeds take milliseconds.
    big_text_file(data / "slow.txt", 25)
    for seed_file in sorted(SEEDS.glob("*.txt"))[1:]:
        (data / seed_file.name).write_bytes(seed_file.read_bytes())
    found = by_name(load_reports([data], workers=1, limits=Limits(parse_timeout=0.5)))
    assert _rules(found["slow.txt"]) == ["F-timeout"]
    assert all(r["template"] for name, r in found.items() if name != "slow.txt") and len(found) == 6


def test_a_worker_that_dies_costs_one_file_only(data, stuck_parser):
    (data / "dies.txt").write_text(SEED.read_text(encoding="utf-8") + "\nDIE-HERE\n", encoding="utf-8")
    found = by_name(load_reports([data], workers=1, limits=Limits(parse_timeout=30)))
    assert _rules(found["dies.txt"]) == ["F-not-report"]
    assert "进程意外退出" in found["dies.txt"]["problems"][0]["message"]
    assert found["report.txt"]["template"] == "2021"


def test_a_parser_error_costs_one_file_only(data, stuck_parser):
    (data / "bug.txt").write_text(SEED.read_text(encoding="utf-8") + "\nRAISE-HERE\n", encoding="utf-8")
    with pytest.raises(RuntimeError):  # parse_bytes itself lets a bug surface (the fuzz test relies on it)
        parse_bytes((data / "bug.txt").read_bytes(), "data/bug.txt")
    for timeout in (0, 30):  # in this process, and in a worker
        found = by_name(load_reports([data], workers=1, limits=Limits(parse_timeout=timeout)))
        assert _rules(found["bug.txt"]) == ["F-not-report"]
        assert "RuntimeError" in found["bug.txt"]["problems"][0]["message"]
        assert found["report.txt"]["template"] == "2021"


def _no_worker(conn, *args):
    os._exit(1)  # as a worker that cannot start here (a fork server that cannot import the parser)


def test_without_worker_processes_the_files_are_still_read(data, monkeypatch, caplog):
    monkeypatch.setattr(cache, "_worker", _no_worker)
    monkeypatch.setattr(cache, "_mp_context", lambda: multiprocessing.get_context("fork"))
    found = by_name(load_reports([data], workers=1, limits=Limits(parse_timeout=30)))
    assert found["report.txt"]["agency"] == "沙坡头区工业信息化和商务局"
    assert "无法启动解析进程" in caplog.text


# -- no path of the build machine ---------------------------------------------------------------------

def test_sources_are_shown_relative_never_absolute(tmp_path):
    project = tmp_path / "project"
    data = project / "data"
    assert display_path(data / "a" / "x.txt", project, data) == "data/a/x.txt"
    elsewhere = tmp_path / "srv" / "reports"
    assert display_path(elsewhere / "x.txt", project, elsewhere) == "reports/x.txt"
    link = data / "link.txt"  # shown by its own name, not its target's
    data.mkdir(parents=True)
    link.symlink_to(tmp_path / "srv")
    assert display_path(link, project, data) == "data/link.txt"
    part = project / ".cache" / "split" / "宁夏"  # a split build's part shows the data folder
    assert display_path(part / "x.txt", project, part, shown_as="data") == "data/x.txt"


def test_reader_errors_carry_no_absolute_path(monkeypatch):
    import build_scripts.formats as formats

    def fails(kind, data):
        raise OSError(f"cannot open /home/builder/work/project/.venv/lib/x.py and /tmp/abc/def: broken")

    monkeypatch.setattr(formats, "to_document", fails)
    report = parse_bytes(b"%PDF-1.4\n", "data/x.pdf")
    message = report["problems"][0]["message"]
    assert "/home/" not in message and "/tmp/" not in message and "broken" in message


def test_limits_are_validated():
    with pytest.raises(ValueError):
        Limits(max_pdf_pages=0)
    with pytest.raises(ValueError):
        Limits(parse_timeout=-1)
    assert Limits(parse_timeout=0).parse_timeout == 0  # no time limit
    assert Limits(max_prose_chars=10).cache_key() != DEFAULT.cache_key()
    assert Limits(parse_timeout=5).cache_key() == DEFAULT.cache_key()  # a time limit changes no result


def test_portal_config_takes_and_checks_the_limits(tmp_path, monkeypatch):
    from build_scripts.portal.config import PortalConfig

    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path)
    config = PortalConfig()
    config.load_dict({"max_file_mb": 5, "parse_timeout": 0})
    assert config.validate() == ([], [])
    assert config.limits == Limits(max_file_mb=5, parse_timeout=0)
    default = PortalConfig()
    default.load_dict({})
    default.validate()
    assert default.limits == DEFAULT
    bad = PortalConfig()
    bad.load_dict({"max_pdf_pages": -3})
    failed, _ = bad.validate()
    assert failed and "max_pdf_pages" in str(failed[0][1])


def test_agencies_file_that_leads_outside_data_stops_the_build_unread(data):
    from build_scripts.portal.agencies import AgenciesFileError, load_agencies

    secret = data.parent / "outside" / "agencies.yml"
    secret.write_text(f"{SECRET}局:\n  region: 某地\n", encoding="utf-8")
    (data / "agencies.yml").symlink_to(secret)
    with pytest.raises(AgenciesFileError) as raised:
        load_agencies(data / "agencies.yml", "data/agencies.yml")
    assert "符号链接指向数据目录之外" in str(raised.value) and SECRET not in str(raised.value)
    os.mkfifo(data / "fifo.yml")
    with pytest.raises(AgenciesFileError, match="命名管道"):
        load_agencies(data / "fifo.yml", "data/fifo.yml")
