"""Digests of the values a page is made from: equal digests, equal values. Independent of MkDocs.

A page may be taken over from the previous build only when everything its template reads is
what it read then (`vitrine/render`'s reuse.py). What it reads is plain data here: text, numbers,
dates, paths, lists, dictionaries, dataclasses and pydantic models, walked to the bottom. A value
of any other kind cannot be vouched for: `fingerprint` raises `Undigestable`, and the page is
rendered again, as every page is without a previous build.

Objects shared by many pages (a record shown on a hundred tiles, the identity) are digested
once per `Fingerprints`, kept by identity: the values of one build do not change once its pages
render. Those are pydantic models and the classes that say `reuse_shared = True`; nothing else
is kept (a page's own objects would be held to the end of the build: 150 MB at 51,000 pages). An
object may say what it stands for by a `reuse_digest() -> bytes` method: a record's entry (its
file and validated fields, shared), the page's catalogue view (vitrine/catalogue's reads.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import types
from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel

DIGEST_SIZE = 16


class Undigestable(Exception):
    """A value whose digest cannot stand for it: the page that reads it is rendered every time."""


Special = Callable[[Any], bytes]


class Fingerprints:
    """Digests of one build's values, shared ones computed once.

    `special`: digests of types this module cannot read (MkDocs' navigation), given by the
    caller. A dataclass whose class says `reuse_shared = True` (the identity, a language's
    interface strings: one object for every page) is digested once.
    """

    def __init__(self, special: Mapping[type, Special] | None = None) -> None:
        self.special = dict(special or {})
        self.kept: dict[int, tuple[object, bytes]] = {}
        """By id: the object (so its id is not reused) and its digest."""
        self._layouts: dict[type, tuple[bytes, tuple[tuple[str, bytes], ...]]] = {}
        """Each dataclass walked: its label and its fields' names."""
        self._walked: dict[type, bool] = {}
        """Each kind of value met: whether it is a dataclass walked in place."""
        self._how: dict[type, str] = {}
        """Each kind of object met: how it is digested (`_kind_of`)."""

    def of(self, value: object) -> bytes:
        """The digest of `value`; `Undigestable` when some part of it cannot be read here."""
        digest = hashlib.blake2b(digest_size=DIGEST_SIZE)
        self._add(digest, value)
        return digest.digest()

    def shared(self, value: object) -> bytes:
        """The digest of `value`, one object many pages hold (a navigation, the list of pages): computed
        once."""
        return self._kept(value, lambda: self.of(value))

    def _kept(self, value: object, make: Callable[[], bytes]) -> bytes:
        found = self.kept.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        made = make()
        self.kept[id(value)] = (value, made)
        return made

    def _add(self, digest: Any, value: object) -> None:
        kind = type(value)
        if kind is str or isinstance(value, str):  # Markup too: its text is what is written
            text = str(value).encode("utf-8", "surrogatepass")
            digest.update(b"s%d:" % len(text))
            digest.update(text)
        elif value is None or kind is bool or kind is int or kind is float:
            digest.update(b"%s:%s;" % (kind.__name__.encode(), repr(value).encode()))
        elif kind is list or kind is tuple:
            digest.update((b"[%d:" if kind is list else b"(%d:") % len(value))  # type: ignore[arg-type,operator]
            for item in value:  # type: ignore[attr-defined]
                self._add(digest, item)
            digest.update(b"]")
        elif kind is dict:
            digest.update(b"{%d:" % len(value))  # type: ignore[arg-type]
            for key, item in value.items():  # type: ignore[attr-defined]  # in order: as a template walks it
                self._add(digest, key)
                self._add(digest, item)
            digest.update(b"}")
        else:
            self._other(digest, value, kind)

    def _other(self, digest: Any, value: Any, kind: type) -> None:
        if isinstance(value, bytes):
            digest.update(b"b%d:" % len(value))
            digest.update(value)
        elif isinstance(value, bool | int | float):
            digest.update(f"{kind.__name__}:{value!r};".encode())
        elif isinstance(value, enum.Enum):
            digest.update(f"enum:{kind.__qualname__}.{value.name};".encode())
        elif isinstance(value, dt.date | dt.time | dt.timedelta | PurePath):
            digest.update(f"{kind.__name__}:{value};".encode())
        elif isinstance(value, list | tuple | dict):  # a subclass: walked as its base
            self._add(
                digest,
                list(value) if isinstance(value, list) else tuple(value) if isinstance(value, tuple) else dict(value),
            )
        elif isinstance(value, set | frozenset):
            digest.update(b"<%d:" % len(value))
            for item in sorted(self.of(item) for item in value):
                digest.update(item)
            digest.update(b">")
        elif self._in_place(kind, value):
            self._fields(digest, value, kind)  # walked into this digest: no digest of its own to make
        else:
            digest.update(b"o:")
            digest.update(self._object(value))

    def _in_place(self, kind: type, value: object) -> bool:
        """Whether `value` is a dataclass walked into the digest that holds it (not one digested on its
        own: kept, said for itself, or special)."""
        found = self._walked.get(kind)
        if found is None:
            found = self._walked[kind] = (
                dataclasses.is_dataclass(value)
                and not isinstance(value, type)
                and not getattr(kind, "reuse_shared", False)
                and not callable(getattr(value, "reuse_digest", None))
                and not any(base in self.special for base in kind.__mro__)
            )
        return found

    def _fields(self, digest: Any, value: object, kind: type) -> None:
        layout = self._layouts.get(kind)
        if layout is None:
            names = tuple(item.name for item in dataclasses.fields(value))  # type: ignore[arg-type]
            prefix = f"dataclass:{kind.__module__}.{kind.__qualname__}:".encode()
            layout = self._layouts[kind] = (prefix, tuple((name, name.encode() + b"=") for name in names))
        prefix, fields = layout
        digest.update(prefix)
        for name, label in fields:
            digest.update(label)
            self._add(digest, getattr(value, name))
        digest.update(b";")

    def _object(self, value: Any) -> bytes:
        kind = type(value)
        how = self._how.get(kind)
        if how is None:
            how = self._how[kind] = self._kind_of(kind, value)
        if how == "special":
            special = next(make for base in kind.__mro__ if (make := self.special.get(base)) is not None)
            return self._kept(value, lambda: special(value))
        if how == "method":  # the interface's `_`: its object and its name
            return self.of((value.__func__.__qualname__, value.__self__))
        if how == "own":  # kept only when shared: a page's own object (its catalogue view) dies with it
            if getattr(kind, "reuse_shared", False):
                return self._kept(value, lambda: _checked(value.reuse_digest(), kind))
            return _checked(value.reuse_digest(), kind)
        if how == "model":
            return self._kept(value, lambda: self._model(value))
        if how == "dataclass":  # reuse_shared
            return self._kept(value, lambda: self._dataclass(value))
        raise Undigestable(f"{kind.__module__}.{kind.__qualname__}")

    def _kind_of(self, kind: type, value: object) -> str:
        if any(base in self.special for base in kind.__mro__):
            return "special"
        if isinstance(value, types.MethodType):
            return "method"
        if callable(getattr(value, "reuse_digest", None)):
            return "own"
        if isinstance(value, BaseModel):
            return "model"
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return "dataclass"
        return "undigestable"

    def _model(self, value: BaseModel) -> bytes:
        digest = hashlib.blake2b(digest_size=DIGEST_SIZE)
        digest.update(f"model:{type(value).__qualname__}:".encode())
        digest.update(value.model_dump_json().encode())
        return digest.digest()

    def _dataclass(self, value: object) -> bytes:
        digest = hashlib.blake2b(digest_size=DIGEST_SIZE)
        self._fields(digest, value, type(value))
        return digest.digest()


def _checked(value: object, kind: type) -> bytes:
    if not isinstance(value, bytes):
        raise Undigestable(f"{kind.__qualname__}.reuse_digest() gave {type(value).__name__}, not bytes")
    return value
