"""T-copied-text: parts 一 and 五 repeating another report's text.

The text of parts 一 (总体情况) and 五 (存在的主要问题及改进情况) is cut into overlapping
five-character pieces (shingles) after removing spaces, links and page numbers and writing every
number as one placeholder, so a text copied with this year's numbers filled in still counts as
copied. The share repeated is the exact share of one report's pieces found in the other.

Candidates are found with MinHash and locality-sensitive hashing (LSH, banding): each text gets
64 minimum hashes, cut into 16 bands of 4; reports sharing a band are candidates (about half of
the pieces in common makes a candidate likely, a quarter rarely). That is linear in the number of
reports; the exact share is computed for the best few candidates of each report only. The
same agency's other years are always compared exactly.

A report is flagged once, against the report it repeats most (its own agency's first), when at
least THRESHOLD of its pieces are found there, and only against a report of an earlier year of its
own agency, or of the same or an earlier year of another: the earlier report is not blamed for
being copied, and two files of one agency and year are one report saved twice
(F-duplicate-report), not a copy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .problems import problem

PARTS = ("一", "五")
SHINGLE = 5
NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.8
MIN_SHINGLES = 80  # shorter texts say too little to call them copied
CANDIDATES_PER_BUCKET = 20  # a band shared by thousands of reports: look at a few of them
EXACT_PER_REPORT = 4  # candidates whose exact share is computed, best estimates first
_BLOCK = 1024  # texts whose candidates are found at once (≤ 2.75 MB of bucket mates)
PIECES_CACHED = 4096  # reports whose pieces are kept for the exact shares (8 KB each)

_rng = np.random.default_rng(20211030)
_A = _rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_BASE = np.uint64(1_000_003)
_WIDTH = 512  # pieces hashed at a time by signature: 256 KB for each of the two arrays below
_A_WIDE = np.repeat(_A[:, None], _WIDTH, axis=1)
_B_WIDE = np.repeat(_B[:, None], _WIDTH, axis=1)

_NOISE = re.compile(r"<https?://[^>\s]*>|https?://\S+|(?m:^[ \t]*[-—–]\s*\d+\s*[-—–][ \t]*$)|[\s\u00a0\u3000*]+")
_NUMBER = re.compile(r"[0-9０-９][0-9０-９.,％%]*")


def text_of(report: dict) -> str:
    """Parts 一 and 五 as compared: no spaces, links or page numbers; every number as '#'."""
    texts = [s.get("text") or "" for s in report.get("sections") or [] if s.get("number") in PARTS]
    return _NUMBER.sub("#", _without_noise("\n".join(texts)))


def _without_noise(text: str) -> str:
    # A link needs "http" and a page number a dash: without them the noise is the blanks and '*'
    # alone, which str.split removes ten times faster (\s is str.isspace, as are \u00a0 and \u3000)
    if "http" in text or "-" in text or "—" in text or "–" in text:
        return _NOISE.sub("", text)
    return "".join(text.split()).replace("*", "")


def shingles(text: str) -> np.ndarray:
    """The distinct 64-bit hashes of the text's five-character pieces, sorted."""
    if len(text) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - SHINGLE + 1
    h = codes[:n].copy()  # in place from here: no new array for each step
    for j in range(1, SHINGLE):
        h *= _BASE
        h += codes[j:j + n]
    # mix the bits (splitmix64 finaliser) so that similar pieces get unrelated hashes
    h ^= h >> np.uint64(31)
    h *= np.uint64(0x7FB5D329728EA185)
    h ^= h >> np.uint64(27)
    h.sort()
    return h[np.concatenate(([True], h[1:] != h[:-1]))]  # distinct (np.unique is slower here)


def signature(pieces: np.ndarray) -> np.ndarray:
    """NUM_PERM minimum hashes (multiply-shift hash functions) of a non-empty set of pieces."""
    # up to _WIDTH pieces at a time against the multipliers and offsets already laid out as wide:
    # numpy then skips copying a broadcast column out for each row (a third fewer instructions)
    low = None
    for start in range(0, len(pieces), _WIDTH):
        part = pieces[start:start + _WIDTH]
        h = _A_WIDE[:, :len(part)] * part
        h += _B_WIDE[:, :len(part)]
        least = h.min(axis=1)
        low = least if low is None else np.minimum(low, least, out=low)
    # the shift keeps the order (min of x >> 32 is min(x) >> 32): shifted once, after the minimum
    return (low >> np.uint64(32)).astype(np.uint32)


