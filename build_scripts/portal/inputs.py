"""Input keys of the generated files: a hash of everything a file is made from, so that a build
whose inputs did not change reuses the file written last time instead of rendering it again
(writer.TreeWriter.reuse). A reused file is the file a full generation would write, byte for
byte (tests/test_generate.py): a key must cover every input, so when in doubt a key covers more.

- code_version(): the generator itself (every source, template and asset of build_scripts, an
  extra templates folder, and the versions of Jinja2 and MarkupSafe);
- collection_key(): the whole collection (every report as parsed and checked, with its file's
  path, shown source, slug and modification time; the agencies file; the options): the key of
  the files made from the whole collection (indexes, problems, collection downloads);
- report_key(): one report page and its own downloads: the report (its problems, cross-report
  ones included), its agency, the reports its problems name, its own download files;
- agency_key(): one agency page: the agency (name, page, registry entry) and its reports.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # build_scripts/
_SOURCES = (".py", ".html", ".j2", ".css", ".js", ".txt", ".json", ".md")


def digest(*parts) -> str:
    """sha256 of JSON-serialisable parts (keys sorted, so equal data gives an equal key)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(json.dumps(part, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in _SOURCES
                       and "__pycache__" not in p.parts):
        h.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=None)
def _package_digest() -> str:
    versions = []
    for name in ("jinja2", "markupsafe"):
        try:
            versions.append(metadata.version(name))
        except metadata.PackageNotFoundError:  # pragma: no cover
            versions.append("")
    return digest(_tree_digest(PACKAGE), versions)


def code_version(templates_dir: str | Path | None = None) -> str:
    """A hash of the generator's code and templates (an extra templates folder included)."""
    return digest(_package_digest(), _tree_digest(Path(templates_dir)) if templates_dir else "")


def options_part(options) -> dict:
    """The portal options (all of them: an option that does not change the pages only costs a
    full generation when it is changed)."""
    return {key: options[key] for key in sorted(options.keys())}


def entry_digest(entry) -> str:
    """A report as the site shows it: as parsed and checked, and where its file is."""
    return digest(entry.report, str(entry.path), entry.source, entry.slug, entry.mtime, entry.download_name)


def collection_key(model, entry_keys: dict, options, settings: dict) -> str:
    """The key of everything made from the whole collection (entry_keys: entry_digest by
    the report's source; settings: the site's name, URL, URL style … as generate() gets them)."""
    registry = {key: asdict(info) for key, info in sorted(model.registry.items())}
    return digest(code_version(options.templates_dir), options_part(options), settings, registry,
                  [entry_keys[e.report["source"]] for e in model.reports])


def report_key(entry, entry_keys: dict, base: str, downloads: list[dict]) -> str:
    """The key of one report's page: base (code, options, settings), the report, its agency
    (name, page, registry entry), the reports its problems name (their pages and titles are
    linked), and its own downloads as listed on the page."""
    agency = entry.agency
    agency_part = [agency.name, agency.src_uri, asdict(agency.info) if agency.info else None] if agency else None
    related = sorted({p["related"] for p in entry.problems if p.get("related")})
    return digest(base, entry_keys[entry.report["source"]], agency_part, [entry_keys.get(r) for r in related],
                  downloads)


def agency_key(agency, entry_keys: dict, base: str) -> str:
    """The key of one agency's page: base (code, options, settings), the agency (name, page,
    registry entry) and its reports in their order (each as entry_digest: figures, problems,
    pages and files)."""
    return digest(base, [agency.name, agency.src_uri, asdict(agency.info) if agency.info else None],
                  [entry_keys[e.report["source"]] for e in agency.reports])
