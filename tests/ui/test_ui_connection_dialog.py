"""文件 → 数据库连接…: test the server, save the choice for the next start."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.local_config import saved_db_url
from ui.connection_dialog import ConnectionDialog


def test_choose_a_server_then_go_back_to_the_local_database(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ConnectionDialog(tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.local.isChecked() and not dialog.url.isEnabled()
    dialog.server.setChecked(True)
    dialog.url.setText("mysql://nobody@somewhere/db")
    assert not dialog.test()
    assert "只支持" in dialog.message.text()
    dialog.url.setText(f"sqlite:///{tmp_path / 'shared.db'}")
    assert dialog.test() and "连接成功" in dialog.message.text()
    dialog.save()
    assert saved_db_url(tmp_path) == f"sqlite:///{tmp_path / 'shared.db'}"
    again = ConnectionDialog(tmp_path)
    qtbot.addWidget(again)
    assert again.server.isChecked() and again.url.text().endswith("shared.db")
    again.local.setChecked(True)
    again.save()
    assert saved_db_url(tmp_path) is None
