"""Parsed reports grouped for the site: agencies, years, problems by rule, key figures, slugs
and anchors. Pure Python: no MkDocs, no HTML; built once per build and kept by the plugin as
`plugin.model` (the open-data pages read the same object).

URLs are given as MkDocs source paths (`reports/<slug>.md` …); the plugin turns them into the
site's URLs, so `use_directory_urls` is respected.

Slugs: a report's slug is its file name without suffix, an agency's its name. Letters of any
script (Chinese included), digits and `_` are kept; every other character becomes `-`, the
result is lower-cased and cut to 60 characters. When that changed anything, when the slug is
empty or reserved (`index`), or when it is already taken, a short hash of the original name is
appended. A slug can therefore never contain `/`, `.` or `..`: no path traversal, one page per
report and per agency.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .. import checks_timeliness
from .. import figures as figures_mod
from .. import files as files_mod
from .. import rules as rules_mod
from ..checks import agency_key_with, years_compared
from .agencies import AgencyInfo, agency_aliases

# -- slugs, titles, anchors ------------------------------------------------------------------

_NOT_SLUG = re.compile(r"[^\w]+")
RESERVED_SLUGS = frozenset({"index", "assets", "search"})
SLUG_MAX = 60


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def safe_slug(name: str, taken: set[str] | None = None) -> str:
    """A URL path segment for `name` (see the module docstring); added to `taken`."""
    taken = taken if taken is not None else set()
    clean = _NOT_SLUG.sub("-", unicodedata.normalize("NFKC", name)).strip("-_").lower()[:SLUG_MAX]
    slug = clean
    if not clean or clean != name or clean in RESERVED_SLUGS or clean in taken:
        slug = f"{clean or 'x'}-{short_hash(name)}"
        n = 1
        while slug in taken:
            slug = f"{clean or 'x'}-{short_hash(f'{name}#{n}')}"
            n += 1
    taken.add(slug)
    return slug


_TITLE_CHARS = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇", "`": "｀",
                              "{": "｛", "}": "｝", "\n": " ", "\r": " "})


def safe_title(text: str) -> str:
    """A page title that is inert wherever the theme prints it, escaped or not: the characters
    of HTML and Jinja syntax are replaced by their full-width forms (the page body shows the
    original text, escaped)."""
    return text.translate(_TITLE_CHARS)


TABLE_IDS = {"二": "t2", "三": "t3", "四": "t4"}
_ANCHOR_PART = re.compile(r"[^A-Za-z0-9_]+")


def _anchor_part(text: str) -> str:
    return _ANCHOR_PART.sub("_", str(text))


# Anchors are asked for on every page, of the same few hundred table places: cached.
@lru_cache(maxsize=1024)
def table_anchor(table: str) -> str:
    return f"table-{TABLE_IDS.get(table, _anchor_part(table))}"


@lru_cache(maxsize=1024)
def row_anchor(table: str, row: str) -> str:
    return f"row-{TABLE_IDS.get(table, _anchor_part(table))}-{_anchor_part(row)}"


@lru_cache(maxsize=8192)
def cell_anchor(table: str, row: str, column: str) -> str:
    return f"cell-{TABLE_IDS.get(table, _anchor_part(table))}-{_anchor_part(row)}-{_anchor_part(column)}"


def problem_anchor(index: int) -> str:
    return f"problem-{index + 1}"


def problem_place(problem: dict) -> tuple[str, str | None, str | None] | None:
    """(table, row, column) of the table place a problem names, in the keys the tables use;
    None when it names no table. Table 四 is read as one data row of 15 cells: the reader's
    row "data" and columns "<group>.<column>" are mapped back to group and column."""
    table, row, column = problem.get("table"), problem.get("row"), problem.get("column")
    if table not in TABLE_IDS:
        return None
    if table == "四" and row == "data":
        if column and "." in column:
            group, col = column.split(".", 1)
            return table, group, col
        return table, "data", None
    return table, row, column


def problem_target(problem: dict) -> str | None:
    """The anchor of the most precise table place a problem names (cell, row or table)."""
    place = problem_place(problem)
    if place is None:
        return None
    table, row, column = place
    if row and column:
        return cell_anchor(table, row, column)
    if table == "四" and row and row != "data":  # a group of table 四: its total cell
        return cell_anchor(table, row, "total")
    if row:
        return row_anchor(table, row)
    return table_anchor(table)


# -- key figures ----------------------------------------------------------------------------
# Computed by build_scripts/figures.py (the downloads read the same); the portal's pages show
# these, in this order: label as the column header, meaning as its tooltip.
FIGURES: tuple[figures_mod.Figure, ...] = tuple(figures_mod.FIGURE_BY_KEY[key] for key in (
    "new", "granted", "partial", "refused", "unavailable", "not_processed", "other", "handled", "carried",
    "review", "litigation", "fees"))


def key_figures(report: dict) -> dict[str, int | float | None]:
    """The figures of FIGURES for one report; None where the table cell(s) could not be read
    or the template has no such figure (2019 has no fee amount)."""
    values = figures_mod.compute(report)
    return {f.key: values[f.key] for f in FIGURES}


@dataclass
class Totals:
    """Column sums of key figures over several reports; `missing` counts the reports whose
    figure is unknown and therefore not in the sum, `conflicting` those left out because another
    file of the same agency and year gives another figure; `repeated`: files beyond the first of
    an agency and year (F-duplicate-report), which are summed once."""
    values: dict[str, int | float]
    missing: dict[str, int]
    conflicting: dict[str, int] = field(default_factory=dict)
    repeated: int = 0


def totals(entries) -> Totals:
    # Files of one agency and year are one report (listed apart, F-duplicate-report): summed
    # once, with the figure they agree on; where they differ, neither is taken.
    groups: dict[object, list] = {}
    for e in entries:
        key = (e.agency.key, e.year) if e.agency and e.year else id(e)
        groups.setdefault(key, []).append(e)
    values: dict[str, int | float] = {}
    missing: dict[str, int] = {}
    conflicting: dict[str, int] = {}
    for f in FIGURES:
        total, unknown, differ = 0, 0, 0
        for same in groups.values():
            known = {e.figures[f.key] for e in same if e.figures[f.key] is not None}
            if len(known) == 1:
                total += known.pop()
            elif known:
                differ += 1
            elif any(e.parsed for e in same):
                unknown += 1
        values[f.key] = round(total, 6) if isinstance(total, float) else total
        missing[f.key] = unknown
        conflicting[f.key] = differ
    return Totals(values, missing, conflicting, len(entries) - len(groups))


# -- the model ------------------------------------------------------------------------------

@dataclass(eq=False)
class ReportEntry:
    report: dict  # as reports.py gives it (data contract)
    path: Path  # the file read
    source: str  # the path shown (relative to the project where possible)
    slug: str
    mtime: float = 0.0
    figures: dict = field(default_factory=dict)
    agency: "Agency | None" = None
    rates: dict = field(default_factory=dict)  # figures.RateValue by rate key
    timeliness: checks_timeliness.Timeliness | None = None
    download_name: str = ""  # file name of the copy in the site, next to the page

    @property
    def src_uri(self) -> str:
        return f"reports/{self.slug}.md"

    @property
    def download_uri(self) -> str:
        return f"reports/{self.slug}/{self.download_name}"

    @property
    def parsed(self) -> bool:
        return bool(self.report.get("template"))

    @property
    def agency_name(self) -> str | None:
        return self.report.get("agency")

    @property
    def year(self) -> int | None:
        return self.report.get("year")

    @property
    def template(self) -> str | None:
        return self.report.get("template")

    @property
    def problems(self) -> list[dict]:
        return self.report["problems"]

    @property
    def consistent(self) -> bool:
        return bool(self.report.get("consistent"))

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p["severity"] == rules_mod.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p["severity"] != rules_mod.ERROR)

    @property
    def original_name(self) -> str:
        return files_mod.shown_name(self.path.name)

    @property
    def publishable(self) -> bool:
        """Whether the site may carry a copy of the original (files.publishable): not of a symlink
        out of data/, a device or FIFO, or a file over the size limit."""
        return files_mod.publishable(self.report)

    @property
    def title(self) -> str:
        """The report's title as text (escape it when printing)."""
        if self.agency_name and self.year:
            return f"{self.agency_name} {self.year} 年政府信息公开工作年度报告"
        if self.agency_name:
            return f"{self.agency_name} 政府信息公开工作年度报告（年度不明）"
        if self.year:
            return f"{self.year} 年政府信息公开工作年度报告（机关不明）：{self.original_name}"
        return f"无法识别的文件：{self.original_name}"

    @property
    def short_title(self) -> str:
        if self.agency_name and self.year:
            return f"{self.agency_name} {self.year} 年"
        return self.title

    def link(self, problem: dict) -> str:
        """The anchor on this report's page that shows `problem` best: its cell, row or table,
        else its entry in the page's list of problems."""
        target = problem_target(problem) if self.parsed else None
        if target:
            return target
        return problem_anchor(self.problem_index(problem))

    @cached_property
    def problem_items(self) -> list:
        """Its problems as its page lists them (problem_items.list_items: the blank cells of one
        table row are one item)."""
        from .problem_items import list_items

        return list_items(self.problems)

    def problem_index(self, problem: dict) -> int:
        for i, p in enumerate(self.problems):
            if p is problem:
                return i
        return self.problems.index(problem)


