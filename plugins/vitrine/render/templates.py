"""Where compiled page templates are kept between builds."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache


def template_cache(folder: Path, env: Environment) -> FileSystemBytecodeCache:
    """Jinja's file cache of compiled templates, in a subfolder of `folder` for this Jinja and
    these compiler settings: Jinja keys an entry by template path and source only, and the same
    source compiles differently under other settings (autoescape, extensions, delimiters)."""
    settings = repr(
        (
            sorted(env.extensions),
            env.autoescape if isinstance(env.autoescape, bool) else "callable",
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
        )
    )
    name = f"jinja-{jinja2.__version__}-{hashlib.sha256(settings.encode()).hexdigest()[:12]}"
    target = folder / name
    target.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(target))
