"""Content-addressed cache of parsed reports and the parallel loader that uses it.

A parsed report depends on two things only: the bytes of the file and the code that parses them.
So an entry is keyed by sha256(file bytes) and stored under a folder named after the parser
version, a hash of the source of every module the parser is made of (found by following the
relative imports of reports.py). Changing the parser changes the folder; old folders are
simply no longer read (`prune` removes them).

    <cache_dir>/<parser version>/<first 2 hex digits>/<sha256>.json

Each entry is one JSON object {"format", "parser", "sha256", "report"}; it is written to a
temporary file in the same folder and moved into place with os.replace, so concurrent builds
never see half an entry. An entry that cannot be read or does not match its key is ignored and
rewritten.

The display path of a report (its `source`, also in every problem's `file`) is not part of the
content: a report is parsed with a placeholder source that cannot occur in decoded text (it holds
NUL characters, which decoding removes) and the placeholder is replaced by the display path when
the entry is read. Identical files under two names share one entry.

Cross-report problems (add_collection_problems) depend on the whole collection and are never
cached; callers run them after loading.
"""
from __future__ import annotations

import ast
import hashlib
import json
import multiprocessing
import os
import shutil
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Union

# Bump when the layout of an entry changes (the parser version covers this file too).
CACHE_FORMAT = 1
# Stands in for the display path while parsing; NUL never survives decoding, so it cannot
# appear in any text taken from a report.
SOURCE_PLACEHOLDER = "\x00source\x00"
# Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 48

PACKAGE_DIR = Path(__file__).resolve().parent

PathLike = Union[str, Path]
Item = Union[PathLike, tuple]


@dataclass
class LoadStats:
    """What one load_reports call did; counts add up to `files`."""
    files: int = 0
    hits: int = 0           # taken from the cache
    parsed: int = 0         # parsed now (cache miss, or no cache)
    shared: int = 0         # same bytes as another file of this call: parsed once for both
    unreadable: int = 0     # could not be read; parse_file reports why (not cached)
    corrupt: int = 0        # cache entries that existed but were unusable (rewritten)
    written: int = 0        # cache entries written
    workers: int = 1        # processes used to parse
    parsed_sources: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Parser version


def _relative_imports(path: Path) -> set[Path]:
    """Modules of this package that `path` imports (relative imports, anywhere in the file)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    here = path.parent
    found: set[Path] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level == 0:
            continue
        base = here
        for _ in range(node.level - 1):
            base = base.parent
        if node.module:
            base = base.joinpath(*node.module.split("."))
            targets = [base]
        else:
            targets = [base / alias.name for alias in node.names]
            targets.append(base)  # `from . import x` also runs the package's __init__
        if node.module:
            # `from .pkg import name` may name a submodule of pkg.
            targets += [base / alias.name for alias in node.names]
        for target in targets:
            for candidate in (target.with_suffix(".py"), target / "__init__.py"):
                if candidate.is_file() and PACKAGE_DIR in candidate.resolve().parents:
                    found.add(candidate.resolve())
    return found


def parser_modules() -> list[Path]:
    """Every source file of the parser: reports.py and what it imports, transitively."""
    todo = [PACKAGE_DIR / "reports.py", PACKAGE_DIR / "formats" / "__init__.py"]
    seen: set[Path] = set()
    while todo:
        path = todo.pop().resolve()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        todo.extend(_relative_imports(path))
    # Format readers are looked up at run time; take the whole formats package.
    seen.update(p.resolve() for p in (PACKAGE_DIR / "formats").rglob("*.py"))
    seen.add(Path(__file__).resolve())
    return sorted(seen)


@lru_cache(maxsize=None)
def _version_of(files: tuple[tuple[str, bytes], ...]) -> str:
    digest = hashlib.sha256(f"cache-format-{CACHE_FORMAT}\n".encode())
    for rel, data in files:
        digest.update(rel.encode() + b"\n" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:16]


def parser_version() -> str:
    """A short hash of the parser's source: any change to it gives a new cache folder."""
    files = tuple((p.relative_to(PACKAGE_DIR).as_posix(), p.read_bytes()) for p in parser_modules())
    return _version_of(files)


# ---------------------------------------------------------------------------------------------
# Entries


def content_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry_path(cache_dir: Path, version: str, key: str) -> Path:
    return Path(cache_dir) / version / key[:2] / f"{key}.json"


def read_entry(cache_dir: Path, version: str, key: str) -> tuple[str | None, bool]:
    """(the report as JSON text with the placeholder source, whether an entry was there but unusable)."""
    path = entry_path(cache_dir, version, key)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, False
    except (OSError, UnicodeDecodeError):
        return None, True
    try:
        entry = json.loads(raw)
        ok = (isinstance(entry, dict) and entry.get("format") == CACHE_FORMAT
              and entry.get("parser") == version and entry.get("sha256") == key
              and isinstance(entry.get("report"), dict)
              and entry["report"].get("source") == SOURCE_PLACEHOLDER)
    except ValueError:
        ok = False
    if not ok:
        return None, True
    return entry["report"], False


