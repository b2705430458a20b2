"""The checks of each post and page, run once the site is written.

Each check adds to ``findings`` what it finds, with the file, the line (the
header field, or the line of the Markdown source where a link appears) and how to
fix it. Links are checked against the written site, so a link to anything the
build makes (a post, a tag page, a checklist page, an image) is found.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from pelican.contents import Article, Content
from pelican.urlwrappers import URLWrapper

from .findings import (
    ERROR,
    EXAMPLE_TITLES,
    WARNING,
    display_path,
    field_example,
    findings,
    kind,
    read_source,
)
from .html_scan import Element, HtmlScan
from .markdown_scan import finished_scans
from .source import (
    PLACEHOLDER,
    REVIEW_FIELD,
    HeaderField,
    field_line,
    header_fields,
    lines_containing,
)
from .template_tags import (
    find_template_tags,
    may_hold_template_tags,
    pelican_way,
    template_language,
)

# An intrasite link Pelican could not replace still starts with its indicator
# (INTRASITE_LINK_REGEX: `{filename}`, or `|filename|` in older posts).
UNRESOLVED_LINK_RE = re.compile(r"^[{|](?P<what>[^}|]*)[}|](?P<target>.*)$")
FILE_INDICATORS = ("filename", "static", "attach")
QUERY_OR_FRAGMENT_RE = re.compile(r"[?#]")


class LineFinder:
    """Find the source line of each link, in order, when a link appears twice."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.used: dict[str, int] = defaultdict(int)

    def find(self, *needles: str) -> int | None:
        """Return the line of the next use of the first needle found in the text."""
        for needle in needles:
            found = lines_containing(self.text, needle)
            if found:
                index = min(self.used[needle], len(found) - 1)
                self.used[needle] += 1
                return found[index]
        return None


def check_content(content: Content, output_path: str, tags_in_use: list[str]) -> None:
    """Run every check that applies to ``content`` (a post or a page)."""
    settings = findings.settings
    path = content.source_path
    text = read_source(path)
    fields = header_fields(text)
    what = kind(content)
    # The HTML of the post and of its summary, as the Markdown step saw it.
    body, summary = finished_scans(content)

    _check_fields_written_once(path, fields)
    _check_review(path, fields, what)
    if not str(getattr(content, "title", "")).strip():
        findings.add(
            path,
            field_line(fields, "title"),
            ERROR,
            f"The Title line is empty, so this {what} has no heading and no name in "
            "lists.",
            "write the title after the colon: "
            f'"{field_example(text, "Title", EXAMPLE_TITLES[what])}".',
        )
    # What this build does not write (an empty *_SAVE_AS: drafts under `make
    # publish`) has no page whose links could break; `make check` writes drafts
    # and checks their links.
    lines = LineFinder(text)
    _check_template_tags(content, [body, summary], lines)
    if content.save_as:
        _check_links(content, [body, summary], output_path, lines)
    if not isinstance(content, Article):
        return
    if content.status == "published":
        _check_published(content, text, fields)
    _check_summary_length(
        content, summary, fields, settings["CONTENT_CHECKS_SUMMARY_MAX_CHARS"]
    )
    if not getattr(content, "tags", None):
        used = f" Tags already in use: {', '.join(tags_in_use)}." if tags_in_use else ""
        findings.add(
            path,
            1,
            WARNING,
            "This post has no tags, so no topic page lists it.",
            "add a Tags line to the header, with tags separated by commas: "
            f'"{field_example(text, "Tags", "networking, follow-up")}".{used}',
        )
    _check_long_post(content, body, settings["CONTENT_CHECKS_LONG_POST_WORDS"])


def _check_fields_written_once(path: str, fields: list[HeaderField]) -> None:
    """Report header fields written twice: Pelican ignores one, or lists both."""
    lines: dict[str, list[int]] = defaultdict(list)
    for header in fields:
        lines[header.key].append(header.line)
    for key, found in lines.items():
        if len(found) > 1:
            name = key.capitalize()
            findings.add(
                path,
                found[1],
                ERROR,
                f"The header has {len(found)} {name} lines (lines "
                f"{', '.join(map(str, found[:-1]))} and {found[-1]}); a field can be "
                "set only once.",
                f"keep one {name} line and delete the other.",
            )


def _check_review(path: str, fields: list[HeaderField], what: str) -> None:
    for header in fields:
        if header.key == REVIEW_FIELD.lower():
            findings.add(
                path,
                header.line,
                WARNING,
                f"This {what} has a {REVIEW_FIELD} line from make import: "
                f'"{header.value}".',
                "read what make import wrote, correct it if need be, and delete the "
                f"{REVIEW_FIELD} line.",
            )


