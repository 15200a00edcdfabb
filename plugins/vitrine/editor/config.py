"""Options of the `vitrine/editor` plugin (see mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt


class EditorConfig(base.Config):
    enabled = opt.Type(bool, default=False)
    """Publish the editor under /admin/. Off by default: a production build has no /admin/ at all;
    `vitrine edit` turns it on (VITRINE_EDITOR=true) for the local preview."""

    # Where the editor reads and writes the files.
    backend = opt.Choice(("local", "github", "gitlab"), default="local")
    """`local`: the files of this folder, through Decap's proxy (`vitrine edit` starts it);
    `github`/`gitlab`: the forge's repository, with drafts and review as pull/merge requests."""
    repo = opt.Optional(opt.Type(str))
    """`owner/name` of the repository on the forge (github and gitlab backends)."""
    branch = opt.Type(str, default="main")
    """The branch the editor publishes to."""
    proxy_port = opt.Type(int, default=8081)
    """Port of the local proxy (`local` backend)."""

    # The editor's code, installed from npm (editor/package.json, pinned by its lock file).
    bundle = opt.Type(str, default="editor/node_modules/decap-cms/dist/decap-cms.js")
    """Project-relative path of Decap CMS's browser bundle."""
