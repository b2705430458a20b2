"""Links from the host's root, on a site published under a sub-path.

Under `make publish SITEURL=https://example.org/blog`, Pelican puts SITEURL in
front of the addresses it writes ({filename}, {static}), but a link an author
writes as `/about/` still leads to https://example.org/about/, out of the site.
`make publish` names each such link and image, on its line, with the address to
write instead, and refuses before it touches the output folder.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.authoring.helpers import LOG_LINE_RE, content_copy, summary_entries
from tests.builds import ROOT, make

SITEURL = "https://example.org/blog"
POST = """\
Title: Links on a site under a path
Date: 2026-11-20 09:00
Category: Job search
Tags: job fairs
Summary: Links written in every way.

Read [about the site](/about/) first.

![A hall full of stands](/images/job-fair.png)

These lead where they should: [the site's own page]({filename}/pages/about.md),
[the same from its path](/blog/about/), [the home page](/blog/),
[the icon](/blog/favicon.svg) and ![the icon](/blog/favicon.svg).
"""


def test_publish_under_a_sub_path_refuses_links_from_the_hosts_root(
    tmp_path: Path,
) -> None:
    content = content_copy(tmp_path)
    post = content / "posts" / "links-under-a-path.md"
    post.write_text(POST, encoding="utf-8")
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the site published last time")

    result = make(
        "publish", f"SITEURL={SITEURL}", f"CONTENTDIR={content}", f"OUTPUTDIR={output}"
    )
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    entries = summary_entries(log)
    assert [(e.path, e.line, e.severity) for e in entries] == [
        (str(post), 7, "error"),
        (str(post), 9, "error"),
    ], log
    link, image = entries
    assert "The link /about/ leads to https://example.org/about/" in link.message
    assert f"published under {SITEURL}/ (SITEURL)" in link.message
    assert "{filename}/posts/<file>.md" in link.fix
    assert "or write /blog/about/." in link.fix
    assert "readers would see no image" in image.message
    assert "{static}/images/<file name>" in image.fix
    assert "or write /blog/images/job-fair.png." in image.fix
    assert "Traceback" not in log
    assert not LOG_LINE_RE.search(log), log
    assert [p.name for p in output.iterdir()] == ["index.html"]


def test_with_relative_urls_links_are_checked_from_their_own_page(
    tmp_path: Path,
) -> None:
    """A link is checked from the page that holds it.

    RELATIVE_URLS writes `../../posts/x/`: the site's own links pass, and a
    broken one is still named, with the address it leads to.
    """
    content = content_copy(tmp_path)
    post = content / "posts" / "relative-links.md"
    post.write_text(
        POST.split("\n\n", 1)[0].replace("on a site under a path", "written relative")
        + "\n\nSee [the meeting]"
        "({filename}/posts/informational-interviews-the-meeting.md)"
        " and [a lost page](../../posts/no-such-post/).\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "pelican"),
            str(content),
            "-s",
            str(ROOT / "pelican.conf.py"),
            "-o",
            str(tmp_path / "output"),
            "-e",
            "RELATIVE_URLS=true",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    log = result.stdout + result.stderr
    entries = summary_entries(log)
    assert [(e.path, e.line, e.severity) for e in entries] == [
        (str(post), 7, "error")
    ], log
    assert "../../posts/no-such-post/" in entries[0].message
    assert "(the address /posts/no-such-post/)" in entries[0].message
