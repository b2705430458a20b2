"""The site's search index, built by Pagefind at the end of every build."""

from .search_index import register

__all__ = ["register"]
