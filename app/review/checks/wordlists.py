"""The word lists the checks run against, and the parser that reads them from plain text files.

The same parsers read the bundled seed lists (resources/wordlists/) and the text files an
administrator imports, so both accept exactly the same format: UTF-8 (or GB18030) text, one
entry a line, blank lines and lines starting with `#` ignored.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from app.errors import ValidationError

from .docx_text import decode_text

SENSITIVE_FILE = "sensitive_words.txt"
WORDING_FILE = "wording_errors.txt"
LEADERS_FILE = "leaders.txt"
PLACES_FILE = "place_names.txt"
DOMAINS_FILE = "allowed_domains.txt"


class FrozenMapping(Mapping[str, str]):
    """A read-only dict that, unlike MappingProxyType, can be copied and pickled (worker processes)."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, str]) -> None:
        self._data = dict(data)

    def __getitem__(self, key: str) -> str:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenMapping({self._data!r})"


class Leader(NamedTuple):
    name: str
    post: str  # may list several posts: "县委副书记、县长"


@dataclass(frozen=True)
class WordLists:
    """Everything the checks need from the administrator; immutable so the compiled matcher can be cached."""

    sensitive_words: tuple[str, ...] = ()
    wording_errors: Mapping[str, str] = field(default_factory=dict)  # wrong form -> correct form
    leaders: tuple[Leader, ...] = ()
    place_names: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    # engine.prepare() stores the compiled matcher in the instance __dict__ (not a field, so that
    # asdict(), replace() and equality never see or copy it).

    def __post_init__(self) -> None:
        # Accept any iterables/mappings from callers (DB rows, parsed files) but store immutable copies.
        fix = functools.partial(object.__setattr__, self)
        fix("sensitive_words", _unique(w.strip() for w in self.sensitive_words))
        # Blank entries are dropped: an empty key would match at every position of every text.
        pairs = ((k.strip(), v.strip()) for k, v in self.wording_errors.items())
        fix("wording_errors", FrozenMapping({k: v for k, v in pairs if k and v}))
        fix("leaders", tuple(Leader(n.strip(), p.strip()) for n, p in self.leaders if n.strip()))
        fix("place_names", _unique(p.strip() for p in self.place_names))
        fix("allowed_domains", _unique(normalize_domain(d) for d in self.allowed_domains))

    __hash__ = None  # type: ignore[assignment]  # the mapping field is not hashable

    def __getstate__(self) -> dict[str, Any]:
        # The compiled matcher (see engine.prepare) is a cache: rebuilt on demand, never pickled.
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _entries(text: str) -> Iterable[tuple[int, str]]:
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if line and not line.startswith("#"):
            yield number, line


def parse_word_list(text: str) -> list[str]:
    """One entry a line (sensitive words, place names, allowed domains)."""
    return list(_unique(line for _, line in _entries(text)))


_WORDING_SEP = re.compile(r"\s*(?:\t|=|＝|→|->)\s*")


def parse_wording_errors(text: str) -> dict[str, str]:
    """Lines `错误写法<TAB>正确写法` (or `错误写法=正确写法`)."""
    result: dict[str, str] = {}
    for number, line in _entries(text):
        parts = _WORDING_SEP.split(line, maxsplit=1)
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise ValidationError(f"第{number}行格式不正确：应为“错误写法=正确写法”（或用制表符分隔），实为“{line}”。")
        wrong, right = parts
        if wrong == right:
            raise ValidationError(f"第{number}行的错误写法与正确写法相同：“{wrong}”。")
        result[wrong] = right
    return result


def parse_leaders(text: str) -> list[Leader]:
    """Lines `姓名<TAB>职务`; any run of whitespace also separates, since names never contain spaces."""
    result: list[Leader] = []
    for number, line in _entries(text):
        parts = line.split(None, 1)
        if len(parts) != 2:
            raise ValidationError(f"第{number}行格式不正确：应为“姓名<制表符>职务”，实为“{line}”。")
        result.append(Leader(parts[0], parts[1].strip()))
    return result


def normalize_domain(entry: str) -> str:
    """`https://www.Gov.cn/x` or `*.gov.cn` -> `www.gov.cn` / `gov.cn`: what an administrator pastes."""
    host = entry.strip().lower()
    host = re.sub(r"^[a-z]+://", "", host).split("/", 1)[0].split(":", 1)[0]
    return host.lstrip("*.").rstrip(".")


def read_list_file(path: str | os.PathLike[str]) -> str:
    """The text of an administrator's list file, whatever encoding Notepad saved it in."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as err:
        raise ValidationError(f"无法读取词表文件“{p.name}”：{err.strerror or err}") from None
    return decode_text(data, p.name)


def default_wordlists_dir() -> Path:
    """The bundled seed lists (the `resources` package travels with pip installs and bundles)."""
    from resources import resource_dir

    return resource_dir("wordlists")


def load_wordlists_dir(folder: str | os.PathLike[str]) -> WordLists:
    """Read the five list files of a folder; a missing file is an empty list."""
    base = Path(folder)

    def text(name: str) -> str:
        path = base / name
        return read_list_file(path) if path.exists() else ""

    return WordLists(
        sensitive_words=tuple(parse_word_list(text(SENSITIVE_FILE))),
        wording_errors=parse_wording_errors(text(WORDING_FILE)),
        leaders=tuple(parse_leaders(text(LEADERS_FILE))),
        place_names=tuple(parse_word_list(text(PLACES_FILE))),
        allowed_domains=tuple(parse_word_list(text(DOMAINS_FILE))),
    )


@functools.cache
def load_default_wordlists() -> WordLists:
    """The bundled seed lists; one shared instance, so its compiled matcher is built only once."""
    return load_wordlists_dir(default_wordlists_dir())
