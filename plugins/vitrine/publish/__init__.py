"""The `vitrine/publish` MkDocs plugin: a build replaces the site only when it succeeded."""
