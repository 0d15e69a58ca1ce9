"""The fuzz test's mutants (tests/fuzz_support.py): how many, of which formats, and how long each
takes to parse in this process (reports.parse_bytes).

    python benchmarks/fuzz_benchmark.py [--scale 1.0] [--seed 20261201]

Prints the count, the parse time per format and the slowest mutants; asserts nothing.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from fuzz_support import FUZZ_SEED, mutants  # noqa: E402
from build_scripts.reports import parse_bytes  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="mutants per original, times this")
    parser.add_argument("--seed", type=int, default=FUZZ_SEED)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    found = mutants(args.seed, args.scale)
    made = time.perf_counter() - t0
    took: dict[str, list[float]] = defaultdict(list)
    slowest = []
    for m in found:
        started = time.perf_counter()
        parse_bytes(m.data, f"data/{m.name}")
        seconds = time.perf_counter() - started
        took[m.name.rsplit(".", 1)[1]].append(seconds)
        slowest.append((seconds, m.name, m.how))
    print(f"{len(found)} mutants (seed {args.seed}), made in {made:.1f} s")
    for fmt, times in sorted(took.items()):
        print(f"  {fmt:5} {len(times):5} mutants: {sum(times):6.2f} s, mean {1000 * sum(times) / len(times):6.1f} ms, "
              f"max {1000 * max(times):7.1f} ms")
    for seconds, name, how in sorted(slowest, reverse=True)[:5]:
        print(f"  slowest: {name} {1000 * seconds:.0f} ms ({how})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
