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
differ from host to host. Each theme file is hashed once per build, before any
page is written, so a template's call is a dictionary look-up and no second pass
over finished HTML is needed.

A fingerprinted stylesheet must not point at other theme files with relative
``url()``s (they would resolve under ``/assets/``); inline small images as
``data:`` URLs instead. The site's link test checks ``url()``s in CSS.

Settings (default set at ``initialized``):

- ``FINGERPRINT_DIR`` (``"assets"``): the output folder for the hashed copies.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from pathlib import Path, PurePosixPath

from pelican import signals

log = logging.getLogger(__name__)

DEFAULT_DIR = "assets"
# 10 hex digits (40 bits): a collision between two versions of one file is
# out of reach, and the names stay short.
HASH_LENGTH = 10


def theme_files(settings: dict) -> dict[str, Path]:
    """Return ``{path inside static/: source file}`` for the theme's static files.

    Where two static folders hold the same path, the later one wins, as in the
    copy Pelican makes.
    """
    theme = Path(settings["THEME"])
    files: dict[str, Path] = {}
    for name in settings["THEME_STATIC_PATHS"]:
        folder = theme / name
        for source in sorted(folder.rglob("*")):
            if source.is_file():
                files[source.relative_to(folder).as_posix()] = source
    return files


def hashed_name(path: str, content: bytes) -> str:
    """Return ``path`` with a hash of ``content`` before its suffix."""
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    posix = PurePosixPath(path)
    return str(posix.with_name(f"{posix.stem}.{digest}{posix.suffix}"))


class AssetManifest:
    """The fingerprinted name of each theme static file; templates call it.

    ``asset_url("css/main.css")`` is then a dictionary look-up: the files are
    hashed once per build, in ``scan``, before any page is written.
    """

    def __init__(self, settings: dict) -> None:
        self.settings = settings
        self.sources: dict[str, Path] = {}
        self.names: dict[str, str] = {}

    def scan(self) -> None:
        self.sources = theme_files(self.settings)
        self.names = {
            path: hashed_name(path, source.read_bytes())
            for path, source in self.sources.items()
        }

    def __call__(self, path: str) -> str:
        """Return the URL of the fingerprinted copy of the theme file ``path``."""
        if path not in self.names:
            raise FileNotFoundError(
                f"fingerprint: asset_url({path!r}) names no file in the theme's "
                f"static folders ({', '.join(self.settings['THEME_STATIC_PATHS'])}); "
                "give a path inside one, such as 'css/main.css'"
            )
        folder = f"{self.settings['SITEURL']}/{self.settings['FINGERPRINT_DIR']}"
        return f"{folder}/{self.names[path]}"

    def write(self, output_path: Path) -> None:
        """Copy each file to its fingerprinted name under ``FINGERPRINT_DIR``."""
        target_dir = output_path / self.settings["FINGERPRINT_DIR"]
        for path, name in self.names.items():
            target = target_dir / name
            if not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(self.sources[path], target)


class FingerprintGenerator:
    """Hash the theme's files at the start of each build; write the copies."""

    def __init__(self, context, settings, path, theme, output_path, **kwargs) -> None:
        del path, theme, kwargs
        # Other plugins (pelican-series) read every generator's context.
        self.context = context
        self.output_path = Path(output_path)
        # Generators are made anew for every build, `make serve`'s rebuilds
        # included, so an edited stylesheet gets its new name at once.
        self.manifest: AssetManifest = settings["JINJA_GLOBALS"]["asset_url"]
        self.manifest.scan()

    def generate_output(self, writer) -> None:
        del writer
        self.manifest.write(self.output_path)


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
        "asset_url": AssetManifest(settings),
    }


def get_generators(pelican) -> type[FingerprintGenerator]:
    del pelican
    return FingerprintGenerator


def register() -> None:
    signals.initialized.connect(add_asset_url)
    signals.get_generators.connect(get_generators)
