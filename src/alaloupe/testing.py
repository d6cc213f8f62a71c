"""What exercise tests use: `expect`, the assertion, and `own_work`, the guard of implement questions.

A plain `assert answer == expected` can be fooled by an object whose __eq__ always returns True;
`expect` first requires the exact built-in type, so only the real value can pass.

`own_work(*names)` runs a block with the kit's reference code for `names` out of reach, so that an implement
question cannot be answered by calling the kit (design notes above `own_work`); `shortcuts(source)` is its static
second line of defence, a look at the answer cell's source.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import linecache
import math
import os
import pkgutil
import re
import sys
import threading
import types
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

_MAX_SHOWN = 120


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _mismatch(actual: Any, expected: Any, rel_tol: float) -> str | None:
    """Why `actual` differs from `expected`, or None if it matches."""
    if isinstance(expected, float) and not isinstance(expected, bool):
        if type(actual) not in (int, float):
            return f"expected a number, got {type(actual).__name__}"
        return None if math.isclose(actual, expected, rel_tol=rel_tol, abs_tol=1e-12) else "wrong value"
    if type(actual) is not type(expected):
        return f"expected a {type(expected).__name__}, got {type(actual).__name__}"
    if isinstance(expected, list | tuple):
        if len(actual) != len(expected):
            return f"expected {len(expected)} items, got {len(actual)}"
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            why = _mismatch(a, e, rel_tol)
            if why:
                return f"item {i}: {why}"
        return None
    if isinstance(expected, dict):
        if set(actual) != set(expected):
            return f"expected keys {sorted(map(str, expected))}, got {sorted(map(str, actual))}"
        for key in expected:
            why = _mismatch(actual[key], expected[key], rel_tol)
            if why:
                return f"key {key!r}: {why}"
        return None
    return None if actual == expected else "wrong value"


def expect(actual: Any, expected: Any, hint: str, *, rel_tol: float = 1e-6) -> None:
    """Raise AssertionError(hint) unless `actual` has the type and value of `expected`.

    Lists, tuples and dicts are compared item by item; floats with a relative tolerance.
    The message shows the hint and what was received, never the expected value.
    """
    why = _mismatch(actual, expected, rel_tol)
    if why:
        raise AssertionError(f"{hint} ({why}; got {_shown(actual)})")


# --------------------------------------------------------------------------------------------------------------
# `own_work`: an implement question cannot be answered by calling the kit's reference code.
#
# Design. The guarded names are turned into *code identities*, (co_filename, co_qualname): they survive a
# module alias, `from … import`, importlib, a reference saved earlier and importlib.reload (which makes new code
# objects with the same identity). Private helpers (`_name`) of the same module that a guarded function uses are
# guarded with it, and so are the compiled regular expressions it relies on, by (pattern, flags), since a student
# could call `pattern.findall` directly. While the guard is active a profile hook (sys.setprofile, and
# threading.setprofile for new threads) raises on any call into that code. CPython removes a profile hook that
# raises, so every violation is also recorded, and leaving the block raises if one was, even when the student's
# code caught the first error and tried again. The hook also refuses calls that would switch it off.
# --------------------------------------------------------------------------------------------------------------


_KIT_FOLDER = os.path.dirname(os.path.abspath(__file__)) + os.sep
_PROFILE_SWITCHES = (sys.setprofile, sys.settrace)
_THREAD_SWITCHES = frozenset({threading.setprofile.__code__, threading.settrace.__code__})
_SWITCHED = "this test watches which functions run: leave sys.setprofile, sys.settrace and threading alone"


def _message(name: str) -> str:
    return f"write this one yourself: {name} is the answer key"


def _resolve(name: str) -> object:
    """The object a dotted name such as "alaloupe.tokens.tokenize" or "alaloupe.claims" designates."""
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*", name):
        raise ValueError(f"expected a dotted name such as 'alaloupe.tokens.tokenize', not {name!r}")
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(found, attribute):
                raise ValueError(f"{name!r}: {'.'.join(parts[:cut])} has no {attribute!r}")
            found = getattr(found, attribute)
        return found
    raise ValueError(f"{name!r} is not importable")


@dataclass
class _Forbidden:
    """What a guard refuses: code by (file, qualname), code by qualname prefix (classes, modules), patterns."""

    codes: dict[tuple[str, str], str] = field(default_factory=dict)
    prefixes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    patterns: dict[tuple[str, int], str] = field(default_factory=dict)

    def add_code(self, code: types.CodeType, shown: str) -> bool:
        key = (code.co_filename, code.co_qualname)
        if key in self.codes:
            return False
        self.codes[key] = shown
        return True

    def files(self) -> frozenset[str]:
        return frozenset([file for file, _ in self.codes] + list(self.prefixes))

    def name_of(self, code: types.CodeType) -> str | None:
        shown = self.codes.get((code.co_filename, code.co_qualname))
        if shown is None:
            for prefix, name in self.prefixes.get(code.co_filename, ()):
                if code.co_qualname.startswith(prefix):
                    return name
        return shown


def _code_names(code: types.CodeType) -> set[str]:
    """Global names a code object and its nested code (comprehensions, inner functions) refer to."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _code_names(const)
    return names


