"""What the 收费通知书 says (RULES.md C.8; 国办函〔2020〕109号): taken from the fee already computed
and stored on the case — method, units, working, amount — never worked out again here, so the
letter and the case record cannot disagree.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from app.cases.fees import PAYMENT_DAYS, FeeMethod
from app.cases.models import RequestCase
from app.errors import ValidationError
from app.settings import get_setting

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿")


def yuan_in_words(amount: Decimal) -> str:
    """人民币大写 as a receipt prints it: 4700 → 肆仟柒佰元整, 10010 → 壹万零壹拾元整,
    120.5 → 壹佰贰拾元伍角."""
    cents = int((amount * 100).quantize(Decimal(1)))
    if cents < 0:
        raise ValueError("negative amount")
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    text = _integer_words(yuan) + "元" if yuan else ("" if jiao or fen else "零元")
    if not jiao and not fen:
        return text + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    return text + (_DIGITS[fen] + "分" if fen else "")


def _integer_words(n: int) -> str:
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out = ""
    zero = False  # a gap of zeros waiting to be read as one 零
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero = bool(out)
            continue
        digits = [group // 1000 % 10, group // 100 % 10, group // 10 % 10, group % 10]
        for pos, d in enumerate(digits):
            if d == 0:
                zero = zero or bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[d] + _SMALL_UNITS[3 - pos]
        out += _BIG_UNITS[index]
    return out


def amount_text(amount: Decimal) -> str:
    """4700 → “4700元”; an amount with 角/分 keeps them (“120.50元”)."""
    return f"{amount.quantize(Decimal(1))}元" if amount == amount.to_integral_value() else f"{amount:.2f}元"


def require_fee_on_file(case: RequestCase) -> None:
    """The letter states the stored working; without it there is nothing lawful to print."""
    if case.fee_notice_on is None or case.fee_amount is None:
        raise ValidationError(
            "本件尚未登记收费通知。请先在“办理过程 → 收费”中点“收费通知…”，选择计费方式、填写数量，"
            "由程序计算金额后再生成收费通知书。", field="kind")
    if not case.fee_method or not case.fee_working.strip():
        raise ValidationError(
            "本件的收费通知登记时没有保存计费方式和计算过程（早期版本登记），收费通知书无法写明收费依据，"
            "不能生成。请按计费标准手工制作收费通知书，并在“案卷材料”中作为材料添加。", field="kind")


def fee_context(session: Session, case: RequestCase) -> dict[str, str]:
    """The fee placeholders of the 收费通知书; a missing 缴费方式 stays a marker so the letter is refused."""
    require_fee_on_file(case)
    assert case.fee_amount is not None
    amount = Decimal(case.fee_amount)
    try:
        method = FeeMethod(case.fee_method).label
    except ValueError:
        method = case.fee_method
    how = str(get_setting(session, "cases.fee_payment_method")).strip().rstrip("。；;，,.")
    if bool(get_setting(session, "cases.fee_pauses_clock")):
        pause = ("自本通知发出之日起至您缴纳费用之日止的期间（最长至缴费期限届满之日），不计算在答复期限内；"
                 "本机关收到费用后继续办理您的申请。")
    else:
        pause = "本机关收到费用后继续办理您的申请。"
    return {
        "计费方式": method,
        "计费依据": case.fee_working.strip().rstrip("。"),
        "收费金额": amount_text(amount),
        "收费金额大写": yuan_in_words(amount),
        "缴费期限": f"自收到本通知之日起{PAYMENT_DAYS}个工作日内",
        "缴费方式": how or "[缴费方式]",
        "收费期间说明": pause,
    }
