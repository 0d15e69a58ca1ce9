"""Files → checked reports: the one entry point the command line, the site and the downloads use.

Data flows one way: bytes → text (decoding, or a format reader) → parsed report (parsing) →
problems (checks) → pages and downloads.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import checks, script
from .decoding import UndecodableError, decode, with_paragraph_cells_joined, without_stray_tabs
from .files import IGNORED_NAMES, Refusal, read_file, report_files, shown_name  # noqa: F401 - re-exported
from .limits import DEFAULT, Limits, content_too_large
from .parsing import empty_report, parse_text
from .problems import has_errors, problem

# An absolute path in a reader's error message: the build machine's paths stay off the site.
_ABSOLUTE_PATH = re.compile(r"(?<![\w:/])/(?:[^\s/'\"：，]+/)+[^\s/'\"：，]*")


def _lines_shown(lines: list[int]) -> str:
    return "、".join(str(n) for n in lines[:10]) + ("……" if len(lines) > 10 else "")


def document_of(data: bytes, source: str, problems: list[dict], limits: Limits = DEFAULT):
    """The file as text with its tables as grids (formats._layout.Document), or None (with a
    problem saying why). A text file is one block, kept as it is: the parser finds its tables
    (grid.grids_in_text); Markdown (OCR output) is read by formats.markdown."""
    from .formats import detect, to_document  # formats may pull in heavier libraries
    from .formats._layout import Document

    kind = detect(data)
    if kind != "text":
        refused = content_too_large(kind, data, limits)
        if refused:
            problems.append(problem(refused[0], source, "全文", refused[1]))
            return None
        try:
            return to_document(kind, data)
        except Exception as exc:  # noqa: BLE001 - any reader failure is a problem of that file
            message = _ABSOLUTE_PATH.sub("…", str(exc))
            problems.append(problem("F-not-report", source, "全文", f"无法读取 {kind} 文件：{message}"))
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
    from .formats import markdown, pipe_text

    if markdown.is_markdown(decoded.text):
        return markdown.to_document(decoded.text)
    if pipe_text.is_pipe_text(decoded.text):
        return Document(blocks=[pipe_text.as_tab_text(markdown.without_bold_lines(decoded.text))])
    return Document(blocks=[without_stray_tabs(with_paragraph_cells_joined(decoded.text))])


def parse_bytes(data: bytes, source: str, limits: Limits = DEFAULT) -> dict:
    problems: list[dict] = []
    doc = document_of(data, source, problems, limits)
    if doc is None:
        report = empty_report(source, problems)
    else:
        text = doc.copy_text()
        if not doc.traditional and script.is_traditional(text):
            text = script.simplified_document(doc, text).copy_text()
        if doc.traditional:
            problems.append(problem("F-script", source, "全文",
                                    "报告以繁体字印出（如网站的繁体版页面），已转换为简体字后读取；数字不受转换影响"))
        report = parse_text(text, source, problems, grids=doc.tables(), meta=doc.meta)
        report["problems"].extend(checks.check_report(report))
        cut_prose(report, limits.max_prose_chars)
    report["consistent"] = not has_errors(report["problems"])
    return report


def cut_prose(report: dict, max_chars: int) -> None:
    """Keep at most max_chars of the report's text (opening, then parts in order), so that no page
    or download grows with the file; a problem says where the text was cut."""
    budget = max_chars
    kept_all = True
    for holder, key in [(report, "opening")] + [(s, "text") for s in report.get("sections", [])]:
        text = holder.get(key)
        if not text:
            continue
        if len(text) > budget:
            holder[key] = text[:budget]
            kept_all = False
        budget -= len(holder[key])
    if not kept_all:
        total = len(report.get("opening") or "") + sum(len(s.get("text") or "") for s in report["sections"])
        report["problems"].append(problem(
            "F-text-cut", report["source"], "全文",
            f"报告正文超过 {max_chars} 字（max_prose_chars），只收录前 {total} 字；完整内容见原始文件",
            expected=max_chars))


def parse_file(path: Path, source: str | None = None, root: Path | None = None, limits: Limits = DEFAULT) -> dict:
    """The checked report of one file, parsed in this process (load_reports bounds the time too).
    `root`: the data folder the file must stay in (default: the folder it is in)."""
    source = source or shown_name(path.as_posix())
    data = read_file(path, root, limits)
    if isinstance(data, Refusal):
        return empty_report(source, [problem(data.rule, source, "全文", data.message)])
    return parse_bytes(data, source, limits)


def add_collection_problems(reports: list[dict], kinds: dict[str, str] | None = None,
                            aliases: dict[str, str] | None = None) -> list[dict]:
    """Cross-report problems (X-…, duplicates, copied text, timeliness) added to each report;
    returns the same list. kinds: the kind of body by agency key where agencies.yml states it
    (portal.agencies.agency_kinds); aliases: the agency key each other name stands for
    (portal.agencies.agency_aliases)."""
    by_source: dict[str, list[dict]] = {}
    for report in reports:
        by_source.setdefault(report["source"], []).append(report)
    for source, extra in checks.check_collection(reports, kinds, aliases).items():
        for report in by_source.get(source, []):
            report["problems"].extend(extra)
            report["consistent"] = not has_errors(report["problems"])
    return reports


def load_reports(paths, cache_dir=None, workers=None, stats=None, root=None, limits: Limits = DEFAULT) -> list[dict]:
    """Parse many report files in parallel, through the content cache, each within
    limits.parse_timeout (see cache.py).

    `paths`: files, folders, or (file, display source) pairs; `root`: the data folder the files
    must stay in (default: the folder named, or the file's own folder). Each result equals
    parse_file's, or says the parse was stopped; cross-report problems are not added (call
    add_collection_problems on the whole list).
    """
    from .cache import load_reports as _load  # cache.py imports this module

    return _load(paths, cache_dir=cache_dir, workers=workers, stats=stats, root=root, limits=limits)


def parse_paths(paths: list[Path], cache_dir=None, workers: int | None = 1, limits: Limits = DEFAULT,
                kinds: dict[str, str] | None = None, aliases: dict[str, str] | None = None) -> list[dict]:
    """Every report under `paths`, checked, cross-report problems included (kinds, aliases: see
    add_collection_problems)."""
    return add_collection_problems(load_reports(paths, cache_dir=cache_dir, workers=workers, limits=limits),
                                   kinds, aliases)
