"""Bring a blog over: ``make import SOURCE=export.xml`` or ``SOURCE=path/to/_posts``.

- A WordPress export (WXR, the file Tools > Export writes) is converted by
  Pelican's own ``pelican-import`` (which runs pandoc). What it leaves unfit for
  this site is then put right: WordPress's block comments, the author line,
  "Uncategorized" and second categories (they become tags), a draft's number for a
  slug; the excerpt becomes the Summary, the last change the Modified date, and a
  link to another imported post or page a ``{filename}`` link.
- A folder of Jekyll or Hugo posts (a Jekyll site, its ``_posts`` folder, or a Hugo
  content folder) is copied with its YAML front matter, which the site reads as it
  is (content_checks reads ``description``, ``lastmod`` and the like). Liquid or a
  shortcode with an exact Pelican equivalent is rewritten
  (``template_tags.to_pelican``); the content checks name the rest. A Jekyll
  space-separated ``tags`` line becomes a list.

Whatever the build needs and the old blog did not have (most often a summary) is
written from the post itself, with a ``Review`` field that says so: every build
lists those as warnings until the author has read them and deleted the field.
Posts go to ``content/posts/``, pages to ``content/pages/``; an existing file is
never overwritten.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

import yaml
from pelican.settings import read_settings

from .content_checks import DEFAULT_SETTINGS
from .newpost import site_command, slug_for
from .source import OTHER_NAMES, REVIEW_FIELD, YAML_DELIMITER
from .template_tags import TEMPLATE_TAG_RE, to_pelican

USAGE = (
    "make import SOURCE=export.xml (WordPress) or SOURCE=path/to/_posts (Jekyll, Hugo)"
)
WXR_NAMESPACES = {
    "wp": "http://wordpress.org/export/1.2/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
IMG_TAG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTRIBUTE_RE = re.compile(r"""([\w-]+)\s*=\s*["']([^"']*)["']""")
# pandoc writes an image in WordPress's <figure> as HTML, without its alt text.
FIGURE_RE = re.compile(
    r"<figure>\s*<img src=\"(?P<src>[^\"]+)\"[^>]*>\s*</figure>", re.IGNORECASE
)
# A line that is only one of WordPress's block markers: <!-- wp:paragraph -->.
WP_BLOCK_COMMENT_RE = re.compile(r"^<!-- /?wp:.*-->[ \t]*\n", re.MULTILINE)
UNCATEGORIZED = "uncategorized"
MARKDOWN_SUFFIXES = (".md", ".markdown")
# A block that is not a paragraph of prose: a heading, a list, a quote, a table,
# code, raw HTML, an image alone, Liquid, an attribute list.
NOT_PROSE_RE = re.compile(r"^(?:#|[-*+] |\d+[.)] |>|\||```|~~~|<|!\[|\{[%{:]|    |\t)")
FENCED_CODE_RE = re.compile(r"^(?P<fence>```|~~~).*?^(?P=fence)[ \t]*$", re.M | re.S)
# The address of a Markdown link or image: ](address).
MARKDOWN_LINK_RE = re.compile(r"\]\((?P<address>[^)\s]+)\)")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+")
JEKYLL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}-")


@dataclass
class Imported:
    """One post or page, ready to write."""

    kind: str  # "posts" or "pages": the folder under the content folder
    name: str  # the file name
    header: list[tuple[str, str]]  # Pelican `Key: value` fields; [] for YAML text
    body: str
    review: list[str] = field(default_factory=list)  # what the import wrote

    def text(self) -> str:
        if not self.header:
            return self.body
        fields = [*self.header]
        if self.review:
            fields.append((REVIEW_FIELD, review_note(self.review)))
        lines = [f"{key}: {value}" for key, value in fields]
        return "\n".join(lines) + "\n\n" + self.body.strip("\n") + "\n"


def review_note(written: list[str]) -> str:
    return (
        f"make import wrote the {' and the '.join(written)}: check "
        f"{'it' if len(written) == 1 else 'them'}, then delete this line"
    )


class CannotImport(Exception):
    """A source the import cannot read: the message says why and what to do."""


# --- Shared: a summary from the post itself ------------------------------------


def first_paragraph(markdown: str) -> str:
    """Return the first paragraph of prose in ``markdown``, on one line ("" if none)."""
    for block in re.split(r"\n\s*\n", FENCED_CODE_RE.sub("", markdown).strip("\n")):
        first = block.split("\n", 1)[0]
        if first.strip() and not NOT_PROSE_RE.match(first):
            return " ".join(block.split())
    return ""


def summary_from(markdown: str, limit: int) -> str:
    """Return whole sentences of the first paragraph, at most ``limit`` characters.

    A first sentence longer than that is cut at a word, with an ellipsis.
    """
    paragraph = first_paragraph(markdown)
    summary = ""
    for sentence in SENTENCE_END_RE.split(paragraph):
        longer = f"{summary} {sentence}".strip()
        if len(longer) > limit:
            break
        summary = longer
    if not summary and paragraph:
        summary = paragraph[: limit - 1].rsplit(" ", 1)[0] + "…"
    return summary


# --- WordPress -----------------------------------------------------------------


@dataclass(frozen=True)
class WordPressItem:
    """What pelican-import leaves out of a WordPress post or page."""

    kind: str  # WordPress's post type: "post", "page", "nav_menu_item"...
    link: str
    excerpt: str
    modified: str  # "YYYY-MM-DD HH:MM", or ""
    alt_texts: dict[str, str]  # each image's alt text, by its address


def alt_texts(html: str) -> dict[str, str]:
    """Return the alt text of each image in ``html``, by the image's address."""
    found = {}
    for tag in IMG_TAG_RE.findall(html):
        attributes = {
            name.lower(): unescape(value) for name, value in ATTRIBUTE_RE.findall(tag)
        }
        if attributes.get("src") and attributes.get("alt", "").strip():
            found[attributes["src"]] = attributes["alt"].strip()
    return found


def wordpress_items(export: Path) -> dict[str, WordPressItem]:
    """Read the export's posts and pages, by the file name pelican-import gives them."""
    try:
        channel = ElementTree.parse(export).getroot().find("channel")
    except ElementTree.ParseError as error:
        raise CannotImport(
            f"{export} is not a readable XML file ({error}); export it again from "
            "WordPress (Tools > Export > All content)."
        ) from None
    items = {}
    for item in channel.iter("item") if channel is not None else []:

        def text(path: str, item=item) -> str:
            return (item.findtext(path, "", WXR_NAMESPACES) or "").strip()

        name = text("wp:post_name") or text("wp:post_id")
        modified = text("wp:post_modified")[:16]
        items[name] = WordPressItem(
            kind=text("wp:post_type"),
            link=text("link"),
            excerpt=" ".join(text("excerpt:encoded").split()),
            modified="" if modified.startswith("0000") else modified,
            alt_texts=alt_texts(text("content:encoded")),
        )
    return items


def is_wordpress_export(path: Path) -> bool:
    with path.open("rb") as source:
        start = source.read(4096)
    return b"wordpress.org/export/" in start


def run_pelican_import(export: Path, folder: Path) -> None:
    if shutil.which("pandoc") is None:
        raise CannotImport(
            "pelican-import needs pandoc to convert WordPress's HTML to Markdown, "
            "and it is not installed: make import installs it (apt-get install "
            "pandoc) where it can; else install pandoc yourself."
        )
    command = Path(sys.executable).with_name("pelican-import")
    result = subprocess.run(
        [str(command), "--wpfile", "--markup", "markdown", "--dir-page"]
        + ["--output", str(folder), str(export)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise CannotImport(
            f"pelican-import could not convert {export}:\n{result.stderr.strip()}"
        )


def split_header(text: str) -> tuple[list[tuple[str, str]], str]:
    """Split pelican-import's output into its `Key: value` fields and the body."""
    header, _, body = text.partition("\n\n")
    fields = [
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in header.split("\n"))
    ]
    return fields, body


def import_wordpress(
    export: Path, limit: int, slug_of: Callable[[str], str], scratch: Path
) -> list[Imported]:
    items = wordpress_items(export)
    run_pelican_import(export, scratch)
    imported, links = [], {}
    for path in sorted(scratch.rglob("*.md")):
        kind = "pages" if path.parent.name == "pages" else "posts"
        header, body = split_header(path.read_text(encoding="utf-8"))
        item = items.get(path.stem)
        if item and item.kind not in ("post", "page"):
            # pelican-import takes every published item for a post: menu entries,
            # reusable blocks and the theme's styles too.
            continue
        entry = tidy_wordpress(Imported(kind, path.name, header, body), item, slug_of)
        imported.append(entry)
        if item and item.link:
            links[item.link.rstrip("/")] = f"{{filename}}/{kind}/{entry.name}"
    for entry in imported:
        # A link to another post or page of the export finds it in this site.
        entry.body = MARKDOWN_LINK_RE.sub(
            lambda link: (
                f"]({links.get(link['address'].rstrip('/'), link['address'])})"
            ),
            entry.body,
        )
        add_summary(entry, entry.body, limit)
    return imported


def tidy_wordpress(
    entry: Imported, item: WordPressItem | None, slug_of: Callable[[str], str]
) -> Imported:
    fields = dict(entry.header)
    fields.pop("Author", None)  # one author: the site's
    categories = [
        name.strip()
        for name in fields.pop("Category", "").split(",")
        if name.strip() and name.strip().casefold() != UNCATEGORIZED
    ]
    tags = [tag.strip() for tag in fields.pop("Tags", "").split(",") if tag.strip()]
    tags += [name for name in categories[1:] if name not in tags]
    # Without a slug (a draft never published), pelican-import uses WordPress's
    # number for the post, which is no address for a reader.
    slug = fields.get("Slug", "")
    if not slug or slug.isdigit():
        slug = slug_of(fields["Title"])
    header = [("Title", fields["Title"])]
    if "Date" in fields:
        header.append(("Date", fields["Date"]))
    if item and item.modified and item.modified > fields.get("Date", ""):
        header.append(("Modified", item.modified))
    header.append(("Slug", slug))
    if categories:
        header.append(("Category", categories[0]))
    if tags:
        header.append(("Tags", ", ".join(tags)))
    if fields.get("Status", "published") != "published":
        header.append(("Status", fields["Status"]))
    if item and item.excerpt:
        header.append(("Summary", item.excerpt))
    body = re.sub(r"\n{3,}", "\n\n", WP_BLOCK_COMMENT_RE.sub("", entry.body))
    alts = item.alt_texts if item else {}
    body = FIGURE_RE.sub(
        lambda figure: f"![{alts.get(unescape(figure['src']), '')}]({figure['src']})",
        body,
    )
    return Imported(entry.kind, f"{slug}.md", header, body)


def add_summary(entry: Imported, body: str, limit: int) -> None:
    """Give a post without a summary the first sentences of its first paragraph."""
    if entry.kind != "posts" or any(key == "Summary" for key, _ in entry.header):
        return
    title = next(value for key, value in entry.header if key == "Title")
    entry.header.append(("Summary", summary_from(body, limit) or title))
    entry.review.append("summary from the first paragraph")


# --- Jekyll and Hugo -----------------------------------------------------------


def markdown_files(folder: Path) -> list[tuple[Path, bool]]:
    """Return the posts of a Jekyll or Hugo folder, each with True for a draft."""
    if (folder / "_posts").is_dir():
        found = [(path, False) for path in _markdown_in(folder / "_posts")]
        if (folder / "_drafts").is_dir():
            found += [(path, True) for path in _markdown_in(folder / "_drafts")]
        return found
    return [(path, folder.name == "_drafts") for path in _markdown_in(folder)]


def _markdown_in(folder: Path) -> list[Path]:
    # Hugo's _index.md is a section's list page, not a post.
    return sorted(
        path
        for path in folder.rglob("*")
        if path.suffix in MARKDOWN_SUFFIXES and not path.name.startswith("_")
    )


def import_front_matter_post(path: Path, draft: bool, limit: int) -> Imported | str:
    """Return the post at ``path`` ready for this site, or why it is left out."""
    text = path.read_text(encoding="utf-8-sig")
    if text.startswith("+++"):
        return (
            "TOML front matter (+++) is not read by this site; convert the Hugo "
            "site's front matter to YAML first (hugo convert toYAML)."
        )
    match = re.match(r"---[ \t]*\n(?P<yaml>.*?\n)(?:---|\.\.\.)[ \t]*\n", text, re.S)
    if match is None:
        return (
            "it has no front matter between --- lines, so Jekyll does not publish it."
        )
    stem = path.parent.name if path.stem == "index" else path.stem
    body = convert_template_tags(text[match.end() :])
    try:
        metadata = yaml.safe_load(match["yaml"]) or {}
    except yaml.YAMLError:
        metadata = None  # copied as it is: the build says what is wrong, and where
    front = match["yaml"]
    review = []
    if isinstance(metadata, dict):
        metadata = {str(key).lower(): value for key, value in metadata.items()}
        added = {}
        if not metadata.get("title"):
            words = JEKYLL_DATE_RE.sub("", stem).replace("-", " ")
            added["title"] = words[:1].upper() + words[1:]
            review.append("title from the file name")
        if draft and "draft" not in metadata and "status" not in metadata:
            added["status"] = "draft"
        if not any(name in metadata for name in ("summary", *OTHER_NAMES["summary"])):
            added["summary"] = summary_from(body, limit) or metadata.get(
                "title", added.get("title")
            )
            review.append("summary from the first paragraph")
        if review:
            added[REVIEW_FIELD.lower()] = review_note(review)
        front = _tags_as_list(front, metadata.get("tags"))
        if added:
            front += yaml.safe_dump(
                added, allow_unicode=True, sort_keys=False, width=10_000
            )
    text = f"{YAML_DELIMITER}\n{front}{YAML_DELIMITER}\n{body}"
    return Imported("posts", f"{stem}.md", [], text, review)


def _tags_as_list(front: str, tags: object) -> str:
    """Jekyll reads ``tags: a b`` as two tags; this site needs a list to see two."""
    if not isinstance(tags, str) or "," in tags or " " not in tags.strip():
        return front
    listed = yaml.safe_dump({"tags": tags.split()}, default_flow_style=None)
    return re.sub(r"(?mi)^tags:.*\n", lambda _: listed, front, count=1)


def convert_template_tags(body: str) -> str:
    """Rewrite each Liquid tag or Hugo shortcode with an exact Pelican equivalent."""

    def replace(match: re.Match) -> str:
        pelican = to_pelican(match[0])
        return match[0] if pelican is None else pelican

    return TEMPLATE_TAG_RE.sub(replace, body)


def import_front_matter_folder(
    folder: Path, limit: int
) -> tuple[list[Imported], list[str]]:
    posts, skipped = [], []
    files = markdown_files(folder)
    if not files:
        raise CannotImport(
            f"{folder} has no Markdown posts (.md or .markdown files); give the "
            "Jekyll site's folder, its _posts folder, or a Hugo content folder."
        )
    for path, draft in files:
        result = import_front_matter_post(path, draft, limit)
        if isinstance(result, str):
            skipped.append(f"{path}: not imported: {result}")
        else:
            posts.append(result)
    return posts, skipped


# --- Writing -------------------------------------------------------------------


def write(
    entries: list[Imported], content: Path
) -> tuple[list[tuple[Path, Imported]], list[str]]:
    """Write each entry into the content folder; never over an existing file."""
    written, skipped = [], []
    for entry in entries:
        folder = content / entry.kind
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / entry.name
        try:
            with path.open("x", encoding="utf-8") as new_file:
                new_file.write(entry.text())
        except FileExistsError:
            skipped.append(
                f"{path}: not imported: the file exists (imported before, or a post "
                "of this site with the same name). Rename one and import again."
            )
            continue
        written.append((path, entry))
    return written, skipped


def main(argv: list[str] | None = None) -> int:
    parser = site_command(
        "make import",
        "Import a WordPress export, or a folder of Jekyll or Hugo posts.",
    )
    parser.add_argument("source", help="a WordPress export (.xml) or a folder")
    args = parser.parse_args(argv)
    if not args.source.strip():
        print(f"make import: say what to import: {USAGE}", file=sys.stderr)
        return 2
    source = Path(args.source)
    settings = read_settings(args.settings)
    content = args.content or Path(settings["PATH"])
    limit = settings.get(
        "CONTENT_CHECKS_SUMMARY_MAX_CHARS",
        DEFAULT_SETTINGS["CONTENT_CHECKS_SUMMARY_MAX_CHARS"],
    )

    slug_of = partial(slug_for, settings=settings)

    skipped: list[str] = []
    try:
        if source.is_dir():
            entries, skipped = import_front_matter_folder(source, limit)
        elif source.is_file() and is_wordpress_export(source):
            with tempfile.TemporaryDirectory() as scratch:
                entries = import_wordpress(source, limit, slug_of, Path(scratch))
        elif source.is_file():
            raise CannotImport(f"{source} is not a WordPress export (WXR); {USAGE}.")
        else:
            raise CannotImport(f"{source} does not exist; {USAGE}.")
    except CannotImport as error:
        print(f"make import: {error}", file=sys.stderr)
        return 2
    written, existing = write(entries, content)
    for path, entry in written:
        note = f"  (to review: {', '.join(entry.review)})" if entry.review else ""
        print(f"{path}{note}")
    for line in [*skipped, *existing]:
        print(line, file=sys.stderr)
    to_review = sum(1 for entry in entries if entry.review)
    print(
        f"\nImported {len(written)} of {len(entries) + len(skipped)} files into "
        f"{content}. {to_review} have a Review line: make check lists each as a "
        "warning until you delete it."
    )
    return 1 if skipped or existing else 0


if __name__ == "__main__":
    sys.exit(main())
