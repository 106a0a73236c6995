"""Portal columns with their report category: the setting line is “栏目名|类型|报表分类|开设日期”.

The first two fields are the publishing review's (update limits); the last two were added for the
website report. A line written before they existed gets its category from its type and name, the
same rule the migration used to fill the stored setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.errors import ValidationError
from app.review.enums import InterpretationKind as InterpretationKind  # where posts keep it


class ReportCategory(StrEnum):
    OVERVIEW = "概况类"
    NEWS = "政务动态"
    CATALOGUE = "信息公开目录"
    INTERPRETATION = "政策解读"
    SPECIAL = "专栏专题"
    OTHER = "其他"


def default_category(name: str, kind: str) -> ReportCategory:
    """A sensible category for a column recorded before categories existed."""
    if "解读" in name:
        return ReportCategory.INTERPRETATION
    if "专题" in name or "专栏" in name:
        return ReportCategory.SPECIAL
    if "概况" in name:
        return ReportCategory.OVERVIEW
    return {"新闻": ReportCategory.NEWS, "通知公告": ReportCategory.NEWS,
            "政策文件": ReportCategory.CATALOGUE}.get(kind, ReportCategory.OTHER)


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # 新闻 / 通知公告 / 政策文件 / 其他 (update limits)
    category: ReportCategory
    opened_on: date | None = None  # 专栏专题 only

    def line(self) -> str:
        opened = self.opened_on.isoformat() if self.opened_on else ""
        return "|".join((self.name, self.kind, self.category.value, opened)).rstrip("|")


def parse_column(value: str) -> Column | None:
    """One setting line; None for a blank line. Raises ValidationError naming what is wrong."""
    parts = [p.strip() for p in value.split("|")]
    if not parts[0]:
        return None
    name = parts[0]
    kind = (parts[1] if len(parts) > 1 else "") or "其他"
    category_text = parts[2] if len(parts) > 2 else ""
    try:
        category = ReportCategory(category_text) if category_text else default_category(name, kind)
    except ValueError:
        choices = "、".join(c.value for c in ReportCategory)
        raise ValidationError(f"栏目“{name}”的报表分类“{category_text}”无效，应为：{choices}。",
                              field="review.columns") from None
    opened: date | None = None
    if len(parts) > 3 and parts[3]:
        try:
            opened = date.fromisoformat(parts[3])
        except ValueError:
            raise ValidationError(f"栏目“{name}”的开设日期“{parts[3]}”无效，应写成 2025-03-01 的形式。",
                                  field="review.columns") from None
        if category is not ReportCategory.SPECIAL:
            raise ValidationError(f"栏目“{name}”不是专栏专题，不需要开设日期。", field="review.columns")
    return Column(name, kind, category, opened)


def parse_columns(values: list[str]) -> list[Column]:
    return [c for c in (parse_column(v) for v in values) if c is not None]


def lenient_columns(values: list[str]) -> list[Column]:
    """For reading: a malformed line keeps its name and a default category rather than hiding the column."""
    out: list[Column] = []
    for value in values:
        try:
            column = parse_column(value)
        except ValidationError:
            name, _, rest = value.partition("|")
            kind = rest.split("|")[0].strip() or "其他"
            column = Column(name.strip(), kind, default_category(name.strip(), kind))
        if column is not None:
            out.append(column)
    return out


def validate_columns(values: list[str]) -> None:
    """Used when an administrator saves the setting."""
    parse_columns(values)
