"""The codebase keeps its own rules: ruff (lint and format) and strict mypy."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_lint_and_format() -> None:
    lint = _run("ruff", "check", "plugins", "tests", "bench")
    assert lint.returncode == 0, lint.stdout
    form = _run("ruff", "format", "--check", "plugins", "tests", "bench")
    assert form.returncode == 0, form.stdout


def test_mypy_strict() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, absolute (`..images.pipeline` from the model is `vitrine.images.pipeline`)."""
    package = (
        ["vitrine", *path.parent.relative_to(REPO / "plugins" / "vitrine").parts]
        if path.is_relative_to(REPO / "plugins")
        else ["tests"]
    )
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            found.append((node.lineno, ".".join([*base, *([node.module] if node.module else [])])))
    return found


def test_the_model_is_at_the_bottom() -> None:
    """`plugins/vitrine/model/` imports no other vitrine package, and neither MkDocs nor Markdown's
    site machinery: the domain can be read, tested and reused without the rest."""
    wrong = [
        f"{path.relative_to(REPO)}:{line}: {module}"
        for path in sorted((REPO / "plugins" / "vitrine" / "model").glob("*.py"))
        for line, module in _imports(path)
        if (module.startswith("vitrine.") and not module.startswith("vitrine.model"))
        or module.split(".")[0] in ("mkdocs", "material")
    ]
    assert wrong == []


def test_no_test_module_imports_another() -> None:
    """Shared helpers live in tests/helpers.py (and fixtures in conftest.py): a test module can be
    read, moved or deleted without breaking another."""
    wrong = [
        f"{path.name}:{line}: {module}"
        for path in sorted((REPO / "tests").glob("*.py"))
        for line, module in _imports(path)
        if module.startswith("tests.test_")
    ]
    assert wrong == []


FEATURES = ("catalogue", "i18n", "identity", "maps", "showcase", "editor", "publish")


def _renderer(module: str) -> bool:
    return module == "vitrine.render" or module.startswith("vitrine.render.")


def test_feature_plugins_depend_on_the_rendering_contract_not_on_the_renderer() -> None:
    """`vitrine/rendering.py` says what a hook may assume about a page a worker renders; the
    feature plugins import it, never the renderer's modules."""
    wrong = [
        f"{path.relative_to(REPO)}:{line}: {module}"
        for feature in FEATURES
        for path in sorted((REPO / "plugins" / "vitrine" / feature).glob("*.py"))
        for line, module in _imports(path)
        if _renderer(module)
    ]
    assert wrong == []


def test_only_the_renderers_internals_module_names_anything_private() -> None:
    """`render/internals.py` is the one module that reaches into MkDocs, LiveReload, Markdown or
    Material beyond their public API (a private name, a replaced method or field, their log text):
    when one of them moves, that module is the one to read, and it says which part falls back."""
    private = re.compile(r"\._[A-Za-z]\w*|\.(builder|render|abs_dest_path)\s*=(?!=)|Generated empty output")
    allowed = {"os._exit", "yaml._yaml"}  # public: the exit of a forked child; PyYAML's C loader module
    internals = REPO / "plugins" / "vitrine" / "render" / "internals.py"
    wrong = []
    for path in sorted((REPO / "plugins" / "vitrine").rglob("*.py")):
        if path == internals:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            for found in private.finditer(code):
                before = code[: found.start()]
                owner = re.search(r"(\w+)$", before)
                name = f"{owner.group(1) if owner else ''}{found.group(0)}"
                if owner and owner.group(1) in ("self", "cls"):
                    continue
                if name in allowed:
                    continue
                wrong.append(f"{path.relative_to(REPO)}:{number}: {name}")
    assert wrong == []


def test_vitrine_publish_uses_mkdocs_public_api_only() -> None:
    """The staging folder, the swap, the strict gate, the size budget and the headers: nothing of
    the renderer, nothing private of MkDocs."""
    wrong = [
        f"{path.relative_to(REPO)}:{line}: {module}"
        for path in sorted((REPO / "plugins" / "vitrine" / "publish").glob("*.py"))
        for line, module in _imports(path)
        if _renderer(module) or any(part.startswith("_") and not part.startswith("__") for part in module.split("."))
    ]
    assert wrong == []


# Memoised functions of what never changes within a process: the installed MkDocs, the language
# codes of mkdocs.yml, a table of patterns compiled once.
CONSTANT_MEMOS = {"render/internals.py:_problems", "i18n/languages.py:is_supported", "cli/words.py:_compiled"}


def test_no_module_keeps_a_cache_of_build_state() -> None:
    """The caches of a build belong to its plugins (model/buildcache.py): no module-level dict, set
    or list filled at run time, no functools cache but on the constants above."""
    wrong = []
    root = REPO / "plugins" / "vitrine"
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            empty = isinstance(value, ast.Dict | ast.Set | ast.List) and not (
                value.keys if isinstance(value, ast.Dict) else value.elts
            )
            made = isinstance(value, ast.Call) and ast.unparse(value.func) in ("dict", "set", "list", "BuildCache")
            if empty or made:
                wrong.append(f"{path.relative_to(REPO)}:{node.lineno}: {ast.unparse(node)[:60]}")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and f"{path.relative_to(root).as_posix()}:{node.name}" not in (
                CONSTANT_MEMOS
            ):
                for decorator in node.decorator_list:
                    name = ast.unparse(decorator.func if isinstance(decorator, ast.Call) else decorator)
                    if name.split(".")[-1] in ("cache", "lru_cache"):
                        wrong.append(f"{path.relative_to(REPO)}:{node.lineno}: @{name} {node.name}")
    assert wrong == []
