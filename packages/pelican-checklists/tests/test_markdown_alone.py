"""The Markdown step alone: a Python-Markdown extension, found by its name."""

from __future__ import annotations

import ast
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

PLUGIN = Path(__file__).resolve().parent.parent / "pelican" / "plugins" / "checklists"


def test_python_markdown_finds_it_by_name_and_makes_labelled_checkboxes() -> None:
    html = markdown.markdown(
        "Before you leave:\n\n- [ ] Keys\n- [x] **Phone**\n",
        extensions=["checklists"],
    )
    page = BeautifulSoup(html, "html.parser")
    assert page.fieldset.legend.get_text() == "Before you leave"
    boxes = page.select("input[type=checkbox]")
    labels = [page.find("label", attrs={"for": box["id"]}) for box in boxes]
    assert [label.get_text() for label in labels] == ["Keys", "Phone"]
    assert [box.has_attr("checked") for box in boxes] == [False, True]
    assert "\x02" not in html  # no records unless a host asks for them


def test_the_markdown_step_imports_nothing_from_pelican() -> None:
    step = (
        "markdown_extension",
        "source_lines",
        "treeprocessor",
        "task_lists",
        "attributes",
        "plain_text",
        "markup",
        "ids",
        "mistakes",
        "recording",
        "records",
    )
    for module in (f"{name}.py" for name in step):
        tree = ast.parse((PLUGIN / module).read_text(encoding="utf-8"))
        imported = [
            node.module if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        ]
        assert not [name for name in imported if name and name.startswith("pelican")]