def _check_published(content: Article, text: str, fields: list[HeaderField]) -> None:
    path = content.source_path
    summary_line = field_line(fields, "summary")
    if "summary" not in content.metadata:
        findings.add(
            path,
            1,
            ERROR,
            "This published post has no Summary line. The home page, search results "
            "and link previews show the summary; without one they show the post's "
            "first words, cut off.",
            "add a Summary line to the header: one or two sentences that say what a "
            "reader gets from the post.",
        )
    elif PLACEHOLDER in content.metadata["summary"]:
        findings.add(
            path,
            summary_line,
            ERROR,
            "The summary of this published post is still the placeholder that make "
            "newpost wrote.",
            "replace it with one or two sentences that say what a reader gets from "
            "the post.",
        )
    placeholders = [
        line for line in lines_containing(text, PLACEHOLDER) if line != summary_line
    ]
    if placeholders:
        findings.add(
            path,
            placeholders[0],
            ERROR,
            f'This published post still has placeholder text ("{PLACEHOLDER} ...") '
            "from make newpost, on line"
            f"{'s' if len(placeholders) > 1 else ''} "
            f"{', '.join(map(str, placeholders))}.",
            "replace each placeholder with your own text, or set "
            f'"{field_example(text, "Status", "draft")}" until the post is '
            "finished.",
        )


def _check_summary_length(
    content: Article, summary: HtmlScan, fields: list[HeaderField], limit: int
) -> None:
    if "summary" not in content.metadata:
        return
    length = len(" ".join(summary.words()))
    if length > limit:
        findings.add(
            content.source_path,
            field_line(fields, "summary"),
            WARNING,
            f"The summary is {length} characters long. Search results cut off a "
            f"summary longer than {limit} characters, and a long one crowds the "
            "home page.",
            f"shorten it to one or two sentences of at most {limit} characters.",
        )


def _check_long_post(content: Article, body: HtmlScan, limit: int) -> None:
    if body.has_heading:
        return
    words = len(body.words())
    if words > limit:
        findings.add(
            content.source_path,
            None,
            WARNING,
            f"This post is {words:,} words long and has no headings, so a reader "
            "cannot skim it or find their place again.",
            "break it into parts, each under a heading (a line that starts with "
            '"## ").',
        )


# --- Links and images ------------------------------------------------------------


def _check_links(
    content: Content, scans: list[HtmlScan], output_path: str, lines: LineFinder
) -> None:
    for scan in scans:
        for element in scan.elements:
            if element.name == "img":
                _check_image(content, element, output_path, lines)
            elif element.attrs:
                _check_attributes(content, scan, element, output_path, lines)


def _check_attributes(
    content: Content,
    scan: HtmlScan,
    element: Element,
    output_path: str,
    lines: LineFinder,
) -> None:
    for attribute, value in element.attrs.items():
        stripped = value.strip()
        link = element.name == "a" and attribute == "href"
        # Any other attribute can only hold an address Pelican could not resolve,
        # which starts with its indicator (UNRESOLVED_LINK_RE); most hold none.
        if not link and not stripped.startswith(("{", "|")):
            continue
        href = _as_written(stripped)
        unresolved = UNRESOLVED_LINK_RE.match(href)
        if find_template_tags(href):
            continue  # reported by _check_template_tags, quoted whole
        if unresolved:
            problem = _unresolved(content, href, unresolved, "link")
        elif link:
            problem = _missing_page(content, href, output_path)
        else:
            continue
        if problem:
            line = lines.find(href, f"[{scan.text_of(element)}]")
            findings.add(content.source_path, line, ERROR, *problem)


def _as_written(href: str) -> str:
    """Return a link Pelican could not resolve as the author wrote it.

    Pelican adds the query and fragment of such a link a second time:
    "{filename}x.md#part" is written "{filename}x.md#part#part".
    """
    for mark in QUERY_OR_FRAGMENT_RE.finditer(href):
        if href[: mark.start()].endswith(href[mark.start() :]):
            return href[: mark.start()]
    return href


def _check_template_tags(
    content: Content, scans: list[HtmlScan], lines: LineFinder
) -> None:
    """Report Jekyll's Liquid and Hugo's shortcodes, in addresses and text, not code."""
    for scan in scans:
        for element in scan.elements:
            for value in element.attrs.values():
                for tag in find_template_tags(value):
                    effect = (
                        "the image does not show"
                        if element.name == "img"
                        else "the link leads nowhere"
                    )
                    _report_template_tag(content, tag, lines, effect, in_link=True)
        if not may_hold_template_tags("".join(scan.strings)):
            continue
        code = {
            index
            for element in scan.elements
            if element.name in ("code", "pre")
            for index in range(element.first, element.end)
        }
        for index, string in enumerate(scan.strings):
            if index not in code:
                for tag in find_template_tags(string):
                    effect = "readers would see it as written"
                    _report_template_tag(content, tag, lines, effect, in_link=False)


