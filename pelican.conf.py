"""Development settings for Next Steps.

Pelican loads this file as a module called ``pelican.conf``; nothing imports it.
``publish.conf.py`` reads it and changes only what production needs.
Relative paths here are resolved by Pelican against this file's folder.
"""

from functools import partial

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

AUTHOR = "Next Steps"
SITENAME = "Next Steps"
SITE_TAGLINE = "Practical career advice for people looking for their next job"
# Empty: links are root-relative ("/posts/x/"), which works under `make serve`
# and under the test server on any port.
SITEURL = ""
RELATIVE_URLS = False
# A printed checklist carries a QR code of its page's absolute address, which a
# development build has none of: there, the address `make serve` serves it at.
# publish.conf.py sets both to the production address.
CHECKLISTS_QR_SITEURL = "http://127.0.0.1:8000"
# The theme's main.css has what a checklist's styles expect of a theme (the
# colours and spacing they read, border-box sizing).
CHECKLISTS_THEME_DEFAULTS = False

PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {
    "extra/favicon.svg": {"path": "favicon.svg"},
    "extra/_headers": {"path": "_headers"},
}

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "pelican.plugins.series",
    "pelican.plugins.neighbors",
    # sitemap.xml, dated by the content (plugins/sitemap_xml).
    "sitemap_xml",
    "post_meta",
    "series_and_related",
    # The Pagefind search index, at the end of every build (plugins/search_index).
    "search_index",
    "fingerprint",
    # YAML front matter (between `---` lines) as well as `Key: value` headers.
    "pelican.plugins.yaml_metadata",
    # Each post's address worked out once, not on every use (plugins/final_urls).
    "final_urls",
    # `make serve` lists drafts (DRAFT_PREVIEW, turned on with -e); see the plugin.
    "draft_preview",
    # Task lists become interactive, printable checklists: the package in
    # packages/pelican-checklists/ (its README), and docs/authoring.md. Its
    # settings, with their defaults:
    #   CHECKLISTS_URL = "checklists/{id}/"  (a checklist's printable page)
    #   CHECKLISTS_SAVE_AS = "checklists/{id}/index.html"  ("" writes none)
    #   CHECKLISTS_INDEX_URL = "checklists/"  (the page listing them all, which
    #   CHECKLISTS_INDEX_SAVE_AS = "checklists/index.html"   the header links to)
    # A printed checklist ends with SITE_DISCLAIMER (below).
    "checklists",
    # Clear messages for mistakes in content; see plugins/content_checks/.
    "content_checks",
]

TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
DEFAULT_CATEGORY = "Job search"

# Markdown: overriding MARKDOWN replaces Pelican's default, so `extra` and `toc`
# are listed again. Plugins add their own extensions in their `initialized` handler.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.meta": {},
    },
    "output_format": "html5",
}

# Pretty URLs: every page is a folder with an index.html.
ARTICLE_URL = "posts/{slug}/"
ARTICLE_SAVE_AS = "posts/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "categories/{slug}/"
CATEGORY_SAVE_AS = "categories/{slug}/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
# The home page is "/", also in the pagination links back to page 1.
INDEX_URL = ""
INDEX_SAVE_AS = "index.html"
DIRECT_TEMPLATES = [
    "index",
    "archives",
    "tags",
    "categories",
    "404",
    "robots",
    "search",
]
# robots.txt is a template so that its Sitemap line can be absolute, as the
# standard requires: it is written only when SITEURL is set (`make publish`).
ROBOTS_SAVE_AS = "robots.txt"
ROBOTS_URL = "robots.txt"
# The search page: search.js runs the Pagefind index that plugins/search_index
# builds at the end of every build.
SEARCH_SAVE_AS = "search/index.html"
SEARCH_URL = "search/"
# One page per series (pelican-series), linked from every part's series box.
SERIES_URL = "series/{slug}/"
SERIES_SAVE_AS = "series/{slug}/index.html"
# Templates slugify names (a series name, for SERIES_URL) exactly as Pelican
# slugifies tags and categories, so a link built in a template meets its page.
JINJA_FILTERS = {
    "slugify": partial(slugify, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]),
}
# Pelican makes new template environments for every build (each `make serve`
# rebuild too), so Jinja's check of a template file's time at each use finds
# nothing new: 44,000 file checks for 1,000 posts, skipped. Pelican adds its
# other defaults (trim_blocks, lstrip_blocks).
JINJA_ENVIRONMENT = {"auto_reload": False}
PAGINATED_TEMPLATES = {"index": 10, "tag": None, "category": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DEFAULT_PAGINATION = 10
SUMMARY_MAX_LENGTH = 50

# Feeds: Atom for the whole site and per category. Development builds keep them
# too, so that what the tests read is what production publishes; Atom needs
# absolute links, so here they point at `make serve`'s address.
FEED_DOMAIN = "http://127.0.0.1:8000"
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

# Not a page a search engine should list (robots.txt is not listed, as no file
# other than an HTML page is).
SITEMAP_XML_EXCLUDE = [r"^404\.html$"]

# The note that ends every post; the theme follows it with a link to the Terms
# and Conditions. A post replaces the text with `Disclaimer:` metadata, or turns
# the note off with `Disclaimer: none`.
SITE_DISCLAIMER = (
    "This post covers some aspects of its topic, not all of them. It is "
    "educational, and it is no substitute for advice from a qualified "
    "professional who knows your situation."
)
