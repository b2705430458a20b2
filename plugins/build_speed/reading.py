"""Reading on two cores: a copy of the build reads the second half of the files.

When a generator of posts or pages is made (``article_generator_init``,
``page_generator_init``), before it reads anything, a copy of the build reads
the second half of the Markdown files the generator is going to read, with the
generator's own readers. The reader's ``read`` method is replaced, for this
build, by one that takes the copy's result for those files, so Pelican reads
the first half itself, then takes the rest as if it had read them. Everything
Pelican does around a reader (signals, path metadata, the content cache, content
objects, every other plugin) still happens once, in the build.

Only readers of Markdown (``MarkdownReader`` and readers made from it, such as
pelican-yaml-metadata's) are shared, and only files the content cache cannot
answer.
"""

from __future__ import annotations

import logging
import os
import weakref
from collections.abc import Callable
from typing import Any

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.readers import MarkdownReader
from pelican.utils import file_suffix

from .copy import BuildCopy

log = logging.getLogger(__name__)

# What each generator reads, as its generate_context asks get_files for it.
FILES_OF = {
    ArticlesGenerator: ("ARTICLE_PATHS", "ARTICLE_EXCLUDES"),
    PagesGenerator: ("PAGE_PATHS", "PAGE_EXCLUDES"),
}
Read = Callable[[str], tuple[str, dict]]


def copys_half(paths: list[str]) -> list[str]:
    """Return the files the copy reads: the second half, which Pelican reads last."""
    return paths[len(paths) // 2 :]


class SharedRead:
    """A reader's ``read``, for which a copy of the build reads ``paths``."""

    def __init__(self, read: Read, paths: list[str], settings: dict) -> None:
        self._read = read
        self._pending = set(paths)

        def work(copy: BuildCopy) -> None:
            for path in paths:
                copy.produce(path, lambda: read(path))  # noqa: B023 - called at once

        self.copy = BuildCopy(work, settings)

    def __call__(self, path: str) -> tuple[str, dict]:
        if path in self._pending:
            self._pending.discard(path)
            result = self.copy.take(path)
            if result is not None:
                return result
        # Not the copy's, or the copy could not read it: Pelican reads it.
        return self._read(path)


# The shared readers of each generator at work.
underway: weakref.WeakKeyDictionary[Any, list[Any]] = weakref.WeakKeyDictionary()


def share_reading(generator) -> None:
    """Before ``generator`` reads its files, start a copy reading half of them."""
    settings = generator.settings
    kind = next((k for k in FILES_OF if isinstance(generator, k)), None)
    minimum = settings["BUILD_SPEED_PARALLEL_MIN_FILES"]
    if kind is None or not minimum:
        return
    paths_setting, excludes_setting = FILES_OF[kind]
    # The call the generator's generate_context makes, so the same order.
    names = list(
        generator.get_files(settings[paths_setting], exclude=settings[excludes_setting])
    )
    paths = [os.path.abspath(os.path.join(generator.path, name)) for name in names]
    readers = generator.readers
    for reader in set(readers.readers.values()):
        if not isinstance(reader, MarkdownReader):
            continue
        unread = [
            path
            for path in paths
            if readers.readers.get(file_suffix(path)) is reader
            # What the content cache holds is not read at all.
            and readers.get_cached_data(path, None) is None
        ]
        if len(unread) < minimum:
            continue
        share = copys_half(unread)
        reader.read = SharedRead(reader.read, share, settings)
        log.info(
            "build_speed: a second process reads %d of %d files for %s",
            len(share),
            len(unread),
            type(reader).__name__,
        )
        underway.setdefault(generator, []).append(reader)


def finish_reading(generator) -> None:
    """Give the readers back their own ``read``; stop the copies."""
    for reader in underway.pop(generator, []):
        reader.read.copy.finish()
        del reader.read
