"""Markdown task lists as accessible checklists: a Python-Markdown extension.

A task list (``- [ ] item``, ``- [x] item``; ``*``, ``+`` and numbered lists too)
becomes a ``<fieldset>`` of native checkboxes, each with a ``<label>`` that holds
the item's text, inline Markdown included, so the item is the checkbox's
accessible name::

    <fieldset class="checklist__fieldset" data-checklist="research">
      <legend class="checklist__legend">Research</legend>
      <ul class="checklist__items">
        <li class="checklist__item">
          <input class="checklist__input" type="checkbox"
                 id="checklist-research--read-their-profile"
                 value="read-their-profile">
          <label class="checklist__label"
                 for="checklist-research--read-their-profile">Read their profile</label>
        </li>
      </ul>
    </fieldset>

- ``[x]`` items are ``checked``: ticked for a reader who has not touched the list.
- A task list nested in an item is a group of sub-items of that item; any other
  block in an item (a second paragraph, a plain list) is its description, tied to
  the checkbox with ``aria-describedby``.
- The title (the ``<legend>``) is the heading right before the list, or the lead-in
  paragraph right before it when that ends with a colon; otherwise the document's
  ``Title`` metadata; otherwise "Checklist". The legend is a copy: the heading or
  lead-in stays where the author wrote it.
- Item ids are the item's text as a slug, ``-2``, ``-3`` for repeats among
  siblings; a sub-item's id starts with its parent's (``parent--child``). An author
  pins an id with ``{: #my-id }`` at the end of the item, or on the line below it
  (attr_list's form). The same at the end of the title pins the checklist's id,
  which then becomes ``data-checklist-id``; ``data-checklist`` is the id inside the
  document (the pin, or the title as a slug), which prefixes the HTML ids so that
  two checklists on a page never share one.
- The same attribute list takes ``notes="a prompt"`` (on an item or the title: a
  ``<textarea>`` labelled by the prompt, ``data-checklist-note`` naming the note
  by the item's id, or "" for the checklist's own box after its items),
  ``within="24 hours"`` (on an item: a ``<span class="checklist__due">`` in its
  label, ``data-checklist-within`` an ISO 8601 duration) and ``start="a
  question"`` (on the title: the question that asks when the limits start).

A list this extension cannot turn into a checklist (an item with no text, two
items pinned to one id, items with and without boxes mixed, two checklists with
one id, an attribute list it cannot read or use) is left as it was written, with
a ``<div class="checklist-problem">`` before it that says what is wrong and how
to fix it, and quotes the Markdown line (``data-checklist-source-line``, and which
of the identical lines it is in ``data-checklist-source-occurrence``) so that the
host can report the line number of the file the text came from.

It imports nothing from Pelican, nor do the modules it uses: it is an ordinary
extension, ``markdown.Markdown(extensions=[ChecklistsExtension()])``. It
registers the processors; the work is theirs:

- ``source_lines.py`` keeps the Markdown lines as written, to quote in problems;
- ``treeprocessor.py`` reads each task list (``task_lists.py``, its attribute
  lists ``attributes.py``), checks it (``mistakes.py``, ids from ``ids.py``) and
  writes the checklist or the problem notes (``markup.py``).

With ``ChecklistsExtension(records=True)`` it also records each checklist and
problem in the HTML, for a host that finishes the checklists (the Pelican part):
``recording.py`` writes the records, ``records.py`` says what a record holds and
reads them.
"""

from __future__ import annotations

from markdown import Extension, Markdown

from .recording import RecordsPostprocessor, RecordsTreeprocessor
from .source_lines import SourceLinesPreprocessor
from .treeprocessor import ChecklistsTreeprocessor


class ChecklistsExtension(Extension):
    """Register the checklist processors."""

    def __init__(self, **kwargs) -> None:
        self.config = {
            "records": [
                False,
                "Record each checklist and problem in a comment, for a host that "
                "finishes the checklists and removes the comments.",
            ]
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        source = SourceLinesPreprocessor(md)
        # 35: before `normalize_whitespace` (30) expands tabs and before `meta` (27)
        # and `fenced_code_block` (25) take lines out, so the lines are as written.
        md.preprocessors.register(source, "checklists_source", 35)
        checklists = ChecklistsTreeprocessor(md, source)
        # 7: after `inline` (20), so item text is parsed (bold, links, code), and
        # after `attr_list` (8), which sets the ids an author pins on the line
        # below an item or at the end of a heading; before `toc` (5), so that any
        # id on a heading is one the author wrote, not one `toc` made up.
        md.treeprocessors.register(checklists, "checklists", 7)
        if self.getConfig("records"):
            # 1: after `toc` (5), so that the plain lists copy headings in items'
            # descriptions with the ids `toc` gave them, and `toc` never sees the
            # copies.
            md.treeprocessors.register(
                RecordsTreeprocessor(md, checklists), "checklists_records", 1
            )
            # 5: after `raw_html` (30), `footnote` (25) and `amp_substitute` (20),
            # so that the records hold the finished markup.
            md.postprocessors.register(
                RecordsPostprocessor(md, checklists), "checklists_records", 5
            )
        md.registerExtension(self)


def makeExtension(**kwargs) -> ChecklistsExtension:  # noqa: N802 - Markdown's API
    return ChecklistsExtension(**kwargs)
