"""Each post's and page's address worked out once, when it can no longer change."""

from .final_urls import register

__all__ = ["register"]
