"""Suggestions come from the publishing checks plus the redaction detectors, with default grounds."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.redaction.document import PageDocument
from app.redaction.grounds import Ground, parse_ground
from app.redaction.model import mask_text
from app.redaction.specs import MarkSpec, load_mark_specs
from app.redaction.suggest import find_spans, occurrences, page_suggestions
from app.review.checks import WordLists
from tests.redaction.pdf_samples import text_pdf, to_bytes

ID = "522601199001011232"  # check character worked out with app.review.checks.idcard.check_char


def _found(text: str, lists: WordLists | None = None) -> list[tuple[str, str]]:
    return [(text[s:e], k) for s, e, k in find_spans(text, lists)]


def test_numbers_from_the_publishing_checks() -> None:
    text = f"身份证号码{ID}，手机138-1234-5678，卡号6222021001123456789。"
    assert _found(text) == [
        (ID, "privacy-id"), ("138-1234-5678", "privacy-phone"), ("6222021001123456789", "privacy-bankcard"),
    ]


def test_an_id_with_a_wrong_check_character_is_suggested() -> None:
    # One rule set with the publishing checks (issue 13): the number still reveals a birth date and a region.
    assert _found("编号522601199001011237。") == [("522601199001011237", "privacy-id")]


def test_landlines_names_and_addresses() -> None:
    text = "联系人：李四，电话(0855)8221234；家庭住址：凯里市北京东路12号3栋。王小明13812345678。"
    found = _found(text)
    assert ("李四", "privacy-name") in found
    assert ("(0855)8221234", "privacy-landline") in found
    assert ("凯里市北京东路12号3栋", "privacy-address") in found
    assert ("王小明", "privacy-name") in found and ("13812345678", "privacy-phone") in found


def test_ordinary_prose_stays_quiet() -> None:
    text = "本县2023年共发放低保资金1234.56万元，覆盖12个乡镇，请于2024年5月前完成。会议由办公室负责。"
    assert _found(text) == []


def test_office_word_lists_are_suggested_with_their_default_ground() -> None:
    lists = WordLists(sensitive_words=("某某工程",))
    text = "关于某某工程的情况说明"
    assert _found(text, lists) == [("某某工程", "sensitive-word")]


def test_page_suggestions_carry_boxes_and_default_grounds() -> None:
    data = to_bytes(text_pdf([[f"申请人：张三，身份证号码{ID}。", "密级：秘密", "其余内容可以公开。"]]))
    with PageDocument(data, "a.pdf") as doc:
        marks = page_suggestions(doc.page(0))
    by_kind = {m.kind: m for m in marks}
    assert by_kind["privacy-id"].ground is Ground.PRIVACY and by_kind["privacy-id"].text == ID
    assert by_kind["privacy-name"].text == "张三"
    assert by_kind["secret"].ground is Ground.STATE_SECRET
    box = by_kind["privacy-id"].rects[0]
    # 18 Courier digits at 12 pt are 0.6 em each: 129.6 pt wide, starting after 12 characters of 12 pt.
    assert box.x0 == pytest.approx(72 + 12 * 12, abs=0.5) and box.width == pytest.approx(129.6, abs=0.5)


def test_mark_every_occurrence_across_lines() -> None:
    data = to_bytes(text_pdf([["张三申请了低保。", "经核实，张三家庭", "人均收入低于标准。张三"]]))
    with PageDocument(data, "a.pdf") as doc:
        marks = occurrences(doc.page(0), "张三", Ground.PRIVACY)
    assert [m.text for m in marks] == ["张三", "张三", "张三"]
    assert len({m.rects[0].y0 for m in marks}) == 3


def test_grounds_and_marks_file() -> None:
    assert parse_ground("个人隐私") is Ground.PRIVACY and parse_ground("process") is Ground.PROCESS
    assert Ground.INTERNAL.article == "第十六条" and Ground.INTERNAL.citation == "第十六条第一款"
    with pytest.raises(ValidationError, match="未知的不予公开理由"):
        parse_ground("保密")
    specs = load_mark_specs('{"marks": [{"page": 2, "rect": [300, 100, 50, 80], "ground": "商业秘密"},'
                            ' {"text": "张三", "ground": "privacy"}]}')
    assert specs == [
        MarkSpec(Ground.TRADE_SECRET, page=2, rects=((50.0, 80.0, 300.0, 100.0),)),
        MarkSpec(Ground.PRIVACY, text="张三"),
    ]
    for bad, message in (
        ("[1]", "应为对象"), ('[{"ground": "个人隐私"}]', "既无矩形也无文字"),
        ('[{"page": 0, "text": "x", "ground": "个人隐私"}]', "页码从 1 开始"), ("{", "不是有效的 JSON"),
    ):
        with pytest.raises(ValidationError, match=message):
            load_mark_specs(bad)


def test_masked_text_for_logs() -> None:
    assert mask_text(ID) == "522************232"
    assert mask_text("张三") == "**" and mask_text("王小明") == "王*明"
