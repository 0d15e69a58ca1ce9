"""Pagefind search for large portals: a chunked, offline search index that replaces Material's
single lunr index when the site has many report pages (see plugin.py and docs/scale.md)."""
