"""Content-addressed cache of parsed reports and the parallel loader that uses it.

A parsed report depends on two things only: the bytes of the file and the code that parses them.
So an entry is keyed by sha256(file bytes) and stored under a folder named after the parser
version, a hash of the source of every module the parser is made of (found by following the
relative imports of reports.py), and the limits that change a parsed report (limits.py).
Changing the parser changes the folder; old folders are simply no longer read (`prune` removes
them). A file whose parse was stopped (limits.parse_timeout) is never cached.

    <cache_dir>/<parser version>-<limits key>/<first 2 hex digits>/<sha256>.json

Each entry is one JSON object {"format", "parser", "sha256", "report"}; it is written to a
temporary file in the same folder and moved into place with os.replace, so concurrent builds
never see half an entry. An entry that cannot be read or does not match its key is ignored and
rewritten.

The display path of a report (its `source`, also in every problem's `file`) is not part of the
content: a report is parsed with a placeholder source that cannot occur in decoded text (it holds
NUL characters, which decoding removes) and the placeholder is replaced by the display path when
the entry is read. Identical files under two names share one entry. (Without a cache, a file
that no other file shares is parsed with its own source: nothing to replace.)

Cross-report problems (add_collection_problems) depend on the whole collection and are never
cached; callers run them after loading.
"""
from __future__ import annotations

import ast
import gc
import hashlib
import json
import logging
import multiprocessing
import os
import shutil
import tempfile
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from multiprocessing import connection as mp_connection
from typing import Iterable, Union

from . import forkmap
from .files import Refusal, read_file, real_folder, shown_name
from .limits import DEFAULT, Limits
from .parsing import empty_report
from .problems import problem

# Bump when the layout of an entry changes (the parser version covers this file too).
CACHE_FORMAT = 1
# Stands in for the display path while parsing; NUL never survives decoding, so it cannot
# appear in any text taken from a report.
SOURCE_PLACEHOLDER = "\x00source\x00"
# Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 48

PACKAGE_DIR = Path(__file__).resolve().parent

log = logging.getLogger(__name__)

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


def cache_version(limits: Limits = DEFAULT) -> str:
    """The name of the cache folder for this parser and these limits."""
    return f"{parser_version()}-{limits.cache_key()}"


# ---------------------------------------------------------------------------------------------
# Entries


def content_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry_path(cache_dir: Path, version: str, key: str) -> Path:
    return Path(cache_dir) / version / key[:2] / f"{key}.json"


def read_entry(cache_dir: Path, version: str, key: str) -> tuple[dict | None, bool, bool]:
    """(the report with the placeholder source, whether an entry was there but unusable, whether
    the placeholder is nowhere but in the report's "source" and its problems' "file")."""
    path = entry_path(cache_dir, version, key)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, False, False
    except (OSError, UnicodeDecodeError):
        return None, True, False
    try:
        entry = json.loads(raw)
        ok = (isinstance(entry, dict) and entry.get("format") == CACHE_FORMAT
              and entry.get("parser") == version and entry.get("sha256") == key
              and isinstance(entry.get("report"), dict)
              and entry["report"].get("source") == SOURCE_PLACEHOLDER)
    except ValueError:
        ok = False
    if not ok:
        return None, True, False
    report = entry["report"]
    placed = 1 + sum(1 for p in report.get("problems") or [] if isinstance(p, dict) and p.get("file") == SOURCE_PLACEHOLDER)
    return report, False, raw.count(_PLACEHOLDER_JSON) == placed


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
        if child.is_dir() and child.name.split("-")[0] != keep:
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child)
    return removed


# ---------------------------------------------------------------------------------------------
# Parsing (runs in worker processes too)


# The placeholder as it is written in an entry's JSON.
_PLACEHOLDER_JSON = json.dumps(SOURCE_PLACEHOLDER)[1:-1]


def _with_known_source(report: dict, source: str) -> dict:
    """_with_source(report, source) for a report whose placeholder is in "source" and its
    problems' "file" only (read_entry), without a walk through the whole report."""
    problems = [{**p, "file": source} if p.get("file") == SOURCE_PLACEHOLDER else p
                for p in report.get("problems") or []]
    return {**report, "source": source, "problems": problems} if "problems" in report else {**report, "source": source}


