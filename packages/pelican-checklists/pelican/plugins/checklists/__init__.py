"""Checklists: Markdown task lists become interactive, printable checklists."""

from .checklists import register

__all__ = ["register"]
