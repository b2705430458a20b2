"""Tests of authoring: make newpost, drafts, front matter and the content checks."""
