"""`mkdocs serve` for editors: a bad edit never takes the preview down.

MkDocs' server stops answering after a failed rebuild ("the server will appear
stuck") and only the terminal says why. The preview keeps the last good pages
served and drops a status file beside them; a small script in every preview
page reads it and shows the errors on top of the page until a rebuild succeeds.

An edit is found by comparing snapshots of the watched files (`snapshot`,
`changes`): an edit of record texts is rendered on its own pages first (the
quick pass, in `quick.py`), the whole site follows in another process
(`followup.py`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from mkdocs.exceptions import BuildError

from ..model.errors import ContentErrors
from ..publish.gate import walk_files
from ..rendering import STATUS

_SCRIPT = """<script>
(function () {
  fetch(%(url)s, {cache: "no-store"}).then(function (r) { return r.ok ? r.json() : null; }).then(function (s) {
    if (!s || !s.error) return;
    var box = document.createElement("div"), head = document.createElement("p"), pre = document.createElement("pre");
    box.setAttribute("role", "alert");
    box.className = "vitrine-build-error";
    box.style.cssText = "position:fixed;z-index:1000;inset:0 0 auto 0;max-height:60vh;overflow:auto;" +
      "background:#fff;color:#6b0000;border-bottom:4px solid #b00020;padding:1rem;font:14px/1.4 monospace";
    head.textContent = %(head)s;
    head.style.fontWeight = "bold";
    pre.textContent = s.error;
    pre.style.whiteSpace = "pre-wrap";
    box.append(head, pre);
    document.body.prepend(box);
  }).catch(function () {});
})();
</script>"""

HEAD = (
    "La dernière modification n'a pas pu être construite : les pages affichées sont la dernière version correcte. "
    "Corrigez le fichier et enregistrez. / The last edit could not be built: these are the last good pages. "
    "Fix the file and save."
)


def status_script(site_path: str) -> str:
    """The script added to every preview page; `site_path` is the path the site is served under."""
    url = site_path.rstrip("/") + "/" + STATUS
    return _SCRIPT % {"url": json.dumps(url), "head": json.dumps(HEAD, ensure_ascii=False)}


def describe(error: BaseException) -> str:
    """What editors read: content errors in French, as `vitrine check` words them (file, line, field);
    our other errors as written; anything else with its kind (never a traceback)."""
    if isinstance(error, ContentErrors):
        return in_french(error)
    if isinstance(error.__cause__, ContentErrors):
        return in_french(error.__cause__)
    if isinstance(error, BuildError):
        return str(error)
    return f"{type(error).__name__}: {error}"


def in_french(problems: ContentErrors) -> str:
    from ..cli.words import Words, content_report  # the editors' words: the command line's French patterns

    return content_report(problems, Words("fr"))


def clear_status(site: Path) -> None:
    """After a good quick pass: "no error" (rather than no file, which the editor's page would log
    as a failed request at every look)."""
    if (site / STATUS).exists():
        (site / STATUS).write_text(json.dumps({"error": None}), encoding="utf-8")


def write_status(site: Path, error: str) -> None:
    path = site / STATUS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"error": error}, ensure_ascii=False), encoding="utf-8")


def guarded(builder: Callable[[], None], failed: Callable[[BaseException], None]) -> Callable[[], None]:
    """A rebuild that reports its failure instead of raising, so the server keeps serving."""

    def rebuild() -> None:
        try:
            builder()
        except (Exception, SystemExit) as error:  # mkdocs' Abort is a SystemExit
            failed(error)

    return rebuild


Snapshot = dict[str, tuple[int, int]]
"""Path of every watched file -> (modification time in ns, size)."""


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """The state of every file under `paths` (files or folders; missing ones are skipped)."""
    found: Snapshot = {}
    folders = []
    for path in paths:
        if path.is_dir():
            folders.append(str(path))
        elif path.is_file():
            stat = path.stat()
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    for folder in folders:
        for entry, _rel in walk_files(folder):
            stat = entry.stat(follow_symlinks=False)
            found[entry.path] = (stat.st_mtime_ns, stat.st_size)
    return found


def changes(before: Snapshot, after: Snapshot) -> set[Path]:
    """Files added, removed or modified, except editors' own (hidden files, `name~` backups)."""
    return {
        Path(path)
        for path in before.keys() | after.keys()
        if before.get(path) != after.get(path) and not _scratch(Path(path).name)
    }


def _scratch(name: str) -> bool:
    return name.startswith(".") or name.endswith("~")
