"""A project whose data/ holds the seeds and every kind of hostile file, for the site test
(test_hostile_site.py) and benchmarks/hostile_build.py: a symlink to a secret file outside data/,
a symlinked folder outside it, a symlink that stays inside, a FIFO, a 60 MB file, a zip bomb
.docx, a PDF with one page too many, a report with endless prose, a report whose file name is not UTF-8,
and a web page and an SVG that run scripts."""
from __future__ import annotations

import os
from pathlib import Path

from conftest import SEEDS, make_project
from test_hostile_data import SECRET, big_text_file, many_pages_pdf, zip_bomb_docx

from build_scripts.limits import DEFAULT

NOT_UTF8_NAME = b"\xff\xfe\xe5\x90\x8d.txt"  # two bytes that are no UTF-8, then 名
SHOWN_NOT_UTF8_NAME = "\ufffd\ufffd名.txt"
HOSTILE_NAMES = ("passwd.txt", "elsewhere", "inside-link.txt", "pipe.txt", "huge.txt", "bomb.docx",
                 "scan.pdf", "long.txt", "scripted.html", "scripted.svg")
# What the scripts of scripted.html and scripted.svg would do, were a copy of either run.
SCRIPT = "window.pwned = 1; document.title = 'pwned';"


def scripted_page() -> bytes:
    """A report as a web page that also runs a script (a page saved with its site's scripts)."""
    seed = (SEEDS / "001_467beb583403089d.txt").read_text(encoding="utf-8")
    body = "".join(f"<p>{line}</p>" for line in seed.split("\n"))
    return f'<html><head><meta charset="utf-8"><script>{SCRIPT}</script></head><body>{body}</body></html>'.encode()


def scripted_svg() -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" onload="{SCRIPT}"><script>{SCRIPT}</script></svg>'.encode()


def long_prose_report() -> bytes:
    seed = (SEEDS / "000_2cbe264bf5f3dc79.txt").read_text(encoding="utf-8")
    at = seed.index("五、")
    rest = seed[at:].split("\n", 1)[1]
    return (seed[:at] + "五、存在的主要问题及改进情况\n" + "这一段文字很长。" * 60000 + "\n" + rest).encode("utf-8")


def hostile_project(tmp: Path) -> tuple[Path, Path]:
    """(mkdocs.yml, the folder outside data/ holding the secret) of a new project under tmp."""
    files = {p.name: p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))}
    files["bomb.docx"] = zip_bomb_docx(int(DEFAULT.max_unpacked_mb) + 56)
    files["scan.pdf"] = many_pages_pdf(DEFAULT.max_pdf_pages + 1)
    files["long.txt"] = long_prose_report()
    files["scripted.html"] = scripted_page()
    files["scripted.svg"] = scripted_svg()
    config = make_project(tmp, files)
    data = tmp / "data"
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (data / "passwd.txt").symlink_to(outside / "secret.txt")
    (data / "elsewhere").symlink_to(outside, target_is_directory=True)
    (data / "inside-link.txt").symlink_to(data / "001_467beb583403089d.txt")
    os.mkfifo(data / "pipe.txt")
    big_text_file(data / "huge.txt", 60)
    (data / os.fsdecode(NOT_UTF8_NAME)).write_bytes((SEEDS / "002_feb633cd83bcaa70.txt").read_bytes())
    return config, outside
