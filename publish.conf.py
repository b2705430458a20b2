"""Production settings: the development settings plus what a public site needs."""

import os
import runpy
import sys

_here = os.path.dirname(os.path.abspath(__file__))
# pelican.conf.py cannot be imported by name (it has a dot in it), so run it and
# take its settings: one source for everything production does not change.
globals().update(
    {
        name: value
        for name, value in runpy.run_path(
            os.path.join(_here, "pelican.conf.py")
        ).items()
        if name.isupper()
    }
)

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    sys.exit(
        "publish.conf.py: SITEURL must be the site's absolute address, "
        "for example: make publish SITEURL=https://example.org"
    )
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
CHECKLISTS_QR_SITEURL = SITEURL
DELETE_OUTPUT_DIRECTORY = True

# Drafts are not written at all. `make html` writes each one, unlisted, for its
# author to read at /drafts/<slug>/; on the public site anyone given or guessing
# that address would read an unfinished post. An empty *_SAVE_AS writes nothing.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# Precompressed copies beside every text file (`page.html.gz`, `page.html.br`),
# for hosts that serve them as they are (nginx `gzip_static` and `brotli_static`,
# see docs/deploy.md) instead of compressing each response again: gzip at level 9
# and brotli at its best quality, once per release. zopfli and zstandard are off
# so that every machine writes the same files, whatever else is installed.
PLUGINS = [*PLUGINS, "pelican.plugins.precompress"]  # noqa: F821 - from pelican.conf.py
PRECOMPRESS_GZIP = True
PRECOMPRESS_BROTLI = True
PRECOMPRESS_ZOPFLI = False
PRECOMPRESS_ZSTANDARD = False
PRECOMPRESS_TEXT_EXTENSIONS = {
    ".atom",
    ".css",
    ".html",
    ".js",
    ".json",
    ".svg",
    ".txt",
    ".xml",
}

# For hosts that send no headers of their own and ignore `_headers` (GitHub
# Pages): `make publish CSP_META=1` puts the Content-Security-Policy and the
# Referrer-Policy in every page as <meta> elements (plugins/meta_headers).
if os.environ.get("CSP_META"):
    PLUGINS = [*PLUGINS, "meta_headers"]
