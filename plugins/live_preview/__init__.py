"""`make serve`: the author's preview, which reloads the browser on save.

Not a Pelican plugin (no build loads it, so `make html` and `make publish` write
nothing of it): a program, ``python -m live_preview`` with ``plugins/`` on the
path, that builds the site, serves it and watches its sources (``watchfiles``,
in a thread of its own: ``__main__.Saves``). ``preview.py`` keeps the served
folder exactly what a clean build writes, renders an edited post's or page's
own pages first, even while a rebuild runs, and after an edit of a post's text
alone makes only the feeds and the search index again; ``server.py`` serves it
and tells open pages what changed (server-sent events to
``static/live-preview.js``, which reloads a changed page and shows content
errors over it); ``site_handler.py`` serves as a host does, for the tests too.
"""
