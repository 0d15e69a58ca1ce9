"""Site URLs of generated pages, computed the way MkDocs and Zensical compute them.

The generated pages link to each other from inside HTML blocks. Zensical rewrites the relative
href/src links of raw HTML as it does a Markdown file's links, so for Zensical they are written
relative to the page's source file, to `.md` sources (source_link); MkDocs leaves raw HTML
alone, so for MkDocs they are written as the built URLs relative to the page's URL (page_url,
relative_url; generate's built_links). Either way every link in the built site is relative to
the linking page, so the site works from any folder of any static file server.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote


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
    (quoted), which Zensical rewrites to the built URL."""
    rel = _relpath(target, posixpath.dirname(page) or ".")
    return rel + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relpath(target: str, folder: str) -> str:
    """quote(posixpath.relpath(target, folder)): pages of one folder share most of their links
    (the indexes, rules, years), so this is cached."""
    return quote(posixpath.relpath(target, folder))
