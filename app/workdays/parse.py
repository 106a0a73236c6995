"""Read the date lists an administrator pastes from a State Council holiday notice.

Accepted, one per line or separated by commas, 、, semicolons or spaces:
    2027-01-01   2027/1/1   2027.1.1   20270101   2027年1月1日   1月1日 / 1/1 (the year is given)
weekday notes as in the notices, 1月1日（周五）, are ignored; ranges joined by 至, 到, ~, ～, —, –, or a spaced hyphen:
    2027-02-10至2027-02-17   2月10日—17日   2027-02-10~2027-02-17   1月28日至2月4日
and an optional name before a colon, kept as the day's note:
    春节：2月10日至17日

Anything else raises ValidationError naming the token, so the administrator sees exactly which
piece of the pasted text to fix. Nothing else is ever raised, whatever the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta

from app.errors import ValidationError

# A State Council arrangement never spans more than a few weeks; a longer range is a typo
# (2027-02-10至2027-12-17), and refusing it also keeps pathological input cheap.
MAX_RANGE_DAYS = 62

_FLAGS = re.ASCII
_FULL_FORMS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", _FLAGS),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?", _FLAGS),
    re.compile(r"(\d{4})(\d{2})(\d{2})", _FLAGS),
)
_MONTH_DAY_FORMS = (
    re.compile(r"(\d{1,2})月(\d{1,2})日?", _FLAGS),
    re.compile(r"(\d{1,2})[/.](\d{1,2})", _FLAGS),
)
# Only as the second half of a range: "2027-01-28至02-04" and "2月10日至17日".
_END_MONTH_DAY = re.compile(r"(\d{1,2})[-/.](\d{1,2})", _FLAGS)
_END_DAY = re.compile(r"(\d{1,2})日?", _FLAGS)

# A name may itself list holidays ("中秋节、国庆节"), so 、 is allowed in it; digits are not.
_LABEL = re.compile(r"^\s*([^\d\s:,;]{1,20}?)\s*:\s*")
# The notices annotate dates with the weekday, "1月1日(周五)"; the parser has no use for it.
_WEEKDAY_NOTE = re.compile(r"\((?:周|星期)[一二三四五六日天]\)")
_SEPARATORS = re.compile(r"[,、;\s]+")
# Spaces around a connector are glued away first, so "2027-02-10 至 2027-02-17" stays one token.
_CONNECTOR = re.compile(r"\s*(?:至|到|~|〜|—+|–|―|\s-\s)\s*")
# "2月10日-17日": a bare hyphen right after 日 can only be a range connector.
_DAY_HYPHEN = re.compile(r"日-(?=\d)")

_FORMAT_HINT = "请按 2027-01-01、2027/1/1、2027年1月1日 或 1月1日 的格式填写，范围写作 2027-02-10至2027-02-17。"


def parse_dates(text: str, year: int | None = None) -> list[date]:
    """Every date listed in `text`, sorted and without repeats."""
    return sorted(parse_labelled_dates(text, year))


def parse_labelled_dates(text: str, year: int | None = None) -> dict[date, str]:
    """Every date listed in `text` with the name written before it ("春节：…"), or ""."""
    result: dict[date, str] = {}
    # NFKC folds full-width digits and punctuation (２０２７，：～) into their ASCII forms.
    normalised = unicodedata.normalize("NFKC", text)
    for line_no, line in enumerate(normalised.splitlines(), start=1):
        label = ""
        match = _LABEL.match(line)
        if match:
            label = match.group(1).strip()
            line = line[match.end() :]
        line = _DAY_HYPHEN.sub("日至", _CONNECTOR.sub("至", _WEEKDAY_NOTE.sub("", line)))
        for token in _SEPARATORS.split(line):
            if not token:
                continue
            for day in _parse_token(token, year, line_no):
                result.setdefault(day, label)
    return result


def _parse_token(token: str, year: int | None, line_no: int) -> list[date]:
    if "至" not in token:
        return [_single(token, token, year, line_no)]
    parts = token.split("至")
    if len(parts) != 2 or not parts[0] or not parts[1]:
        raise _error(line_no, token, "范围应写作“开始日期至结束日期”。")
    first = _single(parts[0], token, year, line_no)
    last = _range_end(parts[1], first, token, line_no)
    if last < first:
        raise _error(line_no, token, "结束日期早于开始日期。")
    if (last - first).days >= MAX_RANGE_DAYS:
        raise _error(line_no, token, f"范围超过 {MAX_RANGE_DAYS} 天，请检查是否写错。")
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _single(text: str, token: str, year: int | None, line_no: int) -> date:
    for pattern in _FULL_FORMS:
        m = pattern.fullmatch(text)
        if m:
            return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), token, line_no)
    for pattern in _MONTH_DAY_FORMS:
        m = pattern.fullmatch(text)
        if m:
            if year is None:
                raise _error(line_no, token, "没有写年份，请写完整日期，如 2027年1月1日。")
            return _make(year, int(m.group(1)), int(m.group(2)), token, line_no)
    raise _error(line_no, token, _FORMAT_HINT)


def _range_end(text: str, first: date, token: str, line_no: int) -> date:
    for pattern in (*_FULL_FORMS, *_MONTH_DAY_FORMS):
        if pattern.fullmatch(text):
            # A month-and-day end takes the start's year, so "2027-12-30至1月2日" is refused as
            # going backwards rather than silently guessing the next year.
            return _single(text, token, first.year, line_no)
    m = _END_MONTH_DAY.fullmatch(text)
    if m:
        return _make(first.year, int(m.group(1)), int(m.group(2)), token, line_no)
    m = _END_DAY.fullmatch(text)
    if m:
        return _make(first.year, first.month, int(m.group(1)), token, line_no)
    raise _error(line_no, token, _FORMAT_HINT)


def _make(year: int, month: int, day: int, token: str, line_no: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _error(line_no, token, f"日期不存在（{year}年{month}月{day}日）。") from None


def _error(line_no: int, token: str, reason: str) -> ValidationError:
    shown = token if len(token) <= 40 else token[:40] + "…"
    return ValidationError(f"第 {line_no} 行的“{shown}”无法识别为日期：{reason}", field="dates")


def format_dates(days: Iterable[date], notes: dict[date, str] | None = None) -> str:
    """The inverse of parse_labelled_dates: one line per run of consecutive days with one name.

    Used to pre-fill the 节假日 text boxes with what is stored, in the form the parser reads.
    """
    notes = notes or {}
    ordered = sorted(set(days))
    lines: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        label = notes.get(ordered[i], "")
        while (
            j + 1 < len(ordered)
            and ordered[j + 1] - ordered[j] == timedelta(days=1)
            and notes.get(ordered[j + 1], "") == label
            and (ordered[j + 1] - ordered[i]).days < MAX_RANGE_DAYS  # the parser must read it back
        ):
            j += 1
        span = ordered[i].isoformat() if i == j else f"{ordered[i].isoformat()}至{ordered[j].isoformat()}"
        lines.append(f"{label}：{span}" if label else span)
        i = j + 1
    return "\n".join(lines)
