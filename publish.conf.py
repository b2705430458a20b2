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
        for name, value in runpy.run_path(os.path.join(_here, "pelican.conf.py")).items()
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
DELETE_OUTPUT_DIRECTORY = True
