"""Save PNG screenshots of the main window's tabs and the shared dialogs, for people to review.

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshot.py /tmp/shots --data-dir /tmp/shots-data \
        --size 1366x768

Every tab and every dialog is saved in its own PNG, fitted into the screen the way the program fits
it (ui/screen_fit.py); titles.txt lists each file with its size. The exit status is 1 when an image
is larger than the screen less its taskbar.

Uses the database in --data-dir (filling it with demo data if it has no accounts yet; a temporary
folder when omitted), signs in as --user and grabs every tab. Without a display it falls back
to Qt's offscreen platform. Not used by the tests.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.bootstrap import Database
    from ui.context import AppContext

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Screenshots of GovInfo Desk for review.")
    parser.add_argument("output", type=Path, help="folder for the PNG files")
    parser.add_argument("--data-dir", type=Path, help="data folder (default: a new temporary folder)")
    parser.add_argument("--user", default="admin", help="account to sign in as (default admin)")
    parser.add_argument("--password", default=None, help="its password (default: the demo password)")
    parser.add_argument("--size", default="1366x768",
                        help="the screen, WIDTHxHEIGHT; windows are fitted into it less a 40-pixel taskbar")
    parser.add_argument("--settle-ms", type=int, default=400, help="wait after switching tabs")
    parser.add_argument("--font-size", choices=["standard", "larger", "large"], default="standard",
                        help="界面字号: standard 标准 (10 pt), larger 较大 (12 pt), large 大 (14 pt)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from app.auth.service import authenticate, has_users
    from app.bootstrap import open_database
    from app.demo import DEMO_PASSWORD, fill_demo
    from app.workdays.service import load_calendar
    from ui.app_setup import create_application
    from ui.context import AppContext

    app = create_application([sys.argv[0]])
    from ui.font_size import FontSize, apply_font_size

    apply_font_size(FontSize.from_key(args.font_size))
    out: Path = args.output
    out.mkdir(parents=True, exist_ok=True)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="govinfo-shots-"))
    db = open_database(data_dir)
    with db.session_factory.begin() as session:
        if not has_users(session):
            from datetime import date

            for line in fill_demo(session, load_calendar(session), date.today()):
                print(line)
    with db.session_factory.begin() as session:
        result = authenticate(session, args.user, args.password or DEMO_PASSWORD)
        if not result.ok:
            print(f"无法登录 {args.user}：{result.message}", file=sys.stderr)
            return 2
        actor = result.actor
    ctx = AppContext(db, actor)
    width, height = (int(v) for v in args.size.lower().split("x"))
    from PySide6.QtCore import QRect

    from ui.screen_fit import fit_into

    screen = QRect(0, 0, width, height - 40)
    saved: list[str] = []
    too_big: list[str] = []

    def shoot(widget: QWidget, name: str, settle: int = 150) -> None:
        widget.show()
        fit_into(widget, screen)  # what ui.screen_fit.ScreenFit does on a real screen
        widget.raise_()
        QTest.qWait(settle)
        path = out / f"{name}.png"
        image = widget.grab()
        image.save(str(path))
        saved.append(f"{path.name}\t{image.width()}x{image.height()}\t{widget.windowTitle()}")
        if image.width() > width or image.height() > height - 40:
            too_big.append(path.name)

    from ui.main_window import MainWindow

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "shots.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, settings=settings, idle_timeout=0)
    window.resize(width, height)
    fit_into(window, screen)
    for index, spec in enumerate(window.specs):
        window.tabs.setCurrentIndex(index)
        window.tab_widget(index)
        shoot(window, f"tab-{index + 1}-{spec.class_name.removesuffix('Tab').lower()}", args.settle_ms)
        tab_widget = window.tab_widget(index)
        nav = getattr(tab_widget, "nav", None)  # 系统设置: each of its pages (系统参数 scrolled sideways at 大)
        if spec.class_name == "AdminTab" and nav is not None:
            for page in range(1, nav.count()):
                tab_widget.show_page(page)  # type: ignore[attr-defined]
                shoot(window, f"tab-{index + 1}-admin-{page + 1}", args.settle_ms)
            tab_widget.show_page(0)  # type: ignore[attr-defined]
        if spec.class_name == "CasesTab":  # each page of a case's detail: 办理过程 and 答复 must fit
            case_tab = window.tab_widget(index)
            with db.session_factory() as s:
                from sqlalchemy import select

                from app.cases.models import RequestCase

                case_id = s.scalar(select(RequestCase.id).order_by(RequestCase.id.desc()).limit(1))
            case_tab.select_case(case_id)  # type: ignore[attr-defined]
            detail_tabs = case_tab.detail.tabs  # type: ignore[attr-defined]
            for page in range(detail_tabs.count()):
                detail_tabs.setCurrentIndex(page)
                shoot(window, f"tab-{index + 1}-cases-detail-{page + 1}", args.settle_ms)

    for name, make in {**dialogs(ctx), **work_dialogs(db)}.items():
        dialog = make()
        shoot(dialog, name)
        dialog.hide()

    window.lock()
    shoot(window, "lock-screen")
    window.unlock()
    window.close()
    (out / "titles.txt").write_text("\n".join(saved) + "\n", encoding="utf-8")
    print("\n".join(saved))
    if too_big:
        print("larger than the screen: " + ", ".join(too_big), file=sys.stderr)
        return 1
    db.dispose()
    app.processEvents()
    return 0


def dialogs(ctx: AppContext) -> dict[str, Callable[[], QWidget]]:
    """The shared dialogs, built the way the program builds them, with sample content."""
    from app.auth.roles import Role
    from app.backup import list_backups
    from ui.about_dialog import AboutDialog
    from ui.change_password_dialog import ChangePasswordDialog
    from ui.db_error_dialog import DbErrorDialog
    from ui.first_run_wizard import FirstRunWizard
    from ui.login_dialog import LoginDialog
    from ui.signoff_dialog import SignOffDialog

    db = ctx.db

    def login() -> LoginDialog:
        dialog = LoginDialog(db, username="wangfang")
        dialog.message.setText("用户名或密码不正确。再输错 4 次账户将被锁定 15 分钟。")
        dialog.message.show()
        return dialog

    def wizard_org() -> FirstRunWizard:
        return FirstRunWizard(db)

    def wizard_admin() -> FirstRunWizard:
        wizard = FirstRunWizard(db)
        wizard.org_page.org_name.setText("锦屏县人民政府办公室")
        wizard.org_page.short_name.setText("锦府办")
        wizard.show()
        wizard.next()
        return wizard

    def signoff() -> SignOffDialog:
        summary = (
            "<h3>关于做好2024年秋冬季森林防火工作的通知</h3>"
            "<p><b>来源：</b>首发　<b>作者：</b>李强（信息中心）　<b>初审：</b>王芳 同意</p>"
            "<p>各乡（镇）人民政府、县直各部门：为切实做好今年秋冬季森林防火工作……</p>"
        )
        return SignOffDialog(
            ctx, title="二审签批", summary_html_or_text=summary,
            roles=[Role.SECTION_HEAD, Role.LEADER_IN_CHARGE], on_signed=lambda *_: None,
        )

    def db_error() -> DbErrorDialog:
        message = (f"数据库文件“{db.data_dir / 'govinfo.db'}”已损坏或不是本程序的数据库（file is not a database）。"
                   "原文件不会被改动，可以从最近的备份恢复。")
        dialog = DbErrorDialog(message, db.data_dir, db.sqlite_path)
        if not list_backups(db.data_dir):
            dialog.backup_info.setText("最近的自动备份：govinfo-auto-20241021-083015.db（共 12 份）。"
                                       "恢复后，损坏的文件会改名保留在原文件夹中。")
            dialog.latest_button.setEnabled(True)  # as it is when backups exist
        return dialog

    def help_page() -> QWidget:
        from ui.help import HelpDialog

        dialog = HelpDialog()
        dialog.show_page("cases")
        return dialog

    return {
        "dialog-login": login,
        "dialog-first-run-1": wizard_org,
        "dialog-first-run-2": wizard_admin,
        "dialog-signoff": signoff,
        "dialog-change-password": lambda: ChangePasswordDialog(db, ctx.actor, forced=True),
        "dialog-about": lambda: AboutDialog(ctx),
        "dialog-db-error": db_error,
        "dialog-help": help_page,
    }


def work_dialogs(db: Database) -> dict[str, Callable[[], QWidget]]:
    """The working dialogs of each tab, on the demo data, signed in as the people who use them."""
    from sqlalchemy import select

    from app.auth.service import authenticate
    from app.cases.models import RequestCase
    from app.demo import DEMO_PASSWORD
    from app.review.enums import PostStatus
    from app.review.models import Post
    from ui.admin.user_dialog import UserDialog
    from ui.annual.records_dialog import RecordsDialog
    from ui.cases.intake_dialog import IntakeDialog
    from ui.connection_dialog import ConnectionDialog
    from ui.context import AppContext
    from ui.disclosure.item_form import ItemFormDialog
    from ui.review.tab import ReviewTab

    def ctx(username: str) -> AppContext:
        with db.session_factory.begin() as s:
            result = authenticate(s, username, DEMO_PASSWORD)
            assert result.actor is not None, result.message
            return AppContext(db, result.actor)

    with db.session_factory() as s:
        posts = {status: s.scalar(select(Post.id).where(Post.status == status).limit(1)) for status in PostStatus}
        case_ids = list(s.scalars(select(RequestCase.id).limit(12)))

    def review() -> QWidget:
        post_id = posts[PostStatus.SECOND_REVIEW] or posts[PostStatus.FIRST_REVIEW]
        dialog = ReviewTab(ctx("zhaomin")).review_post(post_id or 0)
        assert dialog is not None
        dialog.approve()  # nothing ticked yet: the list of open points appears
        return dialog

    return {
        "dialog-intake": lambda: IntakeDialog(ctx("wangfang")),
        "dialog-disclosure-item": lambda: ItemFormDialog(ctx("wangfang")),
        "dialog-review": review,
        "dialog-post-editor": lambda: ReviewTab(ctx("wangfang")).open_post(posts[PostStatus.DRAFT] or 0),
        "dialog-publish": lambda: ReviewTab(ctx("wangfang")).publish_post(
            posts[PostStatus.PUBLISHED] or posts[PostStatus.READY] or 0),
        "dialog-new-account": lambda: UserDialog(ctx("admin")),
        "dialog-connection": lambda: ConnectionDialog(db.data_dir),
        "dialog-annual-records": lambda: RecordsDialog(ctx("wangfang"), "收到申请数", case_ids),
    }


if __name__ == "__main__":
    raise SystemExit(main())
