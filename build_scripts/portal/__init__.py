"""The MkDocs plugin that turns the report files of `data/` into the portal's pages.

plugin.py wires MkDocs events; config.py holds the validated options; agencies.py reads the
optional `agencies.yml`; model.py groups parsed reports into agencies, years and problems (pure
Python); tables.py lays out the statistics tables with the official merged cells; render.py is
the Jinja2 environment; templates/ and assets/ are what the pages are made of.
"""
