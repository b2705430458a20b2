"""Series pages and related posts for the Next Steps site."""

from .finding import register

__all__ = ["register"]
