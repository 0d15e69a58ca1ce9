"""Long lists split into pages of a bounded size, so no page of the site grows with the
collection: a year's reports, a rule's problems, the agencies, the downloads and the 对比 table
are listed PER_PAGE (or per_page) rows a page, page 1 at the list's own page and the others
at <page>/2.md, <page>/3.md …, every page linking the first, the last and the pages near it
(macro `pager`: every page is reached in a few steps, and the pager stays short on a phone and
does not grow with the list).
"""
from __future__ import annotations

from dataclasses import dataclass

PER_PAGE = 100
NEAR = 3  # pages linked either side of the current one


def page_source(src_uri: str, number: int) -> str:
    """The source path of page `number` of the list whose first page is src_uri."""
    if number == 1:
        return src_uri
    base = src_uri[:-3]
    if base == "index" or base.endswith("/index"):
        base = base[:-len("index")].rstrip("/")
    return f"{base}/{number}.md" if base else f"{number}.md"


@dataclass(frozen=True)
class Pager:
    number: int  # 1-based
    sources: tuple[str, ...]  # the source path of every page, in order
    start: int  # the rows of this page: rows[start:stop]
    stop: int
    total: int

    @property
    def pages(self) -> int:
        return len(self.sources)

    @property
    def src_uri(self) -> str:
        return self.sources[self.number - 1]

    def rows(self, items):
        return items[self.start:self.stop]

    def links(self) -> list[tuple[int, str] | None]:
        """The pages the pager shows, as (number, source path): the first, the last and NEAR
        either side of this one; None where pages are left out (a gap of one page is shown)."""
        shown = sorted({1, self.pages, *range(max(1, self.number - NEAR), min(self.pages, self.number + NEAR) + 1)})
        out: list[tuple[int, str] | None] = []
        previous = 0
        for n in shown:
            if n - previous == 2:
                out.append((n - 1, self.sources[n - 2]))
            elif n - previous > 2:
                out.append(None)
            out.append((n, self.sources[n - 1]))
            previous = n
        return out


def paginate(src_uri: str, total: int, per_page: int = PER_PAGE) -> list[Pager]:
    """The pages of a list of `total` rows whose first page is src_uri (one page when empty)."""
    count = max(1, -(-total // per_page))
    sources = tuple(page_source(src_uri, n) for n in range(1, count + 1))
    return [Pager(n, sources, (n - 1) * per_page, min(total, n * per_page), total) for n in range(1, count + 1)]


def agency_groups(model, pager: Pager) -> list[tuple]:
    """The agencies of one page of the agencies index, in their region and level groups:
    [(region name, region number, [(level, level number, agencies)])]; the numbers are the
    groups' places in the whole index (their headings' anchors)."""
    out: list[tuple] = []
    position = 0
    for region_number, region in enumerate(model.regions, 1):
        levels = []
        for level_number, (level, agencies) in enumerate(region.by_level, 1):
            part = agencies[max(0, pager.start - position):max(0, pager.stop - position)]
            position += len(agencies)
            if part:
                levels.append((level, level_number, part))
        if levels:
            out.append((region.name, region_number, levels))
    return out
