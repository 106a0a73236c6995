"""The 政府网站工作年度报表 as one table of rows: section, sub-heading, label, unit and where the value
comes from. The labels follow the tables county portals publish (the official 附件 of 国办函〔2018〕12号
could not be checked here); an office corrects a label in 系统设置 → 政府网站 → 网站年报项目名称更正
(“项目键|名称”), without code. Row keys are stable: typed values, locks and exports use them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Source(StrEnum):
    SETTING = "setting"  # a 系统设置 value
    COMPUTED = "computed"  # counted from the records
    NUMBER = "number"  # typed whole number
    DECIMAL = "decimal"  # typed number with decimals (average days)
    YESNO = "yesno"  # typed 是 / 否
    TEXT = "text"  # typed text (落款)

    @property
    def typed(self) -> bool:
        return self in (Source.NUMBER, Source.DECIMAL, Source.YESNO, Source.TEXT)

    @property
    def numeric(self) -> bool:
        return self in (Source.COMPUTED, Source.NUMBER, Source.DECIMAL)


@dataclass(frozen=True)
class Row:
    key: str
    section: str
    label: str
    source: Source
    group: str = ""  # the sub-heading the row sits under, e.g. 解读信息发布（条）
    setting: str = ""  # Source.SETTING: the settings key
    parts: tuple[str, ...] = ()  # a total: the keys whose sum it must equal


_LETTERS = {"S": Source.SETTING, "C": Source.COMPUTED, "N": Source.NUMBER, "D": Source.DECIMAL,
            "Y": Source.YESNO, "T": Source.TEXT}
MEDIA_SECTION = "移动新媒体"


def _rows(table: str) -> tuple[Row, ...]:
    """Rows from lines “key | section | label | source letter | sub-heading | more”, where more is
    the settings key of an S row or the parts of a total (keys separated by spaces)."""
    rows: list[Row] = []
    for line in table.strip().splitlines():
        key, section, label, letter, group, more = (*(c.strip() for c in line.split("|")), "", "")[:6]
        source = _LETTERS[letter]
        setting, parts = (more, ()) if source is Source.SETTING else ("", tuple(more.split()))
        rows.append(Row(key, section, label, source, group=group, setting=setting, parts=parts))
    return tuple(rows)


# One row a line; the media rows (one pair per account) go between the two tables.
_BEFORE_MEDIA = _rows("""
basic.name | 基本信息 | 网站名称 | S | | website.name
basic.url | 基本信息 | 首页网址 | S | | website.url
basic.host | 基本信息 | 主办单位 | S | | org.name
basic.kind | 基本信息 | 网站类型 | S | | website.kind
basic.code | 基本信息 | 政府网站标识码 | S | | website.code
basic.icp | 基本信息 | ICP备案编号 | S | | website.icp
basic.psb | 基本信息 | 公安机关备案号 | S | | website.psb
visits.users | 访问 | 独立用户访问总量（个） | N
visits.total | 访问 | 网站总访问量（次） | N
posts.total | 信息发布 | 总数 | C | 信息发布（条） | posts.overview posts.news posts.catalogue
posts.overview | 信息发布 | 概况类信息更新量 | C | 信息发布（条）
posts.news | 信息发布 | 政务动态信息更新量 | C | 信息发布（条）
posts.catalogue | 信息发布 | 信息公开目录信息更新量 | C | 信息发布（条）
special.maintained | 专栏专题 | 维护数量（个） | C
special.opened | 专栏专题 | 新开设数量（个） | C
interp.total | 解读回应 | 总数 | C | 解读信息发布（条） | interp.material interp.product interp.media
interp.material | 解读回应 | 其中：解读材料数量 | C | 解读信息发布（条）
interp.product | 解读回应 | 解读产品数量 | C | 解读信息发布（条）
interp.media | 解读回应 | 媒体评论文章数量 | C | 解读信息发布（条）
response.count | 解读回应 | 回应公众关注热点或重大舆情数量（次） | N
service.catalogue | 办事服务 | 是否发布服务事项目录 | Y
service.users | 办事服务 | 注册用户数（个） | N
service.items | 办事服务 | 政务服务事项数量（项） | N
service.online | 办事服务 | 可全程在线办理政务服务事项数量（项） | N
service.cases | 办事服务 | 总数 | N | 办件量（件） | service.cases_natural service.cases_legal
service.cases_natural | 办事服务 | 自然人办件量 | N | 办件量（件）
service.cases_legal | 办事服务 | 法人办件量 | N | 办件量（件）
interact.platform | 互动交流 | 是否使用统一平台 | Y
interact.msg_received | 互动交流 | 收到留言数量（条） | N | 留言办理
interact.msg_done | 互动交流 | 办结留言数量（条） | N | 留言办理
interact.msg_days | 互动交流 | 平均办理时间（天） | D | 留言办理
interact.msg_public | 互动交流 | 公开答复数量（条） | N | 留言办理
interact.survey_count | 互动交流 | 征集调查期数（期） | N | 征集调查
interact.survey_opinions | 互动交流 | 收到意见数量（条） | N | 征集调查
interact.survey_results | 互动交流 | 公布调查结果期数（期） | N | 征集调查
interact.talk_count | 互动交流 | 访谈期数（期） | N | 在线访谈
interact.talk_messages | 互动交流 | 网民留言数量（条） | N | 在线访谈
interact.talk_answers | 互动交流 | 答复网民提问数量（条） | N | 在线访谈
interact.qa | 互动交流 | 是否提供智能问答 | Y
security.tests | 安全防护 | 安全检测评估次数（次） | N
security.found | 安全防护 | 发现问题数量（个） | C
security.fixed | 安全防护 | 问题整改数量（个） | C
security.monitoring | 安全防护 | 是否建立安全监测预警机制 | Y
security.drill | 安全防护 | 是否开展应急演练 | Y
security.owner | 安全防护 | 是否明确网站安全责任人 | Y
media.has | 移动新媒体 | 是否有移动新媒体 | S | | review.accounts
""")
_AFTER_MEDIA = _rows("""
innov.search | 创新发展 | 搜索即服务 | Y
innov.languages | 创新发展 | 多语言版本 | Y
innov.accessible | 创新发展 | 无障碍浏览 | Y
innov.personal | 创新发展 | 千人千网 | Y
innov.other | 创新发展 | 其他 | T
sign.head | 落款 | 单位负责人 | T
sign.reviewer | 落款 | 审核人 | T
sign.filler | 落款 | 填报人 | T
sign.phone | 落款 | 联系电话 | S | | org.phone
sign.date | 落款 | 填报日期 | T
""")

# Pairs (smaller, larger): the first can never exceed the second.
NOT_MORE_THAN: tuple[tuple[str, str], ...] = (
    ("special.opened", "special.maintained"),
    ("security.fixed", "security.found"),
    ("service.online", "service.items"),
    ("interact.msg_done", "interact.msg_received"),
    ("interact.msg_public", "interact.msg_received"),
    ("interact.survey_results", "interact.survey_count"),
    ("interact.talk_answers", "interact.talk_messages"),
)


def media_rows(accounts: list[str]) -> list[Row]:
    """Two rows per new-media account (as in 系统设置 → 政务新媒体账号), in the settings' order."""
    rows: list[Row] = []
    for account in accounts:
        rows.append(Row(f"media.posts:{account}", MEDIA_SECTION, "信息发布量（条）", Source.COMPUTED, group=account))
        rows.append(Row(f"media.followers:{account}", MEDIA_SECTION, "关注量/订阅数（个）", Source.NUMBER,
                        group=account))
    return rows


