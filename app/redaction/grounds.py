"""The grounds (理由) a redaction mark may carry: the withholding articles of 条例 14, 15 and 16.

Each ground has the short label printed on the solid box in the released copy (第十五条) and the
words the 部分公开 reply letter uses for it. The values are stored in marks files and the database;
never rename one.
"""

from __future__ import annotations

from enum import StrEnum

from app.errors import ValidationError


class Ground(StrEnum):
    STATE_SECRET = "state_secret"
    LAW_PROHIBITED = "law_prohibited"
    THREE_SAFETY = "three_safety"
    PRIVACY = "privacy"
    TRADE_SECRET = "trade_secret"
    INTERNAL = "internal"
    PROCESS = "process"
    ENFORCEMENT = "enforcement"

    @property
    def label(self) -> str:
        return _LABELS[self][0]

    @property
    def article(self) -> str:
        """The short label on the box: 第十四条 / 第十五条 / 第十六条."""
        return _LABELS[self][1]

    @property
    def citation(self) -> str:
        """The article as the reply letter cites it (with the paragraph where 第十六条 has two)."""
        return _LABELS[self][2]

    @property
    def reason(self) -> str:
        """The reason in the reply letter's words."""
        return _LABELS[self][3]


_LABELS: dict[str, tuple[str, str, str, str]] = {
    "state_secret": ("国家秘密", "第十四条", "第十四条", "属于依法确定为国家秘密的政府信息"),
    "law_prohibited": ("法律行政法规禁止", "第十四条", "第十四条", "属于法律、行政法规禁止公开的政府信息"),
    "three_safety": (
        "三安全一稳定", "第十四条", "第十四条", "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
    ),
    "privacy": ("个人隐私", "第十五条", "第十五条", "涉及个人隐私，公开会对第三方合法权益造成损害"),
    "trade_secret": ("商业秘密", "第十五条", "第十五条", "涉及商业秘密，公开会对第三方合法权益造成损害"),
    "internal": ("内部事务", "第十六条", "第十六条第一款", "属于行政机关的内部事务信息"),
    "process": ("过程性信息", "第十六条", "第十六条第二款", "属于行政机关在履行行政管理职能过程中形成的过程性信息"),
    "enforcement": ("行政执法案卷", "第十六条", "第十六条第二款", "属于行政执法案卷信息"),
}

GROUND_CHOICES: tuple[Ground, ...] = tuple(Ground)


def parse_ground(value: str) -> Ground:
    """A ground from its stored value or its Chinese label (what a clerk types in a marks file)."""
    text = (value or "").strip()
    for ground in Ground:
        if text in (ground.value, ground.label):
            return ground
    names = "、".join(g.label for g in Ground)
    raise ValidationError(f"未知的不予公开理由“{text}”，应为以下之一：{names}。", field="ground")
