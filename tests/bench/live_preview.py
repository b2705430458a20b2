"""`make bench`: the author's loop under `make serve`, on the benchmark corpus.

`make serve` runs on the corpus; Chromium has one post open. One post's body is
saved again and again, then its title, then (with its checklist's printable page
open instead) the wording of its checklist's first item: each time, the time from
the save (the file replaced, as editors save) to Chromium showing the new text,
on the browser's own clock (the reloaded page's first paint, ``performance.timeOrigin``
plus its ``first-contentful-paint``, against the wall-clock time of the save).
The server's own report of each settle (the rebuild and sync that follow every
save: of the whole site, or of the feeds and search index alone when only a
post's text changed) is read from its event stream, as the open pages read it.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import statistics
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.builds import serving

BODY_BAR, BODY_GOAL = 1.0, 0.3
TITLE_BAR = 2.0
RATIO_GOAL = 0.1
# When the reloaded page first painted, in wall-clock milliseconds.
SHOWN_AT = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return performance.timeOrigin + (paint ? paint.startTime : performance.now());
}"""
SLUG = "benchmark-post-under-edit"


@dataclass(frozen=True)
class PreviewFigures:
    body: list[float]  # seconds from a body save to the new text shown
    title: list[float]  # the same for a title save
    printable: list[float]  # a checklist item reworded, on its printable page
    settles: list[float]  # seconds of each settle after a body save
    whole_settles: int  # how many of them built the whole site


class EventStream:
    """The preview's server-sent events, as (name, data) in a queue."""

    def __init__(self, url: str) -> None:
        self.events: queue.Queue = queue.Queue()
        self._response = urllib.request.urlopen(url + "/_live-preview/events")
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        name = ""
        try:
            for raw in self._response:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    name = line[len("event: ") :]
                elif line.startswith("data: "):
                    self.events.put((name, json.loads(line[len("data: ") :])))
        except (OSError, ValueError):
            pass  # the server stopped

    def next(self, name: str, timeout: float = 300) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            event, data = self.events.get(timeout=max(0.1, deadline - time.monotonic()))
            if event == name:
                return data


def save(path: Path, text: str) -> float:
    """Save ``text`` as an editor does (a new file moved into place); return when."""
    draft = path.with_name(f".{path.name}.saving")
    draft.write_text(text)
    os.replace(draft, path)
    return time.time()


def measure_preview(content: Path, tmp: Path, saves: int) -> PreviewFigures:
    posts = sorted((content / "posts").glob("*.md"))
    post = posts[len(posts) // 2]
    original = post.read_text().replace("Summary:", f"Slug: {SLUG}\nSummary:", 1)
    post.write_text(original)
    title_line = next(
        line for line in original.splitlines() if line.startswith("Title: ")
    )
    item_line = next(line for line in original.splitlines() if line.startswith("- [ "))
    with serving(content, tmp / "serve", timeout=1200) as url:
        events = EventStream(url)
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        with sync_playwright() as playwright:
            page = playwright.chromium.launch(executable_path=chromium).new_page()
            page.goto(f"{url}/posts/{SLUG}/")
            body, settles, whole_settles = [], [], 0
            for n in range(saves):
                text = f"This sentence was saved as edit number {n}."
                saved = save(post, f"{original}\n{text}\n")
                body.append(_shown(page, "main", text) - saved)
                settled = events.next("settled")
                settles.append(settled["seconds"])
                whole_settles += settled["whole_site"]
            title = []
            for n in range(saves):
                heading = f"{title_line[len('Title: ') :]}, take {n}"
                saved = save(post, original.replace(title_line, f"Title: {heading}"))
                title.append(_shown(page, "h1", heading) - saved)
                events.next("settled")
            page.get_by_role("link", name="Printable page").first.click()
            page.wait_for_url("**/checklists/**")
            page.wait_for_load_state()
            printable = []
            for n in range(saves):
                item = f"{item_line}, reworded {n} times"
                saved = save(post, original.replace(item_line, item))
                printable.append(_shown(page, "main", item[len("- [ ] ") :]) - saved)
                events.next("settled")
    post.write_text(original)
    return PreviewFigures(body, title, printable, settles, whole_settles)


def _shown(page, selector: str, text: str) -> float:
    """Wait until ``selector`` shows ``text``; return when it was painted, in s."""
    page.wait_for_function(
        "([selector, text]) =>"
        " document.querySelector(selector)?.textContent.includes(text)",
        arg=[selector, text],
        timeout=120_000,
    )
    return page.evaluate(SHOWN_AT) / 1000


def preview_rows(figures: PreviewFigures, cold: float) -> list[tuple[str, str, str]]:
    body, title = statistics.median(figures.body), statistics.median(figures.title)
    settle = statistics.median(figures.settles)
    saves = f"median of {len(figures.body)} saves"
    return [
        (
            "make serve: body saved to shown",
            f"{body:.2f} s",
            f"{saves}; slowest {max(figures.body):.2f} s; "
            f"bar {BODY_BAR}, goal {BODY_GOAL}",
        ),
        (
            "make serve: title saved to shown",
            f"{title:.2f} s",
            f"{saves}; slowest {max(figures.title):.2f} s; bar {TITLE_BAR}",
        ),
        (
            "make serve: checklist item reworded to shown on its printable page",
            f"{statistics.median(figures.printable):.2f} s",
            f"{saves}; slowest {max(figures.printable):.2f} s",
        ),
        (
            "make serve: settle after a body save",
            f"{settle:.2f} s",
            f"{saves}, after the page shows; {figures.whole_settles} of them "
            "built the whole site, the others the feeds and search index",
        ),
        (
            "Ratio body edit shown / cold build",
            f"{body / cold:.3f}",
            f"goal {RATIO_GOAL}; the settle's: {settle / cold:.2f}",
        ),
    ]


def preview_verdicts(figures: PreviewFigures, cold: float, verdict) -> list[str]:
    body, title = statistics.median(figures.body), statistics.median(figures.title)
    settled = statistics.median(figures.settles) / cold
    return [
        f"body saved to shown {body:.2f} s {verdict(body, BODY_GOAL, BODY_BAR)}",
        f"title saved to shown {title:.2f} s {verdict(title, TITLE_BAR, TITLE_BAR)}",
        f"body edit / cold {body / cold:.3f} {verdict(body / cold, RATIO_GOAL)}",
        f"settle after it / cold {settled:.2f} {verdict(settled, RATIO_GOAL)}",
    ]
