"""Reading time and the per-post disclaimer for the Next Steps theme."""

from .post_meta import register

__all__ = ["register"]