def _add_pattern(forbidden: _Forbidden, value: object, shown: str) -> None:
    if isinstance(value, re.Pattern):
        forbidden.patterns.setdefault((value.pattern, value.flags), shown)


def _add_function(forbidden: _Forbidden, function: types.FunctionType, shown: str) -> None:
    """Guard `function` and, transitively, the private helpers and patterns of its module that it uses."""
    if not forbidden.add_code(function.__code__, shown):
        return
    module_globals = function.__globals__
    for helper_name in _code_names(function.__code__):
        helper = module_globals.get(helper_name)
        if isinstance(helper, re.Pattern):
            _add_pattern(forbidden, helper, shown)
        elif helper_name.startswith("_") and callable(helper):
            inner = inspect.unwrap(helper)
            if isinstance(inner, types.FunctionType) and inner.__globals__ is module_globals:
                _add_function(forbidden, inner, shown)
                if helper is not inner and not inspect.signature(inner).parameters:
                    _add_pattern(forbidden, helper(), shown)  # a cached pattern builder: guard what it returns


def _with_submodules(module: types.ModuleType) -> list[types.ModuleType]:
    """`module`, and if it is a package, every module inside it (imported)."""
    found = [module]
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), module.__name__ + "."):
        found.append(importlib.import_module(info.name))
    return found


def _forbid(forbidden: _Forbidden, name: str) -> None:
    target = _resolve(name)
    if isinstance(target, types.ModuleType):
        for module in _with_submodules(target):  # a package (alaloupe.claims) is all of its modules
            forbidden.prefixes.setdefault(module.__file__, []).append(("", name))
            for value in vars(module).values():
                _add_pattern(forbidden, value, name)
        return
    if isinstance(target, type):
        file = inspect.getsourcefile(target)
        forbidden.prefixes.setdefault(file, []).append((target.__qualname__ + ".", name))
        return
    if isinstance(target, property):
        target = target.fget
    if isinstance(target, classmethod | staticmethod):
        target = target.__func__
    inner = inspect.unwrap(target) if callable(target) else target
    if isinstance(inner, types.MethodType):
        inner = inner.__func__
    if not isinstance(inner, types.FunctionType):
        raise ValueError(f"{name!r} is neither a module, a class nor a Python function of the kit")
    _add_function(forbidden, inner, name)


class _Guard:
    """The profile hook of one `own_work` block and the violations it saw."""

    def __init__(self, forbidden: _Forbidden) -> None:
        self.forbidden = forbidden
        self.files = forbidden.files() | {threading.__file__}
        self.patterns = forbidden.patterns
        self.switches = frozenset(id(f) for f in _PROFILE_SWITCHES)
        self.violations: list[str] = []

    def refuse(self, why: str) -> None:
        self.violations.append(why)
        raise AssertionError(why)

    def hook(self, frame: types.FrameType, event: str, arg: object) -> None:
        if event == "call":
            code = frame.f_code
            if code.co_filename in self.files:
                if code in _THREAD_SWITCHES and frame.f_back.f_code is not _OWN_WORK_CODE:
                    self.refuse(_SWITCHED)
                name = self.forbidden.name_of(code)
                if name is not None:
                    self.refuse(_message(name))
        elif event == "c_call":
            if id(arg) in self.switches and frame.f_code is not _OWN_WORK_CODE:
                self.refuse(_SWITCHED)
            if self.patterns:
                owner = getattr(arg, "__self__", None)
                if type(owner) is re.Pattern and (owner.pattern, owner.flags) in self.patterns:
                    self.refuse(_message(self.patterns[(owner.pattern, owner.flags)]))


def _forbidden_for(names: tuple[str, ...]) -> _Forbidden:
    forbidden = _Forbidden()
    for name in names:
        _forbid(forbidden, name)
    return forbidden