def _with_source(value, source: str):
    """`value` with the placeholder replaced by the display path in every string."""
    if isinstance(value, str):
        return value.replace(SOURCE_PLACEHOLDER, source) if SOURCE_PLACEHOLDER in value else value
    if isinstance(value, dict):
        return {k: _with_source(v, source) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_source(v, source) for v in value]
    return value


def _parse_and_store(key: str, data: bytes, source: str, cache_dir: str | None, version: str,
                     limits: Limits) -> tuple[dict, bool]:
    """(the report of these bytes, parsed as `source`, whether its cache entry was written: only
    a report parsed with the placeholder source is stored)."""
    from .reports import parse_bytes

    try:
        report = parse_bytes(data, source, limits)
    except Exception as exc:  # noqa: BLE001 - a parser bug costs this file, not the build (not cached)
        return _failed("F-not-report", f"解析此文件时程序出错（{type(exc).__name__}），无法读取；请报告此问题", source), False
    written = False
    if cache_dir is not None and source == SOURCE_PLACEHOLDER:
        written = write_entry(Path(cache_dir), version, key, report)
    return report, written


def _worker(conn, progress, files: list | None, cache_dir: str | None, version: str, limits: Limits) -> None:
    """A worker process: parse the batches of (key, bytes, source) it is sent, answering each
    batch at once, until told to stop. `progress` holds the place in the batch of the file being
    parsed and when it started: the loader reads it to stop a file at the time limit without
    being woken by every file (one answer a file cost the parent about a tenth of a file's parse).
    `files`: the loader's list of them, when the worker was forked with it; then it is sent only
    their places in it, not their bytes again through the pipe."""
    conn.send("ready")
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        results = []
        for at, job in enumerate(batch):
            key, data, source = job if files is None else files[job]
            progress[1] = time.monotonic()  # the time before the place: see _Worker.current
            progress[0] = at
            results.append((key, *_parse_and_store(key, data, source, cache_dir, version, limits)))
        conn.send(results)


def _failed(rule: str, message: str, source: str) -> dict:
    return empty_report(source, [problem(rule, source, "全文", message)])


def _mp_context():
    # fork is cheapest, but forking a process that runs other threads (mkdocs serve) can
    # deadlock on a lock held by one of them; then start clean workers from a fork server.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def default_workers() -> int:
    return forkmap.cores()


# Seconds a new worker may take to start (a fork server imports the parser first).
WORKER_START_TIMEOUT = 120


class _NoWorker(RuntimeError):
    """A worker process could not be started here."""


class _Worker:
    def __init__(self, ctx, args, files: list):
        self.conn, child = ctx.Pipe()
        self.progress = ctx.RawArray("d", 2)  # place in the batch of the file being parsed, its start
        forked = ctx.get_start_method() == "fork"
        # A forked worker holds `files` as they are here, bytes and all: it is sent their places.
        self.files = None if forked else files
        self.process = ctx.Process(target=_worker, args=(child, self.progress, files if forked else None, *args),
                                   daemon=True)
        if forked:
            # The child's garbage collector then leaves the parent's objects alone: it neither
            # spends time on them nor copies the pages they are on (the gc module's advice).
            gc.freeze()
        try:
            self.process.start()
        finally:
            if forked:
                gc.unfreeze()
        child.close()
        self.jobs: list[int] = []  # the places in `files` of the batch sent, not answered yet
        try:
            ready = self.conn.poll(WORKER_START_TIMEOUT) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.stop(kill=True)
            raise _NoWorker(f"exit code {self.process.exitcode}")

    def send(self, batch: list[int]) -> None:
        self.jobs = batch
        self.progress[1] = time.monotonic()
        self.progress[0] = 0
        self.conn.send(batch if self.files is None else [self.files[i] for i in batch])

    def current(self) -> tuple[int, float]:
        """(place in the batch of the file being parsed, when its parse started). The worker
        writes the time before the place, so a place read twice the same goes with a time no
        earlier than its file's start."""
        while True:
            at = int(self.progress[0])
            started = self.progress[1]
            if int(self.progress[0]) == at:
                return at, started

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self.conn.send(None)
            except OSError:
                kill = True
        if kill:
            self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


