"""A generated province: N annual reports of distinct agencies over several years, for benchmarks.

    python benchmarks/corpus.py 10000 /tmp/corpus-10000      # writes <dir>/data/<城市>/<year>_<n>.txt

Agencies are named 市 + 区县 + 部门 (3,000 distinct names); each publishes one report a year for
2020–2024 (2020 in the 2019 template), so N reports are N/5 agencies. Layouts follow the seeds:
60 % tab-separated, 20 % spaced labels, 20 % PDF extraction; prose length varies (3–6 paragraphs a
part, 3–5 KB of text). Everything is deterministic from N.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from build_scripts.synthetic import make_report  # noqa: E402

CITIES = ("银川市", "石嘴山市", "吴忠市", "固原市", "中卫市", "兰州市", "西宁市", "呼和浩特市", "包头市", "榆林市",
          "延安市", "天水市")
COUNTIES = ("城关区", "新城区", "西城区", "东湖区", "河东区", "金川县", "永安县", "临河区", "清水县", "安定区",
            "长宁县", "兴平市")
BODIES = ("工业信息化和商务局", "科学技术局", "政务服务中心", "教育局", "民政局", "司法局", "财政局",
          "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水务局",
          "农业农村局", "文化旅游广电局", "卫生健康委员会", "应急管理局", "审计局", "市场监督管理局",
          "统计局", "医疗保障局", "林业和草原局", "人民政府办公室", "发展和改革局", "退役军人事务局")
YEARS = (2020, 2021, 2022, 2023, 2024)
LAYOUTS = ("tab",) * 3 + ("spaced", "pdf")


def agencies(count: int) -> list[tuple[str, str]]:
    """(city, agency name) of `count` distinct agencies, spread over the cities."""
    names = [(city, city + county + body) for body in BODIES for county in COUNTIES for city in CITIES]
    if count > len(names):
        raise ValueError(f"at most {len(names)} distinct agencies")
    random.Random(0).shuffle(names)
    return names[:count]


def plan(n: int) -> list[tuple[str, str, int, int]]:
    """(city, agency, year, seed) of n reports: agencies × years, the last agency possibly short."""
    per = len(YEARS)
    out = []
    for i, (city, agency) in enumerate(agencies((n + per - 1) // per)):
        for year in YEARS:
            if len(out) == n:
                break
            out.append((city, agency, year, i * per + YEARS.index(year)))
    return out


def report_text(agency: str, year: int, seed: int) -> str:
    rng = random.Random(seed)
    template = "2019" if year <= 2020 else "2021"
    text, _ = make_report(template, seed, agency=agency, year=year, layout=LAYOUTS[seed % len(LAYOUTS)],
                          paragraphs=rng.randint(3, 6))
    return text


def write(n: int, root: Path) -> list[Path]:
    """Write n reports under root/data/<city>/; returns the files."""
    files = []
    for city, agency, year, seed in plan(n):
        path = root / "data" / city / f"{year}_{seed:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report_text(agency, year, seed), encoding="utf-8")
        files.append(path)
    return files


def extra_report(root: Path, n: int) -> Path:
    """One more report (a new agency), for the rebuild-after-adding-one measurement."""
    path = root / "data" / CITIES[0] / f"2024_{n + 900000:06d}.txt"
    path.write_text(report_text(f"{CITIES[0]}新设区新设局{n}", 2024, n + 900000), encoding="utf-8")
    return path


if __name__ == "__main__":
    count, target = int(sys.argv[1]), Path(sys.argv[2])
    written = write(count, target)
    print(f"{len(written)} reports in {target / 'data'}")
