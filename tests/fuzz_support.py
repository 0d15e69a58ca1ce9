"""Mutants of real and generated reports, for the fuzz test (test_fuzz.py) and
benchmarks/fuzz_benchmark.py: the seeds and generated reports (every layout and template) as
.txt, and as .docx, .pdf and .html (tests/format_fixtures.py), cut at random places, with lines
and cells deleted or duplicated, re-encoded, and with control characters, markup and absurd
numbers inserted; the binary formats are also mutated inside (the .docx's XML) and as bytes.
Deterministic: the same seed gives the same mutants."""
from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

import format_fixtures as ff
from build_scripts import synthetic

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
FUZZ_SEED = 20261201
# Mutants of each original, by its format: PDFs cost most to read, so they get fewer.
PER_ORIGINAL = {"txt": 80, "html": 40, "docx": 30, "pdf": 8}

CONTROL = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\u200b", "\ufeff", "\u2028", "\u202e", "\r", "\x85"]
MARKUP = ["<script>alert(1)</script>", "<table><tr><td>", "</td></tr></table>", "<!--", "-->", "{{ 7*7 }}",
          "{% raw %}", "**", "[x](javascript:alert(1))", "<![CDATA[", "&#0;", "&nbsp;", "\t\t\t", "|---|",
          "<html><body>", "%PDF-1.7", "PK\x03\x04", "一、", "（七）总计", "二、上年结转政府信息公开申请数量"]
NUMBERS = ["9" * 40, "-5", "１２３", "1,2,3", "1e309", "NaN", "０", "3.5", "七", "—", "12,34", "٣"]
ENCODINGS = ["gb18030", "utf-16", "utf-16-be", "utf-8-sig", "big5", "latin-1"]


@dataclass
class Mutant:
    name: str  # file name, with the original's suffix
    data: bytes
    how: str  # the mutations applied, for the failure message


