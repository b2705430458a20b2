"""Fuzz: the checklist script, given random values under its storage keys.

One page of the real site (a post whose checklist has notes and time limits) is
loaded once; each example puts generated values under the keys the script
reads ("nextsteps:checklist:v2:<id>", v1 records, ids not on the page): text
that is no JSON, JSON of any shape, records with wrong types, unknown ids,
huge strings, odd start dates. The page is reloaded, and then the script must
not have thrown (no page error, no console error), and the checklist must still
be usable: a box ticks, the count follows, and the tick is saved.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page, expect

from tests.checklists.pages import KEY_PREFIX, saved
from tests.fuzz.profiles import examples

POST = "/posts/thank-you-note-after-an-interview/"
# Its checklist, with time limits and a notes box, and its items' ids (the
# fixture checks that the page still has them).
CHECKLIST = "thank-you-note-after-an-interview--before-you-press-send"
ITEMS = [
    "it-goes-out-within-a-day-of-the-interview",
    "the-interviewer-s-name-and-job-title-are-spelled-correctly",
    "you-name-the-role-you-interviewed-for",
    "you-mention-one-specific-thing-from-the-conversation",
    "it-is-short-enough-to-read-in-under-a-minute",
    "it-contains-no-apologies-and-no-pressure",
    "you-have-read-it-aloud-once-to-catch-mistakes",
]
V1_PREFIX = "nextsteps:checklist:v1:"
ROOTS = '[data-module="checklist"]'
# Start times at the edges of what a date can be, and past them.
STARTS = [
    "2026-03-08T09:00:00.000Z",
    "2026-03-08",
    "1970-01-01T00:00:00.001Z",
    "+275760-09-13T00:00:00.000Z",
    "+275760-09-12T23:00:00.000Z",
    "9999-12-31T23:59:59Z",
    "-000001-01-01T00:00:00Z",
    "Mon, 09 Mar 2026 10:00:00 GMT",
    "12345",
    "not a date",
]
# Any text a page can store: no lone surrogates, which are no UTF-8.
TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=30)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4)
    ),
    max_leaves=12,
)


# Ids as a record may hold them: the page's, the checklist's own notes box's
# (""), one that is no more, and any text.
SOME_ID = st.sampled_from([*ITEMS, "", "__proto__", "not-on-this-page"]) | TEXT
RIGHT = {
    "checked": st.lists(SOME_ID, max_size=8),
    "unchecked": st.lists(SOME_ID, max_size=8),
    "notes": st.dictionaries(SOME_ID, TEXT, max_size=4),
}
# Records of the script's shape, with values of the right types, or of any type.
RECORDS = st.fixed_dictionaries(RIGHT, optional={"start": st.sampled_from(STARTS)}) | (
    st.fixed_dictionaries(
        {},
        optional={
            **{key: JSON_VALUES | values for key, values in RIGHT.items()},
            "start": st.sampled_from(STARTS) | JSON_VALUES,
        },
    )
)
# Half of them records, which the script reads further than anything else.
STORED = RECORDS.map(json.dumps) | st.one_of(
    TEXT,
    st.sampled_from(["null", "[]", "{}", '""', "0", "true", '{"checked":']),
    JSON_VALUES.map(json.dumps),
    st.integers(10_000, 400_000).map(lambda n: "[" * n),
)
KEYS = [
    KEY_PREFIX + CHECKLIST,
    V1_PREFIX + CHECKLIST,
    KEY_PREFIX + "not-on-this-page",
    KEY_PREFIX,
]
STORAGE = st.dictionaries(st.sampled_from(KEYS), STORED)


@pytest.fixture(scope="module")
def reader(browser: Browser, base_url: str) -> Iterator[tuple[Page, list[str]]]:
    """Open the post once; yield the page and the errors it has reported since."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            message.type == "error" and errors.append(f"console error: {message.text}")
        ),
    )
    page.goto(POST)
    values = page.eval_on_selector_all(
        f'{ROOTS}[data-checklist-id="{CHECKLIST}"] .checklist__input',
        "boxes => boxes.map((box) => box.value)",
    )
    assert values == ITEMS, "the post's checklist changed: update CHECKLIST, ITEMS"
    yield page, errors
    context.close()


@settings(
    max_examples=examples(0.3),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(values=STORAGE)
# Found by this test: a start so late that a deadline is past the last day a
# Date holds made the date script throw "Invalid time value" on every load.
@example(
    values={
        KEY_PREFIX + CHECKLIST: json.dumps(
            {"checked": [], "unchecked": [], "notes": {}, "start": STARTS[3]}
        )
    }
)
def test_any_stored_value_leaves_a_usable_checklist(
    reader: tuple[Page, list[str]], values: dict[str, str]
) -> None:
    page, errors = reader
    page.evaluate(
        """values => {
            localStorage.clear();
            for (const [key, text] of Object.entries(values)) {
                localStorage.setItem(key, text);
            }
        }""",
        values,
    )
    errors.clear()
    page.reload(wait_until="domcontentloaded")
    root = page.locator(f'{ROOTS}[data-checklist-id="{CHECKLIST}"]')
    expect(root.locator("[data-checklist-controls]")).to_be_visible()
    box = root.locator(".checklist__input").first
    was_ticked = box.is_checked()
    root.locator(".checklist__label").first.click()
    expect(box).to_be_checked(checked=not was_ticked)
    total = root.locator(".checklist__input").count()
    done = root.locator(".checklist__input:checked").count()
    expect(root.locator("[data-checklist-progress]")).to_have_text(
        f"All {total} done" if done == total else f"{done} of {total} done"
    )
    record = saved(page, KEY_PREFIX + CHECKLIST)
    value = box.get_attribute("value")
    assert value in record["checked" if not was_ticked else "unchecked"]
    assert errors == []
