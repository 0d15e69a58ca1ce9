"""Site URLs of generated pages, computed the way MkDocs and Zensical compute them.

The generated pages link to each other from inside HTML blocks, which neither site generator
rewrites, so their links are computed here: a page's URL from its source path (with or without
`use_directory_urls`), and a link as a path relative to the linking page, so the site works
from any folder of any static file server.
"""
from __future__ import annotations

import posixpath
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
