"""Options of the `portal` plugin, validated by MkDocs when mkdocs.yml is loaded.

    plugins:
      - portal:
          data_dir: data                 # report files, relative to mkdocs.yml
          pages_dir: docs                # hand-written pages, copied into docs_dir
          agencies_file: data/agencies.yml   # optional; default: <data_dir>/agencies.yml if present
          title: 政府信息公开工作年度报告数据库   # default: site_name
          fail_on_data_errors: false
          max_file_mb: 30                # limits per file of data_dir (see below)
"""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from ..limits import DEFAULT as DEFAULT_LIMITS, Limits


class PortalConfig(Config):
    enabled = c.Type(bool, default=True)

    # Where the reports are. Every file below data_dir is read (hidden files and agencies.yml
    # excepted, see reports.report_files); folders relative to mkdocs.yml.
    data_dir = c.Dir(exists=True, default="data")
    agencies_file = c.Optional(c.File(exists=True))
    # The hand-written pages (about.md …), copied into docs_dir with the generated pages;
    # docs_dir itself is generated (build_scripts/portal/generate.py).
    pages_dir = c.Optional(c.Dir(exists=True))

    # Cache of parsed reports (reports.load_reports); None parses every file on every build.
    cache_dir = c.Optional(c.Type(str))
    # Processes used to parse; None: every core (small collections are parsed in-process).
    workers = c.Optional(c.Type(int))
    # How data_dir is shown in the sources (default: its path relative to mkdocs.yml, e.g. data);
    # split-build sets it, as each part reads a folder of its own.
    source_root = c.Optional(c.Type(str))

    # What one file of data_dir may cost (build_scripts/limits.py; `python -m build_scripts
    # check/parse` use the same defaults). A file past a limit is listed with a problem saying
    # which, and the build goes on.
    max_file_mb = c.Type((int, float), default=DEFAULT_LIMITS.max_file_mb)  # larger: not parsed, not published
    max_unpacked_mb = c.Type((int, float), default=DEFAULT_LIMITS.max_unpacked_mb)  # .docx unzipped (zip bombs)
    max_pdf_pages = c.Type(int, default=DEFAULT_LIMITS.max_pdf_pages)
    parse_timeout = c.Type((int, float), default=DEFAULT_LIMITS.parse_timeout)  # seconds per file; 0: none
    max_prose_chars = c.Type(int, default=DEFAULT_LIMITS.max_prose_chars)  # report text kept; the rest is cut

    @property
    def limits(self) -> Limits:
        return Limits(self.max_file_mb, self.max_unpacked_mb, self.max_pdf_pages, self.parse_timeout,
                      self.max_prose_chars)

    def validate(self):
        failed, warnings = super().validate()
        if not failed:
            try:
                self.limits
            except ValueError as exc:
                failed.append(("limits", ValidationError(str(exc))))
        return failed, warnings

    # Site text.
    title = c.Optional(c.Type(str))  # default: site_name
    description = c.Type(
        str,
        default="各级行政机关发布的政府信息公开工作年度报告，按机构和年度整理，"
                "统计表按官方格式呈现，并逐表核对勾稽关系。",
    )
    latest_count = c.Type(int, default=10)

    # Data problems (a report that breaks a rule, a file that cannot be read) are facts about
    # the data, not defects of the site: they are logged at `problem_log_level` (info: a
    # `mkdocs build --strict` still succeeds) and listed on the problems page. With
    # fail_on_data_errors the build writes the whole site and then fails if any report has a
    # problem of severity "error".
    problem_log_level = c.Choice(("debug", "info", "warning"), default="info")
    fail_on_data_errors = c.Type(bool, default=False)

    # Folder of Jinja2 templates that override or extend the plugin's own (same names), e.g.
    # slots/report_data.html for the downloads of the open-data pages.
    templates_dir = c.Optional(c.Dir(exists=True))
