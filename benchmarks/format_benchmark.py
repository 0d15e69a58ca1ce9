"""Reading throughput per format: N generated reports (alternately the 2021 and the 2019 template)
written as .txt, .docx, .pdf and .html by tests/format_fixtures.py, then each file read through
reports.parse_bytes (format reader, parser and checks). Building the files is not timed.

    python benchmarks/format_benchmark.py [N]

Prints one line per format: the format and reports read per second.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import format_fixtures as ff  # noqa: E402
from build_scripts.reports import parse_bytes  # noqa: E402

BUILDERS = {
    "txt": lambda report: report.text.encode("utf-8"),
    "docx": ff.to_docx,
    "pdf": ff.to_pdf,
    "html": ff.to_html,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=20, help="number of generated reports (default 20)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    reports = [ff.synthetic_report("2021" if i % 2 == 0 else "2019", 1000 + i) for i in range(args.n)]
    for fmt, build in BUILDERS.items():
        files = [build(report) for report in reports]
        start = time.perf_counter()
        parsed = [parse_bytes(data, f"benchmark/{i}.{fmt}") for i, data in enumerate(files)]
        elapsed = time.perf_counter() - start
        wrong = [p["source"] for p in parsed if p["problems"]]
        if wrong:  # a figure for files that were not read would mean nothing
            print(f"{fmt}: {len(wrong)} reports read with problems, e.g. {wrong[0]}", file=sys.stderr)
            return 1
        print(f"{fmt}\t{args.n / elapsed:.1f} reports/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