def _report_template_tag(
    content: Content, tag: str, lines: LineFinder, effect: str, in_link: bool
) -> None:
    findings.add(
        content.source_path,
        # pandoc writes a WordPress shortcode's brackets escaped: \[gallery\].
        lines.find(tag, tag.replace("[", "\\[").replace("]", "\\]")),
        ERROR,
        f'"{tag}" is {template_language(tag)}. Pelican does not run it, so {effect}.',
        pelican_way(tag, in_link),
    )


def _check_image(
    content: Content, image: Element, output_path: str, lines: LineFinder
) -> None:
    src = _as_written(image.attrs.get("src", "").strip())
    line = lines.find(src, os.path.basename(src)) if src else None
    if not image.attrs.get("alt", "").strip():
        findings.add(
            content.source_path,
            line,
            ERROR,
            f"The image {src} has no alt text, so people who cannot see it are told "
            "nothing about it.",
            "describe what the image shows inside the square brackets: "
            f"![A job fair hall with rows of stands]({src}).",
        )
    # An address with Liquid or a shortcode in it: see _check_template_tags.
    problem = (
        _image_problem(content, src, output_path)
        if src and not find_template_tags(src)
        else None
    )
    if problem:
        findings.add(content.source_path, line, ERROR, *problem)


def _image_problem(
    content: Content, src: str, output_path: str
) -> tuple[str, str] | None:
    unresolved = UNRESOLVED_LINK_RE.match(src)
    if unresolved:
        return _unresolved(content, src, unresolved, "image")
    parts = urlsplit(src)
    if parts.scheme == "data":
        return None
    outside = _outside_the_site(src)
    if outside:
        reason, inside = outside
        return (
            f"The image {reason}, so readers would see no image.",
            "write it as {static}/images/<file name>: the build then writes its "
            f"full address; or write {inside}.",
        )
    address = _site_address(content, src)
    if address is None:
        return (
            f"The image {src} is on another website. The site loads nothing from "
            "other websites (its Content-Security-Policy blocks it), so readers "
            "would see no image.",
            "save the image in content/images/ (if its licence allows) and write "
            "it as {static}/images/<file name>.",
        )
    if _written(output_path, address):
        return None
    return (
        f"The image {src}{_address_note(src, address)} does not exist in the site"
        f"{_static_source_note(address)}.",
        "put the image in content/images/ and write it as "
        "{static}/images/<file name>, or correct the name.",
    )


def _static_source_note(address: str) -> str:
    """Name the file that would be published at ``address``, if it is a static one."""
    relative = unquote(address).lstrip("/")
    if relative.split("/", 1)[0] not in findings.settings["STATIC_PATHS"]:
        return ""
    source = display_path(os.path.join(findings.settings["PATH"], relative))
    return f": there is no file {source}"


def _missing_page(
    content: Content, href: str, output_path: str
) -> tuple[str, str] | None:
    outside = _outside_the_site(href)
    if outside:
        reason, inside = outside
        return (
            f"The link {reason}.",
            "link to the post's or page's file with {filename}/posts/<file>.md: the "
            f"build then writes its full address; or write {inside}.",
        )
    address = _site_address(content, href)
    if address is None or urlsplit(href).path == "" or _written(output_path, address):
        return None
    return (
        f"The link {href}{_address_note(href, address)} goes to a page this site "
        "does not have.",
        "correct the address, or link to the post's file with "
        "{filename}/posts/<file>.md: the build then finds its address for you, and "
        "tells you if the file is missing.",
    )


def _address_note(written: str, address: str) -> str:
    return "" if address == written else f" (the address {address})"


def _site_address(content: Content, href: str) -> str | None:
    """Return the address on this site that ``href`` leads to.

    None for a link that leaves the site: another website, ``mailto:``, ``tel:``.
    """
    parts = urlsplit(href)
    site = urlsplit(findings.settings["SITEURL"])
    if parts.scheme not in ("", "http", "https"):
        return None
    if (parts.scheme or parts.netloc) and parts.netloc != site.netloc:
        return None
    path = parts.path
    site_path = site.path.rstrip("/")
    if (parts.netloc or path.startswith("/")) and (path + "/").startswith(
        site_path + "/"
    ):
        path = path[len(site_path) :] or "/"
    return urljoin("/" + content.url, path)


def _outside_the_site(href: str) -> tuple[str, str] | None:
    """Say where ``href``, an address from the host's root, leads out of the site.

    Return (``href`` and where it leads, the address under the site's path), or
    None unless SITEURL has a path (``https://example.org/blog``) that ``href``
    (``/about/``) is not under. Pelican puts SITEURL only in front of the
    addresses it writes itself ({filename}, {static}).
    """
    siteurl = findings.settings["SITEURL"].rstrip("/")
    site = urlsplit(siteurl)
    parts = urlsplit(href)
    if not site.path or parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if (parts.path + "/").startswith(site.path + "/"):
        return None
    return (
        f"{href} leads to {site.scheme}://{site.netloc}{href}, outside the site, "
        f"which is published under {siteurl}/ (SITEURL): an address that starts "
        "with / starts from the root of the host",
        site.path + href,
    )


