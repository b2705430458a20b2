"""`make serve`: build, serve, and on every save rebuild and reload the browser.

Takes Pelican's own arguments (``pelican --help``: the content folder, ``-s``,
``-o``, ``-e``, ``--bind``, ``--port``), so `make serve` builds what `make html`
builds, with its own settings on top.
"""

from __future__ import annotations

import logging
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pelican.plugins.checklists
import watchfiles
from pelican import DEFAULT_CONFIG_NAME, get_config, parse_arguments
from pelican.log import console
from pelican.log import init as init_logging
from pelican.settings import read_settings

from .preview import Preview
from .server import Hub, PreviewServer

log = logging.getLogger(__name__)


def main(argv: list[str]) -> None:
    args = parse_arguments(argv)
    init_logging(level=args.verbosity, name="pelican")
    if args.settings is None and os.path.isfile(DEFAULT_CONFIG_NAME):
        args.settings = DEFAULT_CONFIG_NAME
    override = get_config(args)
    settings = read_settings(args.settings, override=override)
    output = Path(settings["OUTPUT_PATH"])
    output.mkdir(parents=True, exist_ok=True)
    # The checklists plugin is a package of its own (packages/pelican-checklists),
    # installed editable: its code, templates and scripts are watched as the
    # site's own plugins are.
    plugin_paths = [
        *(Path(path) for path in settings["PLUGIN_PATHS"]),
        Path(pelican.plugins.checklists.__file__).parent,
    ]
    settings_file = Path(args.settings).resolve() if args.settings else None
    watched = [settings["PATH"], settings["THEME"], *plugin_paths]
    if settings_file:
        watched.append(settings_file)

    # `kill` stops the server as Ctrl+C does, its staging folder removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    preview = Preview(args.settings, override, output)
    hub = Hub()
    server = PreviewServer(
        output, hub, settings.get("BIND") or "127.0.0.1", settings.get("PORT") or 8000
    )
    server.start()

    def restart() -> None:
        # A plugin's code is already imported: start afresh to use the new one.
        console.print("A plugin changed: starting again.")
        server.server_close()
        preview.close()
        os.execv(sys.executable, [sys.executable, "-m", __package__, *argv])

    try:
        hub.tell(report(preview.settle(()), "Built"), settled=True)
        console.print(
            f"Serving {output} on {server.url}/ (Ctrl+C stops); "
            "the browser reloads on save."
        )
        Saves(preview, hub, plugin_paths, restart).follow(watched)
    except KeyboardInterrupt:
        console.print("Stopped.")
    finally:
        server.shutdown()
        preview.close()


class Saves:
    """Each save shown at once where it can be, then settled.

    The watcher runs in a thread of its own, so that a save made while a settle
    runs is shown by the fast path during it (``Preview.settle``'s ``between``)
    and settled by the settle that follows.
    """

    def __init__(
        self,
        preview: Preview,
        hub: Hub,
        plugin_paths: list[Path],
        restart: Callable[[], None],
    ) -> None:
        self.preview = preview
        self.hub = hub
        self.plugin_paths = plugin_paths
        self.restart = restart
        # The watcher's batches of saved files; None once it stopped.
        self.batches: queue.Queue[set[Path] | None] = queue.Queue()
        self.unsettled: set[Path] = set()

    def follow(self, watched: list[str | Path]) -> None:
        threading.Thread(target=self.watch, args=(watched,), daemon=True).start()
        while True:
            if not self.unsettled:
                paths = self.batches.get()
                if paths is None:
                    return
                self.show(paths)
            self.show_new()
            paths = set(self.unsettled)
            self.unsettled.clear()
            update = self.preview.settle(paths, between=self.show_new)
            done = (
                "Rebuilt" if update.whole_site else "Rebuilt the feeds and search index"
            )
            self.hub.tell(report(update, done), settled=True)

    def watch(self, watched: list[str | Path]) -> None:
        try:
            for changes in watchfiles.watch(
                *watched, watch_filter=watchfiles.DefaultFilter()
            ):
                self.batches.put({Path(path).resolve() for _, path in changes})
        finally:
            self.batches.put(None)

    def show(self, paths: set[Path]) -> None:
        """Show what a save changed at once where the fast path can render it."""
        if any(
            path.suffix == ".py" and _inside(path, self.plugin_paths) for path in paths
        ):
            self.restart()
        fast = self.preview.render_edited(str(path) for path in paths)
        if fast:
            self.hub.publish("changed", {"paths": list(fast)})
        self.unsettled.update(paths)

    def show_new(self) -> None:
        """Show each save made since the last look, a settle running or not."""
        while not self.batches.empty():
            paths = self.batches.get()
            if paths is None:
                self.batches.put(None)  # for ``follow``, once the settle ends
                return
            self.show(paths)


def _inside(path: Path, folders: list[Path]) -> bool:
    return any(path.is_relative_to(folder.resolve()) for folder in folders)


def report(update, done: str):
    changed = len(update.changed)
    console.print(
        f"{done} in {update.seconds:.2f} s: "
        f"{changed} file{'' if changed == 1 else 's'} changed"
        + (
            f"; {len(update.problems)} error(s), shown in the browser too."
            if update.problems
            else "."
        ),
        highlight=False,
    )
    return update


if __name__ == "__main__":
    main(sys.argv[1:])
