"""How a theme or a site fits the plugin's markup to its own, as the README shows.

Each site here is built by this environment's ``pelican`` command, in a process
of its own, with Pelican's default theme and no other plugin.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bs4 import BeautifulSoup
from tiny_site import CHECKLIST_ID, build_tiny_site

PELICAN = Path(sys.executable).parent / "pelican"
# The README's example: the printable page inside notmyidea's content box.
WRAPPED_PAGE = """\
{% extends "!checklists/checklists/checklist.html" %}
{% block content %}
<section id="content" class="body">{{ super() }}</section>
{% endblock %}
"""

# A theme's base.html with no `head` block: the plugin's pages cannot add their
# assets there, so they are added once the page is written, as to any page.
BASE_WITHOUT_HEAD_BLOCK = """\
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title></head>
<body>{% block content %}{% endblock %}</body>
</html>
"""
# A second post, in a series, whose checklist links to the first.
POST_IN_A_SERIES = """\
Title: Following up
Date: 2026-11-03
Series: Interviews

## After the interview

- [ ] Put back [what you packed]({filename}packing.md)
"""


def page(output: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((output / path).read_text(), "html.parser")


def test_a_post_gets_the_assets_in_its_head_from_the_theme_static_folder(
    tmp_path: Path,
) -> None:
    build_tiny_site(tmp_path, PELICAN)
    output = tmp_path / "output"
    head = page(output, "packing-for-an-interview.html").head
    styles = [link["href"] for link in head.select("link[rel=stylesheet]")]
    assert styles[-2:] == [
        "/theme/checklists/theme-defaults.css",
        "/theme/checklists/checklist.css",
    ]
    script = head.select_one("script[data-checklist-progress-script]")
    assert script["src"] == "/theme/checklists/checklist.js"
    for address in [*styles[-2:], script["src"]]:
        assert (output / address.lstrip("/")).is_file(), address
    # Its printable page has them once: written with them, in the head block.
    printable = page(output, f"checklists/{CHECKLIST_ID}/index.html").head
    assert len(printable.select("script[data-checklist-progress-script]")) == 1
    # The list of posts shows the post's checklist in its summary: it works there.
    summaries = page(output, "index.html")
    assert summaries.select_one('[data-module="checklist"]') is not None
    assert summaries.head.select_one("script[data-checklist-progress-script]")
    # A page without a checklist loads none of it.
    assert "checklist" not in (output / "categories.html").read_text()


def test_a_theme_without_a_head_block_still_gets_the_assets(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "base.html").write_text(BASE_WITHOUT_HEAD_BLOCK)
    build_tiny_site(tmp_path, PELICAN, 'THEME_TEMPLATES_OVERRIDES = ["overrides"]\n')
    printable = f"checklists/{CHECKLIST_ID}/index.html"
    for path in ("packing-for-an-interview.html", printable):
        head = page(tmp_path / "output", path).head
        assert len(head.select("script[data-checklist-progress-script]")) == 1, path


def test_with_relative_urls_a_link_in_a_checklist_leads_where_it_does_on_its_post(
    tmp_path: Path,
) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "following-up.md").write_text(POST_IN_A_SERIES)
    build_tiny_site(
        tmp_path,
        PELICAN,
        'PLUGINS = ["checklists", "pelican.plugins.series"]\nRELATIVE_URLS = True\n',
    )
    output = tmp_path / "output"
    linked = output / "packing-for-an-interview.html"
    for path in (
        "following-up.html",
        "checklists/following-up--after-the-interview/index.html",
        "checklists/series/interviews/index.html",
    ):
        href = page(output, path).select_one(".checklist__label a")["href"]
        assert (output / path).parent.joinpath(href).resolve() == linked, path


def test_a_site_overrides_a_template_and_keeps_the_original_inside(
    tmp_path: Path,
) -> None:
    overrides = tmp_path / "overrides" / "checklists"
    overrides.mkdir(parents=True)
    (overrides / "checklist.html").write_text(WRAPPED_PAGE)
    # An empty assets.html: the site loads the styles and script itself.
    (overrides / "assets.html").write_text("")
    build_tiny_site(tmp_path, PELICAN, 'THEME_TEMPLATES_OVERRIDES = ["overrides"]\n')
    output = tmp_path / "output"
    printable = page(output, f"checklists/{CHECKLIST_ID}/index.html")
    wrapped = printable.select_one("section#content.body > article.checklist-page")
    assert wrapped is not None
    assert wrapped.select_one('[data-module="checklist"] legend').text == (
        "Packing list"
    )
    post = page(output, "packing-for-an-interview.html")
    assert post.select_one('[data-module="checklist"]') is not None
    assert post.head.select_one("script[data-checklist-progress-script]") is None


def test_a_theme_with_its_own_tokens_loads_no_defaults(tmp_path: Path) -> None:
    build_tiny_site(tmp_path, PELICAN, "CHECKLISTS_THEME_DEFAULTS = False\n")
    head = page(tmp_path / "output", "packing-for-an-interview.html").head
    styles = [link["href"] for link in head.select("link[rel=stylesheet]")]
    assert "/theme/checklists/theme-defaults.css" not in styles
    assert "/theme/checklists/checklist.css" in styles
