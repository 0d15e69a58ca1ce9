"""Build time with hostile files: `mkdocs build --strict` over the five seeds plus a symlink to a
file outside data/, a symlinked folder outside it, a FIFO, a 60 MB file, a zip bomb .docx, a
501-page PDF and a report with endless prose (tests/hostile_support.py), with the default limits.

    python benchmarks/hostile_build.py

Prints the time to write the files, the build time, the site's size and its largest page; asserts
nothing (tests/test_hostile_site.py checks what is published).
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from conftest import run_build  # noqa: E402
from hostile_support import hostile_project  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="hostile-build-") as tmp:
        t0 = time.perf_counter()
        config, _ = hostile_project(Path(tmp))
        written = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = run_build(config, "--strict")
        built = time.perf_counter() - t0
        site = Path(tmp) / "site"
        files = [p for p in site.rglob("*") if p.is_file()]
        pages = [p for p in files if p.name == "index.html"]
        largest = max(pages, key=lambda p: p.stat().st_size)
        print(f"hostile files written in {written:.1f} s")
        print(f"mkdocs build --strict: {built:.1f} s, exit {result.returncode}; "
              f"{len(pages)} pages, site {sum(p.stat().st_size for p in files) / 1e6:.1f} MB; "
              f"largest page {largest.relative_to(site).as_posix()} {largest.stat().st_size / 1e6:.2f} MB")
        if result.returncode:
            print(result.stderr[-3000:])
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
