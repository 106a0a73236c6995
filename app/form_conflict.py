"""Resolving a form saved by someone else first (issue 19), for any form that is a dataclass.

`differences` lists the fields where the saved record and the user's form differ, each shown as
text, and whether the user changed it himself since the form was opened (the conflict dialog
then keeps his value by default, and takes theirs for what only the other person changed).
`merged` is their record with the user's value for each field he keeps; the caller saves it on
the record's current version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, TypeVar

F = TypeVar("F")


@dataclass(frozen=True)
class FieldConflict:
    field: str
    label: str
    theirs: str  # as shown to the user
    yours: str
    you_changed: bool  # the user's value differs from what his form was opened with


def _plain(form: Any) -> dict[str, object]:
    return {f.name: (v.strip() if isinstance(v := getattr(form, f.name), str) else v) for f in fields(form)}


def differences(
    original: Any, theirs: Any, yours: Any, *, labels: Mapping[str, str],
    shown: Callable[[str, object], str], values: Callable[[Any], Mapping[str, object]] = _plain,
) -> list[FieldConflict]:
    """Every field where the saved record and the user's form differ, in the form's field order."""
    o, t, y = values(original), values(theirs), values(yours)
    return [
        FieldConflict(f.name, labels.get(f.name, f.name), shown(f.name, t[f.name]), shown(f.name, y[f.name]),
                      y[f.name] != o[f.name])
        for f in fields(theirs) if t[f.name] != y[f.name]
    ]


def merged(theirs: F, yours: F, keep_mine: Iterable[str]) -> F:
    """Their saved record with the user's value for each field he chose to keep."""
    return replace(theirs, **{name: getattr(yours, name) for name in keep_mine})  # type: ignore[type-var]
