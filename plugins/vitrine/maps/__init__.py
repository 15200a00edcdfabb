"""The network maps: France with its overseas departments, and the world, drawn as inline SVG at build time.

Geometry is Natural Earth (public domain) from the `world-atlas` npm package; the
domain modules here know nothing of MkDocs, the `vitrine/maps` plugin wires them in.
"""
