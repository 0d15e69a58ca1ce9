"""Fuzz: ~1,000 deterministic mutants of the seeds and generated reports in every format
(fuzz_support.py) each parse to a report or a problem, never an exception, each within a time
bound, and `python -m build_scripts check` lists every one of them.
benchmarks/fuzz_benchmark.py prints the count and the parse times."""
from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter

from conftest import ROOT
from fuzz_support import mutants

from build_scripts.reports import parse_bytes

# Generous: the slowest mutant takes well under a second; a parse that loops or blows up on
# some input is what this catches (the build itself stops a file at limits.parse_timeout).
# CPU seconds of this process, not the clock's: other work on a shared machine (the check
# command beside it, other tests) slows the clock, not the parse's own CPU time.
CPU_SECONDS_PER_MUTANT = 5.0


def test_every_mutant_parses_to_a_report_or_a_problem_and_check_lists_it(tmp_path):
    found = mutants()
    formats = Counter(m.name.rsplit(".", 1)[1] for m in found)
    assert len(found) > 1000 and set(formats) == {"txt", "html", "docx", "pdf"}
    print(f"\nfuzz: {len(found)} mutants {dict(formats)}")
    folder = tmp_path / "data"
    folder.mkdir()
    for m in found:
        (folder / m.name).write_bytes(m.data)
    # The command line reads the same files meanwhile, on the other core.
    check = subprocess.Popen([sys.executable, "-m", "build_scripts", "check", str(folder)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        with_problems, slow = set(), []
        for m in found:
            started = time.process_time()
            report = parse_bytes(m.data, f"data/{m.name}")  # an exception fails the test here
            took = time.process_time() - started
            if took > CPU_SECONDS_PER_MUTANT:
                slow.append((m.name, m.how, round(took, 1)))
            assert isinstance(report["consistent"], bool), m.how
            assert report["template"] in ("2021", "2019") or report["problems"], (m.name, m.how)
            assert all(p["file"] == f"data/{m.name}" and p["message"] for p in report["problems"]), m.how
            if not report["template"]:
                assert any(p["severity"] == "error" for p in report["problems"]), (m.name, m.how)
            if report["problems"]:
                with_problems.add(m.name)
        assert slow == []
        out, err = check.communicate(timeout=600)
    finally:
        check.kill()
    assert check.returncode in (0, 1), err[-3000:]
    lines = out.splitlines()
    assert lines[-1].startswith(f"共检查 {len(found)} 份文件"), lines[-1]
    listed = {line.split(": ", 1)[0].rsplit("/", 1)[-1] for line in lines[:-1]}
    assert with_problems <= listed <= {m.name for m in found}
    assert "[F-timeout]" not in out and "程序出错" not in out
