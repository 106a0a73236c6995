"""Checks before a website report is exported or locked, like the annual report's: totals equal their
parts, a smaller figure never exceeds the one it belongs to, every typed figure is filled (0 typed on
purpose counts as filled), the records the counts rely on are complete, and a figure that changed by
more than half against last year is pointed out (a notice: it may be right, but it is asked about)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.website.figures import RecordLine, posts_in_unknown_targets, posts_without_kind, special_columns
from app.website.layout import NOT_MORE_THAN, Row, Source
from app.website.values import number


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    message: str
    blocking: bool = True  # False: a notice that does not stop locking
    keys: tuple[str, ...] = ()  # the rows concerned (the page highlights them)
    records: tuple[RecordLine, ...] = field(default_factory=tuple)


def _sum_checks(rows: Sequence[Row], values: Mapping[str, str], labels: Mapping[str, str]) -> list[Check]:
    out: list[Check] = []
    for row in rows:
        if not row.parts:
            continue
        total, parts = number(values.get(row.key, "")), [number(values.get(k, "")) for k in row.parts]
        if total is None or any(p is None for p in parts):
            continue  # reported by the "filled" check
        summed = sum(p for p in parts if p is not None)
        name = f"{row.group or row.label}：总数 = 各分项之和"
        out.append(Check(name, summed == total, f"总数 {total}，各分项之和 {summed}", keys=(row.key, *row.parts)))
    for small, large in NOT_MORE_THAN:
        a, b = number(values.get(small, "")), number(values.get(large, ""))
        if a is None or b is None:
            continue
        out.append(Check(f"“{labels[small]}”不大于“{labels[large]}”", a <= b, f"{a} 与 {b}", keys=(small, large)))
    return out


def _filled(rows: Sequence[Row], values: Mapping[str, str]) -> list[Check]:
    typed = [r for r in rows if r.source.typed and not values.get(r.key)]
    settings = [r for r in rows if r.source is Source.SETTING and not values.get(r.key)]
    names = "、".join(f"{r.group + '·' if r.group else ''}{r.label}" for r in typed[:8])
    more = f" 等 {len(typed)} 项" if len(typed) > 8 else ""
    return [
        Check("填报项均已填写（没有的填 0）", not typed,
              "全部已填写" if not typed else f"未填写：{names}{more}。数量为零的请填 0，以表明不是漏填。",
              keys=tuple(r.key for r in typed)),
        Check("基本信息已在系统设置中填写", not settings,
              "全部已填写" if not settings else
              "请在 系统设置 → 政府网站/机关信息 中填写：" + "、".join(r.label for r in settings),
              keys=tuple(r.key for r in settings)),
    ]


def _records(session: Session, year: int) -> list[Check]:
    no_kind = posts_without_kind(session, year)
    unknown = posts_in_unknown_targets(session, year)
    undated = [c for c in special_columns(session, year, "special.maintained") if c.opened_on is None]
    return [
        Check("政策解读稿件均已注明解读类型", not no_kind,
              "全部已注明" if not no_kind else f"{len(no_kind)} 篇解读稿件未注明是解读材料、解读产品还是媒体评论文章，"
              "未计入分项。请在稿件中选择解读类型。", keys=("interp.total",), records=tuple(no_kind)),
        Check("已发布稿件的栏目或账号都在系统设置中", not unknown,
              "全部相符" if not unknown else f"{len(unknown)} 篇稿件的栏目或账号已不在系统设置中，未计入任何一项。"
              "请在 系统设置 → 门户网站栏目 中补回该栏目（可注明报表分类）。", records=tuple(unknown)),
        Check("专栏专题均有开设日期", not undated,
              "全部已填写" if not undated else "未填开设日期的专栏专题：" + "、".join(c.name for c in undated)
              + "。请在 系统设置 → 门户网站栏目 中按“栏目名|类型|专栏专题|开设日期”填写。",
              keys=("special.opened",)),
    ]


def _changes(rows: Sequence[Row], values: Mapping[str, str], last_year: Mapping[str, str]) -> list[Check]:
    out: list[Check] = []
    for row in rows:
        if not row.source.numeric:
            continue
        old, new = number(last_year.get(row.key, "")), number(values.get(row.key, ""))
        if old is None or new is None or old == 0:
            continue
        if abs(new - old) * 2 > old:
            label = f"{row.group}·{row.label}" if row.group else row.label
            change = (new - old) * 100 / old
            out.append(Check(f"“{label}”与上年相比变化超过一半", False,
                             f"上年 {old}，本年 {new}（{change:+.0f}%）。请核实数字无误，必要时在发布时说明原因。",
                             blocking=False, keys=(row.key,)))
    return out


def run_checks(session: Session, year: int, rows: Sequence[Row], values: Mapping[str, str],
               last_year: Mapping[str, str], *, with_records: bool = True) -> list[Check]:
    labels = {r.key: r.label for r in rows}
    checks = _sum_checks(rows, values, labels) + _filled(rows, values)
    if with_records:
        checks += _records(session, year)
    return checks + _changes(rows, values, last_year)
