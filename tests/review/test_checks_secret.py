"""Secrecy markings: the marking forms are found, the ordinary words 秘密/机密 in prose are not."""

from __future__ import annotations

import pytest

from app.review.checks import WordLists, run_checks

NO_LISTS = WordLists()


def secrets(text: str) -> list[tuple[str, str]]:
    return [(f.matched, f.severity) for f in run_checks(text, NO_LISTS) if f.kind == "secret"]


@pytest.mark.parametrize(
    "marking",
    ["机密★10年", "秘密★1年", "绝密★长期", "绝密★启用前", "机密 ★ 5 年", "秘密★", "机密★十年", "秘密★１年"],
)
def test_star_markings_are_found_whole(marking: str) -> None:
    assert secrets(f"{marking}\n关于做好防汛工作的通知") == [(marking, "high")]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("【机密】关于人事调整的请示", "【机密】"),
        ("附件（秘密）", "（秘密）"),
        ("〔绝密〕", "〔绝密〕"),
        ("机密\n锦屏县人民政府办公室", "机密"),
        ("  秘密：请妥善保管\n", "秘密"),
        ("正文\n“机密”\n", "“机密”"),
        ("密级：机密", "密级：机密"),
    ],
)
def test_classification_labels_are_found(text: str, label: str) -> None:
    assert secrets(text) == [(label, "high")]


@pytest.mark.parametrize("phrase", ["内部资料", "注意保密", "不得外传", "内部文件", "内部使用", "仅供内部"])
def test_internal_material_phrases_are_found(phrase: str) -> None:
    assert secrets(f"本材料为{phrase}，请勿转发。") == [(phrase, "high")]


def test_the_word_涉密_is_a_weaker_finding() -> None:
    assert secrets("坚持涉密信息不上网、上网信息不涉密。") == [("涉密", "medium"), ("涉密", "medium")]


@pytest.mark.parametrize(
    "prose",
    [
        "揭开成功的秘密。",
        "不得涉及国家秘密、商业秘密和个人隐私。",
        "这份机密档案讲述了红军长征的故事。",
        "秘密花园主题展览开幕。",
        "绝密行动是一部电影。",
        "文件分为绝密、机密、秘密三个等级。",
        "他说“秘密”二字有分量。",
        "五星★评价",
    ],
)
def test_ordinary_prose_is_not_flagged(prose: str) -> None:
    assert secrets(prose) == []


def test_marking_message_says_what_to_do() -> None:
    (finding,) = run_checks("机密★1年", NO_LISTS)
    assert finding.message == "发现密级标志“机密★1年”：涉密信息严禁上网，须撤下稿件并报保密部门审查"
