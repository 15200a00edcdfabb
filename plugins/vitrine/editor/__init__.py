"""The web editor at /admin/ (Decap CMS), configured from the model and the definitions."""
