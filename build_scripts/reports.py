"""Files → checked reports: the one entry point the command line, the site and the downloads use.

Data flows one way: bytes → text (decoding, or a format reader) → parsed report (parsing) →
problems (checks) → pages and downloads.
"""
from __future__ import annotations

from pathlib import Path

from . import checks
from .decoding import UndecodableError, decode
from .parsing import empty_report, parse_text
from .problems import has_errors, problem

# Files in a data folder that are not reports.
IGNORED_NAMES = {"agencies.yml", "agencies.yaml", "README.md", ".gitkeep", ".DS_Store"}


def report_files(paths: list[Path]) -> list[Path]:
    """The report files named, folders expanded (sorted, hidden files skipped)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not _ignored(p, path)))
        else:
            files.append(path)
    return files


def _ignored(path: Path, root: Path) -> bool:
    rel = path.relative_to(root)
    return path.name in IGNORED_NAMES or any(part.startswith(".") for part in rel.parts)


def _lines_shown(lines: list[int]) -> str:
    return "、".join(str(n) for n in lines[:10]) + ("……" if len(lines) > 10 else "")


def text_of(data: bytes, source: str, problems: list[dict]) -> str | None:
    """The report text of a file's bytes, or None (with a problem saying why)."""
    from .formats import detect, to_text  # formats may pull in heavier libraries

    kind = detect(data)
    if kind != "text":
        try:
            return to_text(kind, data)
        except Exception as exc:  # noqa: BLE001 - any reader failure is a problem of that file
            problems.append(problem("F-not-report", source, "全文", f"无法读取 {kind} 文件：{exc}"))
            return None
    if not data.strip():
        problems.append(problem("F-not-report", source, "全文", "文件为空，不是政府信息公开工作年度报告"))
        return None
    try:
        decoded = decode(data)
    except UndecodableError as exc:
        problems.append(problem("F-not-report", source, "全文", f"{exc}，不是可读的年度报告"))
        return None
    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        problems.append(problem("F-encoding", source, "全文", f"文件编码为 {decoded.encoding}，已按此编码读取",
                                found=decoded.encoding, expected="utf-8"))
    if decoded.replaced_lines:
        lines = decoded.replaced_lines
        problems.append(problem("F-encoding", source, f"第 {lines[0]} 行",
                                f"第 {_lines_shown(lines)} 行有无法按 {decoded.encoding} 解码的字节（文件可能已损坏），已替换为“\ufffd”",
                                found=decoded.encoding, line=lines[0]))
    if decoded.control_lines:
        lines = decoded.control_lines
        problems.append(problem("F-control-chars", source, f"第 {lines[0]} 行",
                                f"第 {_lines_shown(lines)} 行含有不可见的控制字符，已删除", line=lines[0]))
    return decoded.text


def parse_bytes(data: bytes, source: str) -> dict:
    problems: list[dict] = []
    text = text_of(data, source, problems)
    if text is None:
        report = empty_report(source, problems)
    else:
        report = parse_text(text, source, problems)
        report["problems"].extend(checks.check_report(report))
    report["consistent"] = not has_errors(report["problems"])
    return report


def parse_file(path: Path, source: str | None = None) -> dict:
    source = source or path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return empty_report(source, [problem("F-not-report", source, "全文", f"无法读取文件：{exc.strerror}")])
    return parse_bytes(data, source)


def add_collection_problems(reports: list[dict], kinds: dict[str, str] | None = None) -> list[dict]:
    """Cross-report problems (X-…, duplicates, copied text, timeliness) added to each report;
    returns the same list. kinds: the kind of body by agency key where agencies.yml states it
    (portal.agencies.agency_kinds)."""
    by_source: dict[str, list[dict]] = {}
    for report in reports:
        by_source.setdefault(report["source"], []).append(report)
    for source, extra in checks.check_collection(reports, kinds).items():
        for report in by_source.get(source, []):
            report["problems"].extend(extra)
            report["consistent"] = not has_errors(report["problems"])
    return reports


def load_reports(paths, cache_dir=None, workers=None, stats=None) -> list[dict]:
    """Parse many report files in parallel, through the content cache (see cache.py).

    `paths`: files, folders, or (file, display source) pairs. Each result equals parse_file's;
    cross-report problems are not added (call add_collection_problems on the whole list).
    """
    from .cache import load_reports as _load  # cache.py imports this module

    return _load(paths, cache_dir=cache_dir, workers=workers, stats=stats)


def parse_paths(paths: list[Path], cache_dir=None, workers: int | None = 1) -> list[dict]:
    """Every report under `paths`, checked, cross-report problems included."""
    if cache_dir is None and workers == 1:
        return add_collection_problems([parse_file(p) for p in report_files(paths)])
    return add_collection_problems(load_reports(report_files(paths), cache_dir=cache_dir, workers=workers))
