"""`python -m build_scripts generate`: pages as Markdown files that Markdown passes through
unchanged, links as Markdown files write them, and incremental writing."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from jinja2 import Environment

from build_scripts.__main__ import main
from build_scripts.portal.markdown import front_matter, titled_html_to_html, to_html, to_markdown
from build_scripts.portal.urls import page_url, relative_url, source_link
from build_scripts.portal.writer import MANIFEST
from conftest import HOSTILE_AGENCY, HOSTILE_PROSE, ROOT, SEEDS, fixture_data, make_project


def _site_markdown(text: str) -> str:
    """Markdown → HTML with the extensions of mkdocs.yml (what MkDocs and Zensical use)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions, configs = [], {}
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict):
            (name, options), = ext.items()
            extensions.append(name)
            configs[name] = options or {}
        else:
            extensions.append(ext)
    return markdown.markdown(text, extensions=extensions, extension_configs=configs)


def _dom(html: str) -> list:
    soup = BeautifulSoup(html, "lxml")
    for link in soup.select("a.headerlink"):
        link.decompose()
    for block in soup.select("div.portal-block"):  # the wrapper of inline nodes (markdown.py)
        block.unwrap()
    return [(el.name, sorted((k, str(v)) for k, v in el.attrs.items()), el.get_text())
            for el in soup.find_all(True) if el.name not in ("html", "body")]


HOSTILE_BODY = Environment(autoescape=True).from_string("""
<h1 id="t">{{ a }}</h1>
<h2 id="part-1">一、{{ a }}</h2>
<div class="portal-prose"><p>{{ p }}</p>

<p>{{ p }} * _x_ `y`</p></div>
<h2 id="x">{{ a }}<small>inline markup keeps the heading HTML</small></h2>
<a href="{{ link }}">{{ a }}</a> text at the top level {{ p }}
<svg viewBox="0 0 1 1"><text>{{ a }} *not emphasis*</text></svg>
<!--portal:defer--><div class="portal-scroll"><table><tr><td>{{ a }}</td></tr></table></div><!--/portal:defer-->
<h3 id="sub">{{ p }}</h3>
""").render(a=HOSTILE_AGENCY, p=HOSTILE_PROSE, link="../agencies/x.md")


def test_markdown_of_a_page_renders_back_to_the_same_html():
    text = to_markdown(HOSTILE_BODY)
    assert _dom(_site_markdown(text)) == _dom(HOSTILE_BODY)
    # Headings with text only became Markdown headings (toc and permalink from the generator),
    # the one with markup stayed HTML; inline nodes at the top level were wrapped in one div.
    assert "\n## 一、" in text and "{#part-1}" in text and "\n### " in text
    assert '<h2 id="x">' in text and text.count('<div class="portal-block">') == 1
    assert "<!--portal:defer-->" in _site_markdown(text)


def test_each_top_level_element_ends_at_its_own_closing_tag():
    body = ('<div class="a"><div><p>x</p></div><!-- <div> --></div>\n<DIV>y<div/></DIV>text <b>z</b>'
            '<!--portal:kept:0--><br><p>w</p>')
    assert to_markdown(body) == (
        '<div class="a"><div><p>x</p></div><!-- <div> --></div>\n\n<DIV>y<div/></DIV>\n\n'
        '<div class="portal-block">\ntext \n<b>z</b>\n</div>\n\n<!--portal:kept:0-->\n\n'
        '<div class="portal-block">\n<br>\n</div>\n\n<p>w</p>\n')
    for broken in ("<div><p>x</p>", "<p>x</p></div>"):
        with pytest.raises(ValueError):
            to_markdown(broken)


def test_the_plugins_shortcut_makes_what_markdown_makes_of_every_generated_page(tmp_path, capsys):
    files, _, agencies = fixture_data()  # seeds, generated, hostile and unreadable files
    config = make_project(tmp_path, files, agencies=agencies)
    assert main(["generate", "-f", str(config)]) == 0
    capsys.readouterr()
    docs = tmp_path / "generated"
    pages = [p for p in docs.rglob("*.md") if p.relative_to(docs).parts[0] in ("reports", "agencies", "years", "problems")
             or p.name == "index.md" and p.parent == docs]
    assert len(pages) > 30
    for page in pages + [None]:
        text = page.read_text(encoding="utf-8").split("---\n", 2)[2] if page else to_markdown(HOSTILE_BODY)
        html, headings = to_html(text)
        assert _dom(html) == _dom(_site_markdown(text)), page
        assert [h[1] for h in headings] == re.findall(r"^#{2,3} .* \{#([\w-]+)\}$", text, re.M)


def test_the_shortcut_for_titled_html_pages_makes_what_markdown_makes(tmp_path, capsys, monkeypatch):
    """The paged 数据下载 and 对比 pages (a `# title` and raw HTML) skip Markdown in the plugin
    (titled_html_to_html); pages of 2 rows, so that a few reports make several pages."""
    import build_scripts.opendata.site as site_mod

    real = site_mod.paginate
    monkeypatch.setattr(site_mod, "paginate", lambda src, total: real(src, total, 2))
    files, _, agencies = fixture_data()
    config = make_project(tmp_path, files, agencies=agencies)
    assert main(["generate", "-f", str(config)]) == 0
    capsys.readouterr()
    docs = tmp_path / "generated"
    paged = [p for folder in ("data", "compare") for p in (docs / folder).glob("*.md") if p.stem != "index"]
    assert len(paged) >= 4
    for page in paged + [docs / "data" / "index.md", docs / "compare" / "index.md"]:
        text = page.read_text(encoding="utf-8").split("---\n", 2)[2]
        converted = titled_html_to_html(text)
        if page.stem == "index":
            assert converted is None, page  # Markdown prose: Markdown reads it
            continue
        html, headings = converted
        expected = _site_markdown(text)
        assert _dom(html) == _dom(expected), page
        h1 = BeautifulSoup(expected, "lxml").h1
        assert headings == [(1, h1["id"], h1.get_text().replace("¶", ""))]
    assert titled_html_to_html("# 标题\n\n正文 *强调*\n") is None
    assert titled_html_to_html("# 标题 [链接](x.md)\n\n<p>x</p>\n") is None


