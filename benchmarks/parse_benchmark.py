"""Parse benchmark: generate N synthetic reports in a temporary folder, then parse and check them
all on one core, the way `python -m build_scripts check DATA` does, and print the figures.

    python benchmarks/parse_benchmark.py 2000
    python benchmarks/parse_benchmark.py 2000 --layout pdf
    python benchmarks/parse_benchmark.py 500 --layout all      # each layout in turn
    python benchmarks/parse_benchmark.py 500 --layout html     # web pages as sites serve them

Prints reports/second (with the share of the per-file parse and of the cross-report checks) of the
run that took the least CPU among --repeat runs over the same files (default 3: other work on a
shared machine only ever slows a run; the median is printed beside it), peak memory, and how fast this machine runs a fixed Python loop before and after, so that figures from
machines of other speeds, or from a shared machine whose speed drifts, can be compared; asserts
nothing.
"""
from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from build_scripts import synthetic  # noqa: E402
from build_scripts.reports import add_collection_problems, load_reports, parse_paths  # noqa: E402
import format_fixtures  # noqa: E402

# html: the report as a government site serves it (tests/format_fixtures.to_html: page chrome,
# an info box, rowspan/colspan tables), read through the HTML reader and the grid tables.
LAYOUTS = synthetic.LAYOUTS + ("html",)
TEMPLATES = ("2021", "2019")


def generate(folder: Path, n: int, layout: str, template: str, seed: int) -> int:
    """Write n reports; returns the total size in bytes."""
    size = 0
    for i in range(n):
        lay = LAYOUTS[i % len(LAYOUTS)] if layout == "mixed" else layout
        tid = TEMPLATES[(i // len(LAYOUTS)) % 2] if template == "mixed" else template
        # agencies repeat across the set and years vary, so the cross-year checks have work to do
        year = 2021 + i % 5 if tid == "2021" else 2019 + i % 2
        if lay == "html":
            text, values = synthetic.make_report(tid, seed + i, layout="tab", year=year, paragraphs=1 + i % 5)
            data = format_fixtures.to_html(format_fixtures.report_from_text(text, values))
        else:
            text, _ = synthetic.make_report(tid, seed + i, layout=lay, year=year, paragraphs=1 + i % 5)
            data = text.encode("utf-8")
        (folder / f"{i:06d}.{'html' if lay == 'html' else 'txt'}").write_bytes(data)
        size += len(data)
    return size


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"CPU {cpu}"
    return "not pinned"


def cpu_seconds() -> float:
    """CPU time of this process and its finished children: with a time limit (limits.parse_timeout)
    the files are parsed in a worker process."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def bench(n: int, layout: str, template: str, seed: int, memory_sample: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory(prefix="parse-bench-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        size = generate(folder, n, layout, template, seed)
        gen_s = time.perf_counter() - t0

        runs = []  # (wall s, CPU s, CPU s of the files alone) of each run over the same files
        reports: list = []
        for _ in range(repeat):
            reports = []  # the last run's reports freed before this one parses
            gc.collect()
            # parse_paths in its two steps: each file (in a worker, within the time limit), then
            # the checks across reports.
            t0, c0 = time.perf_counter(), cpu_seconds()
            reports = load_reports([folder], workers=1)
            files_cpu = cpu_seconds() - c0
            add_collection_problems(reports)
            runs.append((time.perf_counter() - t0, cpu_seconds() - c0, files_cpu))
        tally = Counter(p["rule"] for r in reports for p in r["problems"])

        # Python heap at its peak while parsing a sample (tracemalloc slows parsing, so it is a
        # separate pass and not part of the timing).
        sample = sorted(folder.iterdir())[:memory_sample]
        del reports
        gc.collect()
        tracemalloc.start()
        parse_paths(sample)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    # The run that took the least CPU: a machine shared with other work slows runs, never speeds
    # them up (the median shows how far the runs spread).
    parse_s, cpu_s, files_cpu = min(runs, key=lambda run: run[1])
    median_cpu = statistics.median(run[1] for run in runs)
    print(f"layout={layout} template={template} reports={n} size={size / 1e6:.1f} MB "
          f"(generated at {n / gen_s:,.0f}/s)")
    print(f"  parse+check: {parse_s:.2f} s wall = {n / parse_s:,.0f} reports/s, {size / 1e6 / parse_s:.1f} MB/s "
          f"({n / cpu_s:,.0f} reports per CPU second: the figure without other load on the core)"
          + (f"; best of {repeat} runs, median {n / median_cpu:,.0f}/s" if repeat > 1 else ""))
    print(f"  CPU per report: {1000 * files_cpu / n:.2f} ms parsing and checking each file, {1000 * (cpu_s - files_cpu) / n:.2f} ms "
          f"in the checks across reports")
    print(f"  problems found: {dict(tally.most_common()) or 'none'} (same-name agencies across years and "
          f"duplicates are expected in this generated set)")
    print(f"  peak Python heap while parsing {len(sample)} reports: {peak / 1e6:.1f} MB; "
          f"process max RSS: {max_rss_mb():.0f} MB")


def reference_ms() -> float:
    """This machine's time for a fixed loop (`python -m timeit "sum(range(10**6))"`, best of 5)."""
    return min(timeit.repeat("sum(range(10**6))", number=5, repeat=5)) / 5 * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=1000, help="number of reports (default 1000)")
    parser.add_argument("--layout", choices=("mixed", "all") + LAYOUTS, default="mixed",
                        help="layout of the reports: one of them, mixed (default), or all (one run each)")
    parser.add_argument("--template", choices=("mixed",) + TEMPLATES, default="mixed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs over the same files; the one with the least CPU is printed (default 3)")
    parser.add_argument("--memory-sample", type=int, default=200,
                        help="reports parsed under tracemalloc for the heap figure (default 200)")
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, pinned to {pin_to_one_core()}")
    layouts = LAYOUTS if args.layout == "all" else (args.layout,)
    before = reference_ms()
    for layout in layouts:
        bench(args.n, layout, args.template, args.seed, args.memory_sample, max(1, args.repeat))
    print(f"machine speed: sum(range(10**6)) takes {before:.1f} ms before the runs, {reference_ms():.1f} ms after "
          f"(the same loop and a figure scale together only roughly: compare figures at like speeds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
