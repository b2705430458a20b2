"""Fuzz: whole builds of generated posts, run with `make html` as an author runs it.

Each example is a content folder of one to four generated posts. A post starts
valid (every header the content checks ask for, a body with a checklist), and
may then be mangled: a header misspelt or without its colon, a field twice, an
odd date, bytes that are not UTF-8 or control characters, YAML front matter
never closed, a checklist in the summary, a slug another post has. Whatever the
posts, the build prints no traceback and no raw log line, and ends with the
content checks' summary; it exits 1 exactly when that summary lists an error.
A mangling that is always a mistake (no Title, the Title twice, not UTF-8, no
Summary, a slug taken) must be reported as an error for its file; a folder of
valid posts builds with exit status 0 and no problem at all.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.authoring.helpers import LOG_LINE_RE, summary_entries
from tests.builds import make
from tests.fuzz.profiles import examples

WORDS = ["job", "fair", "note", "call", "CV", "🎉", "שלום", "مرحبا", "été", "面接"]
PHRASE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
ITEM = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
VALID_DATE = st.builds(
    "2026-{:02d}-{:02d} {:02d}:{:02d}".format,
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 23),
    st.integers(0, 59),
)
ODD_DATES = [
    "2026-02-29",
    "2024-02-29",
    "2026-13-45 09:00",
    "0001-01-01",
    "9999-12-31 23:59",
    "1969-12-31",
    "2026-03-08T09:00:00+05:30",
    "2023-01-29 18:30:22 -0800",
    "08/03/2026",
    "yesterday",
    "",
    "2026-03-08 25:61",
    "２０２６-０３-０８",
]
NOT_UTF8 = [b"\xff", b"\xe9", b"\xc3", b"\xed\xa0\x80"]
CONTROL_BYTES = [b"\x00", b"\x1b[31m", b"\x7f", b"\x0c"]
# Manglings that are always a mistake the content checks must call an error.
ERRORS = ("no title", "title twice", "not utf-8", "no summary", "slug taken")
# Manglings that may or may not be a mistake: the build must still say so
# clearly, and its exit status must match what it says.
OTHERS = (
    "header misspelt",
    "header without colon",
    "field twice",
    "odd date",
    "control bytes",
    "unclosed front matter",
    "yaml front matter",
    "checklist in summary",
    "blank line first",
    "windows line ends",
    "byte order mark",
)


@dataclass
class Post:
    name: str
    data: bytes
    manglings: list[str] = field(default_factory=list)
    # The manglings that are sure to be reported as errors for this file.
    errors: list[str] = field(default_factory=list)


def _mangle_header(draw: st.DrawFn, lines: list[str], manglings: list[str]) -> None:
    """Misspell a header's name, or drop its colon; never a Title's or a Summary's.

    Those two are left alone so that "no title", "title twice" and "no summary"
    stay sure mistakes (what is misspelt is no Title, and so no mistake).
    """
    others = [
        at for at, line in enumerate(lines) if not line.startswith(("Title", "Summary"))
    ]
    if "header misspelt" in manglings:
        at = draw(st.sampled_from(others))
        name = draw(st.sampled_from(["Titel", "Summry", "Tagz", "Dat", "Sl ug", ""]))
        lines[at] = name + lines[at][lines[at].index(":") :]
    if "header without colon" in manglings:
        at = draw(st.sampled_from(others))
        lines[at] = lines[at].replace(":", "", 1)


def _header(draw: st.DrawFn, manglings: list[str], slug: str) -> list[str]:
    """Return the header's lines, mangled as ``manglings`` say."""
    summary = draw(PHRASE)
    if "checklist in summary" in manglings:
        summary = f"- [ ] {draw(ITEM)}"
    fields = [
        ("Title", draw(PHRASE)),
        ("Date", draw(VALID_DATE)),
        ("Slug", slug),
        ("Category", "Job search"),
        ("Tags", "fuzz"),
        ("Summary", summary),
    ]
    if "no title" in manglings:
        fields.remove(fields[0])
    if "no summary" in manglings:
        fields.remove(fields[-1])
    if "odd date" in manglings:
        at = [key for key, _ in fields].index("Date")
        fields[at] = ("Date", draw(st.sampled_from(ODD_DATES)))
    if "title twice" in manglings:
        fields.insert(draw(st.integers(1, len(fields))), ("Title", draw(PHRASE)))
    if "field twice" in manglings:
        keys = [key for key, _ in fields if key not in ("Title", "Summary")]
        fields.insert(
            draw(st.integers(0, len(fields))),
            (draw(st.sampled_from(keys)), draw(PHRASE)),
        )
    lines = [f"{key}: {value}" for key, value in fields]
    _mangle_header(draw, lines, manglings)
    if "yaml front matter" in manglings or "unclosed front matter" in manglings:
        yaml = [line.replace(": ", ': "', 1) + '"' for line in lines]
        closing = [] if "unclosed front matter" in manglings else ["---"]
        lines = ["---", *yaml, *closing]
    return lines


