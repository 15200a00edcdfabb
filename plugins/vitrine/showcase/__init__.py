"""The `vitrine/showcase` plugin: open data exports, news and its feeds, the calendar, JSON-LD."""
