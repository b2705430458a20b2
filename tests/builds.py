"""The two ways tests build a site: as a user does, and in-process.

`make` runs a Makefile target exactly as a user or author types it; use it where
what the command prints or exits with matters. `build_fixture` builds a content
folder with the site's own settings through Pelican's API, for fixture sites.
"""

from __future__ import annotations

import difflib
import os
import queue
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent


def make(
    target: str, *args: str, env: dict | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``make <target> [VAR=value ...]`` in the project; return the process."""
    return subprocess.run(
        ["make", "--no-print-directory", target, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(content: Path, output: Path, timeout: float = 180) -> Iterator[str]:
    """Run `make serve` on ``content``, on a free port; yield its address.

    Yields once the first build is in ``output`` (the server says "Serving"), and
    reads everything the server prints meanwhile, so that it never waits on a
    full pipe. Stops the server and what it started (one process group).
    """
    port = free_port()
    server = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "serve",
            f"CONTENTDIR={content}",
            f"OUTPUTDIR={output}",
            f"PORT={port}",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read_output() -> None:
        for line in server.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read_output, daemon=True).start()
    try:
        _wait_for_first_build(lines, timeout)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(server)


def _wait_for_first_build(lines: queue.Queue, timeout: float) -> None:
    log: list[str] = []
    deadline = time.monotonic() + timeout
    while not log or not log[-1].startswith("Serving "):
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            line = None
        if line is None:
            raise AssertionError(
                "`make serve` did not finish its first build:\n" + "".join(log)
            )
        log.append(line)


def _stop(server: subprocess.Popen) -> None:
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


def site_settings(content: Path, output: Path, **override) -> dict:
    """Return the site's settings (pelican.conf.py) for ``content`` -> ``output``."""
    return read_settings(
        str(ROOT / "pelican.conf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            **override,
        },
    )


def build_fixture(content: Path, output: Path, **override) -> None:
    """Build ``content`` (a folder like content/) with the site's settings."""
    Pelican(site_settings(content, output, **override)).run()


def output_files(output: Path) -> dict[str, bytes]:
    """Return every file a build wrote, by its path in the output, with its bytes."""
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def differences(first: Path, second: Path) -> list[str]:
    """Say how the output of two builds differs: each file, and its first change."""
    one, two = output_files(first), output_files(second)
    found = [f"only in {first.name}: {name}" for name in sorted(one.keys() - two)]
    found += [f"only in {second.name}: {name}" for name in sorted(two.keys() - one)]
    found += [
        f"{name} differs: {_first_change(one[name], two[name])}"
        for name in sorted(one.keys() & two.keys())
        if one[name] != two[name]
    ]
    return found


def _first_change(a: bytes, b: bytes) -> str:
    try:
        lines_a, lines_b = a.decode().splitlines(), b.decode().splitlines()
    except UnicodeDecodeError:
        return "(binary)"
    diff = [
        line
        for line in difflib.unified_diff(lines_a, lines_b, lineterm="", n=0)
        if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))
    ]
    return " | ".join(line[:120] for line in diff[:2])
