"""The response headers a page can carry itself, for hosts that ignore `_headers`."""

from .meta_headers import header_rules_in, parse_headers_file, register

__all__ = ["header_rules_in", "parse_headers_file", "register"]
