"""`audit verify` against every anchor it can find, and the administrator's re-seal.

Anchors (places a person with only the database cannot reach): this PC's witness file, other PCs'
witness files handed in with --witness, the backups in the backup folder (each holds the chain up
to its own head), and 审计校验码 printed on exported registers, letters and reports (--code).
The report names each anchor it checked and each it could not.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from app import paths
from app.audit import witness
from app.audit.anchor import LABEL
from app.audit.models import AuditEntry, AuditHead
from app.audit.service import GENESIS_HASH, VerifyResult, _locked_head, head_problem, record, verify
from app.errors import UserError
from app.roles import Role

if TYPE_CHECKING:  # annotations only: app.auth imports the audit trail
    from app.context import Actor


class AuditPageDamaged(UserError):
    """The database pages holding the audit trail cannot be read (exit code 4 on the command line)."""


@dataclass(frozen=True)
class AnchorCheck:
    name: str
    ok: bool | None  # None: could not be checked
    detail: str


@dataclass
class AuditReport:
    chain: VerifyResult
    head_problem: str | None
    anchors: list[AnchorCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.chain.ok and self.head_problem is None and all(a.ok is not False for a in self.anchors)

    def lines(self) -> list[str]:
        out = [("✓ " if self.chain.ok else "✗ ") + "审计记录链：" + self.chain.message]
        if self.head_problem:
            out.append("✗ 审计记录头：" + self.head_problem)
        checked = [a for a in self.anchors if a.ok is not None]
        unchecked = [a for a in self.anchors if a.ok is None]
        out.append(f"已核对的外部见证（{len(checked)} 处）：" + ("" if checked else "无"))
        out += [("  ✓ " if a.ok else "  ✗ ") + f"{a.name}：{a.detail}" for a in checked]
        out.append(f"未能核对（{len(unchecked)} 处）：" + ("" if unchecked else "无"))
        out += [f"  - {a.name}：{a.detail}" for a in unchecked]
        out.append("结论：" + ("审计记录完整，与各见证一致。" if self.ok else
                              "发现篡改或缺失，请保留本报告；管理员确认后可用“audit reseal”重新封存。"))
        return out


def _hash_at(session: Session, seq: int) -> str | None:
    return session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == seq))


def _check_head(session: Session, name: str, head: witness.Head, prefix_only: bool = False) -> AnchorCheck:
    actual = _hash_at(session, head.seq)
    if actual is None:
        return AnchorCheck(name, False, f"见证到第 {head.seq} 条（{head.code}），库中没有这一条：审计记录被截断。")
    if (actual.startswith(head.hash) if prefix_only else actual == head.hash):
        return AnchorCheck(name, True, f"第 {head.seq} 条与见证的校验码 {head.code} 一致。")
    return AnchorCheck(name, False,
                       f"第 {head.seq} 条的校验码是 {head.seq}-{actual[:12]}，见证为 {head.code}：记录被改写。")


def _witness_file(session: Session, name: str, path: Path, key: str) -> AnchorCheck:
    try:
        head = witness.witnessed(path.parent, key, path)
    except ValueError as exc:
        return AnchorCheck(name, False, f"{exc}；见证文件被损坏或改动。")
    if head is None:
        where = "文件不存在" if not path.exists() else "其中没有本数据库的记录"
        return AnchorCheck(name, None, f"{path}：{where}。")
    return _check_head(session, name, head)


def _backup_head(path: Path) -> tuple[str, witness.Head] | None:
    """(first entry's hash, head) of a SQLite backup file, None when it has no audit trail."""
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        first = conn.execute("SELECT hash FROM audit_entries WHERE seq = 1").fetchone()
        last = conn.execute("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    if first is None or last is None:
        return None
    return str(first[0]), witness.Head(int(last[0]), str(last[1]))


def _backups(session: Session, folder: Path) -> list[AnchorCheck]:
    from app.backup import list_backups

    files = list_backups(folder)
    if not files:
        return [AnchorCheck("备份文件", None, f"备份文件夹“{paths.backups_dir(folder)}”中没有自动备份。")]
    first_live = _hash_at(session, 1)
    out: list[AnchorCheck] = []
    for path in files[:10]:
        try:
            found = _backup_head(path)
        except sqlite3.DatabaseError as exc:
            out.append(AnchorCheck(f"备份 {path.name}", None, f"无法读取（{exc}）。"))
            continue
        if found is None:
            out.append(AnchorCheck(f"备份 {path.name}", None, "其中没有审计记录。"))
        elif first_live is not None and found[0] != first_live:
            out.append(AnchorCheck(f"备份 {path.name}", None, "不是本数据库的备份（第 1 条审计记录不同）。"))
        else:
            out.append(_check_head(session, f"备份 {path.name}", found[1]))
    return out


def parse_code(text: str) -> witness.Head:
    """审计校验码 as printed: '1234-9f3a2b7c1d0e', also with the label copied from a footer in front
    ('审计校验码 1234-9f3a2b7c1d0e')."""
    seq, _, short = text.strip().removeprefix(LABEL).strip(" ：:").partition("-")
    if not seq.isdigit() or len(short) < 8 or any(c not in "0123456789abcdef" for c in short.lower()):
        raise UserError(f"审计校验码“{text}”格式不对，应为“序号-12位校验值”，例如 1234-9f3a2b7c1d0e。")
    return witness.Head(int(seq), short.lower())


def full_report(
    session: Session, engine: Engine, folder: Path, *, witness_files: Iterable[Path] = (), codes: Iterable[str] = (),
) -> AuditReport:
    """Walk the chain and check it against every anchor given or found; AuditPageDamaged when the
    database cannot read the audit pages."""
    witness.flush()  # what this process has seen, on disk before the file is read back
    try:
        chain = verify(session)
        problem = head_problem(session, session.get(AuditHead, 1))
        key, _label = witness.database_key(engine)
        anchors = [_witness_file(session, "本机见证文件", witness.witness_path(folder), key)]
        for path in witness_files:
            anchors.append(_witness_file(session, f"见证文件 {path}", Path(path), key))
        anchors += _backups(session, folder) if engine.url.get_backend_name() == "sqlite" else [
            AnchorCheck("备份文件", None, "服务器数据库的备份由 pg_dump 制作，请恢复到临时库后再核对。")]
        for code in codes:
            anchors.append(_check_head(session, f"纸面校验码 {code}", parse_code(code), prefix_only=True))
        if not any(True for _ in codes):
            anchors.append(AnchorCheck("纸面校验码", None, "未提供（可用 --code 输入导出文件页脚上的审计校验码）。"))
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        raise AuditPageDamaged(
            f"审计记录所在的数据库页已损坏，无法读取（{getattr(exc, 'orig', None) or exc}）。请从最近的备份恢复。"
        ) from exc
    return AuditReport(chain, problem, anchors)


def reseal(session: Session, actor: Actor, report: AuditReport) -> witness.Head:
    """After an administrator has read `report`: point the head at the last entry that exists and
    record the re-seal (what was witnessed, what was found). The caller commits, then calls
    `witness.reset` with the returned head so this PC's witness starts again from here."""
    actor.require(Role.ADMIN)
    if actor.user_id is None:
        raise UserError("重新封存须由具名的系统管理员账户执行。")
    head = _locked_head(session)
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, digest = (last.seq, last.hash) if last is not None else (0, GENESIS_HASH)
    before = {"记录头": f"{head.last_seq}-{head.last_hash[:12]}" if head else "缺失"}
    if head is None:
        session.add(AuditHead(id=1, last_seq=seq, last_hash=digest))
    else:
        head.last_seq, head.last_hash = seq, digest
    session.flush()
    bind = session.get_bind()
    binding = witness.binding_for(bind if isinstance(bind, Engine) else bind.engine)
    if binding is not None:
        witness.reset(binding, witness.Head(seq, digest), "reseal")
    entry = record(session, actor, "reseal", "audit", seq, before=before,
                   after={"核验报告": report.lines(), "新记录头": f"{seq}-{digest[:12]}"},
                   summary=f"系统管理员重新封存审计记录（封存前的问题：{report.head_problem or report.chain.message}）")
    return witness.Head(entry.seq, entry.hash)
