"""Site URLs of generated pages, computed the way MkDocs and Zensical compute them.

The generated pages link to each other from inside HTML blocks. Their href/src links are
written as a Markdown file's links are (source_link: relative to the page's source file, to
`.md` sources), which Zensical turns into URLs in raw HTML too; MkDocs leaves raw HTML alone,
so the portal plugin does the same (rewrite_links). Every link ends up relative to the linking
page, so the site works from any folder of any static file server.
"""
from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL (relative to the site root, quoted) of the file built from `src_uri`:
    `reports/x.md` → `reports/x/`, `index.md` → `./`, `a/b.csv` → `a/b.csv`."""
    if src_uri.endswith(".md"):
        parent, name = posixpath.split(src_uri[:-3])
        if name == "index":
            url = (parent or ".") + "/" if use_directory_urls else posixpath.join(parent, "index.html")
        elif use_directory_urls:
            url = posixpath.join(parent, name) + "/"
        else:
            url = posixpath.join(parent, name + ".html")
    else:
        url = src_uri
    return quote(url)


def _parts(path: str) -> list[str]:
    out: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if out:
                out.pop()
        else:
            out.append(part)
    return out


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at `other` (both site URLs); as mkdocs.utils.get_relative_url."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


def source_link(target: str, page: str, anchor: str | None = None) -> str:
    """A link from the page whose source is `page` to the file whose source is `target`, as a
    Markdown file links: relative to the page's source folder, to the `.md` source of a page
    (quoted). Zensical rewrites such links in raw HTML to the built URLs itself; MkDocs does not
    look into raw HTML, so the portal plugin does it (rewrite_links)."""
    rel = _relpath(target, posixpath.dirname(page) or ".")
    return rel + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relpath(target: str, folder: str) -> str:
    """quote(posixpath.relpath(target, folder)): pages of one folder share most of their links
    (the indexes, rules, years), so this is cached."""
    return quote(posixpath.relpath(target, folder))


# href/src values to rewrite; those starting with #, / or a scheme (https:, mailto: …) are left
# as they are (rewrite_links would return them unchanged) without a call for each.
_ATTR = re.compile(r'(\s(?:href|src)=)(["\'])(?![#/]|[A-Za-z][A-Za-z0-9+.-]*:)([^"\']*)\2')


@lru_cache(maxsize=65536)
def _target_url(base: str, value: str, use_directory_urls: bool) -> tuple[str, str] | None:
    """(site URL of the link's target, its ?query#fragment) for a link `value` written in a page
    whose source folder is `base`; None for a link left as it is. Pages of one folder share
    most of their links (index pages, rules, years), so this is cached."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith(("/", "#")) or not parts.path:
        return None
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    return (page_url(target, use_directory_urls),
            (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else ""))


def rewrite_links(html: str, src_uri: str, url: str, use_directory_urls: bool = True) -> str:
    """The href and src links of a page's HTML, written as source_link writes them, turned into
    URLs relative to the page's URL `url` (what Zensical does for raw HTML)."""
    base = posixpath.dirname(src_uri)

    def one(m: re.Match) -> str:
        found = _target_url(base, m.group(3), use_directory_urls)
        if found is None:
            return m.group(0)
        return f"{m.group(1)}{m.group(2)}{relative_url(found[0], url)}{found[1]}{m.group(2)}"

    return _ATTR.sub(one, html)
