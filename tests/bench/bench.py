"""`make bench`: how much the site's build costs, and how fast a checklist saves.

Not a test (pytest does not collect this file) and not part of `make test`: it
takes minutes, and it reports ratios measured in one run, which mean something
on any machine, rather than absolute times, which do not.

1. A corpus of 1,000 posts (each with an 8-item checklist, three tags and a place
   in a series of ten), built in alternating pairs (at least five) with the site's
   own build (`make html`: the theme and every plugin, the Pagefind index
   included) and plain Pelican (its default theme, no plugins): the median of
   each pair's ratio of wall time, and of CPU time (user and system time of the
   build and every process it waited for: Pagefind too), the steadier figure on a
   machine that other work shares.
2. Where the site's build spends its time, from one profiled build (the
   profiler follows the build's own process, not Pagefind's): reading, writing,
   and each plugin (the search index is plugins/search_index).
3. A rebuild with a warm Pelican content cache after one post changed, against a
   cold build with an empty cache; and whether the two give the same site.
4. In Chromium: on a 200-item checklist, the time from a click to the saved
   state (the `localStorage` write), over 50 toggles.
5. Peak memory (maximum resident set) of each kind of build.
6. The author's loop under `make serve` (``live_preview.py``): from saving a
   post's body, then its title, then a reworded checklist item (its printable page
   open), to Chromium showing the new text, and that time against a cold build.

The site's build command is read from the Makefile (`make -n html`), so the
benchmark builds exactly what `make html` builds.
"""

from __future__ import annotations

import argparse
import os
import platform
import pstats
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.live_preview import (  # noqa: E402 - after the path is set
    PreviewFigures,
    measure_preview,
    preview_rows,
    preview_verdicts,
)
from tests.builds import differences  # noqa: E402
from tests.server import SiteServer  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
POSTS = 1000
SERIES_LENGTH = 10
CHECKLIST_ITEMS = 8
BIG_CHECKLIST_ITEMS = 200
TOGGLES = 50
# Bars and goals from the issue "Quality gates".
RATIO_BAR, RATIO_GOAL = 1.5, 1.15
WARM_GOAL = 0.5
CLICK_GOAL_MS = 16.0

VOCABULARY = (
    "interview question answer role team manager skills experience company "
    "network contact referral meeting follow note thanks research profile "
    "career change goal plan week time offer salary notes calendar email "
    "introduction advice industry project example story strength learning "
    "feedback practice colleague mentor conversation opportunity application "
    "resume portfolio deadline prepare listen ask share invite reply month"
)
WORDS = VOCABULARY.split()
FILLER = ["the", "a", "of", "to", "and", "in", "for", "with", "on", "about", "your"]
TAGS = [f"topic {n}" for n in range(40)]
CATEGORIES = ["Job search", "Networking", "Interviews", "Careers", "Skills"]
PLAIN_SETTINGS = """\
# Plain Pelican for the benchmark: its default theme, no plugins.
PLUGINS = []
SITENAME = "Plain"
TIMEZONE = "Europe/London"
"""


# --- the corpus ---------------------------------------------------------------


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(
        rng.choice(WORDS) if i % 3 else rng.choice(FILLER) for i in range(words)
    )
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(6))


def post_text(number: int, rng: random.Random) -> str:
    series = number // SERIES_LENGTH
    items = []
    while len(items) < CHECKLIST_ITEMS:
        item = sentence(rng, rng.randint(4, 9)).rstrip(".")
        if item not in items:
            items.append(item)
    tags = ", ".join(rng.sample(TAGS, 3))
    sections = "\n\n".join(
        f"## {sentence(rng, 4).rstrip('.')}\n\n{paragraph(rng)}\n\n{paragraph(rng)}"
        for _ in range(3)
    )
    checklist = "\n".join(f"- [ ] {item}" for item in items)
    date = f"{2020 + number // 365}-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
    return f"""\
Title: Benchmark post {number}: {sentence(rng, 5).rstrip(".")}
Date: {date} 09:{number % 60:02d}
Category: {CATEGORIES[number % len(CATEGORIES)]}
Tags: {tags}
Series: Benchmark series {series}
Series_index: {number % SERIES_LENGTH + 1}
Summary: {sentence(rng, 20)}

{paragraph(rng)}

{sections}

## Checklist

A few things to do before you move on:

{checklist}

{paragraph(rng)}
"""


