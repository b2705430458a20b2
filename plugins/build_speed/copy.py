"""A copy of the build, forked onto the second core, that sends back what it made.

The copy starts as an exact copy of the build at that moment (``fork``), so it
has every post, setting and template without anything being sent to it. It does
a share of the coming work and sends each result, by a key, as soon as it is
ready; a thread of the build receives them, so the copy never waits for the
build. The build takes a result when it comes to that piece of work; if the copy
failed at it or ended without it, the build does that piece itself, and so
reports any error itself, in its own words.

What the copy logs while it makes a result (information, such as a reader's
note on a file) travels with the result and is logged again by the build when it
takes it, so messages come in the build's order. A result whose making logged a
warning or an error is not sent: the build makes it again, so the problem is
logged by the build itself, with its exception, where the content checks read
it. The copy shows nothing itself.
"""

from __future__ import annotations

import contextlib
import io
import logging
import multiprocessing
import pickle
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from pelican.log import FilteredMessage

# Tags, categories and authors each hold the settings: the copy sends them as
# this name, not as a copy per result, and the build reads them back as its own
# settings object, as if it had made the result itself.
SETTINGS_ID = "pelican settings"


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class _Collector(logging.Handler):
    """Keep the copy's log records for the result being made."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """Return ``record`` as it can be pickled: a traceback only as its text."""
    if record.exc_info:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
    try:
        pickle.dumps(record.args)
    except Exception:  # noqa: BLE001 - any argument pickle refuses
        record.msg, record.args = record.getMessage(), None
    return record


class BuildCopy:
    """Fork the build; the copy runs ``work(copy)``, which calls ``produce``."""

    def __init__(self, work: Callable[[BuildCopy], None], settings: dict) -> None:
        self._settings = settings
        self._receive, self._send = multiprocessing.Pipe(duplex=False)
        self._collector = _Collector()
        self._process = multiprocessing.get_context("fork").Process(
            target=self._run_copy, args=(work,), daemon=True
        )
        self._process.start()
        self._send.close()
        # Filled by the receiving thread: key -> pickled result (b"" for failed).
        self._results: dict[str, bytes] = {}
        self._ended = False
        self._arrived = threading.Condition()
        self._receiver = threading.Thread(target=self._receive_results, daemon=True)
        self._receiver.start()

    # --- in the copy ---------------------------------------------------------------

    def _run_copy(self, work: Callable[[BuildCopy], None]) -> None:
        self._receive.close()
        for logger in [logging.root, *logging.root.manager.loggerDict.values()]:
            if isinstance(logger, logging.Logger):
                logger.handlers = []
        logging.root.addHandler(self._collector)
        try:
            work(self)
        except BaseException:  # noqa: BLE001, S110 - the build redoes what is missing
            pass
        finally:
            self._send.close()

    def produce(self, key: str, make: Callable[[], Any]) -> None:
        """Make one result in the copy and send it; a failure is sent as such.

        A result whose making logged a warning or an error counts as a failure.
        """
        self._collector.records = []
        try:
            made = make()
        except Exception:  # noqa: BLE001 - the build makes it again, and reports it
            failed = True
        else:
            records = self._collector.records
            failed = any(record.levelno >= logging.WARNING for record in records)
        if failed:
            data = b""
        else:
            buffer = io.BytesIO()
            pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
            pickler.persistent_id = lambda obj: (
                SETTINGS_ID if obj is self._settings else None
            )
            pickler.dump((made, [_portable(record) for record in records]))
            data = buffer.getvalue()
        self._send.send_bytes(key.encode())
        self._send.send_bytes(data)

    # --- in the build --------------------------------------------------------------

    def _receive_results(self) -> None:
        pipe: Connection = self._receive
        try:
            while True:
                key = pipe.recv_bytes().decode()
                data = pipe.recv_bytes()
                with self._arrived:
                    self._results[key] = data
                    self._arrived.notify()
        except (EOFError, OSError):
            pass
        finally:
            with self._arrived:
                self._ended = True
                self._arrived.notify()

    def take(self, key: str) -> Any | None:
        """Return the copy's result for ``key``, waiting for it; None if none comes."""
        with self._arrived:
            self._arrived.wait_for(lambda: key in self._results or self._ended)
            data = self._results.pop(key, b"")
        if not data:
            return None
        unpickler = pickle.Unpickler(io.BytesIO(data))
        unpickler.persistent_load = lambda name: self._settings
        result, records = unpickler.load()
        for record in records:
            # Pelican's loggers raise FilteredMessage when they drop a repeat.
            with contextlib.suppress(FilteredMessage):
                logging.getLogger(record.name).handle(record)
        return result

    def finish(self) -> None:
        """Wait for the copy to end its work; what it sent can still be taken."""
        self._process.join()
        self._receiver.join()
        self._receive.close()

    def stop(self) -> None:
        """End the copy now, for a build that stopped early; it sends no more."""
        self._process.kill()
        self.finish()
