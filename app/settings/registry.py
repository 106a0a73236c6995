"""The settings registry. Values live in the database so every PC of an office shares them.

Later features add their keys here, in one place, so an administrator's 系统设置 page lists them all.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.context import Actor
from app.errors import ValidationError


@dataclass(frozen=True)
class SettingDef:
    key: str
    kind: type  # str, int, bool or list (of str)
    default: Any
    label: str
    group: str
    help: str = ""
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()
    affects_deadlines: bool = False  # a change recomputes every open deadline
    validator: Callable[[Any], None] | None = None  # raises ValidationError for a value that makes no sense
    item_choices: Callable[[], Sequence[str]] | None = None  # a list setting's allowed items


def _feature_check(module: str, name: str) -> Callable[[Any], None]:
    """A validator that lives with its feature, imported when a value is checked: the settings
    registry is imported by every feature and must not import them back."""

    def check(value: Any) -> None:
        getattr(importlib.import_module(module), name)(value)

    return check


_DEFS: list[SettingDef] = [
    SettingDef("org.name", str, "锦屏县人民政府办公室", "机关名称", "机关信息"),
    SettingDef("org.short_name", str, "锦府办", "文号机关代字", "机关信息", "用于受理编号和答复书文号，如“锦府办”。"),
    SettingDef("org.government_name", str, "锦屏县人民政府", "本级人民政府名称", "机关信息"),
    SettingDef("org.address", str, "", "机关地址", "机关信息"),
    SettingDef("org.phone", str, "", "联系电话", "机关信息"),
    SettingDef("org.postcode", str, "", "邮政编码", "机关信息"),
    SettingDef(
        "docno.case", str, "{short}依申〔{year}〕{n}号", "受理编号格式", "文号格式",
        "可用占位符：{short} 机关代字，{year} 年份，{n} 序号。每年从 1 重新编号。",
    ),
    SettingDef("docno.reply", str, "{short}依复〔{year}〕{n}号", "答复书文号格式", "文号格式"),
    SettingDef("docno.notice", str, "{short}依告〔{year}〕{n}号", "告知书文号格式", "文号格式"),
    SettingDef(
        "remedy.reconsideration_body", str, "锦屏县人民政府", "行政复议机关", "救济途径",
        "答复书救济告知中写明的行政复议机关。",
    ),
    SettingDef("remedy.court", str, "锦屏县人民法院", "行政诉讼管辖法院", "救济途径"),
    SettingDef(
        "security.idle_lock_minutes", int, 15, "空闲锁屏时间（分钟）", "安全", "0 表示不自动锁屏。",
        minimum=0, maximum=240,
    ),
    SettingDef("attachments.max_mb", int, 50, "单个附件大小上限（MB）", "安全", minimum=1, maximum=1024),
    SettingDef(
        "cases.extension_approver_role", str, Role.LEADER_IN_CHARGE.value, "延期答复审批角色", "依申请公开",
        "条例第三十三条：延期须经政府信息公开工作机构负责人同意。",
        choices=tuple(r.value for r in Role),
    ),
    SettingDef("cases.fee_pauses_clock", bool, True, "收费通知期间暂停答复期限", "依申请公开", affects_deadlines=True),
    SettingDef(
        "cases.correction_min_days", int, 10, "补正期限下限（工作日）", "依申请公开",
        "补正告知给申请人的补正期限至少为告知之日起的这些工作日（条例第三十条“合理的补正期限”）。",
        minimum=5, maximum=30,
    ),
    SettingDef(
        "review.columns", list,
        ["县政府要闻|新闻", "部门动态|新闻", "乡镇动态|新闻", "通知公告|通知公告", "政策文件|政策文件",
         "政策解读|其他"],
        "门户网站栏目", "发布审核",
        "每行一个，格式“栏目名|类型”，类型为 新闻、通知公告、政策文件 或 其他：新闻栏目 2 周、"
        "通知公告和政策文件 6 个月未更新时在工作台提示（国办秘函〔2019〕19号）。"
        "网站年报另需“栏目名|类型|报表分类|开设日期”：报表分类为 概况类、政务动态、信息公开目录、政策解读、"
        "专栏专题 或 其他；专栏专题写开设日期，如 2025-03-01。",
        validator=_feature_check("app.website.columns", "validate_columns"),
    ),
    SettingDef("review.accounts", list, ["锦屏发布（微信公众号）", "锦屏发布（微博）"], "政务新媒体账号", "发布审核"),
    SettingDef(
        "org.sections", list, ["信息中心", "文书科", "行政科", "综合科", "信息公开科"], "科室", "机关信息",
    ),
    SettingDef("website.name", str, "锦屏县人民政府门户网站", "网站名称", "政府网站"),
    SettingDef("website.url", str, "", "首页网址", "政府网站"),
    SettingDef("website.kind", str, "政府门户网站", "网站类型", "政府网站",
               choices=("政府门户网站", "部门网站", "专项网站")),
    SettingDef("website.code", str, "", "政府网站标识码", "政府网站"),
    SettingDef("website.icp", str, "", "ICP备案编号", "政府网站"),
    SettingDef("website.psb", str, "", "公安机关备案号", "政府网站"),
    SettingDef(
        "website.interpretation_days", int, 3, "政策解读同步发布时限（工作日）", "政府网站",
        "行政规范性文件和重大决策公开后，超过该工作日数仍无关联的已发布政策解读时，在工作台提示。",
        minimum=0, maximum=30,
    ),
    SettingDef(
        "website.report_labels", list, [], "网站年报项目名称更正", "政府网站",
        "每行一个，格式“项目键|名称”，用于按正式附件更正网站年报的项目名称（在网站年报表格中把鼠标停在“指标”上可看到项目键）。",
        validator=_feature_check("app.website.layout", "validate_overrides"),
    ),
    # 政府信息公开指南 (issue 18): what 条例第十二条 requires the guide to state and the program lacked.
    SettingDef(
        "guide.office", str, "锦屏县人民政府信息中心", "政府信息公开工作机构", "公开指南",
        "受理政府信息公开申请的机构名称，写入公开指南（条例第十二条）。",
    ),
    SettingDef("guide.office_hours", str, "", "办公时间", "公开指南", "如“工作日上午9:00—12:00，下午14:30—17:30”。"),
    SettingDef("guide.fax", str, "", "传真号码", "公开指南"),
    SettingDef("guide.email", str, "", "电子邮箱", "公开指南", "公开指南中的互联网联系方式。"),
    SettingDef("guide.portal_url", str, "", "政府门户网站网址", "公开指南", "如“http://www.jinping.gov.cn”。"),
    SettingDef(
        "guide.request_platform", str, "", "依申请公开平台", "公开指南",
        "门户网站上依申请公开平台的栏目名称或网址；开通互联网申请时必填。",
    ),
    SettingDef("guide.channel_internet", bool, True, "已开通互联网申请", "公开指南"),
    SettingDef("guide.channel_letter", bool, True, "已开通信函申请", "公开指南"),
    SettingDef("guide.channel_in_person", bool, True, "已开通当面申请", "公开指南"),
    SettingDef("guide.channel_fax", bool, False, "已开通传真申请", "公开指南"),
    SettingDef(
        "guide.complaint_body", str, "", "投诉举报受理机关", "公开指南",
        "条例第五十一条：认为政府信息公开工作侵犯合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报。",
    ),
    SettingDef(
        "redaction.second_review", bool, False, "公开件须经第二人复核", "依申请公开",
        "开启后，部分公开的答复须由遮盖标记人以外的另一名工作人员复核每份公开件，才能登记司法局审核意见。",
    ),
]



def _letter_names() -> Sequence[str]:
    from reports.letters.kinds import LETTERS  # late: the registry loads before any document code

    return [spec.name for spec in LETTERS.values()]


_DEFS += [
    SettingDef(
        "letters.letterhead_kinds", list,
        ["补正告知书", "延期答复告知书", "第三方意见征询书", "部门协商函", "答复书", "收费通知书", "征求意见告知书",
         "第三方告知书", "说明理由通知书", "延迟答复告知书"],
        "使用信函格式的文书", "文书格式",
        "每行一种文书（受理回执、补正告知书、延期答复告知书、第三方意见征询书、部门协商函、答复书、收费通知书、"
        "征求意见告知书、第三方告知书、说明理由通知书、延迟答复告知书）。列出的文书按"
        "《党政机关公文格式》信函格式排版：首页印红色机关名称和红色双线，文号在双线下方右侧，首页不显示页码；"
        "未列出的按普通格式排版。版头的样式在模板文件夹的“版头.docx”中修改。",
        item_choices=_letter_names,
    ),
    SettingDef(
        "letters.preprinted", bool, False, "使用印好版头的信纸", "文书格式",
        "选“是”时，信函格式的文书不打印版头和红色双线，只留出版头的位置，正文打印在信纸的版头下方。",
    ),
    SettingDef(
        "cases.fee_payment_method", str, "", "信息处理费缴费方式", "依申请公开",
        "写入收费通知书，如“通过非税收入缴款渠道缴纳，执收单位：……，缴款账号：……”。未填写时不能生成收费通知书。",
    ),
]

SETTINGS: dict[str, SettingDef] = {d.key: d for d in _DEFS}


def _coerce(defn: SettingDef, value: Any) -> Any:
    if defn.kind is bool:
        if not isinstance(value, bool):
            raise ValidationError(f"“{defn.label}”必须是“是”或“否”。", field=defn.key)
        return value
    if defn.kind is int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValidationError(f"“{defn.label}”必须是整数。", field=defn.key) from None
        if defn.minimum is not None and number < defn.minimum:
            raise ValidationError(f"“{defn.label}”不能小于 {defn.minimum}。", field=defn.key)
        if defn.maximum is not None and number > defn.maximum:
            raise ValidationError(f"“{defn.label}”不能大于 {defn.maximum}。", field=defn.key)
        return number
    if defn.kind is list:
        if isinstance(value, str):
            value = [v for v in (p.strip() for p in value.replace("，", ",").split(",")) if v]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError(f"“{defn.label}”必须是文字列表。", field=defn.key)
        if defn.item_choices is not None:
            allowed = list(defn.item_choices())
            unknown = [v for v in value if v not in allowed]
            if unknown:
                raise ValidationError(
                    f"“{defn.label}”中的“{'、'.join(unknown)}”不是可选的项目，可以填写：{'、'.join(allowed)}。",
                    field=defn.key,
                )
        return value
    text = str(value).strip()
    if not text and defn.default:
        raise ValidationError(f"“{defn.label}”不能为空。", field=defn.key)
    if defn.choices and text not in defn.choices:
        raise ValidationError(f"“{defn.label}”的取值无效。", field=defn.key)
    return text


def get_setting(session: Session, key: str) -> Any:
    from app.settings.models import SettingRow

    defn = SETTINGS[key]
    row = session.get(SettingRow, key)
    if row is None:
        return defn.default
    return json.loads(row.value_json)


def all_settings(session: Session) -> dict[str, Any]:
    from app.settings.models import SettingRow

    values = {k: d.default for k, d in SETTINGS.items()}
    for row in session.scalars(select(SettingRow)):
        if row.key in SETTINGS:
            values[row.key] = json.loads(row.value_json)
    return values


def set_setting(session: Session, actor: Actor, key: str, value: Any) -> None:
    """Change one setting (administrators only), recorded in the audit trail."""
    from app.audit.service import record
    from app.settings.models import SettingRow

    actor.require(Role.ADMIN)
    if key not in SETTINGS:
        raise ValidationError(f"未知的设置项：{key}")
    defn = SETTINGS[key]
    new_value = _coerce(defn, value)
    if defn.validator is not None:
        defn.validator(new_value)
    old_value = get_setting(session, key)
    if new_value == old_value:
        return
    row = session.get(SettingRow, key)
    if row is None:
        row = SettingRow(key=key, value_json="null")
        session.add(row)
    row.value_json = json.dumps(new_value, ensure_ascii=False)
    row.updated_by = actor.username
    session.flush()
    record(
        session, actor, "update", "setting", key,
        before={"value": old_value}, after={"value": new_value}, summary=f"修改设置“{defn.label}”",
    )
    if defn.affects_deadlines:
        from app.workdays.service import recompute_all_deadlines

        recompute_all_deadlines(session, actor, reason=f"设置“{defn.label}”变更")