@dataclass(eq=False)
class Agency:
    key: str  # agency_key(name)
    name: str
    slug: str
    info: AgencyInfo | None
    reports: list[ReportEntry] = field(default_factory=list)

    @property
    def src_uri(self) -> str:
        return f"agencies/{self.slug}.md"

    @property
    def region(self) -> str | None:
        return self.info.region if self.info else None

    @property
    def level(self) -> str | None:
        return self.info.level if self.info else None

    @property
    def site(self) -> str | None:
        return self.info.site if self.info else None

    @property
    def years(self) -> list[int]:
        return sorted({r.year for r in self.reports if r.year})

    @property
    def consistent_count(self) -> int:
        return sum(1 for r in self.reports if r.consistent)

    @property
    def adjacent_years(self) -> tuple[list[int], list[int]]:
        """The years compared with the year before (checks.check_collection: one report in each
        of two consecutive years), and the years next to another whose several reports
        (F-duplicate-report) kept them from being compared."""
        by_year: dict[int, int] = {}
        for r in self.reports:
            if r.template and r.year:
                by_year[r.year] = by_year.get(r.year, 0) + 1
        compared = years_compared(by_year)
        several = [y for y in sorted(by_year) if by_year[y] > 1 and (y - 1 in by_year or y + 1 in by_year)]
        return compared, several

    @property
    def cross_year(self) -> list[tuple[ReportEntry, dict]]:
        """The cross-year warnings of this agency's reports (X-carry-over, X-in-force)."""
        return [(r, p) for r in self.reports for p in r.problems
                if rules_mod.RULES[p["rule"]].kind == "cross-year" and p["rule"].startswith("X-")]


