"""Serve the theme's CSS and JavaScript under names that carry a content hash.

Templates write ``{{ asset_url("css/main.css") }}`` (a path inside the theme's
``static/`` folder) and get ``{SITEURL}/assets/css/main.<hash>.css``; the plugin
writes that copy into the output. The name changes whenever the content does, so
a host may cache everything under ``/assets/`` for a year without revalidating
(``content/extra/_headers`` says ``immutable`` for that folder only), and a
reader never gets a stale stylesheet after a release.

Why names and not ``main.css?v=<hash>``: hosts choose headers by path
(``_headers`` rules, nginx ``location``), never by query string, so only a path
can say "this file never changes". Why a folder of its own: the one pattern
``/assets/*`` works in every host's rule syntax, while patterns on file names
differ from host to host. The hash is computed once per file per build from the
theme's source file, while templates render, so no second pass over finished
HTML is needed.

A fingerprinted stylesheet must not point at other theme files with relative
``url()``s (they would resolve under ``/assets/``); inline small images as
``data:`` URLs instead. The site's link test checks ``url()``s in CSS.

Settings (default set at ``initialized``):

- ``FINGERPRINT_DIR`` (``"assets"``): the output folder for the hashed copies.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from pelican import signals

log = logging.getLogger(__name__)

DEFAULT_DIR = "assets"
# 10 hex digits (40 bits): a collision between two versions of one file is
# out of reach, and the names stay short.
HASH_LENGTH = 10


def theme_static_dirs(settings: dict) -> list[Path]:
    """Return the theme folders whose files Pelican copies to the output."""
    theme = Path(settings["THEME"])
    return [theme / name for name in settings["THEME_STATIC_PATHS"]]


def find_source(settings: dict, path: str) -> Path:
    """Return the theme file that ``path`` (relative to ``static/``) names."""
    for folder in theme_static_dirs(settings):
        candidate = folder / path
        if candidate.is_file():
            return candidate
    searched = ", ".join(str(folder) for folder in theme_static_dirs(settings))
    raise FileNotFoundError(
        f"fingerprint: asset_url({path!r}) names no file in {searched}; "
        "give a path inside the theme's static folder, such as 'css/main.css'"
    )


@functools.lru_cache(maxsize=256)
def _digest(source: Path, mtime_ns: int, size: int) -> str:
    # The file's modification time and size are part of the cache key, so a
    # file edited under `make serve` is hashed again.
    del mtime_ns, size
    return hashlib.sha256(source.read_bytes()).hexdigest()[:HASH_LENGTH]


def hashed_name(source: Path, path: str) -> str:
    """Return ``path`` with the content hash of ``source`` before its suffix."""
    stat = source.stat()
    digest = _digest(source, stat.st_mtime_ns, stat.st_size)
    posix = PurePosixPath(path)
    return str(posix.with_name(f"{posix.stem}.{digest}{posix.suffix}"))


def asset_url(settings: dict, path: str) -> str:
    """Return the URL of the fingerprinted copy of the theme file ``path``."""
    name = hashed_name(find_source(settings, path), path)
    return f"{settings['SITEURL']}/{settings['FINGERPRINT_DIR']}/{name}"


def theme_files(settings: dict) -> Iterator[tuple[Path, str]]:
    """Yield ``(source file, path relative to its static folder)`` for the theme."""
    for folder in theme_static_dirs(settings):
        for source in sorted(folder.rglob("*")):
            if source.is_file():
                yield source, source.relative_to(folder).as_posix()


class FingerprintGenerator:
    """Write a hashed copy of every theme static file into ``FINGERPRINT_DIR``."""

    def __init__(self, context, settings, path, theme, output_path, **kwargs) -> None:
        del path, theme, kwargs
        # Other plugins (pelican-series) read every generator's context.
        self.context = context
        self.settings = settings
        self.output_path = Path(output_path)

    def generate_output(self, writer) -> None:
        del writer
        target_dir = self.output_path / self.settings["FINGERPRINT_DIR"]
        for source, path in theme_files(self.settings):
            target = target_dir / hashed_name(source, path)
            if not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)


def add_asset_url(pelican) -> None:
    settings = pelican.settings
    settings.setdefault("FINGERPRINT_DIR", DEFAULT_DIR)
    folder = settings["FINGERPRINT_DIR"]
    if not isinstance(folder, str) or not folder.strip("/"):
        log.error(
            "fingerprint: FINGERPRINT_DIR must name an output folder, not %r; using %r",
            folder,
            DEFAULT_DIR,
        )
        folder = DEFAULT_DIR
    settings["FINGERPRINT_DIR"] = folder.strip("/")
    # A new dict, so the default shared by every Pelican instance is not changed.
    settings["JINJA_GLOBALS"] = {
        **settings["JINJA_GLOBALS"],
        "asset_url": functools.partial(asset_url, settings),
    }


def get_generators(pelican) -> type[FingerprintGenerator]:
    del pelican
    return FingerprintGenerator


def register() -> None:
    signals.initialized.connect(add_asset_url)
    signals.get_generators.connect(get_generators)
