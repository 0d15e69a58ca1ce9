"""Generation keyed on its inputs (build_scripts/portal/inputs.py): a generation with nothing
changed renders nothing, a changed report renders its pages again, a removed one disappears,
and what a cached generation leaves is byte for byte what a generation from scratch writes."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import build_scripts.portal.tables as tables_mod
from build_scripts.opendata.site import OpenDataSite
from build_scripts.__main__ import main
from build_scripts.portal.writer import MANIFEST
from build_scripts.synthetic import make_report
from conftest import make_project

AGENCY = "吴忠市利通区审计局"
STILL = "银川市兴庆区统计局"  # an agency whose report never changes


def _report(seed: int, year: int, agency: str = AGENCY) -> bytes:
    text, _ = make_report("2021" if year > 2020 else "2019", seed, agency=agency, year=year)
    return text.encode("utf-8")


@pytest.fixture
def project(tmp_path):
    # One agency over three years (cross-year problems name the other reports) and one more.
    files = {f"{year}.txt": _report(seed, year) for seed, year in ((1, 2022), (2, 2023), (3, 2024))}
    files["other.txt"] = _report(4, 2024, "中卫市沙坡头区科学技术局")
    files["third.txt"] = _report(6, 2023, STILL)
    return make_project(tmp_path / "a", files)


@pytest.fixture
def rendered(monkeypatch):
    """The sources of the report pages rendered (the tables of a report page are made only
    when the page is rendered) and the names of the agencies whose page was rendered (its
    charts are made only then)."""
    seen: list[str] = []
    real = tables_mod.report_tables
    real_charts = OpenDataSite.agency_charts

    def spy(entry):
        seen.append(entry.source)
        return real(entry)

    def charts_spy(agency):
        seen.append(f"agency:{agency.name}")
        return real_charts(agency)

    monkeypatch.setattr(tables_mod, "report_tables", spy)
    monkeypatch.setattr(OpenDataSite, "agency_charts", staticmethod(charts_spy))
    return seen


def _generate(config: Path, capsys) -> None:
    assert main(["generate", "-f", str(config)]) == 0
    capsys.readouterr()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def test_cached_generation_renders_only_what_changed_and_equals_a_fresh_one(project, rendered, capsys, tmp_path):
    docs, data = project.parent / "generated", project.parent / "data"
    _generate(project, capsys)
    assert sorted(rendered) == sorted(["data/2022.txt", "data/2023.txt", "data/2024.txt", "data/other.txt",
                                       "data/third.txt", f"agency:{AGENCY}", "agency:中卫市沙坡头区科学技术局",
                                       f"agency:{STILL}"])
    first = _tree(docs)

    rendered.clear()
    _generate(project, capsys)
    assert rendered == []  # nothing changed: no page is made again
    assert _tree(docs) == first

    # One report changed, one removed, one added.
    changed = data / "2023.txt"
    changed.write_bytes(_report(12, 2023))
    os.utime(changed, ns=(changed.stat().st_atime_ns, changed.stat().st_mtime_ns + 10**9))
    (data / "other.txt").unlink()
    (data / "new.txt").write_bytes(_report(5, 2024, "固原市原州区民政局"))
    rendered.clear()
    _generate(project, capsys)
    assert "data/2023.txt" in rendered and "data/new.txt" in rendered
    assert "data/2022.txt" not in rendered  # its page does not depend on the changed report
    # The pages of the agencies with a changed or new report are made again, no other.
    assert sorted(r for r in rendered if r.startswith("agency:")) == [f"agency:{AGENCY}", "agency:固原市原州区民政局"]
    assert not any("other" in name for name in _tree(docs))

    # The same data generated from scratch: the same files, byte for byte.
    fresh = tmp_path / "b"
    shutil.copytree(project.parent, fresh, ignore=shutil.ignore_patterns("generated"), copy_function=shutil.copy2)
    (fresh / "generated").mkdir()
    _generate(fresh / "mkdocs.yml", capsys)
    cached, clean = _tree(docs), _tree(fresh / "generated")
    assert sorted(cached) == sorted(clean)
    assert [name for name in cached if cached[name] != clean[name]] == []


def test_changed_code_or_options_make_everything_again(project, rendered, capsys):
    _generate(project, capsys)
    rendered.clear()
    text = project.read_text(encoding="utf-8").replace("max_prose_chars: 200000", "max_prose_chars: 150000")
    assert text != project.read_text(encoding="utf-8")
    project.write_text(text, encoding="utf-8")
    _generate(project, capsys)
    assert len([r for r in rendered if r.startswith("data/")]) == 5


def test_a_page_deleted_by_hand_is_made_again(project, rendered, capsys):
    docs = project.parent / "generated"
    _generate(project, capsys)
    page = next((docs / "reports").glob("*.md"))
    before = page.read_bytes()
    page.unlink()
    rendered.clear()
    _generate(project, capsys)  # the downloads are kept: the page lists them as read back from manifest.json
    assert len(rendered) == 1 and page.read_bytes() == before

    cells = docs / "downloads" / "cells.csv"
    kept = cells.read_bytes()
    cells.write_bytes(b"edited")
    rendered.clear()
    _generate(project, capsys)
    assert rendered == [] and cells.read_bytes() == kept
