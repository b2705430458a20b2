"""Rendering on two cores: a copy of the build renders every other page.

When the build asks for its writer (``get_writer``, after every post and page is
read and just before any page is written), a copy of the build runs the output
step of each generator that writes only through the writer: Pelican's posts,
pages and template pages, and plugin generators that say so with a class
attribute ``writes_only_through_writer = True``. The copy renders the pages in
its share (every other page, by a hash of the page's path) and sends their HTML;
it writes no file, feed or copy of its own. The build runs every generator as
usual with a writer that, for a page in the copy's share, takes the copy's HTML
instead of rendering the template: the build still writes every file, sends
every signal (``content_written``, which ``sitemap_xml`` reads) and checks that
no page is written twice.

The copy renders what the build would, because it is the build, copied at the
moment the first page is written, and runs the same output steps in the same
order. A page of the copy's share that a generator outside that list writes is
rendered by the build, once the copy has ended.
"""

from __future__ import annotations

import io
import logging
import zlib
from typing import Any

import blinker
from pelican.generators import ArticlesGenerator, PagesGenerator, TemplatePagesGenerator
from pelican.writers import Writer

from .copy import BuildCopy

log = logging.getLogger(__name__)

PELICAN_GENERATORS = (ArticlesGenerator, PagesGenerator, TemplatePagesGenerator)
# Named signals, so that another plugin can use the copy without importing this
# one: build_speed_copy_started(copy) in the build, once the copy exists, for a
# receiver to keep it and later ``take`` what it asked for; and
# build_speed_copy_idle(copy) in the copy, once it has rendered its share, for a
# receiver to ``produce`` results there (the content checks read posts' HTML).
COPY_STARTED = blinker.signal("build_speed_copy_started")
COPY_IDLE = blinker.signal("build_speed_copy_idle")


def copys_share(path: str) -> bool:
    """Return whether the copy renders the page written at ``path``."""
    return zlib.crc32(path.encode()) % 2 == 1


def writes_only_through_writer(generator) -> bool:
    return isinstance(generator, PELICAN_GENERATORS) or getattr(
        generator, "writes_only_through_writer", False
    )


class _StandIn:
    """What the writer is given in place of a template, in the build or the copy."""

    def __init__(self, template, copy: BuildCopy) -> None:
        self.template, self.copy = template, copy


class _RenderForBuild(_StandIn):
    """In the copy: render the pages of the copy's share, and send them."""

    def render(self, context: dict) -> str:
        path = context["output_file"]
        if copys_share(path):
            self.copy.produce(path, lambda: self.template.render(context))
        return ""


class CopyWriter(Writer):
    """The copy's writer: it renders its share of the pages and writes nothing."""

    copy: BuildCopy

    def write_file(self, name, template, context, *args, **kwargs) -> None:
        super().write_file(
            name, _RenderForBuild(template, self.copy), context, *args, **kwargs
        )

    def write_feed(self, *args, **kwargs) -> None:
        """Leave feeds to the build, which writes them."""

    def _open_w(self, filename, encoding, override=False):
        # Pelican writes the page it rendered into this; the copy keeps nothing.
        return io.StringIO()


class _RenderedByCopy(_StandIn):
    """In the build: the copy's HTML for a page of its share, else render it."""

    def render(self, context: dict) -> str:
        path = context["output_file"]
        if copys_share(path):
            html = self.copy.take(path)
            if html is not None:
                return html
        return self.template.render(context)


class Rendering:
    """The copy rendering pages for the build under way, if there is one."""

    def __init__(self) -> None:
        self.generators: list[Any] = []
        self.copy: BuildCopy | None = None

    def remember_generators(self, generators) -> None:
        self.generators = generators

    def share(self, pelican) -> type[Writer] | None:
        """Start the copy; return the writer class that takes its pages."""
        if self.copy is not None:  # left by a build that stopped early
            self.copy.stop()
            self.copy = None
        settings = pelican.settings
        context = self.generators[0].context if self.generators else {}
        contents = len(context.get("articles", [])) + len(context.get("pages", []))
        minimum = settings["BUILD_SPEED_PARALLEL_MIN_FILES"]
        if not minimum or contents < minimum:
            return None
        output_path = pelican.output_path
        generators = [g for g in self.generators if writes_only_through_writer(g)]

        def work(copy: BuildCopy) -> None:
            writer = CopyWriter(output_path, settings=settings)
            writer.copy = copy
            for generator in generators:
                generator.generate_output(writer)
            COPY_IDLE.send(copy)

        self.copy = BuildCopy(work, settings)
        COPY_STARTED.send(self.copy)
        log.info("build_speed: a second process renders every other page")
        return SharedWriter

    def finish(self, pelican) -> None:
        """At the build's last step, once the copy's work is taken or done."""
        if self.copy is not None:
            self.copy.finish()
            self.copy = None


rendering = Rendering()


class SharedWriter(Writer):
    """The build's writer: pages of the copy's share come rendered by the copy."""

    def write_file(self, name, template, context, *args, **kwargs) -> None:
        if rendering.copy is not None:
            template = _RenderedByCopy(template, rendering.copy)
        super().write_file(name, template, context, *args, **kwargs)
