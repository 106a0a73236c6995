"""Grab every page of the 系统设置 tab into PNGs, to look at them (not a test).

    xvfb-run -a -s "-screen 0 1400x900x24" /tmp/venv/bin/python tests/admin/admin_screenshots.py /tmp/shots-admin
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QMainWindow

from app.auth.roles import Role
from app.auth.service import actor_for, authenticate, create_first_admin, create_user
from app.bootstrap import open_database
from app.context import Actor
from app.settings import set_setting
from app.workdays.parse import parse_labelled_dates
from app.workdays.service import set_year_arrangement
from ui.admin import AdminTab
from ui.admin.user_dialog import UserDialog
from ui.app_setup import create_application
from ui.context import AppContext

PASSWORD = "Ledger-7-Orchid"
OFF_2027 = """元旦：2027-01-01至2027-01-03
春节：2月6日至14日
清明节：4月3日至5日
劳动节：5月1日至5日
端午节：6月9日至11日
中秋节、国庆节：10月1日至8日"""
MAKEUP_2027 = "2月20日、4月25日、5月8日、9月26日、10月9日"


def seed(ctx_db_dir: Path) -> AppContext:
    db = open_database(ctx_db_dir)
    with db.session_factory.begin() as s:
        admin = create_first_admin(s, "admin", "王建国", PASSWORD)
        admin.section = "信息中心"
        actor = actor_for(admin)
        people = [
            ("lihua", "李华", "信息公开科", [Role.DISCLOSURE_STAFF]),
            ("zhangmin", "张敏", "文书科", [Role.EDITOR]),
            ("chenjing", "陈静", "综合科", [Role.SECTION_HEAD, Role.EDITOR]),
            ("liuyang", "刘洋", "", [Role.LEADER_IN_CHARGE]),
            ("zhaolei", "赵磊", "", [Role.PRINCIPAL_LEADER]),
        ]
        for username, name, section, roles in people:
            create_user(s, actor, username, name, PASSWORD, roles, section=section)
        set_setting(s, actor, "org.address", "锦屏县三江镇飞山路 1 号")
        set_setting(s, actor, "org.phone", "0855-7222000")
    with db.session_factory.begin() as s:
        authenticate(s, "admin", PASSWORD)
        authenticate(s, "lihua", "wrong")
        authenticate(s, "lihua", PASSWORD)
        result = authenticate(s, "zhangmin", PASSWORD)
        assert result.user is not None
    with db.session_factory.begin() as s:
        from app.auth.service import list_users, set_active

        zhang = next(u for u in list_users(s) if u.username == "zhangmin")
        set_active(s, actor, zhang.id, False)
        set_year_arrangement(
            s, actor, 2027, parse_labelled_dates(OFF_2027, 2027), parse_dates_2027(MAKEUP_2027),
            "国务院办公厅关于2027年部分节假日安排的通知",
            notes={d: n for d, n in parse_labelled_dates(OFF_2027, 2027).items() if n},
        )
    return AppContext(db=db, actor=actor)


def parse_dates_2027(text: str) -> list[date]:
    return sorted(parse_labelled_dates(text, 2027))


def main(out: Path) -> None:
    app = create_application(sys.argv)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = seed(Path(tmp))
        window = QMainWindow()
        window.setWindowTitle("政务公开工作台 — 系统设置")
        tab = AdminTab(ctx)
        window.setCentralWidget(tab)
        window.resize(1280, 800)
        window.show()
        for index, name in enumerate(("accounts", "settings", "calendar", "audit")):
            tab.show_page(index)
            app.processEvents()
            window.grab().save(str(out / f"{index + 1}-{name}.png"))
        assert tab.calendar_page is not None
        tab.show_page(2)
        tab.calendar_page.year_spin.setValue(2028)
        app.processEvents()
        window.grab().save(str(out / "5-calendar-unknown-year.png"))
        tab.calendar_page.year_spin.setValue(2027)
        app.processEvents()
        window.grab().save(str(out / "6-calendar-entered-year.png"))
        tab.calendar_page.off_edit.appendPlainText("2027-11-31")
        tab.calendar_page.update_preview()
        app.processEvents()
        window.grab().save(str(out / "6b-calendar-parse-error.png"))
        assert tab.accounts_page is not None
        tab.show_page(0)
        tab.accounts_page.table.selectRow(1)
        tab.accounts_page.edit_selected()
        app.processEvents()
        dialog = tab.accounts_page.findChild(UserDialog)
        if dialog is not None:
            dialog.grab().save(str(out / "7-user-dialog.png"))
            dialog.close()
        tab.accounts_page.new_user()
        app.processEvents()
        new_dialog = tab.accounts_page.findChildren(UserDialog)[-1]
        new_dialog.grab().save(str(out / "7b-new-user-dialog.png"))
        new_dialog.close()
        assert tab.settings_page is not None
        tab.show_page(1)
        short = tab.settings_page.editors["org.short_name"]
        assert isinstance(short, QLineEdit)
        short.setText("")
        tab.settings_page.save()
        app.processEvents()
        window.grab().save(str(out / "2b-settings-error.png"))
        tab.settings_page.reload()
        assert tab.audit_page is not None
        tab.show_page(3)
        row = tab.audit_page.model.row_at(0)
        if row is not None:
            detail = tab.audit_page.show_detail(tab.audit_page.model.row_at(2) or row)
            app.processEvents()
            detail.grab().save(str(out / "8-audit-detail.png"))
            detail.close()
        refused = AdminTab(AppContext(db=ctx.db, actor=Actor(5, "liuyang", "刘洋", frozenset({Role.LEADER_IN_CHARGE}))))
        refused.resize(1280, 800)
        refused.show()
        app.processEvents()
        refused.grab().save(str(out / "9-refused.png"))
        ctx.db.dispose()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots-admin"))
