"""Demo values for the settings the 公开指南 needs (a fresh database has none), so a demo
database can export the guide at once. Invented contact details, marked as examples."""

from __future__ import annotations

from app.demo import DemoContext, register_filler
from app.settings import get_setting, set_setting

_VALUES = (
    ("guide.office_hours", "工作日上午9:00—12:00，下午14:30—17:30（法定节假日除外）"),
    ("guide.fax", "0855-7222002"),
    ("guide.email", "xxgk@example.cn"),
    ("guide.portal_url", "http://www.jinping.gov.cn"),
    ("guide.request_platform", "政府信息公开—依申请公开"),
    ("guide.complaint_body", "黔东南苗族侗族自治州人民政府办公室"),
)


def fill_guide_demo(ctx: DemoContext) -> str:
    for key, value in _VALUES:
        if not get_setting(ctx.session, key):
            set_setting(ctx.session, ctx.actor, key, value)
    return "公开指南：已填写示例的办公时间、传真、电子邮箱、门户网站和投诉举报受理机关"


register_filler("guide", fill_guide_demo)
