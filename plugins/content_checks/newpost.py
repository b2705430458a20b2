"""Start a new post: ``make newpost TITLE="Following up after a job fair"``.

Writes ``content/posts/<slug>.md``: a draft with every header field an author
fills in (title, date and time now, ``Status: draft``, category, tags, a summary
placeholder, an empty series) and a sample checklist. It never overwrites a file,
and prints the new file's path, then the tags and series already in use, so the
author can reuse their exact spelling.

The placeholders all start with ``PLACEHOLDER``: the content checks refuse to
publish a post that still holds one, so a draft can be rough but a published post
cannot carry template text by mistake.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import read_settings
from pelican.utils import slugify

from .source import PLACEHOLDER, header_fields

USAGE_EXAMPLE = 'make newpost TITLE="Following up after a job fair"'

TEMPLATE = """\
Title: {title}
Date: {date}
Slug: {slug}
Status: draft
Category: {category}
Tags:
Series:
Summary: {placeholder} one or two sentences that tell a reader what this post \
gives them (at most 300 characters). The home page and search results show it.

{placeholder} write the post here. Break it into parts with headings (lines \
that start with "## ") so a reader can skim it. Set "Status: published" when it \
is ready.

## A checklist

A task list becomes a checklist that readers can tick and print:

- [ ] {placeholder} the first step
- [ ] {placeholder} the second step
"""


def render(title: str, slug: str, now: datetime, category: str) -> str:
    """Return the Markdown text of a new draft post."""
    return TEMPLATE.format(
        title=title,
        date=now.strftime("%Y-%m-%d %H:%M"),
        slug=slug,
        category=category,
        placeholder=PLACEHOLDER,
    )


def values_in_use(posts: Path, key: str) -> list[str]:
    """Return the values of header field ``key`` across the posts, sorted.

    Comma-separated lists (tags) are split into their items.
    """
    found: dict[str, str] = {}
    for path in sorted(posts.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # the content checks report a file that cannot be read
        for field in header_fields(text):
            if field.key == key:
                for item in field.value.split(","):
                    if item.strip():
                        found.setdefault(item.strip().casefold(), item.strip())
    return sorted(found.values(), key=str.casefold)


def site_command(prog: str, description: str) -> argparse.ArgumentParser:
    """Return the parser of a make command that writes into the content folder."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument(
        "--content", type=Path, help="content folder (default: the settings' PATH)"
    )
    parser.add_argument(
        "--settings", default="pelican.conf.py", help="Pelican settings file"
    )
    return parser


def slug_for(title: str, settings: dict) -> str:
    """Return the slug Pelican makes of ``title`` with ``settings``."""
    return slugify(
        title,
        regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
        preserve_case=settings["SLUGIFY_PRESERVE_CASE"],
        use_unicode=settings["SLUGIFY_USE_UNICODE"],
    )


def main(argv: list[str] | None = None) -> int:
    parser = site_command(
        "make newpost", "Create a new draft post in the content folder."
    )
    parser.add_argument("title", help="the post's title")
    args = parser.parse_args(argv)

    title = " ".join(args.title.split())
    if not title:
        print(
            f"make newpost: give the post a title, for example: {USAGE_EXAMPLE}",
            file=sys.stderr,
        )
        return 2
    settings = read_settings(args.settings)
    slug = slug_for(title, settings)
    if not slug:
        print(
            f"make newpost: the title {title!r} has no letters or digits to make "
            "an address from; use a title with words in it",
            file=sys.stderr,
        )
        return 2
    posts = (args.content or Path(settings["PATH"])) / settings["ARTICLE_PATHS"][0]
    path = posts / f"{slug}.md"
    now = datetime.now(ZoneInfo(settings["TIMEZONE"]))
    text = render(title, slug, now, settings["DEFAULT_CATEGORY"])
    posts.mkdir(parents=True, exist_ok=True)
    try:
        # "x": create the file, or fail if it exists, in one step.
        with path.open("x", encoding="utf-8") as new_file:
            new_file.write(text)
    except FileExistsError:
        print(
            f"make newpost: {path} already exists; nothing was written. Edit that "
            "file, or choose a different title.",
            file=sys.stderr,
        )
        return 1
    print(path)
    for key, label in (("tags", "Tags"), ("series", "Series")):
        in_use = values_in_use(posts, key)
        if in_use:
            print(f"{label} already in use: {', '.join(in_use)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
