"""Part 2 of the annual report (主动公开政府信息情况) as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Part2:
    """The numbers of Part 2 in template order."""

    year: int
    rules: tuple[int, int, int]  # 本年制发件数, 本年废止件数, 现行有效件数
    normative: tuple[int, int, int]
    licensing: int  # 本年处理决定数量
    punishment: int
    enforcement: int
    fees_amount: Decimal  # 本年收费金额（单位：万元）