def write_corpus(content: Path, posts: int) -> None:
    """Write ``posts`` posts, plus the site's own pages and extra files."""
    rng = random.Random(2024)
    (content / "posts").mkdir(parents=True)
    for number in range(posts):
        path = content / "posts" / f"bench-{number:04d}.md"
        path.write_text(post_text(number, rng), encoding="utf-8")
    for folder in ("pages", "extra", "images"):
        if (ROOT / "content" / folder).is_dir():
            shutil.copytree(ROOT / "content" / folder, content / folder)


# --- measuring a build ----------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system, with the processes it waited for
    peak_rss_mb: float


def measured(command: list[str], log: Path) -> Run:
    """Run ``command``; return its wall and CPU time and peak memory.

    From ``wait4``'s rusage, which counts the processes the command waited for
    (Pagefind, which the build starts and waits for) in its CPU time.
    """
    with log.open("w") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=out)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(
            f"bench: `{shlex.join(command)}` failed; its output:\n{log.read_text()}"
        )
    # ru_maxrss is in KiB on Linux.
    return Run(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,
    )


class SiteBuild:
    """The command `make html` runs, for another content folder and output."""

    def __init__(self, content: Path, output: Path) -> None:
        self.output = output
        dry_run = subprocess.run(
            [
                "make",
                "--no-print-directory",
                "-n",
                "html",
                f"CONTENTDIR={content}",
                f"OUTPUTDIR={output}",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
        # One Pelican build, the search index included (plugins/search_index).
        self.pelican = shlex.split(next(line for line in dry_run if "pelican " in line))

    def pelican_with(self, **settings: str) -> list[str]:
        """Return the Pelican command with more ``-e KEY=JSON`` settings."""
        pairs = [f"{key}={value}" for key, value in settings.items()]
        command = list(self.pelican)
        if "-e" in command:
            at = command.index("-e") + 1
            return command[:at] + pairs + command[at:]
        return [*command, "-e", *pairs]

    def run(self, log: Path, **settings: str) -> Run:
        return measured(self.pelican_with(**settings), log)


def plain_build(content: Path, output: Path, settings: Path, log: Path) -> Run:
    pelican = ROOT / ".venv" / "bin" / "pelican"
    return measured(
        [str(pelican), str(content), "-s", str(settings), "-o", str(output)], log
    )


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    return folder


# --- where the time goes --------------------------------------------------------


def plugin_name(filename: str) -> str | None:
    """Return the plugin a source file belongs to, or None."""
    path = Path(filename)
    parts = path.parts
    # A plugin's Jinja templates run inside each other through Jinja's runtime,
    # so each nested one would count as called from outside the plugin, and its
    # time once for every level: they are writing, like the theme's templates.
    if "templates" in parts:
        return None
    if str(path).startswith(str(ROOT / "plugins")):
        return path.relative_to(ROOT / "plugins").parts[0]
    # Installed plugins (this site's packages/ too) are packages in the
    # `pelican.plugins` namespace; the modules right inside it (signals.py,
    # _utils.py) are Pelican's own, and so is granular_signals, which only sends
    # signals: what its receivers take is counted to their own plugins.
    if "plugins" in parts:
        at = parts.index("plugins")
        if (
            parts[at - 1] == "pelican"
            and len(parts) > at + 2
            and parts[at + 1] != "granular_signals"
        ):
            return "pelican-" + parts[at + 1]
    return None


def where_the_time_goes(stats_file: Path) -> tuple[float, dict[str, float]]:
    """Return the profiled total and seconds by part of the build.

    Reading and writing are Pelican's own phases (the Markdown extensions of
    plugins run inside reading, their template functions inside writing). A
    plugin's time is the time spent in its code when called from outside it,
    so each plugin is counted once, wherever it runs.
    """
    stats = pstats.Stats(str(stats_file)).stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _, ct, _) in stats.values())
    parts: dict[str, float] = defaultdict(float)
    for (filename, _, function), (_, _, _, cumulative, callers) in stats.items():
        if filename.endswith("pelican/readers.py") and function == "read_file":
            parts["reading (Markdown, metadata)"] += cumulative
        if filename.endswith("pelican/generators.py") and function == "generate_output":
            parts["writing (templates, feeds, copies)"] += cumulative
        plugin = plugin_name(filename)
        if plugin is None:
            continue
        for (caller_file, _, _), (_, _, _, caller_cumulative) in callers.items():
            if plugin_name(caller_file) != plugin:
                parts[f"plugin {plugin}"] += caller_cumulative
    return total, dict(parts)


