"""The `vitrine/identity` MkDocs plugin: one visual identity, from tokens."""
