"""Series pages and related posts: ways for a reader to find the next thing to read.

- Every series (pelican-series' ``Series:`` metadata) gets a page at ``SERIES_URL``
  listing its published parts in order, rendered with the ``series`` template;
  ``SERIES_INDEX_URL`` lists every series (``series_index`` template).
- Every post gets ``related_posts``: up to ``RELATED_POSTS_MAX`` published
  posts, same series first, then most shared tags, then newest; never the post
  itself, never a draft or hidden post, never a post with nothing in common.

Both are worked out once per build, in ``SeriesAndRelatedGenerator.generate_context``.
Pelican runs plugin generators after its articles and pages generators, so at
that point every article is read and pelican-series has joined the series.
(An ``article_generator_finalized`` receiver would not do: blinker keeps
receivers in a set, so it could run before pelican-series' own receiver.)

Settings (defaults set at ``initialized``):

- ``SERIES_URL`` / ``SERIES_SAVE_AS`` ("series/{slug}/", "series/{slug}/index.html")
- ``SERIES_INDEX_URL`` / ``SERIES_INDEX_SAVE_AS`` ("series/", "series/index.html");
  an empty ``SERIES_INDEX_SAVE_AS`` writes no index.
- ``RELATED_POSTS_MAX`` (3): how many related posts a post shows (the name the
  related_posts plugin of pelican-plugins gave the same setting).
"""

from __future__ import annotations

import heapq
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from pelican import signals
from pelican.contents import Article
from pelican.generators import Generator
from pelican.plugins.series.series import generate_serie
from pelican.urlwrappers import URLWrapper

log = logging.getLogger(__name__)

DEFAULT_SETTINGS: dict[str, Any] = {
    "SERIES_URL": "series/{slug}/",
    "SERIES_SAVE_AS": "series/{slug}/index.html",
    "SERIES_INDEX_URL": "series/",
    "SERIES_INDEX_SAVE_AS": "series/index.html",
    "RELATED_POSTS_MAX": 3,
}


class Series(URLWrapper):
    """One series: ``name``, ``slug``, ``url``, ``save_as`` and its ``parts`` in order.

    URLWrapper builds ``url`` and ``save_as`` from ``SERIES_URL`` and
    ``SERIES_SAVE_AS`` and slugifies the name exactly as Pelican slugifies tags and
    categories.
    """

    def __init__(self, name: str, settings: dict, parts: list[Article]) -> None:
        super().__init__(name, settings)
        self.parts = parts


def set_defaults(pelican) -> None:
    settings = pelican.settings
    for name, value in DEFAULT_SETTINGS.items():
        settings.setdefault(name, value)
    limit = settings["RELATED_POSTS_MAX"]
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
        default = DEFAULT_SETTINGS["RELATED_POSTS_MAX"]
        log.error(
            "series_and_related: RELATED_POSTS_MAX must be a whole number, 0 or more "
            "(0 turns related posts off), not %r; using %d",
            limit,
            default,
        )
        settings["RELATED_POSTS_MAX"] = default


def _series_name(post) -> str | None:
    return post.metadata.get("series")


def rank_related(post, candidates: Iterable, limit: int) -> list:
    """Return up to ``limit`` posts from ``candidates`` related to ``post``, best first.

    ``candidates`` must hold only posts a reader may see (published). To rank
    many posts among the same candidates, build one ``RelatedIndex`` and ask it
    for each post.
    """
    return RelatedIndex(candidates).related(post, limit)


class RelatedIndex:
    """Posts that may be offered as related, by series and by tag.

    Comparing every post with every other grows with the square of the number of
    posts. The index finds the posts that share a series or a tag with a post, and
    counts the tags they share, from that post's own few tags.
    """

    def __init__(self, candidates: Iterable) -> None:
        self.candidates = list(candidates)
        self.by_series: dict[str, list[int]] = defaultdict(list)
        self.by_tag: dict[Any, list[int]] = defaultdict(list)
        for position, candidate in enumerate(self.candidates):
            series = _series_name(candidate)
            if series is not None:
                self.by_series[series].append(position)
            for tag in set(getattr(candidate, "tags", [])):
                self.by_tag[tag].append(position)

    def related(self, post, limit: int) -> list:
        """Return up to ``limit`` candidates related to ``post``, best first.

        A candidate is related when it is in the same series or shares a tag.
        Order: same series first, then more shared tags, then newer; candidates
        that tie on all three keep their order among the candidates. ``post``
        itself is never returned.
        """
        same_series = set(self.by_series.get(_series_name(post), ()))
        shared_tags: Counter[int] = Counter()
        for tag in set(getattr(post, "tags", [])):
            shared_tags.update(self.by_tag.get(tag, ()))
        related = [
            position
            for position in same_series | shared_tags.keys()
            if self.candidates[position] is not post
        ]
        best = heapq.nlargest(
            limit,
            related,
            key=lambda position: (
                position in same_series,
                shared_tags[position],
                self.candidates[position].date,
                -position,
            ),
        )
        return [self.candidates[position] for position in best]


