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
    # The list of posts shows the post's checklist in its summary: it works there.
    summaries = page(output, "index.html")
    assert summaries.select_one('[data-module="checklist"]') is not None
    assert summaries.head.select_one("script[data-checklist-progress-script]")
    # A page without a checklist loads none of it.
    assert "checklist" not in (output / "categories.html").read_text()


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
