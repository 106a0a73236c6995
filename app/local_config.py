"""Per-PC settings that cannot live in the shared database: which database this PC opens.

Kept as `connection.json` in the data folder (the platform's per-user folder), readable only by the
user, because a PostgreSQL URL may carry the office's database password.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from app.errors import ValidationError

CONNECTION_FILE = "connection.json"
ALLOWED_BACKENDS = ("sqlite", "postgresql")


def saved_db_url(folder: Path) -> str | None:
    path = folder / CONNECTION_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    url = data.get("db_url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url.strip() else None


def check_url(url: str) -> str:
    """A well-formed URL of a database kind the program supports, or a ValidationError saying why."""
    url = url.strip()
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ValidationError(
            "数据库地址格式不正确。PostgreSQL 的写法如：postgresql+psycopg://用户名:密码@服务器地址:5432/govinfo",
            field="db_url",
        ) from None
    if parsed.get_backend_name() not in ALLOWED_BACKENDS:
        raise ValidationError("只支持本机 SQLite 数据库或 PostgreSQL 服务器。", field="db_url")
    if parsed.get_backend_name() == "postgresql" and not parsed.host:
        raise ValidationError("请填写 PostgreSQL 服务器的地址。", field="db_url")
    return url


def save_db_url(folder: Path, url: str | None) -> None:
    """Remember which database this PC opens (None: back to the embedded default)."""
    path = folder / CONNECTION_FILE
    if url is None:
        path.unlink(missing_ok=True)
        return
    payload = json.dumps({"db_url": check_url(url)}, ensure_ascii=False, indent=2)
    tmp = path.with_name(f".{CONNECTION_FILE}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(payload)
    os.replace(tmp, path)


def check_connection(url: str) -> str:
    """Connect once and report the schema revision found (Chinese text for the dialog)."""
    from app.db.engine import make_engine
    from app.db.migrate import current_revision, head_revision
    from app.db.retry import describe_db_error

    engine = make_engine(check_url(url))
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        found = current_revision(engine)
    except SQLAlchemyError as exc:
        detail = getattr(exc, "orig", None) or exc
        raise ValidationError(f"连接失败：{describe_db_error(exc) or '数据库拒绝了连接'}（{detail}）",
                              field="db_url") from exc
    finally:
        engine.dispose()
    if found is None:
        return "连接成功。这是一个空数据库，首次打开时将自动建立数据表。"
    if found == head_revision():
        return "连接成功，数据库结构与本程序一致。"
    return f"连接成功，数据库结构版本为 {found}，打开时将自动升级或提示版本不符。"
