"""`vitrine/editor`: the web editor under /admin/, when enabled.

on_config checks that the editor's code is installed; on_files (after
vitrine/catalogue has loaded the definitions and records) adds three files:
the editor's page, its configuration generated from the model, and Decap CMS's
bundle copied from npm's folder. Nothing is added when the plugin is off, the
default: a production build has no /admin/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .. import rendering, siblings
from ..rendering import STATUS as BUILD_STATUS
from .config import EditorConfig
from .decap import Definitions, Site, decap_config
from .page import ADMIN, BUNDLE, SCRIPTS, admin_headers, admin_page

INSTALL = "npm ci --prefix editor"


class EditorPlugin(BasePlugin[EditorConfig]):
    def __init__(self) -> None:
        self.bundle: Path | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 0. The bundle must be installed before anything is built."""
        self.bundle = None
        if not self.config.enabled:
            return None
        if self.config.backend != "local" and not self.config.repo:
            raise PluginError(f"vitrine/editor: backend {self.config.backend} needs `repo: owner/name`")
        if self.config.auth_type == "pkce" and (self.config.backend != "gitlab" or not self.config.app_id):
            raise PluginError(
                "vitrine/editor: auth_type pkce is GitLab's login with no server: it needs backend gitlab "
                "and app_id, the id of the GitLab OAuth application (see README, The web editor)"
            )
        root = Path(config.config_file_path).resolve().parent
        bundle = root / self.config.bundle
        if not bundle.is_file():
            raise PluginError(
                f"vitrine/editor: the editor is not installed ({self.config.bundle} is missing); "
                f"run `{INSTALL}` (or make edit, which does it)"
            )
        self.bundle = bundle
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Priority 0, after vitrine/catalogue has loaded the definitions and the records."""
        if self.bundle is None or rendering.nothing_to_build(config):
            return None
        catalogue = siblings.catalogue(config, "vitrine/editor").catalogue
        if catalogue is None:
            return None
        definitions = Definitions(
            criteria=catalogue.criteria,
            capitals=catalogue.capitals,
            sectors=catalogue.sectors,
            listings=catalogue.listings,
            figures=catalogue.figures,
            quartiers={slug: entry.record.name for slug, entry in catalogue.quartiers.items()},
        )
        site = self._site(config)
        decap = decap_config(definitions, site)
        publish = siblings.publish(config)
        if publish is not None:  # /admin/'s own security headers, the site's stay as they are
            publish.own_headers[ADMIN] = admin_headers(site.backend)
        text = yaml.safe_dump(decap, allow_unicode=True, sort_keys=False, width=120)
        files.append(File.generated(config, f"{ADMIN}/config.yml", content=text))
        files.append(File.generated(config, f"{ADMIN}/index.html", content=admin_page(config.site_name)))
        files.append(File.generated(config, f"{ADMIN}/{BUNDLE}", abs_src_path=str(self.bundle)))
        for script in SCRIPTS:
            source = str(Path(__file__).with_name(script))
            files.append(File.generated(config, f"{ADMIN}/{script}", abs_src_path=source))
        # "no error": what status.js reads after a good build (a failed one writes its messages there)
        files.append(File.generated(config, BUILD_STATUS, content='{"error": null}'))
        return files

    def _site(self, config: MkDocsConfig) -> Site:
        root = Path(config.config_file_path).resolve().parent
        catalogue = siblings.catalogue(config, "vitrine/editor")
        i18n = siblings.i18n(config)
        showcase = siblings.showcase(config)
        required = tuple(i18n.config.require) if i18n is not None and i18n.config.enabled else ()
        news = showcase.config.news if showcase is not None and showcase.config.enabled else "news"
        return Site(
            languages=tuple(language.code for language in catalogue.config.languages),
            required=required,
            docs=Path(config.docs_dir).resolve().relative_to(root).as_posix(),
            news=news,
            backend=self._backend(),
            site_url=config.site_url or None,
        )

    def _backend(self) -> dict[str, Any]:
        if self.config.backend == "local":
            url = f"http://localhost:{self.config.proxy_port}/api/v1"
            return {"name": "proxy", "proxy_url": url, "branch": self.config.branch}
        backend = {"name": self.config.backend, "repo": self.config.repo, "branch": self.config.branch}
        for key in ("auth_type", "app_id", "base_url", "api_root"):
            if self.config[key]:
                backend[key] = self.config[key]
        return backend
