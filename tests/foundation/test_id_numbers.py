"""One GB 11643 implementation: the forms, the register import and the publishing check agree."""

from __future__ import annotations

from datetime import date

import pytest

from app.cases.register_checks import id_check_digit
from app.cases.validation import id_card_problem
from app.id_numbers import EARLIEST_BIRTH, check_char, has_id_layout, is_valid_id18
from app.review.checks import WordLists, run_checks

TEXTBOOK = "11010519491231002X"  # GB 11643's own example: 北京市朝阳区, born 1949-12-31, check X
WRONG_CHECK = "110105194912310021"  # the same number with its check character mistyped
TODAY = date(2026, 3, 2)


def test_the_textbook_number() -> None:
    assert check_char(TEXTBOOK[:17]) == "X"
    assert is_valid_id18(TEXTBOOK, TODAY) and is_valid_id18(TEXTBOOK.lower(), TODAY)
    assert id_card_problem(TEXTBOOK, TODAY) is None
    with pytest.raises(ValueError):
        check_char("1101051949123100")  # 16 digits


def test_a_wrong_check_digit_is_still_an_id_layout_and_a_warning_in_forms() -> None:
    assert has_id_layout(WRONG_CHECK, TODAY) and not is_valid_id18(WRONG_CHECK, TODAY)
    assert "校验码" in (id_card_problem(WRONG_CHECK, TODAY) or "")
    assert id_check_digit(WRONG_CHECK) == "X"  # the register check names the character expected


def test_the_publishing_check_reports_a_valid_id_and_never_calls_a_mistyped_one_a_bank_card() -> None:
    def kinds(text: str) -> list[str]:
        return [f.kind for f in run_checks(text, WordLists())]

    assert kinds(f"身份证号{TEXTBOOK}。") == ["privacy-id"]
    # The mistyped number has an ID's layout, so the card check (Luhn) must stay quiet about it.
    assert "privacy-bankcard" not in kinds(f"号码{WRONG_CHECK}。")


@pytest.mark.parametrize("born", ["18991231", "19000101"])
def test_one_birth_year_floor_for_forms_and_the_publishing_check(born: str) -> None:
    first17 = f"110105{born}002"
    number = first17 + check_char(first17)
    plausible = date(int(born[:4]), int(born[4:6]), int(born[6:])) >= EARLIEST_BIRTH
    assert is_valid_id18(number, TODAY) is plausible
    assert (id_card_problem(number, TODAY) is None) is plausible
