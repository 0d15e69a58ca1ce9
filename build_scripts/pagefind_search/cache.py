"""Pagefind's input and output kept between builds (the plugin's `cache_dir`).

A Pagefind index is made from the staged pages of its shard (title and main article of each
page) by one pagefind run. With a cache, the staged pages live in `<cache_dir>/stage/<bundle>/`
and are rewritten only when their content changed (pages no longer indexed are deleted); each
shard's key is a hash of its staged pages and of the pagefind binary and options. A shard whose
key is the one of the index built last time gets that index copied into the site; only the
shards with a changed page run pagefind again. MkDocs empties site_dir on every build, so the
index itself is kept in `<cache_dir>/bundles/<bundle>/` (hard links where possible).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

MANIFEST = "manifest.json"


def link_or_copy(src: str, dst: str) -> None:
    """copytree's copy function: a hard link (an index is thousands of files, never changed in
    place: pagefind writes new ones, MkDocs deletes the site's), a copy where links fail."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class IndexCache:
    def __init__(self, root: Path, version: str):
        self.root = Path(root)
        self.version = version
        try:
            old = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
            if old.get("version") != version:
                old = {}
        except (OSError, ValueError, AttributeError):
            old = {}
        self._old_pages: dict[str, str] = old.get("pages", {})  # "<bundle>/<dest>" -> sha256 of the staged page
        self._old_bundles: dict[str, str] = old.get("bundles", {})  # bundle -> key of the index in bundles/
        self._pages: dict[str, str] = {}
        self._bundles: dict[str, str] = dict(self._old_bundles)

    def stage_dir(self, bundle: str) -> Path:
        return self.root / "stage" / bundle

    def stage(self, bundle: str, dest: str, doc: str) -> None:
        """Stage one page of a shard, writing it only when it changed."""
        rel = f"{bundle}/{dest}"
        digest = _sha(doc)
        self._pages[rel] = digest
        target = self.stage_dir(bundle) / dest
        if self._old_pages.get(rel) == digest and target.is_file():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(doc, encoding="utf-8")
        os.replace(tmp, target)

    def finish_stage(self) -> None:
        """Delete every staged file not staged this time (whatever an interrupted build left
        there too: pagefind reads the whole folder) and the kept indexes of shards gone."""
        stage = self.root / "stage"
        for folder, _, names in os.walk(stage):
            for name in names:
                path = Path(folder, name)
                if path.relative_to(stage).as_posix() not in self._pages:
                    path.unlink(missing_ok=True)
        active = {rel.split("/", 1)[0] for rel in self._pages}
        for bundle in set(self._bundles) - active:
            shutil.rmtree(self.root / "bundles" / bundle, ignore_errors=True)
            shutil.rmtree(self.stage_dir(bundle), ignore_errors=True)
            del self._bundles[bundle]

    def key(self, bundle: str) -> str:
        prefix = bundle + "/"
        pages = sorted((rel, d) for rel, d in self._pages.items() if rel.startswith(prefix))
        return _sha(json.dumps([self.version, pages]))

    def cached(self, bundle: str) -> Path | None:
        """The index built last time for this shard, if its pages are the same."""
        folder = self.root / "bundles" / bundle
        if self._old_bundles.get(bundle) == self.key(bundle) and folder.is_dir():
            return folder
        return None

    def store(self, bundle: str, built: Path) -> None:
        """Keep a copy of the index just built for this shard."""
        folder = self.root / "bundles" / bundle
        tmp = folder.with_name(f".{bundle}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(built, tmp, copy_function=link_or_copy)
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
        self._bundles[bundle] = self.key(bundle)

    def save(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".{MANIFEST}.tmp"
        tmp.write_text(json.dumps({"version": self.version, "pages": self._pages, "bundles": self._bundles}),
                       encoding="utf-8")
        os.replace(tmp, self.root / MANIFEST)
