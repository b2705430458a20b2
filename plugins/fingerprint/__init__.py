"""Theme assets served under names that carry a hash of their content."""

from .fingerprint import register

__all__ = ["register"]
