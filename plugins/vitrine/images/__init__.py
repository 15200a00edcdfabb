"""Content images: checks, renditions, cache and pool (independent of MkDocs)."""
