"""The manifest: every download with its format, Chinese title and description, columns, size and
sha256; also written as manifest.json and as a SHA256SUMS.txt that `sha256sum -c` checks."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .jsonfiles import write_json

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "sqlite": "application/vnd.sqlite3",
    "txt": "text/plain; charset=utf-8",
}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def entry(out_dir: Path, path: Path, fmt: str, title: str, description: str, **kw) -> dict:
    """The manifest entry of a file already written under out_dir."""
    return described(path.relative_to(out_dir).as_posix(), path.stat().st_size, sha256_of(path), fmt, title,
                     description, **kw)


def data_entry(name: str, data: bytes, fmt: str, title: str, description: str, **kw) -> dict:
    """The manifest entry of a file with content `data`, to be written at `name`."""
    return described(name, len(data), hashlib.sha256(data).hexdigest(), fmt, title, description, **kw)


def described(name: str, size: int, sha256: str, fmt: str, title: str, description: str, *,
              kind: str = "collection", columns: list[dict] | None = None, rows: int | None = None,
              **extra) -> dict:
    item = {
        "path": name,
        "format": fmt,
        "media_type": MEDIA_TYPES[fmt],
        "kind": kind,
        "title": title,
        "description": description,
        "columns": columns or [],
        "rows": rows,
        "bytes": size,
        "sha256": sha256,
    }
    item.update(extra)
    return item


def write_checksums(out_dir: Path, entries: list[dict], name: str = "SHA256SUMS.txt") -> dict:
    """A checksum list in the format of GNU sha256sum (two spaces, binary-safe paths)."""
    path = out_dir / name
    lines = [f"{e['sha256']}  {e['path']}\n" for e in entries]
    path.write_text("".join(lines), encoding="utf-8", newline="\n")
    return entry(out_dir, path, "txt", "校验值清单",
                 "所有下载文件的 SHA-256 校验值，可用 sha256sum -c SHA256SUMS.txt 核对", kind="index",
                 rows=len(lines))


def write_manifest(out_dir: Path, entries: list[dict], meta: dict, name: str = "manifest.json") -> dict:
    """manifest.json lists every other file; its own entry is returned for the data page."""
    path = out_dir / name
    write_json(path, {"meta": meta, "files": entries})
    return _manifest_entry(out_dir, path, len(entries))


def _manifest_entry(out_dir: Path, path: Path, count: int) -> dict:
    return entry(out_dir, path, "json", "文件清单",
                 "本页列出的所有文件（不含本文件）的路径、格式、说明、列、大小和 SHA-256 校验值", kind="index",
                 rows=count)


def read_manifest(out_dir: Path, name: str = "manifest.json") -> list[dict] | None:
    """The whole manifest (as write_downloads returned it) of downloads written before into
    out_dir, read back from manifest.json; None if it cannot be read."""
    path = Path(out_dir) / name
    try:
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
        return [*files, _manifest_entry(Path(out_dir), path, len(files))]
    except (OSError, ValueError, KeyError, TypeError):
        return None
