"""Stored naive UTC ↔ this PC's local time: one module for screens, registers and filters."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime

import pytest

from app.localtime import local_date, local_day_start_utc, local_text, to_local, to_utc


@pytest.fixture(autouse=True)
def _beijing_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Shanghai")  # UTC+8, no daylight saving
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_stored_utc_is_shown_eight_hours_later() -> None:
    stored = datetime(2024, 5, 5, 16, 30)
    assert to_local(stored) == datetime(2024, 5, 6, 0, 30)
    assert local_date(stored) == date(2024, 5, 6)  # already the next day in the office
    assert local_text(stored) == "2024-05-06 00:30"
    assert local_text(None) == "" and to_local(None) is None


def test_typed_local_time_is_stored_as_utc_and_back() -> None:
    typed = datetime(2024, 5, 6, 9, 0)
    assert to_utc(typed) == datetime(2024, 5, 6, 1, 0)
    assert to_local(to_utc(typed)) == typed and to_utc(None) is None


def test_a_local_day_begins_at_sixteen_hundred_utc_the_day_before() -> None:
    assert local_day_start_utc(date(2024, 5, 6)) == datetime(2024, 5, 5, 16, 0)
