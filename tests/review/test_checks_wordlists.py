"""The list parsers double as the importer for administrators' text files."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from app.errors import ValidationError
from app.review.checks import (
    Leader,
    WordLists,
    load_default_wordlists,
    load_wordlists_dir,
    parse_leaders,
    parse_word_list,
    parse_wording_errors,
    prepare,
    read_list_file,
    run_checks,
)


def test_word_list_skips_comments_blank_lines_and_duplicates() -> None:
    text = "\ufeff# 敏感词\n博彩\n\n  六合彩  \n博彩\n# 结束\n"
    assert parse_word_list(text) == ["博彩", "六合彩"]


def test_wording_errors_accept_tab_and_equals() -> None:
    text = "中华人民共合国\t中华人民共和国\n国务院总里 = 国务院总理\n# 注释\n截止目前＝截至目前\n"
    assert parse_wording_errors(text) == {
        "中华人民共合国": "中华人民共和国",
        "国务院总里": "国务院总理",
        "截止目前": "截至目前",
    }


@pytest.mark.parametrize(("text", "line"), [("正确\n只有一列\n", "第1行"), ("a=b\n相同=相同\n", "第2行")])
def test_a_bad_wording_line_names_its_line_number(text: str, line: str) -> None:
    with pytest.raises(ValidationError, match=line):
        parse_wording_errors(text)


def test_leaders_are_name_tab_post() -> None:
    text = "张建国\t县委副书记、县长\n李明  常务副县长\n"
    assert parse_leaders(text) == [Leader("张建国", "县委副书记、县长"), Leader("李明", "常务副县长")]
    with pytest.raises(ValidationError, match="第1行"):
        parse_leaders("张建国\n")


def test_list_files_in_gb18030_and_utf8_sig_are_read(tmp_path: Path) -> None:
    (tmp_path / "gbk.txt").write_bytes("博彩\n六合彩\n".encode("gb18030"))
    (tmp_path / "bom.txt").write_bytes("\ufeff博彩\n".encode())
    assert parse_word_list(read_list_file(tmp_path / "gbk.txt")) == ["博彩", "六合彩"]
    assert parse_word_list(read_list_file(tmp_path / "bom.txt")) == ["博彩"]


def test_a_folder_of_list_files_becomes_word_lists(tmp_path: Path) -> None:
    (tmp_path / "sensitive_words.txt").write_text("博彩\n", encoding="utf-8")
    (tmp_path / "leaders.txt").write_text("张建国\t县长\n", encoding="utf-8")
    (tmp_path / "allowed_domains.txt").write_text("https://WWW.Gov.cn/\n*.example.org\n", encoding="utf-8")
    lists = load_wordlists_dir(tmp_path)
    assert lists == WordLists(
        sensitive_words=("博彩",), leaders=(Leader("张建国", "县长"),), allowed_domains=("www.gov.cn", "example.org")
    )


def test_default_lists_hold_the_county_places_and_allowed_domains() -> None:
    lists = load_default_wordlists()
    assert lists is load_default_wordlists()
    assert {"锦屏县", "三江镇", "茅坪镇", "彦洞乡"} <= set(lists.place_names)
    assert len(lists.place_names) == 16
    assert {"gov.cn", "people.com.cn", "xinhuanet.com", "news.cn", "gzrb.com.cn", "qdnrbs.cn"} <= set(
        lists.allowed_domains
    )
    assert lists.leaders == ()  # leaders are real people: entered by the administrator, never seeded
    assert lists.sensitive_words


def test_word_lists_are_immutable() -> None:
    lists = WordLists(wording_errors={"a": "b"})
    with pytest.raises(TypeError):
        lists.wording_errors["c"] = "d"  # type: ignore[index]


def test_word_lists_pickle_without_their_compiled_matcher() -> None:
    lists = WordLists(sensitive_words=("博彩",), wording_errors={"总书纪": "总书记"})
    prepare(lists)
    copy = pickle.loads(pickle.dumps(lists))
    assert copy == lists
    assert [f.kind for f in run_checks("博彩总书纪", copy)] == ["sensitive-word", "wording"]


def test_blank_entries_from_a_database_are_dropped() -> None:
    lists = WordLists(sensitive_words=(" ", "博彩"), wording_errors={"": "x", "y": " "}, leaders=(Leader(" ", "县长"),))
    assert (lists.sensitive_words, dict(lists.wording_errors), lists.leaders) == (("博彩",), {}, ())
    assert [f.kind for f in run_checks("博彩", lists)] == ["sensitive-word"]