@contextmanager
def own_work(*names: str, written: Callable | Iterable[Callable] = (), allow: Iterable[str] = ()) -> Iterator[None]:
    """Run the block with the kit's reference code for `names` out of reach.

    `names` are dotted names of the kit: a function ("alaloupe.tokens.tokenize"), a class, or a whole module
    ("alaloupe.claims"). Inside the block, any call into that code (and into the private helpers and regular
    expressions a guarded function uses) raises AssertionError("write this one yourself: NAME is the answer key"),
    however it was reached; if the student's code catches that error, the block still fails when it ends.

    `written`: the student's function(s). Before the block runs, their notebook cell is checked for shortcuts
    (imports of the kit other than the modules in `allow`, importlib, exec, code objects, profiling switches);
    see `shortcuts`. The runtime guard is the one that holds; the source check gives an earlier, clearer hint.
    """
    forbidden = _forbidden_for(tuple(names))
    for function in [written] if callable(written) else list(written):
        code = getattr(inspect.unwrap(function), "__code__", None)
        if code is not None and code.co_filename.startswith(_KIT_FOLDER):
            # the student's "function" is the kit's own: name it as the question does, if it is a guarded one
            raise AssertionError(_message(forbidden.name_of(code) or f"{function.__module__}.{code.co_qualname}"))
        found = shortcuts(cell_source(function), allow=allow)
        if found:
            raise AssertionError(f"write {getattr(function, '__name__', 'this function')} yourself, without {found[0]}")
    guard = _Guard(forbidden)
    previous = sys.getprofile()
    previous_threads = threading.getprofile()
    threading.setprofile(guard.hook)
    sys.setprofile(guard.hook)
    try:
        yield
    finally:
        switched_off = sys.getprofile() != guard.hook and not guard.violations
        sys.setprofile(previous)
        threading.setprofile(previous_threads)
    if guard.violations:
        raise AssertionError(guard.violations[0])
    if switched_off:
        raise AssertionError(_SWITCHED)


_OWN_WORK_CODE = inspect.unwrap(own_work).__code__  # the one frame allowed to restore the previous hooks


# Static second line of defence: what an answer cell should not contain.

_BANNED_MODULES = ("alaloupe", "importlib", "ctypes", "gc", "inspect", "subprocess", "multiprocessing", "sys")
_BANNED_NAMES = frozenset({"exec", "eval", "compile", "__import__", "globals", "vars", "breakpoint"})
_BANNED_ATTRIBUTES = frozenset(
    {
        "__code__",
        "__globals__",
        "__wrapped__",
        "__builtins__",
        "f_globals",
        "f_back",
        "f_locals",
        "_getframe",
        "setprofile",
        "settrace",
        "modules",
        "reload",
        "import_module",
    }
)


def _module_allowed(module: str, allow: Iterable[str]) -> bool:
    return any(module == a or module.startswith(a + ".") for a in allow)


def shortcuts(source: str, *, allow: Iterable[str] = ()) -> list[str]:
    """Shortcuts found in an answer cell's source: kit imports (except modules in `allow`), importlib,
    exec/eval/compile, code objects and frames, profiling switches. An empty list means none.

    `re.compile` and other methods named like a banned built-in are fine: only bare names count.
    """
    if not isinstance(source, str):
        raise TypeError(f"expected the source as a str, not {type(source).__name__}")
    allow = tuple(allow)
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []  # the cell does not run anyway; its own error is the clearer message
    found: list[str] = []
    for node in ast.walk(tree):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            package = node.module in _BANNED_MODULES  # `from alaloupe import tokens` imports alaloupe.tokens
            modules = [f"{node.module}.{alias.name}" for alias in node.names] if package else [node.module]
        for module in modules:
            top = module.split(".")[0]
            if top in _BANNED_MODULES and not _module_allowed(module, allow):
                found.append(f"import {module}")
        if isinstance(node, ast.Name) and node.id in _BANNED_NAMES and node.id in vars(builtins):
            found.append(f"{node.id}()")
        elif isinstance(node, ast.Attribute) and node.attr in _BANNED_ATTRIBUTES:
            found.append(f".{node.attr}")
    return list(dict.fromkeys(found))


def cell_source(function: Callable) -> str:
    """The source of the notebook cell (or file) that defines `function`, as the interpreter recorded it."""
    code = getattr(inspect.unwrap(function), "__code__", None) if callable(function) else None
    if code is None:
        raise TypeError(f"expected a function written in the notebook, not {type(function).__name__}")
    lines = linecache.getlines(code.co_filename)
    if not lines:
        return inspect.getsource(function)
    return "".join(lines)
