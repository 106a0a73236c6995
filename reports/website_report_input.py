"""The plain input of the website report writers (Word and Excel); built by app.website.export."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WebsiteLine:
    section: str  # 基本信息, 信息发布 … (merged down the first column)
    group: str  # a sub-heading such as 解读信息发布（条）, or ""
    label: str
    value: str  # as shown; "" when not filled
    numeric: bool  # written as a number in Excel
    source: str  # 记录统计 / 填报 / 系统设置


@dataclass(frozen=True)
class WebsiteCheckLine:
    name: str
    result: str  # 通过 / 未通过 / 提示
    message: str


@dataclass(frozen=True)
class WebsiteReportInput:
    title: str  # 政府网站工作年度报表
    year: int
    host: str  # 填报单位
    lines: tuple[WebsiteLine, ...]
    checks: tuple[WebsiteCheckLine, ...]
    locked: bool
