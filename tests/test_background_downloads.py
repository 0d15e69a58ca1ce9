"""The collection downloads are written in another process while the pages render
(opendata/site.py, background.py): the files are the ones written in one go by
write_downloads, and a file that cannot be written fails the generation and the MkDocs build,
naming it."""
from __future__ import annotations

import os

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

import build_scripts.opendata as opendata_mod
import build_scripts.opendata.sqlite as sqlite_mod
from build_scripts.__main__ import main
from build_scripts.background import Background, BackgroundError
from build_scripts.opendata import write_downloads
from build_scripts.opendata.manifest import read_manifest
from build_scripts.portal.generate import load_model
from build_scripts.synthetic import make_report
from conftest import make_project


def _report(seed: int, year: int, agency: str) -> bytes:
    text, _ = make_report("2021" if year > 2020 else "2019", seed, agency=agency, year=year)
    return text.encode("utf-8")


@pytest.fixture
def project(tmp_path):
    files = {f"{year}.txt": _report(seed, year, "吴忠市利通区审计局") for seed, year in ((1, 2022), (2, 2023))}
    files["other.txt"] = _report(3, 2024, "中卫市沙坡头区科学技术局")
    files["notes.txt"] = "这不是年度报告。".encode("utf-8")  # a file that is no report: JSON only, no CSV
    return make_project(tmp_path / "p", files)


def test_downloads_written_beside_the_pages_are_the_files_of_write_downloads(project, tmp_path, monkeypatch, capsys):
    pids = tmp_path / "pids"
    real = opendata_mod.write_collection_files

    def spy(*args, **kwargs):
        with pids.open("a") as f:
            f.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr("build_scripts.opendata.site.write_collection_files", spy)
    assert main(["generate", "-f", str(project)]) == 0
    capsys.readouterr()
    assert pids.read_text().split() != [str(os.getpid())]  # written in another process

    config = load_config(config_file=str(project))
    model = load_model(config.plugins["portal"].config, project.parent)
    alone = write_downloads([e.report for e in model.reports], tmp_path / "alone",
                            slugs={e.report["source"]: e.slug for e in model.reports})
    downloads = project.parent / "generated" / "downloads"
    assert read_manifest(downloads) == alone
    for item in alone:
        assert (downloads / item["path"]).read_bytes() == (tmp_path / "alone" / item["path"]).read_bytes(), item["path"]
    assert {p.relative_to(downloads).as_posix() for p in downloads.rglob("*") if p.is_file()} == \
        {item["path"] for item in alone}


def _failing_sqlite(*args, **kwargs):
    raise OSError(28, "No space left on device")


def test_a_download_failing_in_the_background_fails_the_generation_naming_the_file(project, monkeypatch, capsys):
    monkeypatch.setattr(sqlite_mod, "write_sqlite", _failing_sqlite)
    assert main(["generate", "-f", str(project)]) == 1
    err = capsys.readouterr().err
    assert "downloads/reports.sqlite" in err and "No space left on device" in err


def test_a_download_failing_in_the_background_fails_the_mkdocs_build_naming_the_file(project, monkeypatch):
    monkeypatch.setattr(sqlite_mod, "write_sqlite", _failing_sqlite)
    config = load_config(config_file=str(project))
    with pytest.raises(PluginError, match=r"downloads/reports\.sqlite.*No space left on device"):
        config.plugins.on_config(config)


def _double(x):
    return 2 * x


def _fail():
    raise KeyError("missing")


def _die():
    os._exit(3)


def test_background_gives_the_result_of_the_function_run_in_another_process():
    assert Background(_double, 21).join() == 42
    assert Background(os.getpid).join() != os.getpid()


def test_background_raises_what_the_function_raised_or_that_its_process_died():
    with pytest.raises(BackgroundError) as failed:
        Background(_fail).join()
    assert isinstance(failed.value.error, KeyError) and "missing" in str(failed.value)
    with pytest.raises(BackgroundError, match="exit code 3"):
        Background(_die).join()
