"""The `vitrine/render` MkDocs plugin: the build's speed behind one seam (see plugin.py)."""
