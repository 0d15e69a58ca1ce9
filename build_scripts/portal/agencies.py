"""The optional agencies file: agency → region, level and official site.

    沙坡头区科学技术局:
      region: 宁夏回族自治区中卫市沙坡头区
      level: 区县级
      site: http://www.spt.gov.cn
      kind: 部门

`kind` (人民政府 or 部门) says what kind of body the agency is where its name does not tell
(checks_timeliness: the deadline of 条例第四十九条 depends on it). `aliases` lists other names its
reports are published under (洪泽区人民政府 for 淮安市洪泽区人民政府, a renamed bureau's old name):
their reports are the agency's, on its page and in the checks across years.

Every entry is checked; the first bad one stops the build with an error that names the file
and the entry (it is configuration, not data). An agency with reports but no entry still gets
its page, listed under 未登记地区.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..checks import agency_key
from ..files import Refusal, read_file
from ..checks_timeliness import KINDS

LEVELS = ("国家级", "省级", "地市级", "区县级", "乡镇级")
FIELDS = ("region", "level", "site", "kind")
ALIASES = "aliases"
_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?::\d{1,5})?(?:/[^\s<>\"'`]*)?")


class AgenciesFileError(ValueError):
    """agencies.yml is not what it should be; the message names the entry."""


@dataclass(frozen=True)
class AgencyInfo:
    name: str
    region: str | None = None
    level: str | None = None
    site: str | None = None
    kind: str | None = None
    aliases: tuple[str, ...] = ()  # other names, as printed (spaces kept)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses the same key twice (PyYAML would keep the last silently)."""


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise AgenciesFileError(f"第 {key_node.start_mark.line + 1} 行：「{key}」出现了不止一次")
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_agencies(text: str, origin: str = "agencies.yml") -> dict[str, AgencyInfo]:
    """{agency key (whitespace removed): AgencyInfo}; AgenciesFileError naming the entry if bad."""
    def fail(message: str):
        raise AgenciesFileError(f"{origin}: {message}")

    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except AgenciesFileError as exc:
        fail(str(exc))
    except yaml.YAMLError as exc:
        fail(f"不是有效的 YAML：{exc}")
    if data is None:
        return {}
    if not isinstance(data, dict):
        fail("顶层应为“机构名称: {region: …, level: …, site: …, kind: …}”的映射")
    result: dict[str, AgencyInfo] = {}
    for name, entry in data.items():
        if not isinstance(name, str) or not name.strip():
            fail(f"机构名称「{name}」应为非空文字")
        label = f"机构「{name}」"
        if entry is None:
            entry = {}
        if not isinstance(entry, dict):
            fail(f"{label}的内容应为包含 region、level、site、kind 的映射，实际为 {type(entry).__name__}")
        unknown = [k for k in entry if k not in FIELDS and k != ALIASES]
        if unknown:
            fail(f"{label}有未知的字段 {', '.join(map(str, unknown))}（只能有 {', '.join(FIELDS + (ALIASES,))}）")
        aliases = entry.get(ALIASES) or []
        if not isinstance(aliases, list) or any(not isinstance(a, str) or not a.strip() for a in aliases):
            fail(f"{label}的 aliases 应为非空文字的列表（- 其他名称），实际为 {aliases!r}")
        for key in FIELDS:
            value = entry.get(key)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                fail(f"{label}的 {key} 应为非空文字，实际为 {value!r}")
        level = entry.get("level")
        if level is not None and level not in LEVELS:
            fail(f"{label}的 level「{level}」不是 {'、'.join(LEVELS)} 之一")
        kind = entry.get("kind")
        if kind is not None and kind not in KINDS:
            fail(f"{label}的 kind「{kind}」不是 {'、'.join(KINDS)} 之一")
        site = entry.get("site")
        if site is not None and not _URL.fullmatch(site):
            fail(f"{label}的 site「{site}」不是 http:// 或 https:// 开头的网址")
        key = agency_key(name)
        if key in result:
            fail(f"{label}与「{result[key].name}」去掉空白后相同")
        result[key] = AgencyInfo(key, entry.get("region"), level, site, kind, tuple(aliases))
    # A name is one agency's: never another entry's name, nor two entries' alias.
    owner: dict[str, str] = {}
    for key, info in result.items():
        for alias in info.aliases:
            alias_key = agency_key(alias)
            if alias_key in result:
                fail(f"机构「{key}」的别名「{alias}」是另一个登记的机构" if alias_key != key
                     else f"机构「{key}」的别名「{alias}」就是它自己的名称")
            if alias_key in owner:
                fail(f"别名「{alias}」同时属于机构「{owner[alias_key]}」和「{key}」")
            owner[alias_key] = key
    return result


def agency_aliases(registry: dict[str, AgencyInfo]) -> dict[str, str]:
    """The agency key each alias stands for, by the alias's own key (for the checks and grouping)."""
    return {agency_key(alias): key for key, info in registry.items() for alias in info.aliases}


def agency_kinds(registry: dict[str, AgencyInfo]) -> dict[str, str]:
    """The kinds of body agencies.yml states, by agency key (for reports.add_collection_problems)."""
    return {key: info.kind for key, info in registry.items() if info.kind}


def load_agencies(path: Path | None, origin: str | None = None) -> dict[str, AgencyInfo]:
    if path is None:
        return {}
    # Read as the reports are (files.read_file): never through a symlink out of its folder, never
    # a FIFO or device, within the size limit.
    data = read_file(Path(path))
    if isinstance(data, Refusal):
        raise AgenciesFileError(f"{origin or Path(path).name}: {data.message}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AgenciesFileError(f"{origin or Path(path).name}: 无法读取：不是 UTF-8 编码（{exc.reason}）") from exc
    return parse_agencies(text, origin or str(path))
