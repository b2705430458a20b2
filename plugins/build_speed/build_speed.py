"""Build a large site fast: on two cores, and with each address worked out once.

Pelican reads and renders one file after another, on one core, and those two
steps are most of a build. This plugin gives half of each to a copy of the build
on the second core (``copy.py``): the copy reads half of the Markdown files
(``reading.py``) and renders every other page (``writing.py``); the build takes
its results where it would have made them, and does everything else (signals,
content objects, writing files, every other plugin) as it always does. It also
keeps each post's address once it is final (``urls.py``). The output is byte for
byte what a build without the plugin writes; an error is reported as such a
build reports it, by the build itself.

The second core is used only where ``fork`` exists (Linux, macOS), and only for
a site with at least ``BUILD_SPEED_PARALLEL_MIN_FILES`` files to read or posts
and pages to render: for fewer, starting a copy costs more than it saves.

Settings (defaults set at ``initialized``):

- ``BUILD_SPEED_PARALLEL_MIN_FILES`` (100): use the second core from this many
  files to read, or posts and pages to render; 0 turns it off.
"""

from __future__ import annotations

import logging

import blinker
from pelican import signals
from pelican.plugins import granular_signals

from .copy import can_fork
from .reading import finish_reading, share_reading
from .urls import keep_urls
from .writing import rendering

log = logging.getLogger(__name__)

DEFAULT_MIN_FILES = 100


def set_defaults(pelican) -> None:
    settings = pelican.settings
    value = settings.setdefault("BUILD_SPEED_PARALLEL_MIN_FILES", DEFAULT_MIN_FILES)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        log.error(
            "build_speed: BUILD_SPEED_PARALLEL_MIN_FILES must be a whole number, "
            "0 or more, not %r; using %d",
            value,
            DEFAULT_MIN_FILES,
        )
        settings["BUILD_SPEED_PARALLEL_MIN_FILES"] = DEFAULT_MIN_FILES
    if not can_fork():
        settings["BUILD_SPEED_PARALLEL_MIN_FILES"] = 0


def register() -> None:
    signals.initialized.connect(set_defaults)
    signals.article_generator_init.connect(share_reading)
    signals.page_generator_init.connect(share_reading)
    signals.article_generator_pretaxonomy.connect(finish_reading)
    signals.page_generator_finalized.connect(finish_reading)
    signals.all_generators_finalized.connect(keep_urls)
    signals.all_generators_finalized.connect(rendering.remember_generators)
    signals.get_writer.connect(rendering.share)
    # The copy works on for other plugins after the pages are written (see
    # writing.py): it is waited for at granular-signals' last step.
    granular_signals.register()
    blinker.signal("deploy").connect(rendering.finish)
