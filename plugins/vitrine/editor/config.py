"""Options of the `vitrine/editor` plugin (see mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt

from ..options import Bounded


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
    auth_type = opt.Optional(opt.Choice(("pkce",)))
    """`pkce` (gitlab backend): people log in with their GitLab account from the browser, with no
    authentication server; needs `app_id`."""
    app_id = opt.Optional(opt.Type(str))
    """The GitLab OAuth application's id (gitlab backend with `auth_type: pkce`)."""
    base_url = opt.Optional(opt.Type(str))
    """The OAuth server Decap logs in through (github backend: one you run; gitlab: a self-hosted GitLab)."""
    api_root = opt.Optional(opt.Type(str))
    """The forge's API, for a self-hosted GitLab (e.g. https://gitlab.example.org/api/v4)."""
    proxy_port = Bounded(8081, 1, 65535)
    """Port of the local proxy (`local` backend)."""

    # The editor's code, installed from npm (editor/package.json, pinned by its lock file).
    bundle = opt.Type(str, default="editor/node_modules/decap-cms/dist/decap-cms.js")
    """Project-relative path of Decap CMS's browser bundle."""
