"""Size limits of the code: no module in src/termcheck over 400 lines, no function or method
over 60 (from its `def` line to its last line, decorators not counted)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "termcheck"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MODULES = sorted(SRC.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(SRC.parent).as_posix()


def test_modules_are_found() -> None:
    assert len(MODULES) > 10


def test_no_module_is_too_long() -> None:
    too_long = [f"{_name(path)}: {lines} lines" for path in MODULES
                if (lines := len(path.read_text(encoding="utf-8").splitlines()))
                > MAX_MODULE_LINES]
    assert not too_long, f"modules over {MAX_MODULE_LINES} lines: {too_long}"


def test_no_function_is_too_long() -> None:
    too_long = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    too_long.append(f"{_name(path)}:{node.lineno} {node.name}: {lines} lines")
    assert not too_long, f"functions over {MAX_FUNCTION_LINES} lines: {too_long}"
