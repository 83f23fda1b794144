"""Value classes for the rules every command reads (seats, candidates, outcomes, the
national summary): what `@dataclass(frozen=True, slots=True)` gives them, made at a
fraction of its cost at import.

Why not dataclasses here: on Python 3.11 `import dataclasses` loads `inspect` (with `ast`
and `dis`, ~4 ms) and each class compiles five to seven generated methods one by one
(~0.5 ms a class); the fourteen classes `summary --json` needs cost ~11 ms of a command
whose whole budget over bare Python is ~60 ms, and the first window loads some seventy.
`record` makes only `__init__` from source for each class (the method every record made
runs; the summary makes 4,500 candidates' lines); the others are closures over the class's
fields, made without compiling (equality and hashing read the fields with one `attrgetter`).
Compiling even that one took ~0.1 ms a class (~7 ms of the first window's seventy): every
record of the package has its `__init__` written out in `_record_inits.py`, compiled once
into Python's bytecode cache like any module, and found there by its exact source (one
not there, a record of a test or one changed since, is compiled as before). `write_inits()`
writes that module again; tests/domain/test_records.py fails while it is not what the
package's records need.
Classes that other code reads with `fields` or `asdict`, or declares with field options
records lack, stay dataclasses.

What a record has, as a dataclass of the same options would: `__init__` in field order
with the class's defaults (`factory(dict)` for a fresh mutable default), `__post_init__`
when defined, `__repr__`, `__eq__` (same class, field by field), `__match_args__`,
`__slots__`; frozen (the default): `__hash__` of the fields and assignment refused with
`FrozenInstanceError`; not frozen: unhashable. `as_dict` is `dataclasses.asdict`, `replace`
is `dataclasses.replace` (both also take dataclasses).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from types import FunctionType
from typing import TYPE_CHECKING, Any, TypeVar, dataclass_transform

from .errors import InternalError

if TYPE_CHECKING:
    from pathlib import Path

try:
    from ._record_inits import INITS
except ImportError:  # pragma: no cover (a package without it: every __init__ is compiled)
    INITS = {}

T = TypeVar("T")
FIELDS = "__record_fields__"
_made: list[tuple[str, str]] = []  # (module, __init__ source) of each record made
compiled = 0  # __init__ compiled here, not found written out (tests count them)


class FrozenInstanceError(InternalError, AttributeError):
    """Assignment to a field of a frozen record (dataclasses' error of the same name): a
    bug, under the one error model's root like every exception of ours."""


class factory:  # lower case: reads like dataclasses' `field(default_factory=...)`
    """A default made afresh for each record: `seats: dict = factory(dict)`."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def _source(names: list[str], defaults: dict[str, Any], frozen: bool, post_init: bool
            ) -> str:
    """`__init__` in one line (so `_record_inits.py` holds each in one line too)."""
    params = ", ".join(f"{n}=_d_{n}" if n in defaults else n for n in names)
    body = []
    for n in names:
        if isinstance(defaults.get(n), factory):
            body.append(f"{n} = _d_{n}.make() if {n} is _d_{n} else {n}")
        # frozen: the slot's own setter, past the refusing __setattr__ (a third faster than
        # object.__setattr__: the summary makes 4,500 candidates' lines)
        body.append(f"_s_{n}(self, {n})" if frozen else f"self.{n} = {n}")
    if post_init:
        body.append("self.__post_init__()")
    return f"def __init__(self, {params}): {'; '.join(body or ['pass'])}"


def _init(source: str, namespace: dict[str, Any], defaults: tuple) -> Callable[..., Any]:
    """The function `source` defines, its globals `namespace` (the fields' setters and
    defaults): written out in `_record_inits.py`, else compiled here."""
    global compiled
    code = INITS.get(source)
    if code is not None:
        return FunctionType(code, namespace, "__init__", defaults or None)
    compiled += 1
    exec(source, namespace)
    return namespace["__init__"]


def inits_module(sources: Iterable[str]) -> str:
    """The text of `_record_inits.py` for the records whose `__init__` are `sources`."""
    import re

    ordered = sorted(set(sources))
    placeholders = sorted({name for source in ordered
                           for name in re.findall(r"=(_d_\w+)", source.split("):", 1)[0])})
    lines = ['"""Every record\'s `__init__` of the package, written out by',
             '`resultsdesk.domain.records.write_inits()`: compiled into the bytecode cache as any',
             'module, found by its exact source. Not to be edited."""',
             "# ruff: noqa", "# fmt: off", "",
             "# the defaults' names, for the lines below to run; records.py gives the values",
             " = ".join([*placeholders, "None"]), "", "INITS = {}"]
    for source in ordered:
        lines += [source, f"INITS[{source!r}] = __init__.__code__"]
    return "\n".join(lines) + "\n"


