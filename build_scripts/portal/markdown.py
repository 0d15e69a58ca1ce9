"""A rendered page body (HTML from the Jinja2 templates) as a Markdown page that MkDocs, ProperDocs
and Zensical all turn back into the same HTML.

Python-Markdown (what all three use) passes a block-level HTML element that starts a line through
untouched, blank lines inside it included. So the body is cut into its top-level nodes:

- a top-level `<h2>`/`<h3>` with an id and text only becomes a Markdown heading (`## text {#id}`),
  so that the table of contents and the heading's permalink come from the site generator; its
  text is written with every ASCII punctuation character that Markdown syntax can start with as
  a numeric character reference, so no character of it can be Markdown, HTML or attribute-list
  syntax;
- the other nodes are written one after another, a blank line between them, each starting a
  line; what Markdown would not pass through whole (text, an inline element such as <a> or
  <svg>) is wrapped, each run of such nodes in one <div class="portal-block">.

Text from reports is escaped by the templates (autoescape) before it gets here, and inside a raw
HTML block Markdown reads none of it: `**`, `[x](y)`, `{{ }}` stay characters.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

import yaml

from .model import safe_title

# Python-Markdown's block-level elements (markdown.Markdown().block_level_elements), the tags
# whose element it keeps whole as raw HTML when one starts a line.
BLOCK_LEVEL = frozenset("""address article aside blockquote details div dl fieldset figcaption figure
footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul canvas
colgroup dd body dt group html iframe li legend math map noscript output object option progress
script style summary tbody td textarea tfoot th thead tr video center""".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())

_TOKEN = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*?)?(/?)>", re.S)
_HEADING = re.compile(r'<(h[23]) id="([A-Za-z0-9_-]+)">([^<]*)</\1>\Z')
# ASCII punctuation that some Markdown syntax may start; - . , / ; ? @ % (rule ids, dates,
# paths) only mean something at the start of a line, which heading text never is.
_PUNCT = re.compile(r"[!\"#$&'()*+:<=>\[\\\]^_`{|}~]")


@lru_cache(maxsize=64)
def _same_name(tag: str) -> re.Pattern:
    """Comments and the opening and closing tags named `tag` (an element's end is found by these
    alone: the regex engine skips the tags in between)."""
    return re.compile(rf"<!--.*?-->|<(/?){re.escape(tag)}(?:\s[^>]*?)?(/?)>", re.S | re.I)


def _nodes(body: str) -> list[tuple[str, str, str]]:
    """The top-level nodes of `body` in order, as (kind, tag name, source text): kind is
    "element", "comment" or "text" (tag name empty for the last two)."""
    out: list[tuple[str, str, str]] = []
    pos = 0
    while (m := _TOKEN.search(body, pos)) is not None:
        if m.start() > pos and body[pos:m.start()].strip():
            out.append(("text", "", body[pos:m.start()]))
        if m.group(0).startswith("<!--"):
            out.append(("comment", "", m.group(0)))
            pos = m.end()
            continue
        closing, tag, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            raise ValueError(f"unbalanced </{tag}> in a generated page")
        if self_closing or tag in VOID:
            out.append(("element", tag, m.group(0)))
            pos = m.end()
            continue
        depth = 1
        for inner in _same_name(tag).finditer(body, m.end()):
            if inner.group(0).startswith("<!--") or inner.group(2):
                continue
            depth += -1 if inner.group(1) else 1
            if depth == 0:
                out.append(("element", tag, body[m.start():inner.end()]))
                pos = inner.end()
                break
        else:
            raise ValueError(f"unclosed <{tag}> in a generated page")
    if body[pos:].strip():
        out.append(("text", "", body[pos:]))
    return out


def heading_text(text: str) -> str:
    """Text as Markdown heading text that reads as exactly this text (see the module docstring)."""
    return _PUNCT.sub(lambda m: f"&#{ord(m.group(0))};", text.replace("\n", " ").strip())


def to_markdown(body: str) -> str:
    """The Markdown source of a page whose HTML is `body` (see the module docstring)."""
    blocks: list[str] = []
    inline: list[str] = []

    def flush():
        if inline:
            inner = "\n".join(source.strip("\n") for source in inline)
            blocks.append(f'<div class="portal-block">\n{inner}\n</div>')
            inline.clear()

    for kind, tag, source in _nodes(body):
        heading = _HEADING.match(source) if kind == "element" and tag in ("h2", "h3") else None
        if heading:
            flush()
            level = "##" if heading.group(1) == "h2" else "###"
            blocks.append(f"{level} {heading_text(html.unescape(heading.group(3)))} {{#{heading.group(2)}}}")
        elif kind == "comment" or (kind == "element" and tag in BLOCK_LEVEL):
            flush()
            blocks.append(source)
        else:
            inline.append(source)
    flush()
    return "\n\n".join(blocks) + "\n"


_HEADING_LINE = re.compile(r"(#{2,3}) (.*) \{#([A-Za-z0-9_-]+)\}\Z")


def to_html(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """What Python-Markdown (with mkdocs.yml's toc: permalink) makes of a page body written by
    to_markdown, without parsing it: its blocks are raw HTML, kept as they are, and headings.
    Returns the HTML and the headings as (level, id, text as HTML). The MkDocs plugin uses it
    for speed; tests/test_generate.py checks it against Python-Markdown on whole sites."""
    out: list[str] = []
    headings: list[tuple[int, str, str]] = []
    for block in text.strip("\n").split("\n\n"):
        m = _HEADING_LINE.match(block) if block.startswith("##") else None
        if m:
            level, name, anchor = len(m.group(1)), m.group(2), m.group(3)
            headings.append((level, anchor, name))
            out.append(f'<h{level} id="{anchor}">{name}<a class="headerlink" href="#{anchor}" '
                       f'title="Permanent link">&para;</a></h{level}>')
        else:
            out.append(block)
    return "\n".join(out), headings


_TITLE_LINE = re.compile(r"# ([^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f][^\x00-\x1f\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]*)")


def titled_html_to_html(text: str) -> tuple[str, list[tuple[int, str, str]]] | None:
    """What Python-Markdown (toc: permalink) makes of a page that is one `# title` line of plain
    text (no ASCII punctuation) followed by block-level raw HTML elements, each starting a line
    (the paged 数据下载 and 对比 pages): the title as an h1 with the id toc gives it, the HTML
    kept as it is. None for a page of any other shape (Markdown then reads it). For the MkDocs
    plugin, like to_html; tests/test_generate.py checks it against Python-Markdown."""
    from markdown.extensions.toc import slugify, unique

    head, _, rest = text.strip("\n").partition("\n\n")
    title = _TITLE_LINE.fullmatch(head)
    if title is None or not rest.strip():
        return None
    try:
        nodes = _nodes(rest)
    except ValueError:
        return None
    pos = 0
    for kind, tag, source in nodes:
        if kind == "text" or (kind == "element" and tag not in BLOCK_LEVEL):
            return None
        at = rest.find(source, pos)
        if at < 0 or (at and "\n" not in rest[pos:at]) or rest[pos:at].strip():
            return None  # an element that does not start a line is not a raw HTML block
        pos = at + len(source)
    name = title.group(1).strip()
    anchor = unique(slugify(name, "-"), set())
    h1 = f'<h1 id="{anchor}">{name}<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></h1>'
    return h1 + "\n" + rest, [(1, anchor, name)]


# libyaml's emitter where PyYAML has it: five times faster on every page.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(title: str, meta: dict | None = None) -> str:
    """The YAML front matter of a generated page; the title made inert (model.safe_title)."""
    front = {"title": safe_title(title), **(meta or {})}
    return "---\n" + yaml.dump(front, Dumper=_DUMPER, allow_unicode=True, sort_keys=False) + "---\n\n"
