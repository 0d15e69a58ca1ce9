"""The files of a data folder, and reading one of them without leaving the folder.

data/ is untrusted input, and a build publishes what it reads. So a file is read only when it
is a regular file whose real path (symlinks resolved) is inside the data folder: a symlink,
file or folder, that leads outside it, a device, a FIFO or a socket is never opened; it is
listed with a problem (rules F-outside-data, F-not-regular) and nothing of it is published.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .limits import DEFAULT, Limits, file_too_large

# Files in a data folder that are not reports.
IGNORED_NAMES = {"agencies.yml", "agencies.yaml", "README.md", ".gitkeep", ".DS_Store"}


def report_files(paths: list[Path]) -> list[Path]:
    """The report files named, folders expanded (sorted; hidden files skipped).

    A folder named is the data folder of its files, wherever it leads. Below it symlinks are not
    followed: a symlink is listed as a file (read_file decides about it), as are devices and
    FIFOs. A symlinked folder that stays inside the folder is skipped (its files are listed where
    they really are); one that leads outside it is listed, to be refused."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(_walk(path, path, path.resolve()))
        else:
            files.append(path)
    return files


def _walk(folder: Path, root: Path, real_root: Path) -> list[Path]:
    found: list[Path] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return found
    for entry in entries:
        if entry.name.startswith(".") or entry.name in IGNORED_NAMES:
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                found.extend(_walk(path, root, real_root))
                continue
            if entry.is_symlink() and path.is_dir() and inside(path, real_root):
                continue
        except OSError:
            pass
        found.append(path)
    return sorted(found) if folder == root else found


def inside(path: Path, real_root: Path) -> bool:
    """Whether `path`, every symlink resolved, is inside the (resolved) folder `real_root`."""
    try:
        real = os.path.realpath(path)
    except (OSError, ValueError):
        return False
    # Both are normalised absolute paths: a folder holds what starts with its path and a separator
    # (compared as strings, without making a Path of every parent).
    root = str(real_root)
    return real == root or real.startswith(root if root.endswith(os.sep) else root + os.sep)


@dataclass
class Refusal:
    rule: str
    message: str


def read_file(path: Path, root: Path | None = None, limits: Limits = DEFAULT, *,
              real_root: Path | None = None) -> bytes | Refusal:
    """The bytes of a report file, or why it is not read.

    `root`: the data folder the file must stay in (default: the folder it is listed in);
    `real_root`: that folder already resolved (real_folder), by a caller reading many of its files."""
    path = Path(path)
    if real_root is None:
        real_root = real_folder(root if root is not None else path.absolute().parent)
    if not inside(path, real_root):
        what = "文件夹" if path.is_dir() else "文件"
        return Refusal("F-outside-data", f"符号链接指向数据目录之外（{what}），未读取，也不发布")
    try:
        info = os.stat(path)
    except OSError as exc:
        return Refusal("F-not-report", f"无法读取文件：{exc.strerror or '未知错误'}")
    if not stat.S_ISREG(info.st_mode):
        return Refusal("F-not-regular", f"{_kind(info.st_mode)}，不是普通文件，未读取，也不发布")
    too_large = file_too_large(info.st_size, limits)
    if too_large:
        return Refusal("F-too-large", too_large)
    try:
        # O_NONBLOCK: should the file have become a FIFO since the stat, opening it cannot hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        return Refusal("F-not-report", f"无法读取文件：{exc.strerror or '未知错误'}")
    try:
        opened = os.fstat(fd)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino) or not stat.S_ISREG(opened.st_mode):
            return Refusal("F-not-regular", "文件在读取时被替换，未读取，也不发布")
        # The size the stat gave and a byte more, which tells a file that grew since: only then
        # the rest up to the limit (a read of the limit's size allocates all of it).
        data = _read_up_to(fd, info.st_size + 1)
        if len(data) > info.st_size:
            data += _read_up_to(fd, limits.max_file_bytes + 1 - len(data))
    except OSError as exc:
        return Refusal("F-not-report", f"无法读取文件：{exc.strerror or '未知错误'}")
    finally:
        os.close(fd)
    too_large = file_too_large(len(data), limits)
    if too_large:  # it grew since the stat
        return Refusal("F-too-large", too_large)
    return data


def real_folder(root: Path) -> Path:
    """The folder with every symlink resolved."""
    return Path(os.path.realpath(root))


def _read_up_to(fd: int, size: int) -> bytes:
    """Up to `size` bytes from the file, fewer only at its end (os.read: no buffered file object
    made for each file, which costs about as much as the read)."""
    chunks = []
    while size > 0:
        chunk = os.read(fd, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)  # one chunk, the usual case: that very bytes object, not a copy


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "这是命名管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是设备文件"
    if stat.S_ISSOCK(mode):
        return "这是套接字"
    if stat.S_ISDIR(mode):
        return "这是文件夹"
    return "这是特殊文件"


# A copy of the original is never published of these files.
UNPUBLISHED_RULES = ("F-outside-data", "F-not-regular", "F-too-large")


def publishable(report: dict) -> bool:
    """Whether a copy of the file may be published: not of a file that leads out of the data
    folder, is no regular file, or is over the size limit."""
    return not any(p["rule"] in UNPUBLISHED_RULES for p in report.get("problems", []))


def shown_name(name: str) -> str:
    """A file name as text: the bytes of a name that is not UTF-8 (kept by Python as surrogate
    escapes, which no page or download can hold) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def display_path(path: Path, project: Path, data_dir: Path, shown_as: str | None = None) -> str:
    """How a file listed under data_dir is shown on the site and in the downloads: relative to the
    project (`data/…`), or to the data folder's parent when the data folder is elsewhere, or under
    `shown_as` (a split build's part shows the whole data folder's name); never an absolute path
    of the build machine. The file itself is not resolved: a symlink is shown under its own name,
    never its target's."""
    data_dir = Path(os.path.abspath(data_dir))
    path = Path(os.path.abspath(path))
    try:
        rel = path.relative_to(data_dir)
    except ValueError:
        rel = Path(path.name)
    if shown_as:
        return shown_name((Path(shown_as) / rel).as_posix())
    try:
        base = data_dir.relative_to(Path(os.path.abspath(project)))
    except ValueError:
        base = Path(data_dir.name)
    return shown_name((base / rel).as_posix())
