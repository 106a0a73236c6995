"""Word-list checks: sensitive words, wording errors, leaders' names and posts, place names."""

from __future__ import annotations

import dataclasses

import pytest

from app.review.checks import Leader, WordLists, load_default_wordlists, prepare, run_checks

LEADERS = (
    Leader("张建国", "县委副书记、县长"),
    Leader("李明", "常务副县长"),
    Leader("王小红", "副县长"),
    Leader("杨树林", "县委书记"),
)


@pytest.fixture(scope="module")
def lists() -> WordLists:
    return dataclasses.replace(load_default_wordlists(), leaders=LEADERS)


def found(text: str, lists: WordLists, kind: str) -> list[str]:
    return [f.matched for f in run_checks(text, lists) if f.kind == kind]


# --- wording errors ---


def test_wording_errors_are_found_with_the_correct_form(lists: WordLists) -> None:
    findings = [f for f in run_checks("在中华人民共合国国务院总里的带领下，再接再励。", lists) if f.kind == "wording"]
    assert [(f.matched, f.message, f.severity) for f in findings] == [
        ("中华人民共合国", "“中华人民共合国”应为“中华人民共和国”", "high"),
        ("国务院总里", "“国务院总里”应为“国务院总理”", "high"),
        ("再接再励", "“再接再励”应为“再接再厉”", "high"),
    ]


def test_the_seed_list_has_the_common_serious_errors() -> None:
    corrections = load_default_wordlists().wording_errors
    assert len(corrections) >= 30
    assert corrections["中华人民共合国"] == "中华人民共和国"
    assert corrections["国务院总里"] == "国务院总理"


def test_correct_text_is_not_a_wording_error(lists: WordLists) -> None:
    text = "中华人民共和国国务院总理、中国共产党、截至目前、黔东南苗族侗族自治州、科学发展现状。"
    assert found(text, lists, "wording") == []


def test_a_wrong_form_contained_in_its_own_right_form_is_not_flagged() -> None:
    lists = WordLists(wording_errors={"人民政": "人民政府"})
    assert found("县人民政府", lists, "wording") == []
    assert found("县人民政", lists, "wording") == ["人民政"]


def test_overlapping_wording_errors_are_reported_once(lists: WordLists) -> None:
    assert found("黔东南苗族侗族自冶州", lists, "wording") == ["黔东南苗族侗族自冶州"]


# --- sensitive words ---


def test_sensitive_words_are_found_and_medium() -> None:
    lists = WordLists(sensitive_words=("博彩", "博彩网站", "代开发票"))
    findings = [f for f in run_checks("某博彩网站提供代开发票服务", lists) if f.kind == "sensitive-word"]
    assert [(f.matched, f.severity) for f in findings] == [("博彩网站", "medium"), ("代开发票", "medium")]


# --- leaders ---


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("县长张键国出席会议。", "张键国"),
        ("县长张建图出席会议。", "张建图"),
        ("会上，张键国县长强调。", "张键国"),
        ("县委副书记张建图主持。", "张建图"),
        ("常务副县长李朋参加。", "李朋"),
        ("县委书记杨树森讲话。", "杨树森"),
    ],
)
def test_a_near_miss_name_next_to_the_leaders_post_is_flagged(lists: WordLists, text: str, wrong: str) -> None:
    findings = [f for f in run_checks(text, lists) if f.kind == "leader-name"]
    assert [f.matched for f in findings] == [wrong]
    assert "之误" in findings[0].message and findings[0].severity == "high"


@pytest.mark.parametrize(
    "text",
    [
        "县长张建国出席会议。",
        "县委副书记、县长张建国主持会议。",
        "张建国县长强调。",
        "副县长李明参加（常务副县长的简称）。",
        "书记杨树林讲话。",
        "村民张建军和张键国参加了培训。",  # same surname, but no post next to the name
        "副局长张建图参加。",  # a post 张建国 does not hold: another person
        "县长助理张键国参加。",
        "县长，张建，国家",
    ],
)
def test_ordinary_text_and_correct_names_do_not_trigger(lists: WordLists, text: str) -> None:
    assert found(text, lists, "leader-name") == []


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("副县长张建国出席会议。", "副县长张建国"),
        ("张建国副县长强调。", "张建国副县长"),
        ("县长王小红调研。", "县长王小红"),
        ("县委书记张建国讲话。", "县委书记张建国"),
    ],
)
def test_a_correct_name_with_a_wrong_post_is_flagged(lists: WordLists, text: str, matched: str) -> None:
    findings = [f for f in run_checks(text, lists) if f.kind == "leader-name"]
    assert [f.matched for f in findings] == [matched]
    assert "职务" in findings[0].message


def test_two_leaders_one_character_apart_are_both_correct() -> None:
    lists = WordLists(leaders=(Leader("张建国", "县长"), Leader("张建图", "县长")))
    assert found("县长张建图、县长张建国", lists, "leader-name") == []


# --- place names ---


@pytest.mark.parametrize(
    ("text", "wrong"),
    [("锦平县人民政府", "锦平县"), ("绵屏县", "绵屏县"), ("三汀镇卫生院", "三汀镇"), ("前往隆理乡，", "隆理乡")],
)
def test_near_miss_place_names_are_flagged(lists: WordLists, text: str, wrong: str) -> None:
    findings = [f for f in run_checks(text, lists) if f.kind == "place-name"]
    assert [(f.matched, f.severity) for f in findings] == [(wrong, "medium")]


@pytest.mark.parametrize(
    "text",
    [
        "锦屏县平秋镇和平略镇",
        "黎平县、天柱县",
        "百里乡村振兴示范带",
        "邻里乡亲",
        "他是我的老同乡",
        "古镇小镇",
        "统筹城乡发展",
        "，屏县",
    ],
)
def test_correct_and_ordinary_place_words_are_not_flagged(lists: WordLists, text: str) -> None:
    assert found(text, lists, "place-name") == []


# --- the lists themselves ---


def test_compiled_matcher_is_built_once_per_word_list(lists: WordLists) -> None:
    assert prepare(lists) is prepare(lists)
    assert prepare(dataclasses.replace(lists)) is not prepare(lists)


def test_empty_lists_still_run_the_pattern_checks() -> None:
    assert [f.kind for f in run_checks("机密★1年 13812345678", WordLists())] == ["secret", "privacy-phone"]


def test_default_lists_are_used_when_none_given() -> None:
    assert [f.kind for f in run_checks("锦平县")] == ["place-name"]
