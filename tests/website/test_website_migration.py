"""Migration 0013: columns an office already set up get a report category by their type and name."""

from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from sqlalchemy import text

from app.db.engine import make_engine
from app.db.migrate import alembic_config


def test_stored_columns_get_a_category_and_lines_already_categorised_stay(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    cfg = alembic_config(engine)
    command.upgrade(cfg, "0007_reprint_level")
    stored = ["县政府要闻|新闻", "通知公告|通知公告", "政策文件|政策文件", "政策解读|其他", "扶贫专题|其他",
              "便民服务", "乡村振兴专题|其他|专栏专题|2025-03-01"]
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO settings (key, value_json, updated_at, updated_by) "
                          "VALUES ('review.columns', :v, '2025-01-01 00:00:00', 'admin')"),
                     {"v": json.dumps(stored, ensure_ascii=False)})
    command.upgrade(cfg, "head")
    with engine.connect() as conn:
        value = conn.execute(text("SELECT value_json FROM settings WHERE key = 'review.columns'")).scalar_one()
        columns = [row[1] for row in conn.execute(text("PRAGMA table_info(posts)"))]
    assert json.loads(value) == [
        "县政府要闻|新闻|政务动态", "通知公告|通知公告|政务动态", "政策文件|政策文件|信息公开目录",
        "政策解读|其他|政策解读", "扶贫专题|其他|专栏专题", "便民服务|其他|其他",
        "乡村振兴专题|其他|专栏专题|2025-03-01"]
    assert "interpretation_kind" in columns
    command.downgrade(cfg, "0007_reprint_level")  # the downgrade runs too
    engine.dispose()
