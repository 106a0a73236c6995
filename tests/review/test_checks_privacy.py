"""Personal data: every real ID / card / phone in the corpus is found, ordinary numbers are not."""

from __future__ import annotations

import pytest

from app.review.checks import Finding, WordLists, run_checks
from app.review.checks.idcard import mask_id

NO_LISTS = WordLists()


# --- independent helpers: the test computes valid numbers itself rather than trusting the code ---


def id_with_check(first17: str) -> str:
    weights = [2 ** (17 - i) % 11 for i in range(17)]  # the ISO 7064 MOD 11-2 weights, derived
    remainder = sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11
    return first17 + "10X98765432"[remainder]


def passes_luhn(number: str) -> bool:
    return luhn_complete(number[:-1]) == number


def id_failing_luhn(first14: str) -> str:
    """A complete number with the given region and date that is no bank card by accident either."""
    return next(n for n in (id_with_check(f"{first14}{i:03d}") for i in range(1000)) if not passes_luhn(n))


def wrong_check(number: str) -> str:
    last = number[-1]
    return number[:-1] + ("0" if last != "0" else "1")


def luhn_complete(partial: str) -> str:
    for digit in "0123456789":
        candidate = partial + digit
        total = 0
        for i, ch in enumerate(reversed(candidate)):
            d = int(ch) * (2 if i % 2 else 1)
            total += d - 9 if d > 9 else d
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


def luhn_fail(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


ID_GUIZHOU = id_with_check("52262819850612003")  # 锦屏县 region code, born 1985-06-12
ID_BEIJING_X = "11010519491231002X"  # the textbook example, check character X
ID_LEAP = id_with_check("52010120000229123")  # 29 Feb of a leap year is a real date
CARD_16 = luhn_complete("622202123456789")
CARD_19 = luhn_complete("621700123456789012")
CARD_GROUPED = " ".join(CARD_16[i : i + 4] for i in range(0, 16, 4))


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.matched) for f in run_checks(text, NO_LISTS)]


def test_check_digit_helper_agrees_with_the_published_example() -> None:
    assert id_with_check("11010519491231002") == ID_BEIJING_X


CORPUS = f"""关于2024年度临时救助资金发放情况的公示
一、申请人王某某，身份证号{ID_GUIZHOU}，联系电话13812345678。
二、申请人李某某，身份证号码：{ID_BEIJING_X}，电话：+86 139-0000-1111，户籍地锦屏县。
三、申请人赵某某（{ID_LEAP}），手机 150 1234 5678，银行卡号 {CARD_GROUPED}。
四、代领人银行账号{CARD_19}，联系电话86-18612345678。
"""


def test_every_number_in_the_corpus_is_found_once() -> None:
    found = kinds(CORPUS)
    assert found == [
        ("privacy-id", ID_GUIZHOU),
        ("privacy-phone", "13812345678"),
        ("privacy-id", ID_BEIJING_X),
        ("privacy-phone", "+86 139-0000-1111"),
        ("privacy-id", ID_LEAP),
        ("privacy-phone", "150 1234 5678"),
        ("privacy-bankcard", CARD_GROUPED),
        ("privacy-bankcard", CARD_19),
        ("privacy-phone", "86-18612345678"),
    ]


ORDINARY_NUMBERS = [
    "会议定于20240315召开。",
    "合同金额1234567890123456元。",
    "根据锦府办发〔2024〕12号文件精神。",
    f"出生日期不存在的号码{id_failing_luhn('52262819991331')}不是身份证。",
    f"未来出生的号码{id_failing_luhn('52262821990101')}不是身份证。",
    f"地区码不存在的号码{id_failing_luhn('99262819850612')}不是身份证。",
    "订单号2013812345678901不含手机号。",
    "流水号9913812345678不含手机号。",
    "全县常住人口12,345,678人，增长0.13812345678%。",
    f"未通过校验的卡号{luhn_fail(CARD_16)}。",
    f"未通过校验的卡号{' '.join(luhn_fail(CARD_16)[i : i + 4] for i in range(0, 16, 4))}。",
    "占位号码6666666666666666。",
    "固定电话0855-7221234，邮编556700。",
    "项目编码202403151200001234567890。",
]


@pytest.mark.parametrize("text", ORDINARY_NUMBERS)
def test_ordinary_numbers_are_not_flagged(text: str) -> None:
    assert kinds(text) == []


def test_an_id_with_a_wrong_check_character_is_still_flagged() -> None:
    # Issue 13: a mistyped check character still reveals the birth date and the home region.
    number = wrong_check(ID_GUIZHOU)
    (finding,) = run_checks(f"号码{number}。", NO_LISTS)
    assert (finding.kind, finding.masked) == ("privacy-id", mask_id(number))
    assert "校验位不符" in finding.message


def test_an_id_number_is_not_also_a_card_or_phone() -> None:
    # Find an ID that also passes Luhn, so that only the precedence rule keeps it from being a card.
    number = next(n for n in (id_with_check(f"5226281985061{i:04d}") for i in range(200)) if passes_luhn(n))
    assert kinds(f"号码{number}。") == [("privacy-id", number)]


def test_an_id_with_a_lower_case_x_is_found() -> None:
    assert kinds(f"身份证{ID_BEIJING_X.lower()}") == [("privacy-id", ID_BEIJING_X.lower())]


def test_full_width_digits_are_found_with_offsets_into_the_original_text() -> None:
    full = "".join(chr(ord(c) + 0xFEE0) for c in "13812345678")
    text = f"电话：{full}。"
    (finding,) = run_checks(text, NO_LISTS)
    assert finding.kind == "privacy-phone"
    assert text[finding.start : finding.end] == full
    assert finding.masked == "138****5678"


def test_old_fifteen_digit_id_with_a_real_birth_date() -> None:
    assert kinds("旧证号522628850612003。") == [("privacy-id", "522628850612003")]
    assert kinds("编号522628851312003。") == []  # month 13


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("13812341234", "138****1234"),
        ("+86 138 1234 1234", "138****1234"),
        (ID_BEIJING_X, "1101**********002X"),
        ("522628850612003", "5226*******2003"),
        (CARD_GROUPED, f"6222 **** **** {CARD_16[-4:]}"),
        (CARD_19, f"6217 **** **** {CARD_19[-4:]}"),
    ],
)
def test_masking_format(text: str, masked: str) -> None:
    (finding,) = run_checks(f"号码：{text}。", NO_LISTS)
    assert finding.masked == masked
    assert finding.matched == text


def test_privacy_findings_are_high_and_say_what_to_do() -> None:
    findings: list[Finding] = run_checks(CORPUS, NO_LISTS)
    assert {f.severity for f in findings} == {"high"}
    id_finding = next(f for f in findings if f.kind == "privacy-id")
    assert id_finding.message == "疑似身份证号码（校验位正确），发布前须删除或打码"
    assert all(ID_GUIZHOU not in f.message for f in findings)
