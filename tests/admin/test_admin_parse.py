"""Reading pasted holiday date lists (app/workdays/parse.py)."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import ValidationError
from app.workdays.parse import MAX_RANGE_DAYS, format_dates, parse_dates, parse_labelled_dates


@pytest.mark.parametrize(
    "text",
    [
        "2027-01-01", "2027/1/1", "2027.1.1", "20270101", "2027年1月1日", "2027年1月1", "1月1日", "1/1",
        "２０２７－０１－０１",  # full-width, as typed with a Chinese input method
    ],
)
def test_single_date_forms(text: str) -> None:
    assert parse_dates(text, 2027) == [date(2027, 1, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "2027-02-10至2027-02-17",
        "2027-02-10~2027-02-17",
        "2027-02-10～2027-02-17",
        "2027-02-10 至 2027-02-17",
        "2027-02-10 - 2027-02-17",
        "2月10日—17日",
        "2月10日——17日",
        "2月10日-17日",
        "2月10日至2月17日",
        "2027年2月10日至17日",
        "2027-02-10至17",
        "2月10日（周三）至17日（星期三）",
    ],
)
def test_range_forms(text: str) -> None:
    assert parse_dates(text, 2027) == [date(2027, 2, 10) + timedelta(days=i) for i in range(8)]


def test_range_across_months() -> None:
    days = parse_dates("1月28日至2月4日", 2027)
    assert days[0] == date(2027, 1, 28) and days[-1] == date(2027, 2, 4) and len(days) == 8
    assert parse_dates("2027-01-28至02-04", 2027) == days


def test_separators_lines_and_duplicates() -> None:
    text = "2027-01-01, 2027-05-01、2027-05-02；2027-05-03 2027-05-04\n\n2027-05-05,2027-05-05\n  10月1日  "
    assert parse_dates(text, 2027) == [
        date(2027, 1, 1), *(date(2027, 5, d) for d in range(1, 6)), date(2027, 10, 1),
    ]


def test_labels_become_notes() -> None:
    parsed = parse_labelled_dates("春节：2月6日至8日\n中秋节、国庆节: 10月1日\n2027-12-31", 2027)
    assert parsed[date(2027, 2, 7)] == "春节"
    assert parsed[date(2027, 10, 1)] == "中秋节、国庆节"
    assert parsed[date(2027, 12, 31)] == ""


def test_empty_text_is_an_empty_list() -> None:
    assert parse_dates("  \n ,、 \n", 2027) == []


@pytest.mark.parametrize(
    ("text", "year", "token"),
    [
        ("2027-02-30", 2027, "2027-02-30"),
        ("2027-01-01, 明天", 2027, "明天"),
        ("1月1日", None, "1月1日"),
        ("2027-02-17至2027-02-10", 2027, "2027-02-17至2027-02-10"),
        ("2027-01-01至2027-06-01", 2027, "2027-01-01至2027-06-01"),
        ("至2027-01-01", 2027, "至2027-01-01"),
        ("2027-01-01至2027-01-02至2027-01-03", 2027, "2027-01-01至2027-01-02至2027-01-03"),
        ("2027-13-01", 2027, "2027-13-01"),
        ("2月10日至32日", 2027, "2月10日至32日"),
    ],
)
def test_errors_name_the_token(text: str, year: int | None, token: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_dates(text, year)
    assert f"“{token}”" in str(info.value)
    assert "第 1 行" in str(info.value)


def test_error_names_the_line() -> None:
    with pytest.raises(ValidationError, match="第 3 行"):
        parse_dates("2027-01-01\n2027-01-02\n2027-0l-03", 2027)


def test_range_limit_is_inclusive_of_two_months() -> None:
    start = date(2027, 1, 1)
    ok = f"{start.isoformat()}至{(start + timedelta(days=MAX_RANGE_DAYS - 1)).isoformat()}"
    assert len(parse_dates(ok)) == MAX_RANGE_DAYS


def test_format_dates_groups_runs_by_name() -> None:
    days = {date(2027, 2, 6): "春节", date(2027, 2, 7): "春节", date(2027, 2, 8): "", date(2027, 4, 5): ""}
    assert format_dates(days, days) == "春节：2027-02-06至2027-02-07\n2027-02-08\n2027-04-05"


def test_format_dates_splits_runs_the_parser_would_refuse() -> None:
    days = [date(2027, 1, 1) + timedelta(days=i) for i in range(MAX_RANGE_DAYS + 10)]
    text = format_dates(days)
    assert len(text.splitlines()) == 2
    assert parse_dates(text) == days


@given(st.text(max_size=200), st.one_of(st.none(), st.integers(min_value=1, max_value=9999)))
def test_arbitrary_text_only_ever_raises_validation_error(text: str, year: int | None) -> None:
    try:
        days = parse_dates(text, year)
    except ValidationError as exc:
        assert str(exc)
    else:
        assert days == sorted(set(days))


_DATE_CHARS = st.sampled_from(list("0123456789-/.年月日至~—、, \n:：春节（周一）"))


@given(st.text(_DATE_CHARS, max_size=60), st.one_of(st.none(), st.integers(min_value=1, max_value=9999)))
def test_date_like_text_only_ever_raises_validation_error(text: str, year: int | None) -> None:
    with contextlib.suppress(ValidationError):
        parse_dates(text, year)


@given(
    st.dictionaries(
        st.dates(min_value=date(2027, 1, 1), max_value=date(2027, 12, 31)),
        st.sampled_from(["", "春节", "中秋节、国庆节"]),
        max_size=40,
    )
)
def test_format_then_parse_round_trips(days: dict[date, str]) -> None:
    assert parse_labelled_dates(format_dates(days, days), 2027) == days