def originals() -> list[tuple[str, str, bytes, str | None]]:
    """(name, format, bytes, text) of every original; text is None for binary formats."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        out.append((path.stem, "txt", path.read_bytes(), path.read_text(encoding="utf-8")))
    for i, (template, layout) in enumerate((t, lay) for t in ("2021", "2019") for lay in synthetic.LAYOUTS):
        text, _ = synthetic.make_report(template, 900 + i, layout=layout, year=2020 + i)
        out.append((f"gen_{template}_{layout}", "txt", text.encode("utf-8"), text))
    seed = ff.seed_report(ff.TAB_SEEDS[0])
    generated = ff.synthetic_report("2019", 950)
    for name, report in (("seed", seed), ("gen2019", generated)):
        html = ff.to_html(report)
        out.append((f"{name}_html", "html", html, html.decode("utf-8")))
        out.append((f"{name}_docx", "docx", ff.to_docx(report), None))
    out.append(("seed_pdf", "pdf", ff.to_pdf(seed), None))
    return out


# -- text mutations ---------------------------------------------------------------------------------

def _cut(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(len(text) + 1)]


def _lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(lines))
        if rng.random() < 0.5:
            del lines[i]
            if not lines:
                lines = [""]
        else:
            lines[i:i] = [lines[i]] * rng.randint(1, 3)
    return "\n".join(lines)


def _cells(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if "\t" in line or "<td" in line or "  " in line]
    for _ in range(rng.randint(1, 8)):
        if not rows:
            break
        i = rng.choice(rows)
        sep = "\t" if "\t" in lines[i] else ("</td>" if "</td>" in lines[i] else "  ")
        cells = lines[i].split(sep)
        j = rng.randrange(len(cells))
        if rng.random() < 0.5 and len(cells) > 1:
            del cells[j]
        else:
            cells.insert(j, cells[j])
        lines[i] = sep.join(cells)
    return "\n".join(lines)


def _insert(text: str, rng: random.Random, pool: list[str]) -> str:
    for _ in range(rng.randint(1, 10)):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(pool) + text[at:]
    return text


def _numbers(text: str, rng: random.Random) -> str:
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    for _ in range(rng.randint(1, 10)):
        if not digits:
            break
        at = rng.choice(digits)
        text = text[:at] + rng.choice(NUMBERS) + text[at + 1:]
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    return text


TEXT_MUTATIONS = {
    "cut": _cut,
    "lines": _lines,
    "cells": _cells,
    "control": lambda t, rng: _insert(t, rng, CONTROL),
    "markup": lambda t, rng: _insert(t, rng, MARKUP),
    "numbers": _numbers,
}


def _encode(text: str, rng: random.Random) -> tuple[bytes, str]:
    if rng.random() < 0.7:
        return text.encode("utf-8", "surrogatepass"), "utf-8"
    encoding = rng.choice(ENCODINGS)
    data = text.encode(encoding, "replace")
    if rng.random() < 0.3:  # a file that switches encoding half-way
        at = rng.randrange(len(text) + 1)
        data = text[:at].encode("utf-8") + text[at:].encode(encoding, "replace")
        encoding = f"utf-8+{encoding}"
    return data, encoding


# -- byte mutations ---------------------------------------------------------------------------------

def _bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    data = bytearray(data)
    done = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(("truncate", "flip", "duplicate", "delete", "insert"))
        at = rng.randrange(len(data) + 1)
        if kind == "truncate":
            data = data[:at]
        elif kind == "flip" and data:
            for _ in range(rng.randint(1, 20)):
                i = rng.randrange(len(data))
                data[i] = rng.randrange(256)
        elif kind == "duplicate":
            data[at:at] = data[at:at + rng.randint(1, 4096)]
        elif kind == "delete":
            del data[at:at + rng.randint(1, 4096)]
        else:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        done.append(kind)
    return bytes(data), "bytes:" + "+".join(done)


def _docx_inside(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """The .docx with its document.xml mutated as text (rows, cells, markup), zipped again."""
    src = zipfile.ZipFile(io.BytesIO(data))
    xml = src.read("word/document.xml").decode("utf-8")
    kind = rng.choice(("rows", "cells", "markup", "cut", "numbers"))
    if kind in ("rows", "cells"):
        tag = "<w:tr" if kind == "rows" else "<w:tc>"
        parts = xml.split(tag)
        for _ in range(rng.randint(1, 5)):
            if len(parts) < 3:
                break
            i = rng.randrange(1, len(parts))
            if rng.random() < 0.5:
                del parts[i]
            else:
                parts.insert(i, parts[i])
        xml = tag.join(parts)
    elif kind == "markup":
        xml = _insert(xml, rng, MARKUP + CONTROL)
    elif kind == "numbers":
        xml = _numbers(xml, rng)
    else:
        xml = _cut(xml, rng)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, xml.encode("utf-8") if item.filename == "word/document.xml" else src.read(item))
    return out.getvalue(), f"docx-xml:{kind}"


# -- the mutants -------------------------------------------------------------------------------------

def mutants(seed: int = FUZZ_SEED, scale: float = 1.0) -> list[Mutant]:
    rng = random.Random(seed)
    out: list[Mutant] = []
    for name, fmt, data, text in originals():
        for n in range(max(1, round(PER_ORIGINAL[fmt] * scale))):
            if text is not None and rng.random() < 0.85:
                steps = rng.sample(sorted(TEXT_MUTATIONS), rng.randint(1, 3))
                mutated = text
                for step in steps:
                    mutated = TEXT_MUTATIONS[step](mutated, rng)
                body, encoding = _encode(mutated, rng)
                how = "+".join(steps) + f" ({encoding})"
            elif fmt == "docx" and rng.random() < 0.6:
                body, how = _docx_inside(data, rng)
            else:
                body, how = _bytes(data, rng)
            out.append(Mutant(f"{name}-{n:03d}.{fmt}", body, how))
    return out
