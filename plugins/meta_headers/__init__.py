"""The response headers a page can carry itself, for hosts that ignore `_headers`."""

from .meta_headers import parse_headers_file, register

__all__ = ["parse_headers_file", "register"]
