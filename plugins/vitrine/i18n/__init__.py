"""Language-aware helpers shared by every plugin: formatting and UI strings."""
