"""The shared text normalisation gives exactly what Unicode's NFKC gives, on the fast paths too, but
for a footnote's mark right after a figure (250¹), which becomes "^" rather than a digit of it."""
import random
import re
import unicodedata

import pytest

from build_scripts.textnorm import nfkc

# Full-width forms, the ideographic space, CJK text, compatibility ideographs and Kangxi radicals,
# ligatures, circled and superscript figures, and combining marks that compose with what precedes.
POOL = "（）：，；　１２３ＡＢａｂ\u0301\u0308\u0323e中文政府信息公开⼀⾏\uf900ﬁ①½¹ｶﾞ" + "abc 123\t\n"


@pytest.mark.parametrize("text", ["", "123", "政府信息公开", "（一）主动公开：１２件", "Ａ\u0301", "ｶﾞ", "　第２０条　"])
def test_nfkc_equals_unicode_nfkc_on_known_cases(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


# A footnote's mark right after a digit is "^" (never a digit of the figure); elsewhere NFKC's.
_MARK_AFTER_DIGIT = re.compile("(?<=[0-9０-９])[¹²³⁰⁴-⁹₀-₉①-⑳]")


def test_nfkc_equals_unicode_nfkc_on_random_mixtures_but_for_marks_after_a_digit():
    rng = random.Random(20261202)
    marked = 0
    for _ in range(20000):
        text = "".join(rng.choice(POOL) for _ in range(rng.randint(0, 16)))
        expected = unicodedata.normalize("NFKC", _MARK_AFTER_DIGIT.sub("^", text))
        marked += expected != unicodedata.normalize("NFKC", text)
        assert nfkc(text) == expected, repr(text)
    assert marked > 100


@pytest.mark.parametrize("printed", ["250¹", "250₁", "250①", "２５０²"])
def test_footnote_mark_after_a_figure_is_not_a_digit(printed):
    from build_scripts.textnorm import parse_number
    assert nfkc(printed).endswith("^") and parse_number(printed) is None


def test_circled_number_starting_a_label_is_its_number():
    assert nfkc("②其他法律") == "2其他法律" and nfkc("0 ②其他") == "0 2其他"


@pytest.mark.parametrize("printed, value", [
    ("72", 72), ("-72", -72), ("+4", 4), ("−72", -72), ("－72", -72), ("１２", 12), ("1,234", 1234), ("12.35", 12.35),
    ("0", 0)])
def test_figures_are_read_as_printed_with_any_minus_sign(printed, value):
    from build_scripts.textnorm import parse_number
    assert parse_number(printed) == value


@pytest.mark.parametrize("printed", ["—72", "–72", "72件", "1.2.3", "一", "", "—", "/"])
def test_text_that_is_not_a_figure_is_not_taken_for_one(printed):
    from build_scripts.textnorm import parse_number
    assert parse_number(printed) is None
