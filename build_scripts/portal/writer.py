"""Writes the generated site sources into a folder, incrementally.

A file whose content did not change is not written again (so the site generators' own caches
and `mkdocs serve` see only what changed), and the files this writer wrote last time but not
this time (the pages of removed reports) are deleted. What was written is recorded in
MANIFEST inside the folder; files the writer never wrote are never deleted.

A file may be written with an input key (inputs.py: a hash of everything it is made from); when
the next build asks for the same file with the same key and the file is still there, `reuse`
keeps it without the file being made again (rendered, serialised) at all.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MANIFEST = ".portal-generated.json"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class WriteStats:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


class TreeWriter:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            self._old: dict[str, list] = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._old = {}
        self._new: dict[str, list] = {}
        self.stats = WriteStats()
        self._folders: set[Path] = set()  # made (or found) by this process: not asked for again

    def _target(self, rel: str) -> Path:
        parts = PurePosixPath(rel).parts
        if not parts or PurePosixPath(rel).is_absolute() or ".." in parts:
            raise ValueError(f"not a path inside the generated folder: {rel!r}")
        return self.root.joinpath(*parts)

    def __contains__(self, rel: str) -> bool:
        return rel in self._new

    def _unchanged(self, rel: str, target: Path, key: str, size: int) -> bool:
        old = self._old.get(rel)
        if old is None or old[:2] != [key, size]:
            return False
        try:
            return target.stat().st_size == size
        except OSError:
            return False

    def reusable(self, rel: str, inputs: str) -> bool:
        """Whether the file written last time for the same input key is still there (same size)."""
        old = self._old.get(rel)
        if old is None or len(old) < 3 or old[2] != inputs:
            return False
        try:
            return self._target(rel).stat().st_size == old[1]
        except OSError:
            return False

    def reuse(self, rel: str, inputs: str) -> bool:
        """Keep the file written last time for the same input key if reusable; False: the
        caller makes and writes it."""
        if not self.reusable(rel, inputs):
            return False
        self._new[rel] = list(self._old[rel])
        self.stats.unchanged += 1
        return True

    def write_bytes(self, rel: str, data: bytes, inputs: str | None = None) -> None:
        self.record(*self.write_unrecorded(rel, data, inputs))

    def write_unrecorded(self, rel: str, data: bytes, inputs: str | None = None) -> tuple:
        """Write `data` unless unchanged, without recording it (a worker process does this,
        the parent records what it returns): (rel, key, size, written, inputs)."""
        target = self._target(rel)
        key = _digest(data)
        if self._unchanged(rel, target, key, len(data)):
            return rel, key, len(data), False, inputs
        self._folder(target.parent)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        return rel, key, len(data), True, inputs

    def _folder(self, folder: Path) -> None:
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)

    def record(self, rel: str, key: str, size: int, written: bool, inputs: str | None = None) -> None:
        self._new[rel] = [key, size] if inputs is None else [key, size, inputs]
        if written:
            self.stats.written.append(rel)
        else:
            self.stats.unchanged += 1

    def write_text(self, rel: str, text: str, inputs: str | None = None) -> None:
        self.write_bytes(rel, text.encode("utf-8"), inputs)

    def copy_file(self, rel: str, source: Path) -> None:
        """A copy of `source` (the original report files, the assets): compared by the source's
        size and modification time, so an unchanged file is not read."""
        target = self._target(rel)
        st = source.stat()
        # A file name that is not UTF-8 (data/ is untrusted) is kept as its escaped bytes.
        key = f"copy:{os.fsencode(source.resolve()).decode('utf-8', 'backslashreplace')}:{st.st_mtime_ns}"
        self._new[rel] = [key, st.st_size]
        if self._unchanged(rel, target, key, st.st_size):
            self.stats.unchanged += 1
            return
        self._folder(target.parent)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
        self.stats.written.append(rel)

    def finish(self) -> WriteStats:
        """Delete what was generated last time and not this time; record this time's files."""
        for rel in sorted(set(self._old) - set(self._new)):
            try:
                target = self._target(rel)
            except ValueError:
                continue
            try:
                target.unlink()
                self.stats.removed.append(rel)
            except FileNotFoundError:
                pass
            parent = target.parent
            while parent != self.root:
                try:
                    parent.rmdir()  # only when empty
                except OSError:
                    break
                parent = parent.parent
        if self._new != self._old:  # untouched otherwise: `mkdocs serve` watches this folder
            (self.root / MANIFEST).write_text(json.dumps(self._new, ensure_ascii=False, sort_keys=True),
                                             encoding="utf-8")
        return self.stats