def parse_overrides(lines: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lines:
        key, sep, label = line.partition("|")
        if sep and key.strip() and label.strip():
            out[key.strip()] = label.strip()
    return out


def validate_overrides(lines: list[str]) -> None:
    """Used when an administrator saves the label corrections: a typo in a key would silently do nothing."""
    from app.errors import ValidationError

    known = {r.key for r in (*_BEFORE_MEDIA, *_AFTER_MEDIA)}
    for line in lines:
        key, sep, label = (part.strip() for part in line.partition("|"))
        if not sep or not key or not label:
            raise ValidationError(f"“{line}”应写成“项目键|名称”，如“visits.users|独立用户访问总量（个）”。",
                                  field="website.report_labels")
        if key not in known and not key.startswith(("media.posts:", "media.followers:")):
            raise ValidationError(f"网站年报没有项目键“{key}”。项目键可在网站年报表格中把鼠标停在“指标”上查看。",
                                  field="website.report_labels")


def report_rows(accounts: list[str], overrides: dict[str, str] | None = None) -> list[Row]:
    """Every row of the table in order, with the office's label corrections applied."""
    rows = [*_BEFORE_MEDIA, *media_rows(accounts), *_AFTER_MEDIA]
    if overrides:
        rows = [replace(r, label=overrides[r.key]) if r.key in overrides else r for r in rows]
    return rows


def all_keys(accounts: list[str]) -> list[str]:
    return [r.key for r in report_rows(accounts)]
