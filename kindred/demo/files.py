"""Reading the demo's content files (`kindred/demo/content/*.toml`) into the entries
that say what each may hold (frozen dataclasses in `data.py` and `conversations.py`).

A value becomes its field's type: an enum from its value, a tuple of them, a fixed pair
such as a reaction (`["pebble", "thank_you"]`), or nested entries (`[[topic.replies]]`).
A field an entry does not have stops the load with its name, so a typo in a file is
never silently ignored; a field left out takes the entry's default."""

from __future__ import annotations

import dataclasses
import enum
import tomllib
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

CONTENT = Path(__file__).parent / "content"


def read(name: str) -> dict[str, Any]:
    return tomllib.loads((CONTENT / name).read_text(encoding="utf-8"))


def entry[T: DataclassInstance](cls: type[T], raw: dict[str, Any], **extra: Any) -> T:
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(raw) - names
    if unknown:
        raise ValueError(f"{cls.__name__} has no field(s) {sorted(unknown)}: {raw}")
    fields = {name: _value(hints[name], value) for name, value in raw.items()}
    return cls(**{**fields, **extra})


def _value(kind: Any, raw: Any) -> Any:
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(raw)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return entry(kind, raw)
    origin = typing.get_origin(kind)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(args[0], item) for item in raw)
        return tuple(_value(arg, item) for arg, item in zip(args, raw, strict=True))
    if origin is types.UnionType:
        (inner,) = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _value(inner, raw)
    return raw
