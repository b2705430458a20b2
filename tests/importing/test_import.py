"""`make import` of a WordPress export and of a Jekyll folder, then `make html`.

Each is imported into a copy of the site's content, then built as an author would.

The fixtures are in this folder: `wordpress/export.xml` (two posts, a draft, a page,
an attachment, a menu entry and a post in the bin) and `jekyll/` (a Jekyll site:
four posts, one dated by its file name only, one with Liquid, and a draft).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins.content_checks.importing import first_paragraph, summary_from
from plugins.content_checks.source import header_fields
from plugins.content_checks.template_tags import (
    find_template_tags,
    template_language,
    to_pelican,
)
from tests.authoring.helpers import LOG_LINE_RE, Entry, content_copy, summary_entries
from tests.builds import make

HERE = Path(__file__).parent
WORDPRESS_EXPORT = HERE / "wordpress" / "export.xml"
JEKYLL_SITE = HERE / "jekyll"
REVIEW_NOTE = "make import wrote the summary from the first paragraph"


@dataclass
class Imported:
    content: Path
    output: Path
    imported: subprocess.CompletedProcess
    written: dict[str, str]  # each new file, relative to content/, as imported
    build: subprocess.CompletedProcess

    @property
    def log(self) -> str:
        return self.build.stdout + self.build.stderr

    def fields(self, name: str) -> dict[str, str]:
        return {f.key: f.value for f in header_fields(self.written[name])}

    def problems(self) -> set[tuple[str, int | None, str]]:
        return {
            (Path(e.path).name, e.line, e.severity) for e in summary_entries(self.log)
        }

    def entry(self, name: str, line: int | None) -> Entry:
        [found] = [
            e
            for e in summary_entries(self.log)
            if Path(e.path).name == name and e.line == line
        ]
        return found

    def page(self, address: str) -> BeautifulSoup:
        html = (self.output / address / "index.html").read_text(encoding="utf-8")
        return BeautifulSoup(html, "html.parser")


def import_and_build(folder: Path, source: Path, edit=None) -> Imported:
    content = content_copy(folder)
    before = {p.relative_to(content) for p in content.rglob("*") if p.is_file()}
    imported = make("import", f"SOURCE={source}", f"CONTENTDIR={content}")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    written = {
        str(path.relative_to(content)): path.read_text(encoding="utf-8")
        for path in sorted(content.rglob("*"))
        if path.is_file() and path.relative_to(content) not in before
    }
    if edit is not None:
        edit(content)
    output = folder / "output"
    build = make("html", f"CONTENTDIR={content}", f"OUTPUTDIR={output}")
    return Imported(content, output, imported, written, build)


# --- WordPress -----------------------------------------------------------------

CAREERS_FAIR = "posts/getting-ready-for-a-careers-fair.md"
LIST_AS_IMPORTED = """\
-   Pick the five stands you most want to visit
-   Print a few copies of your CV on good paper
-   Write one question for each employer on your list
"""


def turn_the_list_into_a_checklist(content: Path) -> None:
    """Do what docs/authoring.md says: a box, `[ ]`, after each item's bullet."""
    post = content / CAREERS_FAIR
    text = post.read_text(encoding="utf-8")
    assert LIST_AS_IMPORTED in text
    post.write_text(
        text.replace(LIST_AS_IMPORTED, LIST_AS_IMPORTED.replace("-   ", "- [ ] ")),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def wordpress(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    return import_and_build(
        tmp_path_factory.mktemp("wordpress"),
        WORDPRESS_EXPORT,
        edit=turn_the_list_into_a_checklist,
    )


def test_wordpress_posts_and_pages_are_written(wordpress: Imported) -> None:
    assert sorted(wordpress.written) == [
        "pages/about-the-author.md",
        CAREERS_FAIR,
        "posts/questions-to-ask-at-the-end-of-an-interview.md",
        "posts/saying-no-to-an-offer.md",
    ]
    for name in wordpress.written:
        assert str(wordpress.content / name) in wordpress.imported.stdout
    assert "Imported 4 of 4 files" in wordpress.imported.stdout


def test_wordpress_header_fields(wordpress: Imported) -> None:
    assert wordpress.fields(CAREERS_FAIR) == {
        "title": "Getting ready for a careers fair",
        "date": "2024-03-09 08:15",
        "modified": "2024-04-02 17:40",
        "slug": "getting-ready-for-a-careers-fair",
        "category": "Networking",
        "tags": "careers fairs",
        "summary": "A careers fair rewards the people who arrive with a plan. An hour "
        "of work the evening before makes the day calmer and the conversations "
        "better.",
        "review": f"{REVIEW_NOTE}: check it, then delete this line",
    }
    # WordPress's excerpt is the summary; "Uncategorized" is no category, and
    # a second category is a tag; the author is the site's.
    offer = wordpress.fields("posts/saying-no-to-an-offer.md")
    assert offer["title"] == "Saying no to an offer & keeping the door open"
    assert offer["summary"] == (
        "How to decline a job offer politely, so that the company remembers you well."
    )
    assert (offer["category"], offer["tags"]) == ("Offers", "offers, etiquette")
    assert "review" not in offer
    assert all("author" not in wordpress.fields(name) for name in wordpress.written)
    # A draft never published has no slug in WordPress: one from its title.
    draft = wordpress.fields("posts/questions-to-ask-at-the-end-of-an-interview.md")
    assert draft["status"] == "draft"
    assert draft["slug"] == "questions-to-ask-at-the-end-of-an-interview"


def test_wordpress_body_is_markdown_for_this_site(wordpress: Imported) -> None:
    post = wordpress.written[CAREERS_FAIR]
    assert "wp:" not in "".join(wordpress.written.values())
    assert "### The evening before" in post
    assert (
        "\n\nBefore you go to bed, work through this list:\n\n" + LIST_AS_IMPORTED
        in (post)
    )
    # The alt text pandoc leaves out of WordPress's <figure>, back in.
    assert (
        "![The floor plan of the fair, with the stands numbered]"
        "(https://careers-corner.example.org/wp-content/uploads/2024/03/"
        "fair-floor-plan.png)"
    ) in post
    # A link to another post or page of the export finds it in this site.
    assert "[about the author]({filename}/pages/about-the-author.md)" in post


def test_wordpress_import_builds_with_only_what_is_really_broken(
    wordpress: Imported,
) -> None:
    assert wordpress.problems() == {
        # The image is still on the old blog, and the gallery of three more.
        ("getting-ready-for-a-careers-fair.md", 14, "error"),
        ("getting-ready-for-a-careers-fair.md", 22, "error"),
        ("getting-ready-for-a-careers-fair.md", 8, "warning"),
        ("questions-to-ask-at-the-end-of-an-interview.md", 6, "warning"),
        ("questions-to-ask-at-the-end-of-an-interview.md", 1, "warning"),
    }, wordpress.log
    assert "on another website" in wordpress.entry(CAREERS_FAIR[6:], 14).message
    gallery = wordpress.entry(CAREERS_FAIR[6:], 22).message
    assert '"[gallery ids="21,22,23" columns="3"]" is a WordPress shortcode' in gallery
    review = wordpress.entry(CAREERS_FAIR[6:], 8)
    assert "Review line from make import" in review.message
    assert "delete the Review line" in review.fix
    assert wordpress.build.returncode != 0
    assert "Traceback" not in wordpress.log
    assert not LOG_LINE_RE.search(wordpress.log), wordpress.log


def test_wordpress_list_edited_as_the_docs_say_is_a_checklist(
    wordpress: Imported,
) -> None:
    page = wordpress.page("posts/getting-ready-for-a-careers-fair")
    boxes = page.select(".post-content input[type=checkbox]")
    labels = [page.find("label", attrs={"for": box["id"]}) for box in boxes]
    assert [label.get_text(" ", strip=True) for label in labels] == [
        "Pick the five stands you most want to visit",
        "Print a few copies of your CV on good paper",
        "Write one question for each employer on your list",
    ]
    assert page.select_one('a[href="/about-the-author/"]') is not None


# --- Jekyll --------------------------------------------------------------------

LINKS_POST = "2023-04-20-links-worth-keeping.md"


@pytest.fixture(scope="module")
def jekyll(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    return import_and_build(tmp_path_factory.mktemp("jekyll"), JEKYLL_SITE)


def test_jekyll_posts_and_drafts_are_written(jekyll: Imported) -> None:
    assert sorted(jekyll.written) == [
        "posts/2023-01-29-your-first-week-of-searching.md",
        "posts/2023-02-12-asking-for-a-referral.md",
        "posts/2023-03-05-a-weekly-review.md",
        f"posts/{LINKS_POST}",
        "posts/following-up-after-silence.md",
    ]
    # A post with all the site needs is copied as it is.
    source = JEKYLL_SITE / "_posts" / "2023-01-29-your-first-week-of-searching.md"
    assert jekyll.written["posts/" + source.name] == source.read_text()
    assert jekyll.fields("posts/following-up-after-silence.md")["status"] == "draft"


def test_jekyll_front_matter_gets_what_the_site_needs(jekyll: Imported) -> None:
    referral = jekyll.fields("posts/2023-02-12-asking-for-a-referral.md")
    assert referral["tags"] == "[networking, referrals]"
    assert referral["summary"].startswith("A referral from someone inside a company")
    assert referral["review"] == f"{REVIEW_NOTE}: check it, then delete this line"
    weekly = jekyll.fields("posts/2023-03-05-a-weekly-review.md")
    assert weekly["summary"] == "Once a week, look back before you look ahead."
    assert "date" not in weekly  # the file name dates it
    # An excerpt is the summary already.
    assert "review" not in jekyll.fields(f"posts/{LINKS_POST}")


def test_jekyll_liquid_with_a_pelican_equivalent_is_rewritten(
    jekyll: Imported,
) -> None:
    post = jekyll.written[f"posts/{LINKS_POST}"]
    assert "({filename}/posts/2023-02-12-asking-for-a-referral.md)" in post
    assert "({filename}/posts/2023-01-29-your-first-week-of-searching.md)" in post
    assert "[about this site](/about/)" in post
    assert "[the CV checklist](/assets/cv-checklist.pdf)" in post
    assert '```text\n"product manager" AND (remote OR hybrid)\n```' in post
    # Liquid that stands for the old site's settings is left for the author.
    assert "({{ site.repository }}/issues)" in post


def test_jekyll_import_builds_with_only_what_is_really_broken(
    jekyll: Imported,
) -> None:
    assert jekyll.problems() == {
        # A file the blog had outside its posts, a post that did not come over,
        # and Liquid standing for a setting of the old site.
        (LINKS_POST, 11, "error"),
        (LINKS_POST, 13, "error"),
        (LINKS_POST, 14, "error"),
        ("2023-02-12-asking-for-a-referral.md", 7, "warning"),
        ("2023-03-05-a-weekly-review.md", 5, "warning"),
        ("following-up-after-silence.md", 5, "warning"),
        ("following-up-after-silence.md", 1, "warning"),
    }, jekyll.log
    assert "/assets/cv-checklist.pdf" in jekyll.entry(LINKS_POST, 11).message
    assert "2022-11-02-cover-letters.md" in jekyll.entry(LINKS_POST, 13).message
    liquid = jekyll.entry(LINKS_POST, 14)
    assert '"{{ site.repository }}" is Liquid, Jekyll\'s' in liquid.message
    assert "Traceback" not in jekyll.log
    assert not LOG_LINE_RE.search(jekyll.log), jekyll.log


def test_jekyll_posts_read_as_jekyll_meant_them(jekyll: Imported) -> None:
    weekly = jekyll.page("posts/a-weekly-review-of-your-job-search")
    assert weekly.select_one(".post-meta time")["datetime"].startswith("2023-03-05")
    first = jekyll.page("posts/your-first-week-of-searching")
    assert (
        first.select_one(".post-meta time")["datetime"] == "2023-01-29T18:30:22-08:00"
    )
    modified = first.find("meta", attrs={"property": "article:modified_time"})
    assert modified["content"] == "2023-02-02T08:00:00-08:00"
    links = jekyll.page("posts/links-worth-keeping")
    hrefs = [a["href"] for a in links.select(".post-content a")]
    assert "/posts/asking-for-a-referral-without-awkwardness/" in hrefs
    assert "/posts/your-first-week-of-searching/" in hrefs
    tags = jekyll.page("posts/asking-for-a-referral-without-awkwardness")
    assert [a.get_text() for a in tags.select(".tag-list a")] == [
        "networking",
        "referrals",
    ]


def test_importing_again_overwrites_nothing(jekyll: Imported) -> None:
    again = make("import", f"SOURCE={JEKYLL_SITE}", f"CONTENTDIR={jekyll.content}")
    assert again.returncode != 0
    for name, text in jekyll.written.items():
        assert f"{jekyll.content / name}: not imported: the file exists" in again.stderr
        assert (jekyll.content / name).read_text(encoding="utf-8") == text
    assert "Imported 0 of 5 files" in again.stdout


# --- Hugo ------------------------------------------------------------------------

HUGO_POSTS = HERE / "hugo" / "posts"


def test_hugo_posts_are_imported_and_toml_is_explained(tmp_path: Path) -> None:
    result = make("import", f"SOURCE={HUGO_POSTS}", f"CONTENTDIR={tmp_path}")
    # A post it could not read ends the import with an error status.
    assert result.returncode != 0
    assert "toml-front-matter.md: not imported: TOML front matter" in result.stderr
    assert "hugo convert toYAML" in result.stderr
    # A page bundle is named after its folder; a section's _index.md is no post.
    assert sorted(p.name for p in (tmp_path / "posts").iterdir()) == [
        "first-interview-nerves.md",
        "salary-questions.md",
    ]
    nerves = (tmp_path / "posts" / "first-interview-nerves.md").read_text()
    assert "({filename}/posts/salary-questions.md)" in nerves
    assert "{{< youtube w7Ft2ymGmfc >}}" in nerves  # for the author: the checks say
    fields = {f.key: f.value for f in header_fields(nerves)}
    assert fields["summary"] == (
        "Nerves before a first interview are normal, and a little preparation "
        "tames them."
    )
    assert fields["review"].startswith(REVIEW_NOTE)
    assert (tmp_path / "posts" / "salary-questions.md").read_text() == (
        HUGO_POSTS / "salary-questions.md"
    ).read_text()
    assert "Imported 2 of 3 files" in result.stdout


# --- Sources the import cannot take ----------------------------------------------


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("", "say what to import"),
        ("no/such/export.xml", "does not exist"),
        ("README.md", "is not a WordPress export"),
        ("tests/importing/wordpress", "has no Markdown posts"),
    ],
)
def test_a_source_the_import_cannot_take_is_explained(
    tmp_path: Path, source: str, words: str
) -> None:
    result = make("import", f"SOURCE={source}", f"CONTENTDIR={tmp_path}")
    assert result.returncode != 0
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- The pieces alone ----------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "pelican"),
    [
        (
            "{% post_url 2023-02-12-a-referral %}",
            "{filename}/posts/2023-02-12-a-referral.md",
        ),
        ("{% link _posts/2023-01-29-x.markdown %}", "{filename}/posts/2023-01-29-x.md"),
        ("{% link about.md %}", None),
        ("{{ site.baseurl }}", ""),
        ("{{site.url}}", ""),
        ("{{ '/cv.pdf' | absolute_url }}", "/cv.pdf"),
        ("{%- highlight ruby linenos -%}", "```ruby"),
        ("{% endhighlight %}", "```"),
        ("{% raw %}", ""),
        ("{{ site.repository }}", None),
        ("{% include footer.html %}", None),
        ('{{< ref "posts/first-week.md" >}}', "{filename}/posts/first-week.md"),
        ("{{< relref first-week >}}", "{filename}/posts/first-week.md"),
        ("{{< highlight go >}}", "```go"),
        ("{{< /highlight >}}", "```"),
        (
            '{{< figure src="/images/fair.png" alt="A busy fair" >}}',
            "![A busy fair](/images/fair.png)",
        ),
        ("{{< youtube w7Ft2ymGmfc >}}", None),
        ("{{% notice tip %}}", None),
        ('[gallery ids="21,22"]', None),
    ],
)
def test_template_tags_with_an_exact_pelican_equivalent(
    tag: str, pelican: str | None
) -> None:
    assert to_pelican(tag) == pelican


def test_each_template_tag_is_named_by_its_language() -> None:
    text = (
        "[a link](/x/) {{ site.title }} {{< youtube a >}} [video src=a.mp4] "
        "{% include x.html %} [audio] [not-a-shortcode]"
    )
    assert [template_language(tag) for tag in find_template_tags(text)] == [
        "Liquid, Jekyll's template language",
        "a Hugo shortcode",
        "a WordPress shortcode",
        "Liquid, Jekyll's template language",
        "a WordPress shortcode",
    ]


def test_summary_is_whole_sentences_of_the_first_paragraph() -> None:
    markdown = (
        "![A photo](x.png)\n\n## A heading\n\n```\ncode\n\nmore code\n```\n\n"
        "One short sentence. A second one, longer than the first!\n"
        "A third, on the next line?\n\nA second paragraph."
    )
    assert first_paragraph(markdown) == (
        "One short sentence. A second one, longer than the first! "
        "A third, on the next line?"
    )
    assert summary_from(markdown, 60) == (
        "One short sentence. A second one, longer than the first!"
    )
    assert summary_from("A sentence far too long to fit.", 20) == "A sentence far too…"
    assert summary_from("- a list only", 300) == ""
