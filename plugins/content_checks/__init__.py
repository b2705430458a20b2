"""Content checks: clear messages for every mistake in a post, at build time."""

from .content_checks import register

__all__ = ["register"]