def _methods(names: tuple[str, ...], frozen: bool) -> dict[str, Callable[..., Any]]:
    """Every method but `__init__`, as a dataclass of the same options has them."""
    if len(names) > 1:
        values = attrgetter(*names)  # the fields' values, as a tuple
    elif names:
        one = attrgetter(names[0])

        def values(obj: Any) -> tuple:
            return (one(obj),)
    else:
        def values(obj: Any) -> tuple:
            return ()

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in
                          zip(names, values(self), strict=True))
        return f"{self.__class__.__qualname__}({shown})"

    def __eq__(self, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    methods: dict[str, Callable[..., Any]] = {"__repr__": __repr__, "__eq__": __eq__}
    if not frozen:
        return methods

    def __hash__(self) -> int:
        return hash(values(self))

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> list:  # copy and pickle, past the refusal above
        return list(values(self))

    def __setstate__(self, state: list) -> None:
        for name, value in zip(names, state, strict=False):
            object.__setattr__(self, name, value)

    methods.update(__hash__=__hash__, __setattr__=__setattr__, __delattr__=__delattr__,
                   __getstate__=__getstate__, __setstate__=__setstate__)
    return methods


@dataclass_transform(frozen_default=True, field_specifiers=(factory,))
def record(cls: type[T] | None = None, /, *, frozen: bool = True) -> Any:
    """`@record` (frozen) or `@record(frozen=False)`: see the module's docstring."""
    if cls is None:
        return lambda c: record(c, frozen=frozen)
    # the class's own annotations, as strings (no inspect.get_annotations: that is the
    # inspect module this avoids loading)
    names = list(cls.__dict__.get("__annotations__", {}))  # noqa: RUF063
    defaults = {n: cls.__dict__[n] for n in names if n in cls.__dict__}
    body = {k: v for k, v in cls.__dict__.items()
            if k not in defaults and k not in ("__dict__", "__weakref__")}
    body.update(__slots__=tuple(names), __match_args__=tuple(names), **{FIELDS: tuple(names)})
    made = type(cls)(cls.__name__, cls.__bases__, body)
    made.__qualname__ = cls.__qualname__
    namespace: dict[str, Any] = {f"_d_{n}": v for n, v in defaults.items()}
    namespace.update({f"_s_{n}": made.__dict__[n].__set__ for n in names})
    source = _source(names, defaults, frozen, "__post_init__" in cls.__dict__)
    _made.append((cls.__module__, source))
    init = _init(source, namespace, tuple(defaults[n] for n in names if n in defaults))
    methods = {"__init__": init, **_methods(tuple(names), frozen)}
    if not frozen:
        made.__hash__ = None  # type: ignore[assignment]  # mutable, compared by value
    for name, method in methods.items():
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        type.__setattr__(made, name, method)
    return made


def replace(value: T, /, **changes: Any) -> T:
    """`dataclasses.replace` for records: a new record of the same class with `changes`
    to its fields (an unknown field's name is a TypeError, as there); a dataclass is handed
    to `dataclasses.replace`."""
    fields = getattr(type(value), FIELDS, None)
    if fields is None:
        import dataclasses

        return dataclasses.replace(value, **changes)  # type: ignore[type-var]
    return type(value)(**{**{name: getattr(value, name) for name in fields}, **changes})


def as_dict(value: Any) -> Any:
    """`dataclasses.asdict` for records: a record becomes a dict of its fields, lists,
    tuples and dicts are copied with their contents converted the same way; anything else
    (numbers, strings, None) is kept as it is."""
    fields = getattr(type(value), FIELDS, None)
    if fields is not None:
        return {name: as_dict(getattr(value, name)) for name in fields}
    if isinstance(value, (list, tuple)):
        return type(value)(as_dict(v) for v in value)
    if isinstance(value, dict):
        return type(value)((as_dict(k), as_dict(v)) for k, v in value.items())
    return value


def records_made() -> list[str]:
    """Every record's `__init__` source of the package's modules (each one imported)."""
    import importlib
    import pkgutil
    from pathlib import Path

    package = Path(__file__).resolve().parents[1]
    for info in pkgutil.walk_packages([str(package)], "resultsdesk."):
        if not info.name.startswith("resultsdesk._resources") \
                and not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    made = importlib.import_module("resultsdesk.domain.records")._made
    return [source for module, source in made if module.startswith("resultsdesk.")]



def write_inits() -> Path:
    """Write `_record_inits.py` for the package's records as they are now: run
    `python -c "from resultsdesk.domain import records; records.write_inits()"`."""
    from pathlib import Path

    target = Path(__file__).with_name("_record_inits.py")
    target.write_text(inits_module(records_made()), encoding="utf-8")
    return target
