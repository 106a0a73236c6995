"""An audit entry as screens and the Excel export show it: plain values and Chinese labels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.localtime import to_local

ACTION_LABELS: dict[str, str] = {
    "create": "新建",
    "update": "修改",
    "delete": "删除",
    "login": "登录",
    "login_failed": "登录失败",
    "signoff": "签批核验",
    "signoff_failed": "签批核验失败",
    "sign_off": "签批",
    "export": "导出",
    "import": "导入",
    "backup": "备份",
    "restore": "恢复",
    "recompute": "重算期限",
    "reset_password": "重置密码",
    "change_password": "修改密码",
    "state": "状态变更",
    "logout": "注销",
    "lock": "锁定",
    "unlock": "解锁",
    "accept_finding": "认定检查提示",
    "remedy": "登记复议诉讼",
    "archive": "归档",
    "add_document": "添加案卷材料",
    "remove_document": "删除案卷材料",
    "assign_doc_no": "编发文号",
    "close": "办结",
    "reopen": "重新打开",
    "start_handling": "开始办理",
    "correction_notice": "补正告知",
    "correction_received": "收到补正",
    "consultation": "征求意见",
    "consultation_answer": "意见答复",
    "extension": "延期",
    "fee_notice": "收费通知",
    "fee_paid": "缴费",
    "reply_draft": "起草答复",
    "cli": "命令行身份核验",
    "cli_failed": "命令行身份核验失败",
    "reseal": "重新封存审计记录",
    "reply_returned": "答复退回",
    "reply_sent": "发出答复",
    "justice_review": "司法局审核",
    "link": "关联",
    "unlink": "取消关联",
    "integrity_failed": "附件校验不符",
}

RECORD_TYPE_LABELS: dict[str, str] = {
    "user": "账户",
    "setting": "系统参数",
    "calendar_year": "节假日安排",
    "deadlines": "办理期限",
    "database": "数据库",
    "audit_log": "审计记录",
    "request_case": "依申请公开",
    "request_register": "依申请公开台账",
    "post": "稿件",
    "post_attachment": "稿件附件",
    "post_register": "稿件登记",
    "inspection": "读网巡检",
    "inspection_log": "巡检记录",
    "word_list": "词库",
    "disclosure": "公开事项",
    "disclosure_attachment": "公开事项附件",
    "disclosure_register": "主动公开台账",
    "disclosure_catalogue": "政府信息公开目录",
    "disclosure_year": "主动公开年度数据",
    "annual_report": "年度报告",
    "statistics": "依申请公开统计",
    "website_report": "网站年报",
    "case_document": "案卷材料",
}


def action_label(code: str) -> str:
    """The Chinese name of an action; codes added by later features show as they are."""
    return ACTION_LABELS.get(code, code)


def record_type_label(code: str) -> str:
    return RECORD_TYPE_LABELS.get(code, code)


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at_utc: datetime
    username: str
    display_name: str
    os_user: str
    action: str
    record_type: str
    record_id: str
    summary: str
    before_json: str
    after_json: str

    @property
    def at_local(self) -> datetime:
        return to_local(self.at_utc)

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    @property
    def record_type_label(self) -> str:
        return record_type_label(self.record_type)

    @property
    def user_label(self) -> str:
        if self.display_name and self.display_name != self.username:
            return f"{self.display_name}（{self.username}）"
        return self.username
