"""sitemap.xml: every page of the site, dated by its content, never by the clock."""

from .sitemap_xml import register

__all__ = ["register"]
