"""JSON downloads: UTF-8 without BOM (RFC 8259), Chinese kept as is, null for unread cells."""
from __future__ import annotations

import json
from pathlib import Path

from .tables import KEY_FIGURE_FIELDS


def dumps(obj) -> str:
    """Compact JSON (one line): the C encoder, ten times faster than indented output for large
    collections; browsers and jq pretty-print it."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def write_json(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(obj), encoding="utf-8", newline="\n")


def collection_json(reports: list[dict], meta: dict[str, str]) -> dict:
    return {"meta": meta, "count": len(reports), "reports": reports}


def key_figures_json(figures: list[dict], meta: dict[str, str]) -> dict:
    """What the compare page reads: the fields with their Chinese labels, one record per report
    (figures: tables.key_figures of each report)."""
    return {
        "meta": meta,
        "fields": [f.doc() for f in KEY_FIGURE_FIELDS],
        "reports": figures,
    }
