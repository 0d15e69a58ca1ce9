"""Search words: the jieba user dictionary of Material's search (agency names, regions, the
templates' terms), shipped in the site as search/jieba_userdict.txt, and the keywords that make
Material's search find a page by the words it contains (see search_keywords)."""
from __future__ import annotations

import re

from .. import template as tpl

# Words of the templates that a reader searches for and jieba would otherwise cut apart.
EXTRA_TERMS = ("政府信息公开", "信息处理费", "依申请公开", "主动公开", "政务公开", "上年结转",
               "结转下年度", "年度报告", "行政复议", "行政诉讼")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
_HAN_ONLY = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def template_terms() -> list[str]:
    """The labels of tables 二, 三 and 四 that are worth one search word each."""
    words = set(EXTRA_TERMS)
    for t in tpl.BY_ID.values():
        words.update(row.label for row in t.proactive)
        words.update(c.label for c in t.app_columns)
        words.update(row.core for row in t.app_rows if row.level == 1)
        words.update(c.label for c in t.review_columns)
        for _, label in t.review_groups:
            words.update(label.split(" · "))
    return sorted(w for w in words if _HAN_ONLY.fullmatch(w))


def dictionary_words(names: list[str]) -> list[str]:
    """Search words for names: a name written in Chinese characters only is one word; of any
    other name, its runs of two or more Chinese characters (the search only segments those)."""
    words: set[str] = set()
    for name in names:
        if _HAN_ONLY.fullmatch(name):
            words.add(name)
        else:
            words.update(_HAN_RUN.findall(name))
    return sorted(words)


def search_keywords(words: list[str], text: str) -> list[str]:
    """Keywords that make Material's search find a page by the dictionary words it contains.

    Material segments a Chinese query in the browser greedily, by the longest tokens of the
    index found in the query *without its last character* (search/query/segment in its
    worker), then appends a wildcard: "沙坡头区科学技术局" is looked up as "沙坡头区科学技术*".
    With every agency name one word of the index (the user dictionary), that prefix is no token
    of the index, and the query would fall back to its first short word (沙坡头区*), matching
    every agency of the district. So each page that contains a dictionary word of three or
    more characters carries that word less its last character as a keyword (the search index's
    `tags` field, which is not segmented): the query becomes exactly that prefix and finds the
    pages that contain the word, those first. Only Chinese-only words (what the search
    segments) are used."""
    return sorted({w[:-1] for w in words if len(w) >= 3 and _HAN_ONLY.fullmatch(w) and w in text})


# Characters that end the name of a place in an agency's name (沙坡头区|科学技术局).
_PLACE_END = "省市区县州盟旗镇乡"


def name_keywords(name: str | None) -> list[str]:
    """search_keywords for an agency's pages: its name, and the endings of its name after each
    place in it, so that 科学技术局 or 工业和信息化局 finds those of every place."""
    words = dictionary_words([name]) if name else []
    endings = [w[k + 1:] for w in words for k, ch in enumerate(w) if ch in _PLACE_END and k]
    return search_keywords(words + endings, "\n".join(words))


def user_dictionary(model, own_lines: list[str]) -> str:
    """The jieba user dictionary: `own_lines` (a dictionary of the site's own, kept first), then
    every agency name and region of `model` and the templates' terms."""
    lines = [line.strip() for line in own_lines if line.strip()]
    known = {line.split()[0] for line in lines}
    words = dictionary_words(model.search_words()) + template_terms()
    lines.extend(w for w in dict.fromkeys(words) if w not in known)
    return "\n".join(lines) + "\n"


def page_keywords(model) -> dict[str, list[str]]:
    """search_keywords of the report and agency pages, by source path."""
    terms = template_terms()
    out: dict[str, list[str]] = {}
    for agency in model.agencies:
        out[agency.src_uri] = name_keywords(agency.name)
    for entry in model.reports:
        r = entry.report
        parts = [entry.agency_name or "", r.get("opening") or ""]
        parts += [s.get("text") or "" for s in r.get("sections", [])]
        if entry.parsed:  # the labels of its tables are on the page too
            t = tpl.get(entry.template)
            parts += [row.label for row in t.proactive] + [row.label for row in t.app_rows]
            parts += [c.label for c in t.app_columns + t.review_columns]
            parts += [label for _, label in t.review_groups]
        keywords = set(name_keywords(entry.agency_name)) | set(search_keywords(terms, "\n".join(parts)))
        out[entry.src_uri] = sorted(keywords)
    return out