def test_hostile_heading_text_is_literal_in_markdown():
    title = "**粗** [链](http://evil.example/) {#id} <b>x</b> `c` _u_ \\ &amp; #"
    html = _site_markdown(to_markdown(f'<h2 id="h">{_escape(title)}</h2>'))
    soup = BeautifulSoup(html, "lxml")
    assert soup.h2["id"] == "h" and soup.h2.get_text().replace("¶", "") == title
    assert not soup.select("h2 strong, h2 a[href^=http], h2 b, h2 code, h2 em")


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_front_matter_keeps_titles_inert():
    front = yaml.safe_load(front_matter(HOSTILE_AGENCY, {"agency": HOSTILE_AGENCY}).strip("-\n"))
    assert front["agency"] == HOSTILE_AGENCY  # the value, quoted as YAML needs
    assert "<" not in front["title"] and "{" not in front["title"]


def test_links_are_written_as_markdown_links_for_zensical():
    assert source_link("agencies/测试局.md", "reports/r.md", "a") == "../agencies/%E6%B5%8B%E8%AF%95%E5%B1%80.md#a"
    assert source_link("reports/r/r.txt", "reports/r.md") == "r/r.txt"
    assert source_link("data/index.md", "index.md") == "data/index.md"


def test_links_for_mkdocs_are_the_built_urls_relative_to_the_linking_page():
    assert page_url("index.md") == "./" and page_url("years/2024.md") == "years/2024/"
    assert page_url("reports/测试.md") == "reports/%E6%B5%8B%E8%AF%95/"
    assert page_url("reports/r.md", use_directory_urls=False) == "reports/r.html"
    assert page_url("downloads/a b.csv") == "downloads/a%20b.csv"
    assert relative_url("agencies/", "reports/r/") == "../../agencies/"
    assert relative_url("reports/r/r.txt", "reports/r/") == "r.txt"
    assert relative_url("agencies/x.html", "reports/r.html") == "../agencies/x.html"
    assert relative_url("./", "years/2024/") == "../../"


# -- incremental writing ----------------------------------------------------------------------


@pytest.fixture
def project(tmp_path):
    files = {p.name: p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))[:3]}
    return make_project(tmp_path, files)


def _generate(config: Path, capsys) -> dict:
    assert main(["generate", "-f", str(config)]) == 0
    line = capsys.readouterr().out
    written, unchanged, removed = map(int, re.search(r"写入 (\d+) 个文件，(\d+) 个未变，删除 (\d+) 个", line).groups())
    return {"written": written, "unchanged": unchanged, "removed": removed}


def test_generation_rewrites_only_what_changed_and_removes_pages_of_removed_reports(project, capsys):
    docs = project.parent / "generated"
    first = _generate(project, capsys)
    assert first["written"] > 20 and first["removed"] == 0
    stamps = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file() and p.name != MANIFEST}
    report = docs / "reports" / "000_2cbe264bf5f3dc79.md"
    assert report.is_file() and (docs / "reports" / "000_2cbe264bf5f3dc79" / "000_2cbe264bf5f3dc79.txt").is_file()
    assert (docs / "about.md").read_bytes() == (ROOT / "docs" / "about.md").read_bytes()

    again = _generate(project, capsys)
    assert again == {"written": 0, "unchanged": first["written"], "removed": 0}
    assert all(p.stat().st_mtime_ns == t for p, t in stamps.items())

    # A report removed from data/: its page, its copy and its downloads go; other reports' pages stay.
    (project.parent / "data" / "000_2cbe264bf5f3dc79.txt").unlink()
    third = _generate(project, capsys)
    assert third["removed"] >= 4  # page, original, JSON and CSV downloads
    assert not report.exists() and not (docs / "reports" / "000_2cbe264bf5f3dc79").exists()
    assert not (docs / "downloads" / "reports" / "000_2cbe264bf5f3dc79.json").exists()
    other = docs / "reports" / "001_467beb583403089d.md"
    assert other.stat().st_mtime_ns == stamps[other]
    manifest = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    assert "reports/000_2cbe264bf5f3dc79.md" not in manifest and "reports/001_467beb583403089d.md" in manifest


def test_generation_never_deletes_files_it_did_not_write(project, capsys):
    docs = project.parent / "generated"
    own = docs / "notes" / "mine.txt"
    own.parent.mkdir(parents=True)
    own.write_text("kept", encoding="utf-8")
    _generate(project, capsys)
    shutil.rmtree(project.parent / "data")
    (project.parent / "data").mkdir()
    _generate(project, capsys)
    assert own.read_text(encoding="utf-8") == "kept"
    assert not list((docs / "reports").glob("*.md"))
