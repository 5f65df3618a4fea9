"""The package's dependency rules (issue 10): no import cycle, no module reaching into another's
private names, and extraction never depending on evaluation code."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "graphbuilder"


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, ast.Module]:
    return {_module_name(p): ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PKG.rglob("*.py"))}


def _top_level_imports(mod: str, tree: ast.Module, known: set[str]) -> list[tuple[str, list[str]]]:
    """(imported module, imported names) of the imports that run when ``mod`` is imported
    (module level, also inside if/try; not inside functions)."""
    out: list[tuple[str, list[str]]] = []
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(node, ast.ClassDef):
            stack.extend(node.body)
            continue
        if isinstance(node, ast.Import):
            out.extend((a.name, []) for a in node.names if a.name.startswith("graphbuilder"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = mod.split(".")
                if not (PKG / Path(*pkg[1:]) / "__init__.py").exists() or len(pkg) == 1:
                    pkg = pkg[:-1]
                base = ".".join(pkg[: len(pkg) - node.level + 1] + ([base] if base else []))
            if base.startswith("graphbuilder"):
                names = [a.name for a in node.names]
                # "from pkg import submodule" imports the submodule
                subs = [f"{base}.{n}" for n in names if f"{base}.{n}" in known]
                out.extend((s, []) for s in subs)
                out.append((base, [n for n in names if f"{base}.{n}" not in known]))
        else:
            stack.extend(ast.iter_child_nodes(node))
    return out


def _graph() -> tuple[dict[str, set[str]], list[tuple[str, str, str]]]:
    mods = _modules()
    known = set(mods)
    edges: dict[str, set[str]] = {m: set() for m in mods}
    private: list[tuple[str, str, str]] = []
    for mod, tree in mods.items():
        for target, names in _top_level_imports(mod, tree, known):
            if target in known and target != mod:
                edges[mod].add(target)
            for n in names:
                if n.startswith("_") and not n.startswith("__"):
                    private.append((mod, target, n))
        # function-level imports of private names count too
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("graphbuilder") \
                    and node.module != mod:
                private.extend((mod, node.module, a.name) for a in node.names
                               if a.name.startswith("_") and not a.name.startswith("__"))
    return edges, sorted(set(private))


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def _is_package_parent(a: str, b: str) -> bool:
    return b.startswith(a + ".") or a.startswith(b + ".")


def test_no_import_cycle():
    edges, _ = _graph()
    # a package's __init__ importing its own submodules (and they importing siblings) is not a cycle
    # between modules of different packages; ignore edges from a package to its own children
    pruned = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in edges.items()}
    assert _cycles(pruned) == []


def test_no_module_imports_another_modules_private_names():
    _, private = _graph()
    assert private == []


def test_extraction_never_imports_evaluation():
    edges, _ = _graph()
    seen: set[str] = set()
    todo = [m for m in edges if m.startswith("graphbuilder.extract") or m == "graphbuilder.pipeline"]
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        todo.extend(edges[m])
    assert sorted(m for m in seen if m.startswith("graphbuilder.evaluation")) == []
