"""The CJK font the PDF fixtures are printed with ships with the tests (no system font needed)."""
from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).parent / "fixtures" / "fonts"


def _script():
    spec = importlib.util.spec_from_file_location("make_fixture_font", FONTS / "make_fixture_font.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fixture_font_has_every_chinese_character_the_pdf_fixtures_print():
    script = _script()
    cmap = TTFont(script.OUT)["cmap"].getBestCmap()
    wanted = {ch for ch in script.printed_characters()
              if unicodedata.category(ch) == "Lo" or 0x3000 <= ord(ch) <= 0x303F or 0xFF01 <= ord(ch) <= 0xFF5E}
    missing = sorted(ch for ch in wanted if ord(ch) not in cmap)
    assert "沙" in wanted and "勾" in wanted  # the sources were found
    assert len(script.gb2312_level1()) == 3755
    assert not missing, f"run tests/fixtures/fonts/make_fixture_font.py again; missing: {''.join(missing)}"


def test_fixture_font_is_renamed_truetype_with_its_licence():
    font = TTFont(FONTS / "FixtureSansCJK.ttf")
    assert "glyf" in font and "CFF " not in font  # pdfminer reads text back from TrueType only
    assert font["name"].getDebugName(1) == "Fixture Sans CJK"
    licence = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence
