"""Liquid, Jekyll's template language, in a post brought over from a Jekyll blog.

Pelican does not run Liquid: ``{% link _posts/x.md %}`` or ``{{ site.baseurl }}``
stays in the page exactly as written. The content checks report each one with the
Pelican way of saying the same (``pelican_way``); ``make import`` rewrites those
that have an exact equivalent (``to_pelican``). Nothing here imports Pelican.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

# A tag ({% name arguments %}) or an output ({{ expression }}), with Liquid's
# whitespace control ({%- ... -%}).
LIQUID_RE = re.compile(
    r"\{%-?\s*(?P<tag>\w+)(?P<arguments>.*?)-?%\}|\{\{-?(?P<expression>.*?)-?\}\}",
    re.DOTALL,
)
# {{ "/about/" | relative_url }}: an address from the site's root.
URL_FILTER_RE = re.compile(
    r"""^\s*(?P<quote>["'])(?P<address>[^"']*)(?P=quote)\s*\|\s*"""
    r"(?:relative_url|absolute_url)\s*$"
)
# {{ site.baseurl }} and {{ site.url }}: what Pelican's SITEURL stands for.
SITE_ADDRESS_RE = re.compile(r"^\s*site\.(?:baseurl|url)\s*$")
POSTS_FOLDER = "posts"


def find_liquid(text: str) -> list[str]:
    """Return every Liquid tag and output in ``text``, as written, in order."""
    return [match[0] for match in LIQUID_RE.finditer(text)]


def _post_file(target: str) -> str:
    """Return the {filename} link of the post Jekyll names ``target``."""
    name = posixpath.splitext(posixpath.basename(target))[0]
    return f"{{filename}}/{POSTS_FOLDER}/{name}.md"


# What each Liquid tag with an exact equivalent becomes, from its arguments.
TAGS: dict[str, Callable[[list[str]], str | None]] = {
    "post_url": lambda arguments: _post_file(arguments[0]) if arguments else None,
    # {% link %} names any file of the Jekyll site; only posts are brought over.
    "link": lambda arguments: (
        _post_file(arguments[0])
        if arguments and arguments[0].startswith("_posts/")
        else None
    ),
    "highlight": lambda arguments: "```" + (arguments[0] if arguments else ""),
    "endhighlight": lambda _arguments: "```",
    "raw": lambda _arguments: "",
    "endraw": lambda _arguments: "",
}


def to_pelican(liquid: str) -> str | None:
    """Return what Pelican writes for the Liquid ``liquid``; None if nothing exact.

    A post's address becomes a ``{filename}`` link to its file in the posts folder
    (where ``make import`` writes it, as ``<name>.md``); the site's own address
    becomes nothing, so that a link starts at the site's root as Pelican's do; a
    highlighted block becomes a fenced one.
    """
    match = LIQUID_RE.fullmatch(liquid)
    if match is None:
        return None
    if match["tag"] is not None:
        convert = TAGS.get(match["tag"])
        return convert(match["arguments"].split()) if convert else None
    if SITE_ADDRESS_RE.match(match["expression"]):
        return ""
    address = URL_FILTER_RE.match(match["expression"])
    return address["address"] if address else None


def pelican_way(liquid: str, in_link: bool) -> str:
    """Return how to say in a Pelican post what ``liquid`` says in a Jekyll one.

    ``in_link``: ``liquid`` is (part of) a link's or an image's address.
    """
    match = LIQUID_RE.fullmatch(liquid)
    tag = match["tag"] if match else None
    exact = to_pelican(liquid)
    if tag in ("link", "post_url"):
        example = exact or "{filename}/pages/<file>.md"
        return (
            f"link to the file instead, with {example}: the build finds its address "
            "for you, and tells you if the file is missing."
        )
    if tag in ("highlight", "endhighlight"):
        return (
            f"write {exact} instead: a fenced code block starts with ``` and the "
            "language, and ends with ```."
        )
    if tag in ("raw", "endraw"):
        return "delete it: Pelican shows the text around it as written."
    if tag is not None:
        return "replace it with the text or Markdown it stood for."
    if exact is not None:
        what = f"write {exact} instead" if exact else "delete it"
        return (
            f"{what}, an address from the site's root (such as /about/): Pelican "
            "puts SITEURL (set in publish.conf.py) in front of it where a full "
            "address is needed."
        )
    return (
        f"write the {'address' if in_link else 'text'} itself: a post cannot read "
        "the site's settings (Jekyll's site.* and page.*)."
    )