@dataclass(eq=False)
class Year:
    year: int
    reports: list[ReportEntry] = field(default_factory=list)

    @property
    def src_uri(self) -> str:
        return f"years/{self.year}.md"

    @property
    def agencies(self) -> int:
        return len({r.agency.key for r in self.reports if r.agency})

    @property
    def consistent_count(self) -> int:
        return sum(1 for r in self.reports if r.consistent)

    @property
    def totals(self) -> Totals:
        return totals(self.reports)

    @property
    def timeliness(self) -> dict[str, int]:
        """How many reports were published on time, late, … (checks_timeliness statuses)."""
        counts = dict.fromkeys(checks_timeliness.STATUS_LABELS, 0)
        for r in self.reports:
            if r.timeliness is not None:
                counts[r.timeliness.status] += 1
        return counts

    @property
    def rankings(self) -> list[tuple[figures_mod.Rate, list[tuple[int, ReportEntry]]]]:
        """Each rate with the reports ranked by it, highest first; only reports whose denominator
        is at least figures.RANKING_MIN_DENOMINATOR. Equal rates share a rank (1, 2, 2, 4)."""
        out = []
        for rate in figures_mod.RATES:
            ranked = sorted((e for e in self.reports if e.rates and figures_mod.rankable(e.rates[rate.key])),
                            key=lambda e: (-e.rates[rate.key].percent, e.agency.key if e.agency else e.source))
            rows: list[tuple[int, ReportEntry]] = []
            for i, e in enumerate(ranked):
                same = rows and rows[-1][1].rates[rate.key].percent == e.rates[rate.key].percent
                rows.append((rows[-1][0] if same else i + 1, e))
            out.append((rate, rows))
        return out


@dataclass
class RuleGroup:
    rule: rules_mod.Rule
    items: list[tuple[ReportEntry, dict]] = field(default_factory=list)

    @property
    def reports(self) -> int:
        return len({id(r) for r, _ in self.items})

    @cached_property
    def listed(self) -> list:
        """The rows its pages list, [(report entry, problem_items.Item)]: a report's blank cells
        of one table row are one row; `items` keeps every problem (the counts say so)."""
        from .problem_items import rule_items

        return rule_items(self.items)


@dataclass
class Region:
    name: str | None  # None: agencies not in agencies.yml or without a region
    agencies: list[Agency] = field(default_factory=list)

    @property
    def by_level(self) -> list[tuple[str | None, list[Agency]]]:
        from .agencies import LEVELS

        groups: dict[str | None, list[Agency]] = defaultdict(list)
        for a in self.agencies:
            groups[a.level].append(a)
        order = {level: i for i, level in enumerate(LEVELS)}
        return sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order)))