def profile_build(build: SiteBuild, stats_file: Path, log: Path) -> None:
    command = build.pelican
    # `.venv/bin/pelican ARGS` -> `python -m cProfile -o FILE -m pelican ARGS`
    profiled = [str(PYTHON), "-m", "cProfile", "-o", str(stats_file), "-m", "pelican"]
    measured(profiled + command[1:], log)


# --- the checklist in Chromium --------------------------------------------------

# Records the time of each click (the browser's own time of the input event) and
# of each localStorage write, on the page's clock.
RECORD_CLICKS_AND_SAVES = """
window.__clicks = [];
window.__saves = [];
window.addEventListener("click", (e) => window.__clicks.push(e.timeStamp), true);
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  window.__saves.push(performance.now());
  return setItem.call(this, key, value);
};
"""


def big_checklist_post() -> str:
    items = "\n".join(
        f"- [ ] Checklist item number {n} for the timing test" for n in range(1, 201)
    )
    return f"""\
Title: A checklist of two hundred items
Date: 2024-01-01 09:00
Category: Job search
Tags: benchmark
Summary: A long checklist, to time how fast ticking an item is saved.

Everything to do, in one list:

{items}
"""


def click_to_saved(tmp: Path) -> list[float] | str:
    """Return click-to-saved times in ms, or why they cannot be measured yet."""
    content = tmp / "checklist-content"
    (content / "posts").mkdir(parents=True)
    for folder in ("pages", "extra"):
        if (ROOT / "content" / folder).is_dir():
            shutil.copytree(ROOT / "content" / folder, content / folder)
    (content / "posts" / "big-checklist.md").write_text(big_checklist_post())
    output = tmp / "checklist-site"
    build = SiteBuild(content, output)
    build.run(tmp / "checklist-build.log")
    page_path = "/posts/a-checklist-of-two-hundred-items/"
    if not (output / page_path.strip("/") / "index.html").is_file():
        return f"the post was not built at {page_path}"

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with SiteServer(output) as server, sync_playwright() as playwright:
        page = playwright.chromium.launch(executable_path=chromium).new_page()
        page.add_init_script(RECORD_CLICKS_AND_SAVES)
        page.goto(server.url + page_path)
        return toggle_times(page)


def toggle_times(page) -> list[float] | str:
    """Tick items one by one with real clicks; return each click-to-save time."""
    boxes = page.locator("main input[type=checkbox]")
    found = boxes.count()
    if found < BIG_CHECKLIST_ITEMS:
        return (
            f"the page has {found} checkboxes, not {BIG_CHECKLIST_ITEMS}: "
            "the checklists plugin does not render this task list yet"
        )
    times = []
    step = BIG_CHECKLIST_ITEMS // TOGGLES
    for n in range(TOGGLES):
        box = boxes.nth(n * step)
        page.evaluate("window.__clicks = []; window.__saves = [];")
        # The label, as a reader clicks it: the whole item is the hit area.
        box_id = box.get_attribute("id")
        (page.locator(f"label[for='{box_id}']") if box_id else box).click()
        try:
            page.wait_for_function("window.__saves.length > 0", timeout=2_000)
        except PlaywrightError:
            return "ticking an item saved nothing to localStorage within 2 s"
        times.append(page.evaluate("window.__saves[0] - window.__clicks[0]"))
    return times


# --- the report -----------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as info:
        memory_gib = int(info.readline().split()[1]) / 1024**2
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory_gib:.1f} GiB memory, "
        f"Python {platform.python_version()}"
    )


@dataclass
class Results:
    runs: int
    site: list[Run]
    plain: list[Run]
    pages_site: int
    pages_plain: int
    profiled_total: float
    parts: dict[str, float]
    cold: list[Run]
    warm: list[Run]
    warm_differs: list[str]
    clicks: list[float] | str
    preview: PreviewFigures

    @staticmethod
    def median(runs: list[Run]) -> float:
        return statistics.median(run.seconds for run in runs)