def write_entry(cache_dir: Path, version: str, key: str, report: dict) -> bool:
    """Store one entry atomically (temp file + os.replace); False if the cache is not writable."""
    path = entry_path(cache_dir, version, key)
    entry = {"format": CACHE_FORMAT, "parser": version, "sha256": key, "report": report}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key[:8]}-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(entry, fh, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        return False
    return True


def prune(cache_dir: Path, keep: str | None = None) -> list[Path]:
    """Remove the folders of other parser versions (and stray temp files); returns what was removed."""
    keep = keep or parser_version()
    removed = []
    root = Path(cache_dir)
    if not root.is_dir():
        return removed
    for child in root.iterdir():
        if child.is_dir() and child.name != keep:
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child)
    return removed


# ---------------------------------------------------------------------------------------------
# Parsing (runs in worker processes too)


def _with_source(value, source: str):
    """`value` with the placeholder replaced by the display path in every string."""
    if isinstance(value, str):
        return value.replace(SOURCE_PLACEHOLDER, source) if SOURCE_PLACEHOLDER in value else value
    if isinstance(value, dict):
        return {k: _with_source(v, source) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_source(v, source) for v in value]
    return value


def _parse_one(data: bytes) -> str:
    """The report of these bytes, with the placeholder source, as JSON text."""
    from .reports import parse_bytes

    return json.dumps(parse_bytes(data, SOURCE_PLACEHOLDER), ensure_ascii=False, separators=(",", ":"))


def _parse_chunk(chunk: list[tuple[str, bytes]], cache_dir: str | None, version: str) -> list[tuple[str, str, bool]]:
    """Parse (key, bytes) pairs; write their entries; return (key, JSON text, written) each."""
    out = []
    for key, data in chunk:
        text = _parse_one(data)
        written = False
        if cache_dir is not None:
            written = write_entry(Path(cache_dir), version, key, json.loads(text))
        out.append((key, text, written))
    return out


def _mp_context():
    # fork is cheapest, but forking a process that runs other threads (mkdocs serve) can
    # deadlock on a lock held by one of them; then start clean workers from a fork server.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------------------------------------
# The loader


def _normalise(item: Item) -> tuple[Path, str]:
    if isinstance(item, tuple):
        path, source = item
        return Path(path), str(source)
    path = Path(item)
    return path, path.as_posix()


def load_reports(paths: Iterable[Item], cache_dir: PathLike | None = None, workers: int | None = None,
                 stats: LoadStats | None = None) -> list[dict]:
    """Parse report files, in parallel and through the cache, in the order given.

    `paths` are files (a folder is expanded like report_files does) or (file, display source)
    pairs. Each result is the same object, byte for byte as JSON, that parse_file(file, source)
    returns. `cache_dir=None` parses without a cache; `workers=None` uses every core, 1 parses in
    this process. Cross-report problems are not added: call add_collection_problems after.
    """
    from .reports import parse_file, report_files

    items: list[tuple[Path, str]] = []
    for item in paths:
        if not isinstance(item, tuple) and Path(item).is_dir():
            items.extend(_normalise(p) for p in report_files([Path(item)]))
        else:
            items.append(_normalise(item))

    stats = stats if stats is not None else LoadStats()
    stats.files += len(items)
    version = parser_version()
    cache = Path(cache_dir) if cache_dir is not None else None

    texts: dict[str, dict] = {}          # key -> report with placeholder source
    keys: list[str | None] = []          # per item; None = unreadable
    todo: dict[str, bytes] = {}          # key -> bytes, to parse
    todo_sources: dict[str, str] = {}
    for path, source in items:
        try:
            data = path.read_bytes()
        except OSError:
            keys.append(None)
            continue
        key = content_key(data)
        keys.append(key)
        if key in texts or key in todo:
            stats.shared += 1
            continue
        if cache is not None:
            report, corrupt = read_entry(cache, version, key)
            stats.corrupt += corrupt
            if report is not None:
                texts[key] = report
                stats.hits += 1
                continue
        todo[key] = data
        todo_sources[key] = source

    if todo:
        n_workers = workers if workers is not None else default_workers()
        pending = list(todo.items())
        cache_arg = str(cache) if cache is not None else None
        if n_workers <= 1 or len(pending) < PARALLEL_MIN_FILES:
            results = _parse_chunk(pending, cache_arg, version)
            stats.workers = 1
        else:
            n_workers = min(n_workers, len(pending))
            # Several chunks per worker keep the cores busy when files differ in size.
            size = max(1, min(64, len(pending) // (n_workers * 4)))
            chunks = [pending[i:i + size] for i in range(0, len(pending), size)]
            results = []
            with ProcessPoolExecutor(max_workers=n_workers, mp_context=_mp_context()) as pool:
                for part in pool.map(_parse_chunk, chunks, [cache_arg] * len(chunks),
                                     [version] * len(chunks)):
                    results.extend(part)
            stats.workers = n_workers
        for key, text, written in results:
            texts[key] = json.loads(text)
            stats.parsed += 1
            stats.written += written
            stats.parsed_sources.append(todo_sources[key])

    reports = []
    for (path, source), key in zip(items, keys):
        if key is None:
            stats.unreadable += 1
            reports.append(parse_file(path, source))
        else:
            reports.append(_with_source(texts[key], source))
    return reports
