"""The content cache of parsed reports and the parallel loader (build_scripts/cache.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_scripts import cache
from build_scripts.cache import LoadStats
from build_scripts.reports import add_collection_problems, load_reports, parse_file, parse_paths

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _dump(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, sort_keys=False)


def _collection(folder: Path, copies: int) -> list[Path]:
    """Seed reports under other agency names: distinct files with distinct bytes."""
    seeds = sorted(SEEDS.glob("*.txt"))
    files = []
    for i in range(copies):
        for seed in seeds:
            text = seed.read_text(encoding="utf-8")
            # The agency named in the title and opening paragraph gets a number, so each copy is
            # a different report of a different agency.
            text = text.replace("政府信息公开工作年度报告", f"政府信息公开工作年度报告（第{i}批）", 1)
            text = text.replace("局", f"第{i}局", 2)
            path = folder / f"{i:03d}_{seed.name}"
            path.write_text(text, encoding="utf-8")
            files.append(path)
    return files


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    return _collection(folder, 4)


def test_result_equals_parse_file_and_keeps_display_source(files, tmp_path):
    pairs = [(f, f"data/{f.name}") for f in files]
    reports = load_reports(pairs, cache_dir=tmp_path / "cache", workers=1)
    again = load_reports(pairs, cache_dir=tmp_path / "cache", workers=1)
    for (f, source), first, second in zip(pairs, reports, again):
        expected = _dump(parse_file(f, source))
        assert _dump(first) == expected
        assert _dump(second) == expected
        assert first["source"] == source
        assert all(p["file"] == source for p in second["problems"])
    assert not any(cache.SOURCE_PLACEHOLDER in _dump(r) for r in again)


def test_second_load_hits_the_cache(files, tmp_path):
    first, second = LoadStats(), LoadStats()
    load_reports(files, cache_dir=tmp_path / "cache", workers=1, stats=first)
    assert first.parsed == len(files) and first.hits == 0 and first.written == len(files)
    load_reports(files, cache_dir=tmp_path / "cache", workers=1, stats=second)
    assert second.parsed == 0 and second.hits == len(files) and second.written == 0


def test_adding_one_file_parses_exactly_that_file(files, tmp_path):
    load_reports(files, cache_dir=tmp_path / "cache", workers=1)
    extra = _collection(tmp_path / "data", 5)[-1]  # the fifth batch adds new files; take one
    stats = LoadStats()
    reports = load_reports(files + [extra], cache_dir=tmp_path / "cache", workers=1, stats=stats)
    assert stats.parsed == 1 and stats.parsed_sources == [extra.as_posix()]
    assert stats.hits == len(files)
    assert _dump(reports[-1]) == _dump(parse_file(extra))


def test_changed_bytes_are_parsed_again(files, tmp_path):
    load_reports(files, cache_dir=tmp_path / "cache", workers=1)
    changed = files[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("2025", "2024", 1), encoding="utf-8")
    stats = LoadStats()
    reports = load_reports(files, cache_dir=tmp_path / "cache", workers=1, stats=stats)
    assert stats.parsed_sources == [changed.as_posix()]
    assert _dump(reports[0]) == _dump(parse_file(changed))


def test_parser_change_gives_a_new_cache_folder(files, tmp_path, monkeypatch):
    load_reports(files[:2], cache_dir=tmp_path / "cache", workers=1)
    monkeypatch.setattr(cache, "parser_version", lambda: "0123456789abcdef")
    stats = LoadStats()
    load_reports(files[:2], cache_dir=tmp_path / "cache", workers=1, stats=stats)
    assert stats.parsed == 2 and stats.hits == 0
    assert cache.cache_version().startswith("0123456789abcdef-")
    assert (tmp_path / "cache" / cache.cache_version()).is_dir()
    removed = cache.prune(tmp_path / "cache", keep="0123456789abcdef")
    assert len(removed) == 1 and [p.name for p in (tmp_path / "cache").iterdir()] == [cache.cache_version()]


def test_parser_version_follows_the_parser_source():
    names = {p.relative_to(cache.PACKAGE_DIR).as_posix() for p in cache.parser_modules()}
    assert {"reports.py", "parsing.py", "checks.py", "decoding.py", "textnorm.py", "template.py",
            "formats/__init__.py", "cache.py"} <= names
    assert len(cache.parser_version()) == 16


def test_parallel_equals_serial(files, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "PARALLEL_MIN_FILES", 2)
    serial = [_dump(r) for r in load_reports(files, workers=1)]
    stats = LoadStats()
    parallel = load_reports(files, cache_dir=tmp_path / "cache", workers=2, stats=stats)
    assert stats.workers == 2 and stats.parsed == len(files)
    assert [_dump(r) for r in parallel] == serial
    # The entries the workers wrote serve a serial load unchanged.
    cached = load_reports(files, cache_dir=tmp_path / "cache", workers=1)
    assert [_dump(r) for r in cached] == serial


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_workers_read_the_same_files_whether_forked_with_them_or_sent_their_bytes(files, method, monkeypatch):
    # A forked worker is sent only the places of the files in the list it was forked with; a
    # worker from a fork server (what mkdocs serve's threads make the loader start) is sent the
    # bytes. Both read every file as this process does, in the order given.
    import multiprocessing

    monkeypatch.setattr(cache, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(cache, "BATCH", 3)
    monkeypatch.setattr(cache, "_mp_context", lambda: multiprocessing.get_context(method))
    serial = [_dump(parse_file(f)) for f in files]
    assert [_dump(r) for r in load_reports(files, workers=2)] == serial


def test_corrupt_entry_is_ignored_and_rewritten(files, tmp_path):
    load_reports(files, cache_dir=tmp_path / "cache", workers=1)
    key = cache.content_key(files[1].read_bytes())
    entry = cache.entry_path(tmp_path / "cache", cache.cache_version(), key)
    entry.write_text('{"format": 1, "report": {"sour', encoding="utf-8")
    other = cache.entry_path(tmp_path / "cache", cache.cache_version(), cache.content_key(files[2].read_bytes()))
    data = json.loads(other.read_text(encoding="utf-8"))
    data["sha256"] = "0" * 64  # a well-formed entry stored under the wrong name
    other.write_text(json.dumps(data), encoding="utf-8")

    stats = LoadStats()
    reports = load_reports(files, cache_dir=tmp_path / "cache", workers=1, stats=stats)
    assert stats.corrupt == 2 and stats.parsed == 2 and stats.written == 2
    assert _dump(reports[1]) == _dump(parse_file(files[1]))
    assert json.loads(entry.read_text(encoding="utf-8"))["sha256"] == key
    stats = LoadStats()
    load_reports(files, cache_dir=tmp_path / "cache", workers=1, stats=stats)
    assert stats.hits == len(files) and stats.corrupt == 0


def test_identical_files_share_one_entry_and_keep_their_own_source(files, tmp_path):
    twin = tmp_path / "data" / "twin.txt"
    twin.write_bytes(files[0].read_bytes())
    stats = LoadStats()
    reports = add_collection_problems(load_reports([files[0], twin], cache_dir=tmp_path / "cache",
                                                   workers=1, stats=stats))
    assert stats.parsed == 1 and stats.shared == 1
    assert reports[1]["source"] == twin.as_posix()
    # Cross-report problems come after loading: the two copies are duplicates of each other.
    assert any(p["rule"] == "F-duplicate-report" for p in reports[1]["problems"])
    assert reports[0]["problems"] is not reports[1]["problems"]


def test_a_cached_report_gets_its_source_in_every_problem_without_a_walk_of_the_report(files, tmp_path, monkeypatch):
    pairs = [(f, f"data/{f.name}") for f in files]
    load_reports(pairs, cache_dir=tmp_path / "cache", workers=1)
    walked = []
    real = cache._with_source
    monkeypatch.setattr(cache, "_with_source", lambda value, source: walked.append(source) or real(value, source))
    again = load_reports(pairs, cache_dir=tmp_path / "cache", workers=1)
    assert walked == []  # the placeholder is only in "source" and the problems' "file"
    with_problems = 0
    for (f, source), report in zip(pairs, again):
        assert _dump(report) == _dump(parse_file(f, source))
        with_problems += bool(report["problems"])
    assert with_problems  # the seeds have problems naming their file
    # A text naming the placeholder itself (as the escaped JSON text) is put back by the walk.
    odd = tmp_path / "data" / "odd.txt"
    odd.write_text(files[0].read_text(encoding="utf-8").replace("一、", "\\u0000source\\u0000 一、", 1),
                   encoding="utf-8")
    load_reports([odd], cache_dir=tmp_path / "cache", workers=1)
    assert _dump(load_reports([odd], cache_dir=tmp_path / "cache", workers=1)[0]) == _dump(parse_file(odd))
    assert walked


def test_unreadable_file_is_reported_not_cached(tmp_path):
    missing = tmp_path / "nope.txt"
    stats = LoadStats()
    [report] = load_reports([(missing, "data/nope.txt")], cache_dir=tmp_path / "cache", workers=1, stats=stats)
    assert _dump(report) == _dump(parse_file(missing, "data/nope.txt"))
    assert stats.unreadable == 1 and stats.written == 0


def test_parse_paths_with_cache_matches_plain(files, tmp_path):
    plain = [_dump(r) for r in parse_paths([tmp_path / "data"])]
    cached = [_dump(r) for r in parse_paths([tmp_path / "data"], cache_dir=tmp_path / "cache", workers=1)]
    assert cached == plain