def compare_builds(build: SiteBuild, content: Path, tmp: Path, runs: int):
    """Build with the site's build and plain Pelican, in alternating pairs."""
    plain_settings = tmp / "plain.conf.py"
    plain_settings.write_text(PLAIN_SETTINGS)
    site: list[Run] = []
    plain: list[Run] = []
    for n in range(runs):
        fresh(build.output)
        site.append(build.run(tmp / f"site-{n}.log"))
        fresh(tmp / "plain")
        plain.append(
            plain_build(content, tmp / "plain", plain_settings, tmp / f"plain-{n}.log")
        )
        print(
            f"  pair {n + 1}: site {site[-1].seconds:.2f} s wall, "
            f"{site[-1].cpu_seconds:.2f} s CPU; plain {plain[-1].seconds:.2f} s "
            f"wall, {plain[-1].cpu_seconds:.2f} s CPU",
            flush=True,
        )
    pages_site = sum(1 for _ in build.output.rglob("*.html"))
    pages_plain = sum(1 for _ in (tmp / "plain").rglob("*.html"))
    return site, plain, pages_site, pages_plain


def cache_rebuilds(build: SiteBuild, content: Path, tmp: Path, runs: int):
    """Time cold builds (empty cache), each followed by a warm one (a post changed).

    Also return the files that the last warm rebuild wrote differently from a
    clean build of the same content.
    """
    cache = tmp / "cache"
    settings = {
        "CACHE_CONTENT": "true",
        "LOAD_CONTENT_CACHE": "true",
        "CACHE_PATH": f'"{cache}"',
    }
    posts = sorted((content / "posts").glob("*.md"))
    changed = posts[len(posts) // 2]
    original = changed.read_text()
    cold, warm = [], []
    for n in range(runs):
        changed.write_text(original)
        fresh(cache)
        fresh(build.output)
        cold.append(build.run(tmp / f"cold-{n}.log", **settings))
        changed.write_text(original + f"\nOne more sentence, edit {n}.\n")
        warm.append(build.run(tmp / f"warm-{n}.log", **settings))
    # What the warm rebuild wrote must be what a clean build writes.
    reference = SiteBuild(content, tmp / "reference")
    reference.run(tmp / "reference.log")
    changed.write_text(original)
    return cold, warm, differences(build.output, reference.output)


def measure(posts: int, runs: int, saves: int) -> Results:
    with tempfile.TemporaryDirectory(prefix="nextsteps-bench-") as scratch:
        tmp = Path(scratch)
        content = tmp / "content"
        write_corpus(content, posts)
        words = sum(len(p.read_text().split()) for p in content.glob("posts/*.md"))
        print(f"Corpus: {posts} posts, {words:,} words", flush=True)
        build = SiteBuild(content, tmp / "site")
        site, plain, pages_site, pages_plain = compare_builds(build, content, tmp, runs)
        fresh(build.output)
        profile_build(build, tmp / "site.prof", tmp / "profile.log")
        profiled_total, parts = where_the_time_goes(tmp / "site.prof")
        cold, warm, differs = cache_rebuilds(build, content, tmp, runs)
        clicks = click_to_saved(tmp)
        preview = measure_preview(content, tmp, saves)
    return Results(
        runs=runs,
        site=site,
        plain=plain,
        pages_site=pages_site,
        pages_plain=pages_plain,
        profiled_total=profiled_total,
        parts=parts,
        cold=cold,
        warm=warm,
        warm_differs=differs,
        clicks=clicks,
        preview=preview,
    )


def verdict(value: float, goal: float, bar: float | None = None) -> str:
    if value <= goal:
        return "meets the goal"
    if bar is not None and value <= bar:
        return "within the bar, not the goal"
    return "MISSES THE BAR" if bar is not None else "misses the goal"


def report(results: Results) -> None:
    site, plain = Results.median(results.site), Results.median(results.plain)
    # Pagefind runs inside the build (plugins/search_index): its share is read
    # from the profiled build, where the plugin waits for it.
    site_index = results.parts.get("plugin search_index", 0.0)
    cold, warm = Results.median(results.cold), Results.median(results.warm)
    # Each pair's ratio, then their median: a pair is built under the same load.
    ratio = statistics.median(
        s.seconds / p.seconds for s, p in zip(results.site, results.plain, strict=True)
    )
    cpu_ratio = statistics.median(
        s.cpu_seconds / p.cpu_seconds
        for s, p in zip(results.site, results.plain, strict=True)
    )
    warm_ratio = warm / cold
    site_cpu = statistics.median(run.cpu_seconds for run in results.site)
    plain_cpu = statistics.median(run.cpu_seconds for run in results.plain)
    site_rss = max(r.peak_rss_mb for r in results.site)
    plain_rss = max(r.peak_rss_mb for r in results.plain)
    runs = f"median of {results.runs}"
    rows = [
        (
            "Clean build, site (make html)",
            f"{site:.2f} s",
            f"{runs}; {site_cpu:.2f} s CPU; {results.pages_site} pages",
        ),
        (
            "  of which the search index",
            f"{site_index:.2f} s",
            "Pagefind, in the profiled build",
        ),
        (
            "Clean build, plain Pelican",
            f"{plain:.2f} s",
            f"{runs}; {plain_cpu:.2f} s CPU; {results.pages_plain} pages",
        ),
        (
            "Ratio site / plain, wall",
            f"{ratio:.2f}",
            f"median of the pairs' ratios; bar {RATIO_BAR}, goal {RATIO_GOAL}",
        ),
        (
            "Ratio site / plain, CPU",
            f"{cpu_ratio:.2f}",
            f"user + system, Pagefind included; bar {RATIO_BAR}",
        ),
        ("Cold build, empty content cache", f"{cold:.2f} s", runs),
        ("Warm rebuild, one post changed", f"{warm:.2f} s", runs),
        ("Ratio warm / cold", f"{warm_ratio:.2f}", f"goal {WARM_GOAL}"),
        (
            "Warm rebuild = clean build",
            "NO" if results.warm_differs else "yes",
            ", ".join(results.warm_differs[:4]),
        ),
    ]
    clicks = results.clicks
    if isinstance(clicks, str):
        rows.append(("Click to saved state", "cannot run yet", clicks))
    else:
        rows.append(
            (
                "Click to saved state",
                f"{statistics.median(clicks):.2f} ms",
                f"median of {len(clicks)} toggles; slowest {max(clicks):.2f} ms",
            )
        )
    rows += preview_rows(results.preview, cold)
    rows += [
        ("Peak memory, site build", f"{site_rss:.0f} MB", "largest process"),
        ("Peak memory, plain build", f"{plain_rss:.0f} MB", ""),
    ]
    width = max(len(name) for name, _, _ in rows)
    print()
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>14}  {note}")

    total = results.profiled_total
    print(f"\nWhere the time goes (one site build under the profiler, {total:.2f} s):")
    for name, seconds in sorted(results.parts.items(), key=lambda item: -item[1]):
        print(f"  {name:<{width}}  {seconds:>7.2f} s  {seconds / total:>4.0%}")

    verdicts = [
        f"build ratio {ratio:.2f} {verdict(ratio, RATIO_GOAL, RATIO_BAR)}",
        f"CPU ratio {cpu_ratio:.2f} {verdict(cpu_ratio, RATIO_BAR, RATIO_BAR)}",
        f"warm/cold {warm_ratio:.2f} {verdict(warm_ratio, WARM_GOAL)}"
        + (
            ", BUT the warm rebuild differs from a clean one"
            if results.warm_differs
            else ""
        ),
    ]
    if isinstance(clicks, str):
        verdicts.append("click-to-saved cannot run yet")
    else:
        click = statistics.median(clicks)
        verdicts.append(
            f"click-to-saved {click:.2f} ms {verdict(click, CLICK_GOAL_MS)}"
        )
    verdicts += preview_verdicts(results.preview, cold, verdict)
    verdicts.append(f"peak memory {site_rss:.0f} MB")
    print("\nVERDICT: " + "; ".join(verdicts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=POSTS, help="corpus size")
    parser.add_argument(
        "--runs", type=int, default=5, help="pairs of cold builds (site, plain)"
    )
    parser.add_argument(
        "--saves", type=int, default=10, help="saves of each kind under make serve"
    )
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    report(measure(args.posts, args.runs, args.saves))


if __name__ == "__main__":
    main()
