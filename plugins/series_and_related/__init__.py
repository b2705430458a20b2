"""Series pages and related posts for the Next Steps site."""

from .series_and_related import register

__all__ = ["register"]
