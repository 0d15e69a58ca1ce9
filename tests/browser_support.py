"""What the browser tests share: a quiet static file server on 127.0.0.1 for a built site, and
headless Chromium (Debian's /usr/bin/chromium, else one on PATH) through playwright.

The fixtures `browser` (one Chromium per test module) and `serve` (a server per directory, for
one test) are in conftest.py. Without Chromium or playwright the browser tests are skipped,
except under CI=true, where that fails."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from typing import Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def unavailable(reason: str):
    """Skip the test, or fail it under CI (where the browser tests must run)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


def chromium_path() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)


def launch_chromium() -> Iterator:
    """A playwright Browser for as long as the generator runs (a fixture's body)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed")
    chromium = chromium_path()
    if chromium is None:
        unavailable(f"{CHROMIUM} not found and no Chromium on PATH")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        yield browser
        browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free port of 127.0.0.1; yields the base URL (no trailing slash)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
