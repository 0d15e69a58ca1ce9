"""Command line: `python -m build_scripts parse FILE...` and `python -m build_scripts check PATH...`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .reports import add_collection_problems, load_reports, parse_paths, report_files
from .problems import format_problem
from .rules import ERROR


def _json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


def cmd_parse(args) -> int:
    # Through the loader, so a file that takes too long is stopped (limits.DEFAULT, as the site's).
    reports = add_collection_problems(load_reports([(Path(f), f) for f in args.files], workers=1))
    print(_json(reports[0] if len(reports) == 1 else reports))
    return 1 if any(r["template"] is None for r in reports) else 0


def _declared(paths: list[Path]) -> tuple[dict[str, str], dict[str, str]]:
    """The kinds of body (for D-late) and the agencies' other names (for the checks across
    years) that the agencies.yml of the folders checked states."""
    from .portal.agencies import agency_aliases, agency_kinds, load_agencies

    kinds: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for folder in (p for p in paths if p.is_dir()):
        for name in ("agencies.yml", "agencies.yaml"):
            if (folder / name).is_file():
                registry = load_agencies(folder / name)
                kinds.update(agency_kinds(registry))
                aliases.update(agency_aliases(registry))
    return kinds, aliases


def cmd_check(args) -> int:
    files = report_files([Path(p) for p in args.paths])
    if not files:
        print("没有找到任何文件", file=sys.stderr)
        return 2
    kinds, aliases = _declared([Path(p) for p in args.paths])
    reports = parse_paths([Path(p) for p in args.paths], kinds=kinds, aliases=aliases)
    errors = warnings = 0
    for report in reports:
        for p in report["problems"]:
            print(format_problem(p))
            if p["severity"] == ERROR:
                errors += 1
            else:
                warnings += 1
    bad = sum(1 for r in reports if not r["consistent"])
    print(f"共检查 {len(reports)} 份文件：{len(reports) - bad} 份一致，{bad} 份有错误；"
          f"错误 {errors} 个，警告 {warnings} 个")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts",
                                     description="Parse and check 政府信息公开工作年度报告 files.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="print the parsed report(s) as JSON")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_parse)
    c = sub.add_parser("check", help="print every problem of every report, one line each")
    c.add_argument("paths", nargs="+")
    c.set_defaults(func=cmd_check)
    from . import split_build

    s = sub.add_parser("split-build", help="build the site as several parts under one home page and search")
    split_build.add_arguments(s)
    s.set_defaults(func=split_build.run)
    from .portal import cli as portal_cli

    portal_cli.add_arguments(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
