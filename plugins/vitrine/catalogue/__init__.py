"""The `vitrine/catalogue` MkDocs plugin: quartier and champion pages from records."""
