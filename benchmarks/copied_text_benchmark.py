"""Time of the copied-text check (T-copied-text, build_scripts/checks_copied.py) on generated
reports, and how many of the planted copies it finds.

    python benchmarks/copied_text_benchmark.py [N ...]    (default: 10000)

Each generated report has its own parts 一 and 五 (about 1,200 characters): sentences drawn from
a large pool of generated sentences, so that two unrelated reports share a little (as real
reports share boilerplate) but not much. One report in ten is planted as a copy: the same
agency's previous year with its numbers changed and a tenth of its sentences rewritten; one in
fifty copies a report of another agency. The check sees the parsed-report dicts directly: what
is timed is the check, not the parser.
"""
from __future__ import annotations

import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from build_scripts import synthetic  # noqa: E402
from build_scripts.checks import agency_key  # noqa: E402
from build_scripts.checks_copied import THRESHOLD, find_matches, share, shingles, text_of  # noqa: E402

# Common characters of report prose, to make sentences that read like nothing in particular.
_CHARS = ("政府信息公开工作年度报告主动依申请办理答复平台网站政务新媒体监督保障制度建设规范管理审核发布"
          "解读回应关切培训考核组织领导落实责任推进完善加强提升健全机制流程服务群众企业社会法治数据"
          "统计分析公示公告决策部署重点领域专栏更新维护整改问题不足改进措施下一步持续深化优化创新")


def _sentence(rng: random.Random) -> str:
    return "".join(rng.choice(_CHARS) for _ in range(rng.randint(14, 36))) + f"{rng.randint(1, 999)}件"


def make_reports(n: int, seed: int = 7) -> tuple[list[dict], set[tuple[str, str]]]:
    """n report dicts with parts 一 and 五, and the planted (copy, original) pairs."""
    rng = random.Random(seed)
    pool = [_sentence(rng) for _ in range(20_000)]
    reports: list[dict] = []
    planted: set[tuple[str, str]] = set()
    for i in range(n):
        year = 2022 + i % 3
        agency = synthetic.agency_name(i // 3) + str(i // 3)
        source = f"data/{i:06d}.txt"
        roll = rng.random()
        if year > 2022 and roll < 0.1:  # copy of the same agency's previous year
            base = reports[-1]
            planted.add((source, base["source"]))
        elif i > 10 and roll < 0.12:  # copy of another agency's report of the same or an earlier year
            base = reports[rng.randrange(0, len(reports) - 3)]
            base = base if base["year"] <= year else None
            if base is not None:
                planted.add((source, base["source"]))
        else:
            base = None
        if base is not None:
            parts = []
            for s in base["sections"]:
                sentences = s["text"].split("。")
                sentences = [_sentence(rng) if rng.random() < 0.1 else x for x in sentences]
                parts.append({**s, "text": "。".join(sentences).replace("1", "7")})
        else:
            parts = [{"number": num, "title": "", "text": "。".join(rng.sample(pool, k)) + "。"}
                     for num, k in (("一", 30), ("五", 12))]
        reports.append({"source": source, "agency": agency, "year": year, "template": "2021",
                        "sections": parts})
    return reports, planted


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [10_000]
    print("N reports | check time (s) | per 1,000 (s) | flagged | planted copies found (of those ≥ 80 %) "
          "| other flags: originals of same-year copies")
    for n in sizes:
        reports, planted = make_reports(n)
        start = time.perf_counter()
        matches = find_matches(reports, agency_key)
        elapsed = time.perf_counter() - start
        by_source = {r["source"]: r for r in reports}

        def exact(a: str, b: str) -> float:
            return share(shingles(text_of(by_source[a])), shingles(text_of(by_source[b])))

        above = {(c, o) for c, o in planted if exact(c, o) >= THRESHOLD}
        found = sum(1 for copy, _ in above if copy in matches)
        copies = {c for c, _ in planted}
        reverse = sum(1 for s, m in matches.items() if s not in copies and (m.other, s) in planted)
        unexplained = sum(1 for s, m in matches.items() if s not in copies and (m.other, s) not in planted)
        print(f"{n:9d} | {elapsed:14.2f} | {elapsed / n * 1000:13.3f} | {len(matches):7d} | "
              f"{found}/{len(above)} | {reverse} (unexplained: {unexplained})")
    # the generated reports themselves are most of it
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