# Files sent to a worker at once, and answered at once: fewer round trips between the processes;
# the time limit still applies to each file (_Worker.current).
BATCH = 16


def _parse_in_workers(pending: list[tuple[str, bytes, str]], n: int, args: tuple, timeout: float):
    """Yield (key, report, written) for every pending file, parsed by n worker processes.

    Files are handed out in small batches and answered one by one. A worker still on a file after
    `timeout` seconds (0: no limit) is killed and replaced, that file gets an F-timeout problem and
    the rest of its batch goes back in the queue: one file can stall neither the build nor the
    other files."""
    ctx = _mp_context()
    queue = deque(range(len(pending)))  # places in `pending`
    workers: list[_Worker] = []

    def replace(i: int, at: int) -> None:
        """Stop worker i, whose file `at` of its batch ran too long or killed it: the batch's other
        files go back in the queue (those parsed before it too: their answers went with it)."""
        jobs = workers[i].jobs
        queue.extendleft(reversed(jobs[:at] + jobs[at + 1:]))
        workers[i].jobs = []
        workers[i].stop(kill=True)
        try:
            workers[i] = _Worker(ctx, args, pending)
        except _NoWorker:
            del workers[i]

    try:
        for _ in range(n):
            try:
                workers.append(_Worker(ctx, args, pending))
            except _NoWorker:
                break
        while queue or any(w.jobs for w in workers):
            if not workers:  # no process can be started here: parse the rest in this one, unbounded
                log.warning("无法启动解析进程，其余 %d 个文件在本进程中解析（不限时）", len(queue))
                for i in queue:
                    key, data, source = pending[i]
                    yield (key, *_parse_and_store(key, data, source, *args))
                return
            for w in workers:
                if not w.jobs and queue:
                    size = max(1, min(BATCH, len(queue) // (2 * len(workers))))  # the tail stays shared
                    w.send([queue.popleft() for _ in range(size)])
            busy = [w for w in workers if w.jobs]
            wait_for = None
            if timeout:
                wait_for = max(0.0, min(w.current()[1] for w in busy) + timeout - time.monotonic())
            ready = mp_connection.wait([w.conn for w in busy], timeout=wait_for)
            for i, w in reversed(list(enumerate(workers))):  # replace() may drop a worker
                if not w.jobs:
                    continue
                try:
                    if w.conn in ready or w.conn.poll():
                        answers = w.conn.recv()
                        w.jobs = []
                        yield from answers
                        continue
                except (EOFError, OSError):  # the worker died (out of memory, a crash in a library)
                    at = w.current()[0]
                    key, _, source = pending[w.jobs[at]]
                    yield key, _failed("F-not-report", "解析此文件的进程意外退出（可能是内存不足），无法读取", source), False
                    replace(i, at)
                    continue
                at, started = w.current()
                if timeout and time.monotonic() - started >= timeout:
                    key, _, source = pending[w.jobs[at]]
                    yield key, _failed("F-timeout", f"解析此文件超过 {timeout:g} 秒（parse_timeout）仍未完成，"
                                                    f"已停止；没有采用其中的任何数据", source), False
                    replace(i, at)
    finally:
        for w in workers:
            w.stop(kill=bool(w.jobs))


# ---------------------------------------------------------------------------------------------
# The loader


def load_reports(paths: Iterable[Item], cache_dir: PathLike | None = None, workers: int | None = None,
                 stats: LoadStats | None = None, root: PathLike | None = None,
                 limits: Limits = DEFAULT) -> list[dict]:
    """Parse report files, in parallel and through the cache, in the order given.

    `paths` are files (a folder is expanded like report_files does, and is the data folder of
    its files) or (file, display source) pairs. Each result is the same object, byte for byte as
    JSON, that parse_file(file, source, root, limits) returns, unless its parse ran past
    limits.parse_timeout (then it has an F-timeout problem). `root`: the data folder no file may
    leave (default: the folder named, else the file's own folder). `cache_dir=None` parses without
    a cache; `workers=None` uses every core. Parsing runs in worker processes whenever a time
    limit is set; without one, one worker or few files parse in this process. Cross-report
    problems are not added: call add_collection_problems after.
    """
    from .reports import report_files

    items: list[tuple[Path, str, Path | None]] = []
    for item in paths:
        if not isinstance(item, tuple) and Path(item).is_dir():
            items.extend((*_normalise(p), Path(item)) for p in report_files([Path(item)]))
        else:
            items.append((*_normalise(item), Path(root) if root is not None else None))

    stats = stats if stats is not None else LoadStats()
    stats.files += len(items)
    cache = Path(cache_dir) if cache_dir is not None else None
    version = cache_version(limits) if cache is not None else ""

    texts: dict[str, dict] = {}          # key -> report
    sole_source: set[str] = set()        # keys of cached reports with the placeholder in known places only
    keys: list[str | Refusal] = []       # per item; a Refusal: not read
    todo: dict[str, bytes] = {}          # key -> bytes, to parse
    todo_sources: dict[str, str] = {}
    # The source each key is parsed as: its own when it is not cached and no other file has the
    # same bytes (no placeholder to replace afterwards), else the placeholder.
    parse_as: dict[str, str] = {}
    real_roots: dict[Path, Path] = {}  # each data folder resolved once, not for each of its files
    for path, source, folder in items:
        if folder is not None and folder not in real_roots:
            real_roots[folder] = real_folder(folder)
        data = read_file(path, folder, limits, real_root=real_roots.get(folder))
        if isinstance(data, Refusal):
            keys.append(data)
            continue
        key = content_key(data)
        keys.append(key)
        if key in texts or key in todo:
            stats.shared += 1
            parse_as[key] = SOURCE_PLACEHOLDER
            continue
        if cache is not None:
            report, corrupt, source_only = read_entry(cache, version, key)
            stats.corrupt += corrupt
            if report is not None:
                texts[key] = report
                if source_only:
                    sole_source.add(key)
                stats.hits += 1
                continue
        todo[key] = data
        todo_sources[key] = source
        parse_as[key] = SOURCE_PLACEHOLDER if cache is not None else source

    if todo:
        n_workers = workers if workers is not None else default_workers()
        pending = [(key, data, parse_as[key]) for key, data in todo.items()]
        cache_arg = str(cache) if cache is not None else None
        if len(pending) < PARALLEL_MIN_FILES:
            n_workers = 1
        n_workers = max(1, min(n_workers, len(pending)))
        if n_workers == 1 and not limits.parse_timeout:
            results = ((key, *_parse_and_store(key, data, source, cache_arg, version, limits))
                       for key, data, source in pending)
        else:
            results = _parse_in_workers(pending, n_workers, (cache_arg, version, limits), limits.parse_timeout)
        stats.workers = n_workers
        for key, report, written in results:
            texts[key] = report
            stats.parsed += 1
            stats.written += written
            stats.parsed_sources.append(todo_sources[key])

    reports = []
    uses = Counter(key for key in keys if not isinstance(key, Refusal))
    for (path, source, _), key in zip(items, keys):
        if isinstance(key, Refusal):
            stats.unreadable += 1
            reports.append(empty_report(source, [problem(key.rule, source, "全文", key.message)]))
        elif key in sole_source and uses[key] == 1:
            # The placeholder in known places only, and no other file shares the entry's objects.
            reports.append(_with_known_source(texts[key], source))
        elif parse_as.get(key, SOURCE_PLACEHOLDER) == SOURCE_PLACEHOLDER:
            reports.append(_with_source(texts[key], source))
        else:
            reports.append(texts[key])  # parsed as this file's own source; no other file shares it
    return reports


def _normalise(item: Item) -> tuple[Path, str]:
    if isinstance(item, tuple):
        path, source = item
        return Path(path), str(source)
    path = Path(item)
    return path, shown_name(path.as_posix())
