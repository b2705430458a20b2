"""Each post's and page's address, worked out once.

Pelican works out ``url`` from the URL settings and the post's metadata on every
use (each list a post appears in, the feeds, the sitemap, the content checks):
about 28 times per post, a twentieth of a build. Once every generator has read
its content (``all_generators_finalized``), no address changes any more, so each
one is kept in Pelican's own ``override_url``, which Pelican returns as it is.
Only ``url``: ``override_save_as`` would also change how Pelican writes the file.
"""

from __future__ import annotations

from pelican import signals


def keep_urls(generators) -> None:
    # Every generator shares one context; it maps each source file read to its
    # post or page (drafts, hidden ones and translations too), or to None for a
    # file that could not be read.
    context = generators[0].context if generators else {}
    for content in context.get("generated_content", {}).values():
        if content is not None and not hasattr(content, "override_url"):
            content.override_url = content.url


def register() -> None:
    signals.all_generators_finalized.connect(keep_urls)