@dataclass
class Model:
    reports: list[ReportEntry]
    agencies: list[Agency]
    years: list[Year]
    rule_groups: list[RuleGroup]
    registry: dict[str, AgencyInfo]  # agencies.yml, by agency key
    by_source: dict[str, ReportEntry] = field(default_factory=dict)

    def copied(self, count: int | None = None) -> list[tuple[ReportEntry, dict]]:
        """Reports whose text repeats another report (T-copied-text), most repeated first."""
        found = [(e, p) for e in self.reports for p in e.problems if p["rule"] == "T-copied-text"]
        found.sort(key=lambda item: (-(item[1]["found"] or 0), item[0].source))
        return found[:count] if count else found

    @property
    def unreadable(self) -> list[ReportEntry]:
        """Files that could not be parsed as a report at all."""
        return [r for r in self.reports if not r.parsed]

    @property
    def consistent_count(self) -> int:
        return sum(1 for r in self.reports if r.consistent)

    @property
    def inconsistent(self) -> list[ReportEntry]:
        return [r for r in self.reports if not r.consistent]

    @property
    def error_count(self) -> int:
        return sum(r.errors for r in self.reports)

    @property
    def warning_count(self) -> int:
        return sum(r.warnings for r in self.reports)

    @property
    def regions(self) -> list[Region]:
        groups: dict[str | None, list[Agency]] = defaultdict(list)
        for a in self.agencies:
            groups[a.region].append(a)
        named = sorted((k for k in groups if k), key=str)
        out = [Region(k, groups[k]) for k in named]
        if None in groups:
            out.append(Region(None, groups[None]))
        return out

    def latest(self, count: int) -> list[ReportEntry]:
        """The most recently added files (newest modification time first, then latest year)."""
        return sorted(self.reports, key=lambda r: (-r.mtime, -(r.year or 0), r.source))[:count]

    def search_words(self) -> list[str]:
        """Agency names and regions, for the search's word list."""
        words = {a.name for a in self.agencies}
        words.update(info.name for info in self.registry.values())
        words.update(info.region for info in self.registry.values() if info.region)
        return sorted(words)


_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}")
# Copies of the originals keep their suffix where a browser only shows or saves such a file. Any
# other (a web page, an SVG: data/ is untrusted, and a copy opened at its address would run its
# scripts on the site's own origin) is published as text, `.html.txt`: the links' download
# attribute still saves it under its own name.
PASSIVE_SUFFIXES = frozenset({".txt", ".md", ".csv", ".json", ".pdf", ".doc", ".docx", ".wps", ".ofd", ".rtf",
                              ".odt", ".xls", ".xlsx", ".bin"})


def copy_suffix(path: Path) -> str:
    """The suffix of the copy of the file at `path` in the site."""
    suffix = path.suffix.lower() if _SUFFIX.fullmatch(path.suffix) else ".bin"
    return suffix if suffix in PASSIVE_SUFFIXES else suffix + ".txt"


def build_model(items: list[tuple[dict, Path, str, float]], registry: dict[str, AgencyInfo] | None = None) -> Model:
    """Group checked reports. `items`: (report, file, display source, modification time), with
    cross-report problems already added (reports.add_collection_problems)."""
    registry = registry or {}
    report_slugs: set[str] = set()
    agency_slugs: set[str] = set()
    entries: list[ReportEntry] = []
    agencies: dict[str, Agency] = {}
    years: dict[int, Year] = {}

    # Stable slugs whatever the order the files were listed in.
    for report, path, source, mtime in sorted(items, key=lambda it: it[2]):
        stem = path.stem if path.suffix else path.name
        slug = safe_slug(stem, report_slugs)
        values = figures_mod.compute(report)
        entry = ReportEntry(report, path, source, slug, mtime, {f.key: values[f.key] for f in FIGURES},
                            download_name=f"{slug}{copy_suffix(path)}", rates=figures_mod.rates(values))
        entries.append(entry)

    # A report under another name of a registered agency is its.
    key_of = agency_key_with(agency_aliases(registry))
    for entry in sorted(entries, key=lambda e: (key_of(e.agency_name) or "", e.year or 0, e.source)):
        key = key_of(entry.agency_name)
        if key:
            agency = agencies.get(key)
            if agency is None:
                agency = agencies[key] = Agency(key, key, "", registry.get(key))
            agency.reports.append(entry)
            entry.agency = agency
        info = entry.agency.info if entry.agency else None
        entry.timeliness = checks_timeliness.assess(entry.report, info.kind if info else None)
        if entry.year:
            years.setdefault(entry.year, Year(entry.year)).reports.append(entry)
    for key in sorted(agencies):
        agencies[key].slug = safe_slug(key, agency_slugs)

    groups = {rid: RuleGroup(rule) for rid, rule in rules_mod.RULES.items()}
    for entry in entries:
        for p in entry.problems:
            groups.setdefault(p["rule"], RuleGroup(rules_mod.RULES[p["rule"]])).items.append((entry, p))

    for year in years.values():
        year.reports.sort(key=lambda e: (e.agency.key if e.agency else "", e.source))
    return Model(
        reports=sorted(entries, key=lambda e: e.source),
        agencies=[agencies[k] for k in sorted(agencies)],
        years=[years[y] for y in sorted(years, reverse=True)],
        rule_groups=[g for g in groups.values() if g.items],
        registry=registry,
        by_source={e.report["source"]: e for e in entries},
    )
