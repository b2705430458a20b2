"""Tests of make import: WordPress, Jekyll and Hugo posts brought into the site."""
