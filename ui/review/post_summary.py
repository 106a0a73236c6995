"""HTML for what reviewers read: a post's particulars, its review history, and the marked-up diff."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from app.localtime import local_text
from app.review.enums import ChangeKind, PostStatus, SourceKind
from app.review.ui_support import PostView, kinds_text
from ui.style import Colour, Sheet, pt
from ui.translate import translator

DIFF_STYLES = {"delete": Sheet.DIFF_DELETE, "delete_word": Sheet.DIFF_DELETE_WORD,
               "insert": Sheet.DIFF_INSERT, "insert_word": Sheet.DIFF_INSERT_WORD}
TABLE = '<table cellspacing="0" cellpadding="3" width="100%" style="border-collapse:collapse;">'
LABEL_CELL = '<td width="110" style="color:#555; vertical-align:top;">{}</td>'


_tr = translator("PostSummary")


def _row(label: str, value: str, *, raw: bool = False) -> str:
    return "<tr>" + LABEL_CELL.format(escape(label)) + f"<td>{value if raw else escape(value)}</td></tr>"


def _link(url: str) -> str:
    return f'<a href="{escape(url, quote=True)}">{escape(url)}</a>' if url else ""


def status_text(status: PostStatus, round_no: int) -> str:
    """A draft again after a stage returned it reads 退回修改, so the editor sees it needs work."""
    return _tr("退回修改") if status is PostStatus.DRAFT and round_no > 1 else status.label


def return_note(v: PostView) -> str:
    """Who returned the post in the previous round and why, or ''."""
    if v.status is not PostStatus.DRAFT or v.round < 2:
        return ""
    returned = [r for r in v.reviews if r.round == v.round - 1 and r.decision.value == "return"]
    if not returned:
        return ""
    r = returned[-1]
    return _tr("第 {n} 轮{stage}退回（{who}）：{why}").format(n=r.round, stage=r.stage.label, who=r.reviewer_name,
                                                         why=r.opinion)


def source_rows(v: PostView) -> list[str]:
    f = v.form
    rows = [_row(_tr("信息来源"), f.source_kind.label)]
    if f.source_kind is SourceKind.REPRINT:
        rows += [_row(_tr("转载来源网站"), f.source_site), _row(_tr("转载时间"), local_text(f.reprinted_at)),
                 _row(_tr("转载链接"), _link(f.source_url), raw=True)]
        if f.source_justification:
            rows.append(_row(_tr("转载理由"), f.source_justification))
    elif f.source_kind is SourceKind.COLLECTED:
        rows += [_row(_tr("报送单位"), f.source_department), _row(_tr("已发布网址"), _link(f.source_url), raw=True)]
    else:
        basis = [a.filename for a in v.attachments if a.purpose == "basis"]
        rows += [_row(_tr("首发依据"), f"{f.basis_kind} {f.basis_reference}".strip()),
                 _row(_tr("扫描件"), "、".join(basis) or _tr("（未附）"))]
    if f.source_unit:
        rows.append(_row(_tr("来源单位"), f.source_unit))
    return rows


def summary_html(v: PostView, *, with_body: bool = False) -> str:
    """The particulars of a post, as the detail pane and the sign-off dialog show them."""
    f = v.form
    title = f"<p style='font-size:{pt(13)}pt; font-weight:bold; margin:0 0 6px 0;'>{escape(f.title)}</p>"
    rows = [
        _row(_tr("编号"), v.post_no),
        _row(_tr("状态"), f"{status_text(v.status, v.round)}（第 {v.round} 轮，共 {v.version_count} 版）"),
        _row(_tr("发布到"), f.target),
        _row(_tr("信息形式"), kinds_text(f.kinds)),
        _row(_tr("采编"), v.author_name),
    ]
    if v.change_kind is not ChangeKind.NEW:
        rows.append(_row(_tr("类型"), _tr("{kind}（原稿 {no}）").format(kind=v.change_kind.label, no=v.parent_no)))
    rows += source_rows(v)
    flags = []
    if f.sensitive:
        flags.append(_tr("重要/敏感信息"))
    if f.major_emergency:
        flags.append(_tr("涉及重特大突发事件、突发性群体事件"))
    if flags:
        rows.append(_row(_tr("请示报告"), "<span style='color:#b3261e;'>" + escape("；".join(flags)) + "</span>",
                         raw=True))
        if v.escalation_answer:
            on = v.escalation_on.isoformat() if v.escalation_on else ""
            rows.append(_row(_tr("答复意见"), f"{v.escalation_by}（{on}）：{v.escalation_answer}"))
        else:
            rows.append(_row(_tr("答复意见"), "<span style='color:#b3261e;'>" + _tr("尚未记录") + "</span>", raw=True))
    others = [a for a in v.attachments if a.purpose != "basis"]
    if others:
        rows.append(_row(_tr("附件"), "、".join(f"{a.filename}（{a.purpose_label}）" for a in others)))
    if v.status in (PostStatus.PUBLISHED, PostStatus.CONFIRMED, PostStatus.WITHDRAWN) or v.published_at:
        rows += [_row(_tr("发布网址"), _link(v.published_url), raw=True),
                 _row(_tr("发布时间"), local_text(v.published_at))]
    if v.confirmed_at:
        rows.append(_row(_tr("来源单位确认"), f"{v.confirmed_by}（{local_text(v.confirmed_at)}）"))
    if f.abstract:
        rows.append(_row(_tr("摘要"), f.abstract))
    note = return_note(v)
    if note:
        title += f"<p style='color:#b3261e; font-weight:bold; margin:0 0 6px 0;'>{escape(note)}</p>"
    html = title + TABLE + "".join(rows) + "</table>"
    if with_body:
        html += "<hr/><div style='white-space:pre-wrap;'>" + escape(f.body) + "</div>"
    return html


def history_html(v: PostView) -> str:
    """Every stage's decision, newest round first; unticked points with their notes."""
    if not v.reviews:
        return "<p style='color:#555;'>" + _tr("尚无审核记录。") + "</p>"
    head = "".join(f"<th align='left' style='background:#eef1f5;'>{escape(h)}</th>" for h in
                   (_tr("轮次"), _tr("环节"), _tr("审核人"), _tr("结论"), _tr("意见"), _tr("时间")))
    rows = []
    for r in sorted(v.reviews, key=lambda r: (-r.round, r.signed_at)):
        colour = Colour.OK if r.decision.value == "approve" else Colour.ERROR
        notes = [f"{k}：{m.note}" for k, m in r.checklist.items() if m.note]
        opinion = escape(r.opinion) + "".join(f"<br/><span style='color:#555;'>· {escape(n)}</span>" for n in notes)
        rows.append(
            f"<tr><td>{r.round}</td><td>{escape(r.stage.label)}</td><td>{escape(r.reviewer_name)}</td>"
            f"<td style='color:{colour};'>{escape(r.decision.label)}</td><td>{opinion}</td>"
            f"<td>{escape(local_text(r.signed_at))}</td></tr>"
        )
    return TABLE.replace('width="100%"', 'width="100%" border="1"') + f"<tr>{head}</tr>" + "".join(rows) + "</table>"


def diff_html(segments: Sequence[tuple[str, str]]) -> str:
    """Unchanged sentences plain; the old sentence struck in red and the new one in green, the changed
    words inside each darker and bold (app/review/text_diff.py)."""
    parts = []
    for op, text in segments:
        t = escape(text)
        style = DIFF_STYLES.get(op)
        parts.append(f"<span style='{style}'>{t}</span>" if style else t)
    return "<div style='white-space:pre-wrap; line-height:150%;'>" + "".join(parts) + "</div>"
