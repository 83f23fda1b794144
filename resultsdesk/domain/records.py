"""Value classes for the rules every command reads (seats, candidates, outcomes, the
national summary): what `@dataclass(frozen=True, slots=True)` gives them, made at a
fraction of its cost at import.

Why not dataclasses here: on Python 3.11 `import dataclasses` loads `inspect` (with `ast`
and `dis`, ~4 ms) and each class compiles five to seven generated methods one by one
(~0.5 ms a class); the fourteen classes `summary --json` needs cost ~11 ms of a command
whose whole budget over bare Python is ~60 ms, and the first window loads some seventy.
`record` compiles only `__init__` for each class (the method every record made runs; the
summary makes 4,500 candidates' lines); the others are closures over the class's fields,
made without compiling (equality and hashing read the fields with one `attrgetter`).
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

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

from .errors import InternalError

T = TypeVar("T")
FIELDS = "__record_fields__"


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
    params = ", ".join(f"{n}=_d_{n}" if n in defaults else n for n in names)
    body = []
    for n in names:
        if isinstance(defaults.get(n), factory):
            body.append(f"  if {n} is _d_{n}: {n} = _d_{n}.make()")
        # frozen: the slot's own setter, past the refusing __setattr__ (a third faster than
        # object.__setattr__: the summary makes 4,500 candidates' lines)
        body.append(f"  _s_{n}(self, {n})" if frozen else f"  self.{n} = {n}")
    if post_init:
        body.append("  self.__post_init__()")
    return "\n".join([f"def __init__(self, {params}):", *(body or ["  pass"])])


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
    exec(_source(names, defaults, frozen, "__post_init__" in cls.__dict__), namespace)
    methods = {"__init__": namespace["__init__"], **_methods(tuple(names), frozen)}
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