def listed_series(articles: Sequence[Article], settings: dict) -> list[Series]:
    """Return the series among ``articles`` (the listed posts), by name.

    pelican-series numbers drafts and hidden posts along with published ones, so a
    published part would read "Part 3 of 4" with a draft as Part 2 and link to it
    as its neighbour. The listed parts are numbered again among themselves, in
    pelican-series' own order, so the series box, the previous/next links and the
    series page agree. (Listed: the published posts; drafts too while an author
    previews the site with the draft_preview plugin.)
    """
    listed = set(articles)
    parts_by_name: dict[str, list[Article]] = {}
    for article in articles:
        joined = getattr(article, "series", None)
        if joined and joined["name"] not in parts_by_name:
            parts_by_name[joined["name"]] = [
                part for part in joined["all"] if part in listed
            ]
    all_series = []
    for name, parts in sorted(parts_by_name.items()):
        entries = [
            {"index": position, "date": part.date, "content": part}
            for position, part in enumerate(parts, start=1)
        ]
        generate_serie(name, entries, "date")
        all_series.append(Series(name, settings, parts))
    return without_clashing_slugs(all_series)


def without_clashing_slugs(all_series: list[Series]) -> list[Series]:
    """Return ``all_series`` less any series whose address another one already has.

    Two names that differ only in case or punctuation ("Job search", "Job Search!")
    get one slug, so one page: the series with more parts keeps it (a tie: the one
    whose first part is older), the spelling the content checks
    (plugins/content_checks) tell the author to use on the series line of each
    post that spells the name the other way.
    """
    by_slug: dict[str, list[Series]] = defaultdict(list)
    for series in all_series:
        by_slug[series.slug].append(series)
    kept = {
        id(min(group, key=lambda s: (-len(s.parts), min(p.date for p in s.parts))))
        for group in by_slug.values()
    }
    for series in all_series:
        if id(series) not in kept:
            log.info(
                "series_and_related: the series %r shares the address %s with "
                "another; it has no page of its own",
                series.name,
                series.url,
            )
    return [series for series in all_series if id(series) in kept]


def assign_related_posts(context: dict, limit: int) -> None:
    """Set ``related_posts`` on every article Pelican writes.

    Only listed posts (``articles``: the published ones) are candidates, among
    posts in the same language. Drafts and hidden posts get related posts too
    (their pages are written), but are never offered as one.
    """
    listed = list(context["articles"])
    listed += [
        translation for article in listed for translation in article.translations
    ]
    by_lang: dict[str, list[Article]] = defaultdict(list)
    for article in listed:
        by_lang[article.lang].append(article)
    indexes = {lang: RelatedIndex(posts) for lang, posts in by_lang.items()}
    for article in [*listed, *context["drafts"], *context["hidden_articles"]]:
        # A draft or hidden post may be the only post in its language.
        index = indexes.get(article.lang)
        article.related_posts = index.related(article, limit) if index else []


class SeriesAndRelatedGenerator(Generator):
    """Work out series and related posts; write the series pages."""

    def generate_context(self) -> None:
        self.series_list = listed_series(self.context["articles"], self.settings)
        # (series, parts) pairs, the shape of Pelican's own `tags` and `categories`.
        self.context["series_list"] = [
            (series, series.parts) for series in self.series_list
        ]
        assign_related_posts(self.context, self.settings["RELATED_POSTS_MAX"])

    def generate_output(self, writer) -> None:
        relative_urls = self.settings["RELATIVE_URLS"]
        if self.series_list and self.settings["SERIES_SAVE_AS"]:
            template = self.get_template("series")
            for series in self.series_list:
                writer.write_file(
                    series.save_as,
                    template,
                    self.context,
                    relative_urls,
                    url=series.url,
                    series=series,
                    articles=series.parts,
                    template_name="series",
                    page_name=series.page_name,
                )
        save_as = self.settings["SERIES_INDEX_SAVE_AS"]
        if self.series_list and save_as:
            writer.write_file(
                save_as,
                self.get_template("series_index"),
                self.context,
                relative_urls,
                url=self.settings["SERIES_INDEX_URL"],
                template_name="series_index",
                page_name="series_index",
            )


def get_generators(pelican) -> type[SeriesAndRelatedGenerator]:
    return SeriesAndRelatedGenerator


def register() -> None:
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(get_generators)