def _written(output_path: str, address: str) -> bool:
    target = os.path.join(output_path, unquote(address).lstrip("/"))
    if address.endswith("/") or os.path.isdir(target):
        target = os.path.join(target, "index.html")
    return os.path.isfile(target)


def _unresolved(
    content: Content, href: str, match: re.Match, what: str
) -> tuple[str, str]:
    """Explain a `{filename}`-style link that Pelican could not resolve."""
    indicator, target = match["what"], urlsplit(match["target"]).path
    if indicator not in FILE_INDICATORS:
        return (
            f'The {what} {href} starts with "{{{indicator}}}", which Pelican does not '
            "know, so it leads nowhere.",
            "write {filename} to link to a post or page, or {static} for an image "
            "or another file.",
        )
    if target.startswith("/"):
        relative = target.lstrip("/")
    else:
        relative = os.path.normpath(os.path.join(content.relative_dir, target))
    expected = display_path(os.path.join(findings.settings["PATH"], relative))
    known: dict[str, Any] = findings.context.get(
        "generated_content" if indicator == "filename" else "static_content", {}
    )
    close = difflib.get_close_matches(relative, list(known), n=1)
    suggestion = f" Did you mean {{{indicator}}}/{close[0]}?" if close else ""
    return (
        f"The {what} {href} points to {expected}, which does not exist.",
        f"correct the file name, or remove the {what}.{suggestion}",
    )


# --- Across posts --------------------------------------------------------------------


def check_series(articles: Iterable[Article]) -> None:
    """Report series names that give the same address as another series.

    Names that differ only in capital letters, spaces or punctuation get one slug,
    so one series page: the posts of the other spelling would start a series of
    their own, and the series_and_related plugin writes only one of the two pages.
    """
    spellings: dict[str, dict[str, list[Article]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for article in articles:
        name = article.metadata.get("series")
        if name:
            slug = URLWrapper(str(name), findings.settings).slug
            spellings[slug][str(name)].append(article)
    for names in spellings.values():
        if len(names) < 2:
            continue
        # The spelling most posts use is the series; a tie goes to the oldest post.
        canonical = min(
            names,
            key=lambda n: (-len(names[n]), min(oldest_first(a) for a in names[n])),
        )
        count = len(names[canonical])
        for name, posts in names.items():
            if name == canonical:
                continue
            for post in posts:
                text = read_source(post.source_path)
                findings.add(
                    post.source_path,
                    field_line(header_fields(text), "series"),
                    ERROR,
                    f'The series "{name}" differs from the series "{canonical}" '
                    f"({count} post{'s' if count != 1 else ''}) only in capital "
                    "letters, spaces or punctuation, so both would have one series "
                    "page, and this post would start a series of its own.",
                    f'write "{field_example(text, "Series", canonical)}" exactly, '
                    "or give the series a name that differs in letters.",
                )


def oldest_first(item: Content) -> tuple:
    date = getattr(item, "date", None)
    return (date.timestamp() if date else 0, item.source_path)


def drop_duplicates(items: list[Content]) -> None:
    """Report every item written where an earlier one is, and remove it from items.

    Pelican would otherwise stop with a traceback when it writes the second one.
    """
    counts = Counter(item.save_as for item in items)
    for address in [address for address, count in counts.items() if count > 1]:
        # The oldest post keeps the address: readers most likely have links to it.
        keep, *others = sorted(
            (item for item in items if item.save_as == address), key=oldest_first
        )
        for other in others:
            _report_duplicate(other, keep)
            items.remove(other)
            # Pelican took posts with one slug for translations of each other:
            # the feed of every post and its translations would still list it.
            keep.translations = [t for t in keep.translations if t is not other]


def _report_duplicate(other: Content, keep: Content) -> None:
    text = read_source(other.source_path)
    fields = header_fields(text)
    what = kind(other)
    slug_line = field_line(fields, "slug")
    fix = (
        f"give this {what} a different Slug line."
        if slug_line
        else f"give this {what} a Slug line with an address of its own, such as "
        f'"{field_example(text, "Slug", other.slug + "-2")}" (without a Slug line, '
        "the slug comes from the title)."
    )
    findings.add(
        other.source_path,
        slug_line or field_line(fields, "title"),
        ERROR,
        f'This {what} has the slug "{other.slug}", like '
        f"{display_path(keep.source_path)}: both would be written to /{keep.url}, "
        f"so this {what} was left out of the site.",
        fix,
    )
