"""Jekyll's Liquid, Hugo's and WordPress's shortcodes, in a post brought over.

Pelican runs none of them: ``{% link _posts/x.md %}``, ``{{ site.baseurl }}``,
``{{< ref "x.md" >}}`` or ``[gallery ids="1,2"]`` stays in the page exactly as
written. The content checks
report each one with the Pelican way of saying the same (``pelican_way``);
``make import`` rewrites those that have an exact equivalent (``to_pelican``).
Nothing here imports Pelican.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

TEMPLATE_TAG_RE = re.compile(
    # Hugo: a shortcode, {{< name arguments >}} or {{% name arguments %}}, and
    # its closing {{< /name >}}. First: Liquid's {{ ... }} would match it too.
    r"\{\{[<%]\s*(?P<shortcode>/?[\w.-]+)(?P<shortcode_arguments>.*?)[>%]\}\}"
    # Liquid: a tag, {% name arguments %}, with whitespace control ({%- ... -%}).
    r"|\{%-?\s*(?P<tag>\w+)(?P<arguments>.*?)-?%\}"
    # Liquid: an output, {{ expression }}.
    r"|\{\{-?(?P<expression>.*?)-?\}\}"
    # WordPress: the shortcodes of its own media, [gallery ids="1,2"] (pandoc
    # writes them as text; [caption] pelican-import turns into an image).
    r"|\[(?P<wordpress>/?(?:gallery|embed|audio|video|playlist))\b"
    r"(?P<wordpress_arguments>[^\]]*)\]",
    re.DOTALL,
)
# {{ "/about/" | relative_url }}: an address from the site's root.
URL_FILTER_RE = re.compile(
    r"""^\s*(?P<quote>["'])(?P<address>[^"']*)(?P=quote)\s*\|\s*"""
    r"(?:relative_url|absolute_url)\s*$"
)
# {{ site.baseurl }} and {{ site.url }}: what Pelican's SITEURL stands for.
SITE_ADDRESS_RE = re.compile(r"^\s*site\.(?:baseurl|url)\s*$")
# A shortcode's argument: name="value", or a value alone, quoted or not.
ARGUMENT_RE = re.compile(
    r"""(?:(?P<name>\w+)=)?(?:"(?P<quoted>[^"]*)"|(?P<bare>\S+))"""
)
POSTS_FOLDER = "posts"
LIQUID = "Liquid, Jekyll's template language"
SHORTCODE = "a Hugo shortcode"
WORDPRESS_SHORTCODE = "a WordPress shortcode"

Convert = Callable[[list[str], dict[str, str]], str | None]


def find_template_tags(text: str) -> list[str]:
    """Return every Liquid tag or output and shortcode in ``text``, in order."""
    if not may_hold_template_tags(text):
        return []
    return [match[0] for match in TEMPLATE_TAG_RE.finditer(text)]


def may_hold_template_tags(text: str) -> bool:
    """Return False when ``text`` cannot hold a tag: each has a brace or a bracket."""
    return "{" in text or "[" in text


def template_language(tag: str) -> str:
    """Say what ``tag`` is written in: Jekyll's Liquid, or Hugo's or WordPress's."""
    match = TEMPLATE_TAG_RE.fullmatch(tag)
    if match and match["shortcode"]:
        return SHORTCODE
    if match and match["wordpress"]:
        return WORDPRESS_SHORTCODE
    return LIQUID


def _post_file(target: str) -> str:
    """Return the {filename} link of the post that Jekyll or Hugo names ``target``."""
    name = posixpath.splitext(posixpath.basename(target.rstrip("/")))[0]
    return f"{{filename}}/{POSTS_FOLDER}/{name}.md"


def _first(values: list[str]) -> str:
    return values[0] if values else ""


def _image(named: dict[str, str]) -> str | None:
    alt = named.get("alt") or named.get("caption") or named.get("title", "")
    return f"![{alt}]({named['src']})" if named.get("src") else None


# What each tag or shortcode with an exact equivalent becomes, from its values
# (in order) and its named arguments.
CONVERSIONS: dict[str, Convert] = {
    # Jekyll
    "post_url": lambda values, _named: _post_file(values[0]) if values else None,
    # {% link %} names any file of the Jekyll site; only posts are brought over.
    "link": lambda values, _named: (
        _post_file(values[0]) if _first(values).startswith("_posts/") else None
    ),
    "highlight": lambda values, _named: "```" + _first(values),
    "endhighlight": lambda _values, _named: "```",
    "raw": lambda _values, _named: "",
    "endraw": lambda _values, _named: "",
    # Hugo
    "ref": lambda values, _named: _post_file(values[0]) if values else None,
    "relref": lambda values, _named: _post_file(values[0]) if values else None,
    "/highlight": lambda _values, _named: "```",
    "figure": lambda _values, named: _image(named),
}
LINKS = ("link", "post_url", "ref", "relref")
HIGHLIGHTS = ("highlight", "endhighlight", "/highlight")


def _name_and_arguments(match: re.Match) -> tuple[str | None, list[str], dict]:
    name = match["shortcode"] or match["tag"] or match["wordpress"]
    text = (
        match["shortcode_arguments"]
        or match["arguments"]
        or match["wordpress_arguments"]
        or ""
    )
    values, named = [], {}
    for argument in ARGUMENT_RE.finditer(text):
        value = (
            argument["quoted"] if argument["quoted"] is not None else argument["bare"]
        )
        if argument["name"]:
            named[argument["name"]] = value
        else:
            values.append(value)
    return name, values, named


def to_pelican(tag: str) -> str | None:
    """Return what Pelican writes for ``tag``; None if nothing is exactly the same.

    A post's address becomes a ``{filename}`` link to its file in the posts folder
    (where ``make import`` writes it, as ``<name>.md``); the site's own address
    becomes nothing, so that a link starts at the site's root as Pelican's do; a
    highlighted block becomes a fenced one, a figure a Markdown image.
    """
    match = TEMPLATE_TAG_RE.fullmatch(tag)
    if match is None:
        return None
    name, values, named = _name_and_arguments(match)
    if name is not None:
        convert = CONVERSIONS.get(name)
        return convert(values, named) if convert else None
    if SITE_ADDRESS_RE.match(match["expression"]):
        return ""
    address = URL_FILTER_RE.match(match["expression"])
    return address["address"] if address else None


def pelican_way(tag: str, in_link: bool) -> str:
    """Return how to say in a Pelican post what ``tag`` says in a Jekyll or Hugo one.

    ``in_link``: ``tag`` is (part of) a link's or an image's address.
    """
    match = TEMPLATE_TAG_RE.fullmatch(tag)
    name = _name_and_arguments(match)[0] if match else None
    exact = to_pelican(tag)
    if name is None:
        return _expression_way(exact, in_link)
    if name in LINKS:
        fix = (
            f"link to the file instead, with {exact or '{filename}/pages/<file>.md'}: "
            "the build finds its address for you, and tells you if the file is "
            "missing."
        )
    elif name in HIGHLIGHTS:
        fix = (
            f"write {exact} instead: a fenced code block starts with ``` and the "
            "language, and ends with ```."
        )
    elif name in ("raw", "endraw"):
        fix = "delete it: Pelican shows the text around it as written."
    elif name == "figure":
        fix = f"write the image in Markdown: {exact or '![alt text](address)'}."
    else:
        fix = "replace it with the text or Markdown (a link, an image) it stood for."
    return fix


def _expression_way(exact: str | None, in_link: bool) -> str:
    """Return the Pelican way for a Liquid output, {{ expression }}."""
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
