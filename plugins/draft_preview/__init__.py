"""Draft preview: `make serve` lists drafts with the published posts."""

from .draft_preview import register

__all__ = ["register"]
