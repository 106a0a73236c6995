"""One way to give an enum's members their Chinese labels (the words the county's texts use).

    @labels({"reprint": "转载", "collected": "采集"})
    class SourceKind(LabelledEnum):
        REPRINT = "reprint"
        COLLECTED = "collected"

`SourceKind.REPRINT.label` is then “转载”. The table is checked against the members when the class
is made, so a member without a label (or a label for no member) fails at import, not in a dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import TypeVar

_LABELS: dict[type[StrEnum], dict[str, str]] = {}


class LabelledEnum(StrEnum):
    """A StrEnum whose members have a label given once by `labels`."""

    @property
    def label(self) -> str:
        return _LABELS[type(self)][self.value]


E = TypeVar("E", bound=LabelledEnum)


def labels(table: Mapping[str, str]) -> Callable[[type[E]], type[E]]:
    """Class decorator: `table` maps each member's value to its label."""

    def attach(cls: type[E]) -> type[E]:
        values = {member.value for member in cls}
        if values != set(table):
            raise ValueError(f"{cls.__name__}: labels do not match the members: {sorted(values ^ set(table))}")
        _LABELS[cls] = dict(table)
        return cls

    return attach