def share(a: np.ndarray, b: np.ndarray) -> float:
    """The share of a's pieces that are also in b (both sorted and distinct, as shingles gives)."""
    if not len(a):
        return 0.0
    # a piece in both is twice in a row once both are sorted together: the stable sort (timsort)
    # merges the two sorted runs in one pass, where intersect1d sorts them from scratch
    both = np.concatenate((a, b))
    both.sort(kind="stable")
    return int(np.count_nonzero(both[1:] == both[:-1])) / len(a)


def may_reach(size: int, other_size: int) -> bool:
    """Whether a text of `size` pieces can share THRESHOLD of them with one of `other_size`: the
    share is at most other_size / size, so below that no share need be computed."""
    return other_size / size >= THRESHOLD


def membership(sets: list[np.ndarray]) -> np.ndarray:
    """Which of all the pieces of these texts each one has: a row each, a column each distinct
    piece. The pieces two texts have in common are the columns their rows both mark, so one sort
    serves every pair of an agency's reports where share sorts again for each pair."""
    both = np.concatenate(sets)
    order = both.argsort(kind="stable")  # merges the sorted runs, as in share
    ordered = both[order]
    new = np.empty(len(both), dtype=bool)
    new[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    width = int(np.count_nonzero(new))
    column = np.empty(len(both), dtype=np.intp)
    column[order] = np.cumsum(new) - 1
    # marked through the flat index: a two-index assignment takes twice as long
    member = np.zeros(len(sets) * width, dtype=bool)
    member[np.repeat(np.arange(len(sets)) * width, [len(s) for s in sets]) + column] = True
    return member.reshape(len(sets), width)


def bucket_mates(sigs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The texts of each band's buckets (texts with the same ROWS values in that band): `mates`,
    band after band, a bucket's texts together and in order; and for each text and band where its
    bucket starts in mates and how many of it are looked at (CANDIDATES_PER_BUCKET + 1 at most)."""
    n = len(sigs)
    words = sigs.view(np.uint64).reshape(n, BANDS, ROWS // 2)  # a band's values as 64-bit words
    mates = np.empty((BANDS, n), dtype=np.intp)
    start = np.empty((n, BANDS), dtype=np.intp)
    count = np.empty((n, BANDS), dtype=np.intp)
    new = np.empty(n, dtype=bool)
    new[0] = True
    for b in range(BANDS):
        order = np.lexsort(words[:, b].T[::-1])  # stable: a bucket's texts stay in order
        ordered = words[order, b]
        np.any(ordered[1:] != ordered[:-1], axis=1, out=new[1:])
        first = np.flatnonzero(new)
        bucket = np.cumsum(new) - 1
        mates[b] = order
        start[order, b] = b * n + first[bucket]
        count[order, b] = np.minimum(np.diff(first, append=n)[bucket], CANDIDATES_PER_BUCKET + 1)
    return mates.ravel(), start, count


def near(mates: np.ndarray, start: np.ndarray, count: np.ndarray, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    """The texts looked at for texts lo…hi-1, each one's bucket mates band after band (itself
    included), in one array; and where each one's part ends."""
    counts = count[lo:hi].ravel()
    ends = np.cumsum(counts)
    mate = mates[np.arange(ends[-1]) + np.repeat(start[lo:hi].ravel() - (ends - counts), counts)]
    return mate, ends[BANDS - 1::BANDS]


@dataclass
class _Text:
    report: dict
    agency: str | None
    year: int
    size: int  # its number of pieces
    sig: np.ndarray  # the pieces themselves are not kept: 8 KB a report, 800 MB at 100,000


@dataclass(frozen=True)
class Match:
    source: str
    other: str
    share: float  # 0…1
    same_agency: bool


def find_matches(reports: list[dict], agency_key) -> dict[str, Match]:
    """The report each report repeats most (share ≥ THRESHOLD), by source."""
    texts: list[_Text] = []
    # The pieces of the first reports, kept from making their signatures (each is asked for once
    # at least, below): as many as the cache holds, the rest are made again when asked for.
    first: dict[int, np.ndarray] = {}
    for r in reports:
        if not r.get("template") or not r.get("year"):
            continue
        pieces = shingles(text_of(r))
        if len(pieces) >= MIN_SHINGLES:
            texts.append(_Text(r, agency_key(r.get("agency")), r["year"], len(pieces), signature(pieces)))
            if len(first) < PIECES_CACHED:
                first[id(r)] = pieces
    if len(texts) < 2:
        return {}
    # An agency's reports next to each other: their pieces, recomputed when needed, stay cached
    # (4,096 of them, about 32 MB, and as many kept from the first pass until asked for: the
    # candidates of other agencies come back often enough).
    texts.sort(key=lambda t: (t.agency or "", t.year, t.report["source"]))

    @lru_cache(maxsize=PIECES_CACHED)
    def pieces(i: int) -> np.ndarray:
        kept = first.pop(id(texts[i].report), None)
        return kept if kept is not None else shingles(text_of(texts[i].report))
    sigs = np.stack([t.sig for t in texts])
    mates, start, count = bucket_mates(sigs)
    by_agency: dict[str | None, list[int]] = {}
    for i, t in enumerate(texts):
        if t.agency:
            by_agency.setdefault(t.agency, []).append(i)
    years = np.array([t.year for t in texts])
    number = {a: n for n, a in enumerate(by_agency)}
    agencies = np.array([number.get(t.agency, -1) for t in texts], dtype=np.int64)

    best: dict[str, Match] = {}
    group: tuple[str | None, np.ndarray | None] = (None, None)  # an agency's membership, see below
    for i, t in enumerate(texts):
        found: list[Match] = []
        own = by_agency.get(t.agency, []) if t.agency else []
        common = None
        if len(own) > 2:
            # the agency's reports are texts[own[0]:own[-1] + 1] (sorted by agency): the pieces i
            # has in common with each, counted at once from the agency's membership (for two
            # reports, one pair, share costs less than the membership's sort)
            if group[0] != t.agency:
                group = (t.agency, membership([pieces(j) for j in own]))
            member = group[1]
            common = np.count_nonzero(member & member[i - own[0]], axis=1)
        for j in own:
            # Only its own earlier years: two files of one agency and year are one report saved
            # twice (F-duplicate-report), not one copying the other.
            if texts[j].year < t.year and may_reach(t.size, texts[j].size):
                s = share(pieces(i), pieces(j)) if common is None else int(common[j - own[0]]) / t.size
                if s >= THRESHOLD:
                        found.append(Match(t.report["source"], texts[j].report["source"], s, True))
        if i % _BLOCK == 0:
            # the candidates of the next _BLOCK texts: their bucket mates of an earlier or the same
            # year and another agency (or any, for a text without one)
            mate, ends = near(mates, start, count, i, min(i + _BLOCK, len(texts)))
            of = np.repeat(np.arange(i, i + len(ends)), np.diff(ends, prepend=0))
            keep = (mate != of) & (years[mate] <= years[of])
            keep &= (agencies[of] < 0) | (agencies[mate] != agencies[of])
            kept = mate[keep].tolist()
            bounds = np.cumsum(keep)[ends - 1].tolist()
        k = i % _BLOCK
        # a set made from the members in the order the bands list them, as one adding them one by
        # one: the same order of candidates, so the same ones among equal estimates
        candidates = set(kept[bounds[k - 1] if k else 0:bounds[k]])
        if candidates:
            cand = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
            agreeing = np.count_nonzero(sigs[cand] == t.sig, axis=1)  # the estimate times NUM_PERM
            for j in cand[np.argsort(-agreeing, kind="stable")][:EXACT_PER_REPORT].tolist():
                if may_reach(t.size, texts[j].size):
                    s = share(pieces(i), pieces(j))
                    if s >= THRESHOLD:
                        found.append(Match(t.report["source"], texts[j].report["source"], s, False))
        if found:
            best[t.report["source"]] = max(found, key=lambda m: (m.same_agency, m.share, m.other))
    return best


def percent(value: float) -> int:
    """A share as a whole percentage, rounded down (93.9 % repeated is not shown as 94 %)."""
    return int(value * 100 + 1e-9)


def check(reports: list[dict], agency_key) -> dict[str, list[dict]]:
    """T-copied-text problems by report source; `agency_key` normalises agency names."""
    by_source = {r["source"]: r for r in reports}
    out: dict[str, list[dict]] = {}
    for source, m in find_matches(reports, agency_key).items():
        other = by_source[m.other]
        pct = percent(m.share)
        if m.same_agency:
            message = f"第一、五部分与本机关 {other['year']} 年报告（{m.other}）文字重复 {pct}%"
        else:
            message = f"第一、五部分与{other.get('agency') or '另一机关'} {other['year']} 年报告（{m.other}）文字重复 {pct}%"
        p = problem("T-copied-text", source, "一、五 · 文字", message, found=pct, expected=None)
        p["related"] = m.other
        out[source] = [p]
    return out