def _encode(draw: st.DrawFn, lines: list[str], manglings: list[str]) -> bytes:
    """Return the file's bytes: line ends, a byte order mark and bad bytes."""
    if "blank line first" in manglings:
        lines = ["", *lines]
    ending = "\r\n" if "windows line ends" in manglings else "\n"
    data = ending.join(lines).encode()
    if "byte order mark" in manglings:
        data = b"\xef\xbb\xbf" + data
    for mangling, inserted in (
        ("not utf-8", NOT_UTF8),
        ("control bytes", CONTROL_BYTES),
    ):
        if mangling in manglings:
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.sampled_from(inserted)) + data[at:]
    return data


@st.composite
def posts(draw: st.DrawFn, number: int, slugs: list[str]) -> Post:
    manglings = draw(
        st.lists(st.sampled_from(ERRORS + OTHERS), max_size=3, unique=True)
        if draw(st.booleans())
        else st.just([])
    )
    if "slug taken" in manglings and not slugs:
        manglings.remove("slug taken")
    if "no title" in manglings and "title twice" in manglings:
        manglings.remove("title twice")
    slug = slugs[0] if "slug taken" in manglings else f"fuzz-post-{number}"
    slugs.append(slug)
    items = draw(st.lists(ITEM, min_size=1, max_size=5))
    body = [
        "",
        draw(PHRASE),
        "",
        f"## {draw(PHRASE)}",
        "",
        *[f"- [{draw(st.sampled_from([' ', 'x']))}] {item}" for item in items],
        "",
    ]
    data = _encode(draw, _header(draw, manglings, slug) + body, manglings)
    errors = [mangling for mangling in manglings if mangling in ERRORS]
    if "not utf-8" in errors:
        try:
            data.decode()
        except UnicodeDecodeError:
            pass
        else:  # the bytes went where they complete a character
            errors.remove("not utf-8")
    if "yaml front matter" in manglings or "unclosed front matter" in manglings:
        # YAML keeps the last of two keys: not sure to be reported.
        errors = [mangling for mangling in errors if mangling != "title twice"]
    return Post(f"fuzz-post-{number}.md", data, manglings, errors)


@st.composite
def folders(draw: st.DrawFn) -> list[Post]:
    slugs: list[str] = []
    return [draw(posts(number, slugs)) for number in range(draw(st.integers(1, 4)))]


def build(folder: list[Post]) -> tuple[int, str, Path]:
    """Build ``folder`` with `make html`; return its status, output and content."""
    work = Path(tempfile.mkdtemp(prefix="fuzz-build-"))
    content = work / "content" / "posts"
    content.mkdir(parents=True)
    for post in folder:
        (content / post.name).write_bytes(post.data)
    result = make("html", f"CONTENTDIR={work / 'content'}", f"OUTPUTDIR={work / 'out'}")
    return result.returncode, result.stdout + result.stderr, work


@settings(max_examples=examples(0.03))
@given(folders())
# Found by this test: a control character in a post stopped the build with the
# feed writer's traceback ("Control characters are not supported in XML 1.0").
@example(
    [
        Post(
            "fuzz-post-0.md",
            b"Title: job\nDate: 2026-01-01 00:00\nSlug: fuzz-post-0\n"
            b"Category: Job search\nTags: fuzz\nSummary: job \x1b[31m\n\n"
            b"job\n\n## job\n\n- [ ] job\n",
            ["control bytes"],
        )
    ]
)
def test_any_posts_build_to_a_summary_and_the_right_status(folder: list[Post]) -> None:
    status, log, work = build(folder)
    try:
        assert "Traceback" not in log, log
        assert not LOG_LINE_RE.search(log), log
        passed = "Content checks passed:" in log
        assert passed or "Content checks found" in log, log
        entries = summary_entries(log)
        errors = [entry for entry in entries if entry.severity == "error"]
        # Pelican's own status, which make reports as "Error 1" and exits 2 for.
        assert status == (2 if errors else 0), log
        assert ("] Error 1" in log) == bool(errors), log
        assert ("Build failed with" in log) == bool(errors), log
        for post in folder:
            # A slug taken: either post can be the one left out, and the first
            # may have been left out already for a mistake of its own.
            if set(post.errors) - {"slug taken"}:
                assert any(Path(e.path).name == post.name for e in errors), log
            if post.errors:
                assert errors, log
        if not any(post.manglings for post in folder):
            assert passed, log
    finally:
        shutil.rmtree(work)
