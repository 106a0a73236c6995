"""ctx.run(op): one unit of work, errors where the user looks, a typed change announced after commit."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from app.annual.statistics_export import export_statistics
from app.auth.roles import Role
from app.auth.service import update_user
from app.changes import Changes, RecordKind
from app.context import Actor
from app.errors import PermissionDenied, UserError, ValidationError
from app.settings import get_setting, set_setting
from ui.context import AppContext, AppEvents
from ui.operations import BackgroundOp, ExportOp, Op, RollBack, precheck
from ui.workers import Progress

pytestmark = pytest.mark.gui


def _org(ctx: AppContext) -> str:
    with ctx.reader() as s:
        return str(get_setting(s, "org.name"))


def _seen(ctx: AppContext) -> list[Changes]:
    seen: list[Changes] = []
    ctx.events.changed.connect(seen.append)
    return seen


def test_a_change_is_committed_and_announced_with_its_kind(admin_ctx: AppContext, parent: QWidget) -> None:
    seen = _seen(admin_ctx)

    def rename(s: Session) -> str:
        set_setting(s, admin_ctx.actor, "org.name", "锦屏县人民政府办公室")
        return "done"

    ok, value = admin_ctx.run(Op(rename, RecordKind.SETTINGS, parent=parent))
    assert (ok, value) == (True, "done")
    assert _org(admin_ctx) == "锦屏县人民政府办公室"
    assert seen == [Changes.of(RecordKind.SETTINGS)]
    assert seen[0].touches(RecordKind.CASES, RecordKind.SETTINGS) and not seen[0].touches(RecordKind.CASES)


def test_a_refusal_rolls_back_shows_the_sentence_and_announces_nothing(
    admin_ctx: AppContext, parent: QWidget, visible_message_boxes: Callable[[], list[QMessageBox]]
) -> None:
    before = _org(admin_ctx)
    seen = _seen(admin_ctx)

    def half_then_refuse(s: Session) -> None:
        set_setting(s, admin_ctx.actor, "org.name", "写了一半")
        raise UserError("请先填写机关名称。")

    result = admin_ctx.run(Op(half_then_refuse, RecordKind.SETTINGS, parent=parent, title="保存设置"))
    assert result == (False, None)
    assert _org(admin_ctx) == before
    assert seen == []
    (box,) = visible_message_boxes()
    assert box.text() == "请先填写机关名称。" and box.windowTitle() == "保存设置"


def test_a_field_rule_goes_to_the_message_line_and_points_at_the_field(
    admin_ctx: AppContext, parent: QWidget, visible_message_boxes: Callable[[], list[QMessageBox]]
) -> None:
    message = QLabel(parent)
    message.hide()
    pointed: list[str] = []

    def refuse(_s: Session) -> None:
        raise ValidationError("受理编号已被使用，请换一个。", field="case_no")

    ok, _ = admin_ctx.run(Op(refuse, RecordKind.CASES, parent=parent, message=message, point_at=pointed.append))
    assert not ok
    assert message.isVisible() and message.text() == "受理编号已被使用，请换一个。"
    assert pointed == ["case_no"]
    assert visible_message_boxes() == []


def test_an_unexpected_error_is_reported_generically(
    admin_ctx: AppContext, parent: QWidget, visible_message_boxes: Callable[[], list[QMessageBox]]
) -> None:
    def broken(_s: Session) -> None:
        raise KeyError("internal")

    ok, _ = admin_ctx.run(Op(broken, parent=parent))
    assert not ok
    (box,) = visible_message_boxes()
    assert "意外错误（KeyError）" in box.text()


def test_background_op_runs_off_the_gui_thread_then_announces_before_on_done(
    qtbot: QtBot, admin_ctx: AppContext, parent: QWidget
) -> None:
    order: list[object] = []
    admin_ctx.events.changed.connect(lambda c: order.append(c))

    def slow(s: Session, progress: Progress) -> bool:
        progress.report(1, 1, "正在保存…")
        set_setting(s, admin_ctx.actor, "org.name", "后台保存")
        return threading.current_thread() is threading.main_thread()

    handle = admin_ctx.run(BackgroundOp(slow, RecordKind.SETTINGS, parent=parent, title="保存",
                                        on_done=lambda on_gui: order.append(("done", on_gui))))
    qtbot.waitUntil(lambda: handle.is_finished, timeout=10_000)
    assert order == [Changes.of(RecordKind.SETTINGS), ("done", False)]
    assert _org(admin_ctx) == "后台保存"


def test_background_refusal_is_shown_and_nothing_is_announced(
    qtbot: QtBot, admin_ctx: AppContext, parent: QWidget, visible_message_boxes: Callable[[], list[QMessageBox]]
) -> None:
    seen = _seen(admin_ctx)

    def refuse(_s: Session, _p: Progress) -> None:
        raise UserError("文件已被其他程序打开，请关闭后重试。")

    handle = admin_ctx.run(BackgroundOp(refuse, RecordKind.CASES, parent=parent, title="导入"))
    qtbot.waitUntil(lambda: handle.is_finished, timeout=10_000)
    assert seen == []
    assert [b.text() for b in visible_message_boxes()] == ["文件已被其他程序打开，请关闭后重试。"]


def test_changes_are_announced_only_as_typed_record_kinds() -> None:
    # The string signal data_changed(str) is gone: every listener takes Changes of RecordKind, and no
    # module of the program names a record kind by a string literal on the events object.
    root = Path(__file__).resolve().parents[2]
    offending = [f"{path.relative_to(root)}:{n}" for top in ("app", "ui") for path in (root / top).rglob("*.py")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if "data_changed" in line or "Changes.of(\"" in line]
    assert offending == []
    assert not hasattr(AppEvents, "data_changed")


def test_a_deliberate_rollback_keeps_nothing_and_shows_no_error(
    admin_ctx: AppContext, parent: QWidget, visible_message_boxes: Callable[[], list[QMessageBox]]
) -> None:
    before = _org(admin_ctx)
    seen = _seen(admin_ctx)
    handed: list[object] = []

    def save_then_hold(s: Session) -> None:
        set_setting(s, admin_ctx.actor, "org.name", "待核对")
        raise RollBack(["与已有申请重复"])  # as the intake dialog does with unread warnings

    result = admin_ctx.run(Op(save_then_hold, RecordKind.SETTINGS, parent=parent, on_rollback=handed.append))
    assert result == (False, None)
    assert handed == [["与已有申请重复"]] and _org(admin_ctx) == before
    assert seen == [] and visible_message_boxes() == []


def test_precheck_shows_the_service_refusal_before_anything_is_asked(
    admin_ctx: AppContext, parent: QWidget, visible_message_boxes: Callable[[], list[QMessageBox]]
) -> None:
    def refuse() -> None:
        raise UserError("此操作需要以下角色之一：系统管理员。")

    assert precheck(lambda: None, parent=parent, title="导出") is True
    assert visible_message_boxes() == []
    assert precheck(refuse, parent=parent, title="导出") is False
    (box,) = visible_message_boxes()
    assert box.text() == "此操作需要以下角色之一：系统管理员。" and box.windowTitle() == "导出"


def test_an_export_runs_the_use_case_as_the_account_is_now(
    qtbot: QtBot, make_ctx: Callable[..., AppContext], parent: QWidget, tmp_path: Path,
    visible_message_boxes: Callable[[], list[QMessageBox]],
) -> None:
    ctx = make_ctx("jingban", Role.DISCLOSURE_STAFF, display_name="经办人")
    out = tmp_path / "统计.xlsx"

    def export(s: Session, _progress: Progress) -> Path:
        return export_statistics(s, ctx.actor, out, 2024)

    handle = ctx.run(ExportOp(export, parent=parent, title="导出统计"))
    qtbot.waitUntil(lambda: handle.is_finished, timeout=10_000)
    assert handle.error is None and load_workbook(out).active is not None
    with ctx.db.session_factory.begin() as s:  # the role is taken away while the window stays open
        assert ctx.actor.user_id is not None
        update_user(s, Actor.system(), ctx.actor.user_id, roles=[Role.EDITOR])
    out.unlink()
    handle = ctx.run(ExportOp(export, parent=parent, title="导出统计"))
    qtbot.waitUntil(lambda: handle.is_finished, timeout=10_000)
    assert isinstance(handle.error, PermissionDenied) and not out.exists()
    (box,) = visible_message_boxes()
    assert "当前用户“经办人”无此权限" in box.text()
