"""修改对比 by sentence (issue 17): a changed sentence is shown whole, old (struck, red) then new
(green), with the changed words inside marked darker and bold; unchanged sentences stay plain."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from app.review.text_diff import diff_segments, sentences
from ui.review.post_summary import diff_html

pytestmark = pytest.mark.gui

OLD = "标题：通知\n\n逐项梳理短板弱项。\n县发展改革局参加。会议于2024年3月5日召开。"
NEW = "标题：通知\n\n逐项梳理问题短板。\n县发展改革局、县政务服务中心参加。会议于2024年3月6日召开。新增一句！"


def test_the_texts_are_cut_into_sentences_that_join_back() -> None:
    assert sentences(OLD) == ["标题：通知\n", "\n", "逐项梳理短板弱项。\n", "县发展改革局参加。",
                              "会议于2024年3月5日召开。"]
    assert sentences("他说：“好。”然后走了") == ["他说：“好。”", "然后走了"]
    assert "".join(sentences(NEW)) == NEW


def test_a_changed_sentence_is_shown_old_then_new_with_the_changed_words_marked() -> None:
    segments = diff_segments(OLD, NEW)
    assert "".join(t for op, t in segments if not op.startswith("insert")) == OLD
    assert "".join(t for op, t in segments if not op.startswith("delete")) == NEW
    assert segments[0] == ("equal", "标题：通知\n\n")
    assert segments[1:7] == [
        ("delete", "逐项梳理短板"), ("delete_word", "弱项"), ("delete", "。\n"),
        ("insert", "逐项梳理"), ("insert_word", "问题"), ("insert", "短板。\n"),
    ]
    assert ("insert_word", "、县政务服务中心") in segments
    assert ("delete_word", "5") in segments and ("insert_word", "6") in segments  # a number is one word
    assert segments[-3:] == [("insert_word", "6"), ("insert", "日召开。"), ("insert_word", "新增一句！")]  # added whole


def test_a_single_unchanged_character_between_changes_is_part_of_the_change() -> None:
    segments = diff_segments("甲乙丙丁。", "戊乙己丁。")
    assert ("delete_word", "甲乙丙") in segments and ("insert_word", "戊乙己") in segments


def _runs(browser: QTextBrowser) -> list[tuple[str, QTextCharFormat]]:
    runs = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            runs.append((fragment.text(), fragment.charFormat()))
            it += 1
        block = block.next()
    return runs


def test_the_review_diff_highlights_the_changed_words(qtbot: QtBot) -> None:
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(diff_html(diff_segments(OLD, NEW)))
    runs = _runs(browser)
    formats = {text: f for text, f in runs}
    assert not formats["标题：通知"].fontStrikeOut() and formats["标题：通知"].background().style().value == 0
    deleted, removed_word = formats["逐项梳理短板"], formats["弱项"]
    assert deleted.fontStrikeOut() and not deleted.font().bold()
    assert removed_word.fontStrikeOut() and removed_word.font().bold()
    added_word = formats["问题"]
    assert added_word.font().bold() and not added_word.fontStrikeOut()
    assert added_word.background().color().green() > added_word.background().color().red()
    plain = browser.toPlainText()
    assert plain.count("逐项梳理") == 2  # the old sentence, then the new one
    assert plain.index("逐项梳理短板弱项") < plain.index("逐项梳理问题短板")


def test_a_removed_sentence_is_marked_whole_and_the_rest_stays_plain() -> None:
    assert diff_segments("第一句。第二句。第三句。", "第一句。第三句。") == [
        ("equal", "第一句。"), ("delete_word", "第二句。"), ("equal", "第三句。")]
    unrelated = diff_segments("原来的说法完全不同。", "今天下雨。")
    assert unrelated == [("delete_word", "原来的说法完全不同。"), ("insert_word", "今天下雨。")]  # nothing alike
