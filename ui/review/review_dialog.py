"""One review stage of a post (rule A 第九—十一条): the stage's duty, the nine points and the five
requirements ticked or annotated, the automated findings, the changes since the previous stage
approved, an opinion, 同意 / 退回. 初审 is signed by the signed-in editor; 二审 and 三审 by the
signer's own password in the SignOffDialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.changes import RecordKind
from app.context import Actor
from app.errors import StaleContent, UserError
from app.review.enums import CHECKLIST_ITEMS, REQUIREMENTS, STAGE_DUTIES, ReviewStage
from app.review.posts import STAGE_ROLES, get_post
from app.review.text_diff import diff_segments
from app.review.ui_support import PostView, VersionText, checklist_problem, compare_versions, post_view
from app.review.workflow import (
    ChecklistMark,
    escalation_missing,
    excluded_signers,
    post_signoff_content,
    record_escalation,
    review,
)
from app.signoff.content import content_hash
from app.signoff.service import Decision
from ui.context import AppContext
from ui.date_field import DateField
from ui.discard_guard import DiscardGuard
from ui.help import add_help_shortcut
from ui.operations import Op, announce
from ui.review.checklist_model import REQUIREMENT_TEXT, ChecklistModel, rows_for
from ui.review.checklist_view import CHECKLIST_PROBLEM_START, ChecklistTable
from ui.review.checks_panel import ChecksPanel
from ui.review.post_summary import diff_html, history_html, summary_html
from ui.screen_fit import scroll_area
from ui.signoff_dialog import SignOffDialog
from ui.style import Sheet, apply_style

ESCALATION_BODIES = ("县委保密部门", "县委网信部门", "县委、县政府有关领导")
DUTY_NUMBERS = {ReviewStage.FIRST: "（一）", ReviewStage.SECOND: "（二）", ReviewStage.THIRD: "（三）"}


class ReviewDialog(QDialog):
    review_recorded = Signal(int)
    """A stage approved or returned the post; carries the post id."""

    def __init__(self, ctx: AppContext, post_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.post_id = post_id
        self.signoff: SignOffDialog | None = None
        with ctx.reader() as s:
            self.view: PostView = post_view(s, post_id, ctx.actor)
            base, current, base_label = compare_versions(s, post_id)
            # The version this reviewer reads: 初审 binds it; a newer save is refused (issue 19).
            self.seen_hash = content_hash(post_signoff_content(get_post(s, post_id)))
        if self.view.stage is None:
            raise UserError(self.tr("稿件当前处于“{status}”状态，没有待审核的环节。").format(
                status=self.view.status.label))
        self.stage: ReviewStage = self.view.stage
        self._checklist_refused = False
        self.setWindowTitle(self.tr("{stage} — 稿件 {no}").format(stage=self.stage.label, no=self.view.post_no))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1240, 840)
        self._build(base, current, base_label)
        self._lay_out()
        self._connect()
        self._update_pending()

    # -- build / lay out / connect -----------------------------------------------------------
    def _build(self, base: VersionText | None, current: VersionText | None, base_label: str) -> None:
        self.heading = QLabel(self.tr("{stage}（{who}）：{title}").format(
            stage=self.stage.label, who=self.stage.reviewer_label, title=self.view.form.title), self)
        apply_style(self.heading, Sheet.HEADING_LARGE)
        self.sub = QLabel(self.tr("编号 {no} · 发布到 {target} · 第 {round} 轮 · 采编 {author}").format(
            no=self.view.post_no, target=self.view.form.target, round=self.view.round,
            author=self.view.author_name), self)
        apply_style(self.sub, Sheet.HINT)
        duty_text = self.tr("第九条{n}{duty}").format(n=DUTY_NUMBERS[self.stage], duty=STAGE_DUTIES[self.stage])
        self.duty = duty = QLabel(duty_text, self)
        duty.setObjectName("stageDuty")
        duty.setWordWrap(True)
        apply_style(duty, Sheet.DUTY_BOX)

        # Left: what is reviewed.
        self.diff = QTextBrowser(self)
        self.diff.setObjectName("diffView")
        self.diff.setOpenLinks(False)
        self.compare = compare = QLabel(self)
        compare.setObjectName("compareLabel")
        if base is None or current is None or base.number == current.number:
            compare.setText(self.tr("当前第 {n} 版与{label}相同，没有修改。").format(
                n=current.number if current else 1, label=base_label))
            self.diff.setHtml(diff_html([("equal", current.text if current else "")]))
        else:
            compare.setText(self.tr(
                "对比：{label} → 当前第 {n} 版（{who} 保存）。红色删除线为原句，绿色为改后的句子，深色为改动的词语。")
                            .format(label=base_label, n=current.number, who=current.saved_by))
            self.diff.setHtml(diff_html(diff_segments(base.text, current.text)))
        compare.setWordWrap(True)
        self.diff_page = QWidget(self)
        self.body = QPlainTextEdit(self)
        self.body.setReadOnly(True)
        self.body.setPlainText(self.view.form.body)
        self.checks = ChecksPanel(self.ctx, self.body, self.post_id, self)
        self.checks_page = QSplitter(Qt.Orientation.Horizontal, self)
        self.info = QTextBrowser(self)
        self.info.setOpenLinks(False)
        self.info.setHtml(summary_html(self.view))
        self.history = QTextBrowser(self)
        self.history.setHtml(history_html(self.view))
        self.tabs = QTabWidget(self)

        # Right: the checklist.
        self.points = ChecklistModel(rows_for(CHECKLIST_ITEMS), self)
        self.requirements = ChecklistModel(rows_for(REQUIREMENTS, REQUIREMENT_TEXT), self)
        self.points_box = QGroupBox(self.tr("审核内容（第十一条）"), self)
        self.points_table = ChecklistTable(self.points, self.points_box)
        self.req_box = QGroupBox(self.tr("审核要求（第十条）"), self)
        self.req_table = ChecklistTable(self.requirements, self.req_box)
        self.pending = QLabel(self)
        self.pending.setObjectName("checklistPending")
        self.pending.setWordWrap(True)
        self.right_body = QWidget(self)
        self.checklist_hint = QLabel(self.tr("逐项核查：符合的打勾；不勾选时须在“说明”中写明情况。"), self)
        # Scrolls rather than grows: the list of unticked points must never push the dialog's
        # buttons off a 1366×768 screen.
        self.right = scroll_area(self.right_body, self)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)

        self.escalation = self._escalation_box()
        self.opinion = QPlainTextEdit(self)
        self.opinion.setObjectName("reviewOpinion")
        self.opinion.setFixedHeight(64)
        self.opinion.setPlaceholderText(self.tr("审核意见：同意时可简写；退回时必须写明理由和修改要求"))
        self.message = QLabel(self)
        self.message.setObjectName("reviewMessage")
        self.message.setWordWrap(True)
        apply_style(self.message, Sheet.ERROR)
        self.approve_button = QPushButton(self.tr("同意"), self)
        apply_style(self.approve_button, Sheet.PRIMARY_BUTTON)
        self.return_button = QPushButton(self.tr("退回修改"), self)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        for b in (self.approve_button, self.return_button):
            b.setAutoDefault(False)

    def _lay_out(self) -> None:
        dl = QVBoxLayout(self.diff_page)
        dl.addWidget(self.compare)
        dl.addWidget(self.diff, 1)
        self.checks_page.addWidget(self.body)
        self.checks_page.addWidget(self.checks)
        self.checks_page.setStretchFactor(0, 3)
        self.checks_page.setStretchFactor(1, 2)
        self.tabs.addTab(self.diff_page, self.tr("修改对比"))
        self.tabs.addTab(self.checks_page, self.tr("正文与自动检查"))
        self.tabs.addTab(self.info, self.tr("稿件信息与来源"))
        self.tabs.addTab(self.history, self.tr("审核记录（{n}）").format(n=len(self.view.reviews)))
        QVBoxLayout(self.points_box).addWidget(self.points_table)
        QVBoxLayout(self.req_box).addWidget(self.req_table)
        rl = QVBoxLayout(self.right_body)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.checklist_hint)
        rl.addWidget(self.points_box)
        rl.addWidget(self.req_box)
        rl.addWidget(self.pending)
        rl.addStretch(1)
        self.split.addWidget(self.tabs)
        self.split.addWidget(self.right)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 0)
        self.split.setSizes([640, 600])
        self.split.setChildrenCollapsible(False)
        self._lay_out_escalation()
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.sub)
        layout.addWidget(self.duty)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.escalation)
        layout.addWidget(QLabel(self.tr("审核意见："), self))
        layout.addWidget(self.opinion)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        add_help_shortcut(self, "review_dialog")  # F1
        self.checks.findings_changed.connect(
            lambda n: self.tabs.setTabText(1, self.tr("正文与自动检查（待核查 {n}）").format(n=n) if n
                                           else self.tr("正文与自动检查")))
        for model in (self.points, self.requirements):
            model.dataChanged.connect(self._update_pending)
        self.escalation_save.clicked.connect(self.save_escalation)
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_post)
        self.cancel_button.clicked.connect(self.reject)
        # The opinion, the ticks and notes of the checklist are typed work: Esc, 取消, the close
        # button and Ctrl+Q ask before throwing them away.
        self.guard = DiscardGuard(self, what=self.tr("审核意见和审核要点"))
        for model in (self.points, self.requirements):
            model.dataChanged.connect(self.guard.mark_dirty)

    def reject(self) -> None:
        if self.guard.allow_reject():
            super().reject()

    # -- escalation (第九条, last paragraph) ----------------------------------------------------
    def _escalation_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("请示报告答复（第九条）"), self)
        box.setObjectName("escalationBox")
        with self.ctx.reader() as s:
            why = escalation_missing(get_post(s, self.post_id))
        self.escalation_why = QLabel(why, box)
        self.escalation_why.setWordWrap(True)
        apply_style(self.escalation_why, Sheet.ERROR)
        self.escalation_by = QComboBox(box)
        self.escalation_by.setEditable(True)
        self.escalation_by.addItems(ESCALATION_BODIES)
        self.escalation_answer = QLineEdit(box)
        self.escalation_answer.setPlaceholderText(self.tr("答复或同意意见，如：经审查可以公开发布"))
        self.escalation_on = DateField(QDate.currentDate(), box)
        self.escalation_save = QPushButton(self.tr("记录答复"), box)
        box.setVisible(bool(why))
        return box

    def _lay_out_escalation(self) -> None:
        box = self.escalation
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("答复单位/领导："), box))
        row.addWidget(self.escalation_by)
        row.addWidget(QLabel(self.tr("意见："), box))
        row.addWidget(self.escalation_answer, 1)
        row.addWidget(QLabel(self.tr("日期："), box))
        row.addWidget(self.escalation_on)
        row.addWidget(self.escalation_save)
        layout = QVBoxLayout(box)
        layout.addWidget(self.escalation_why)
        layout.addLayout(row)

    @Slot()
    def save_escalation(self) -> bool:
        """Record the answer of the secrecy or cyberspace office, or the county leader's consent."""
        on: date = self.escalation_on.date().toPython()  # type: ignore[assignment]
        by, answer = self.escalation_by.currentText(), self.escalation_answer.text()
        if not self.ctx.run(Op(lambda s: record_escalation(s, self.ctx.actor, self.post_id, by, answer, on),
                               RecordKind.REVIEW, parent=self, message=self.message)).ok:
            return False
        self.escalation.hide()
        self.message.setText("")
        return True

    # -- deciding ------------------------------------------------------------------------------
    def marks(self) -> dict[str, ChecklistMark]:
        return {**self.points.marks(), **self.requirements.marks()}

    @Slot()
    def _update_pending(self) -> None:
        """The points still open, listed and kept current as they are ticked or annotated."""
        n = self.points.pending() + self.requirements.pending()
        problem = checklist_problem(self.marks())
        self.pending.setText(self.tr("尚有 {n} 项未勾选也未注明：\n{items}").format(
            n=n, items=problem.split("\n", 1)[-1]) if n else self.tr("各要点均已核查。"))
        apply_style(self.pending, Sheet.either(bool(n), Sheet.WARN, Sheet.OK))
        if self._checklist_refused and not problem:
            self.message.clear()  # its cause is fixed
            self._checklist_refused = False

    @Slot()
    def approve(self) -> None:
        """同意: checked here first so the signer is not asked for a password in vain."""
        marks = self.marks()
        problem = checklist_problem(marks)
        if not problem and self.stage is ReviewStage.THIRD:
            with self.ctx.reader() as s:
                problem = escalation_missing(get_post(s, self.post_id))
        if problem:
            self._checklist_refused = problem.startswith(CHECKLIST_PROBLEM_START)
            # The whole list is on the right (live); one line here keeps the dialog's height.
            self.message.setText(self.tr("以下审核要点尚未勾选或注明意见，见右侧列表。")
                                 if self._checklist_refused else problem)
            return
        self._decide(Decision.APPROVE)

    @Slot()
    def return_post(self) -> None:
        """退回: back to the editor and through every stage again."""
        if not self.opinion.toPlainText().strip():
            self.message.setText(self.tr("退回稿件须在“审核意见”中写明理由。"))
            self.opinion.setFocus()
            return
        self._decide(Decision.RETURN)

    def _decide(self, decision: Decision) -> None:
        marks = self.marks()
        stage, post_id = self.stage, self.post_id

        if stage is ReviewStage.FIRST:
            # 初审 belongs to the signed-in 信息采编员 (第九条(一)): no second password.
            opinion, seen = self.opinion.toPlainText(), self.seen_hash

            def first(s: Session) -> None:
                try:
                    review(s, self.ctx.actor, post_id, stage, decision, opinion, marks, seen_hash=seen)
                except StaleContent:
                    self._stale = True
                    raise

            # No changes announced here: _done announces them for both ways of signing.
            self._stale = False
            if self.ctx.run(Op(first, parent=self, message=self.message)).ok:
                self._done()
            elif self._stale:
                self.show_current_text()
            return

        def on_signed(session: Session, signer: Actor, chosen: Decision, opinion: str) -> None:
            review(session, signer, post_id, stage, chosen, opinion, marks, seen_hash=dialog.seen_hash)

        def content(s: Session) -> tuple[str, str]:
            # The signer reads the post with its text as it is on record now, and signs that.
            view = post_view(s, post_id, self.ctx.actor)
            return (summary_html(view, with_body=True) + conclusion,
                    content_hash(post_signoff_content(get_post(s, post_id))))

        with self.ctx.reader() as s:
            excluded = excluded_signers(s, get_post(s, post_id), stage)  # with the reason each is refused
        what = self.tr("同意") if decision is Decision.APPROVE else self.tr("退回")
        conclusion = "<p><b>" + self.tr("{stage}结论：{what}").format(stage=stage.label, what=what) + "</b></p>"
        dialog = SignOffDialog(
            self.ctx, title=self.tr("{stage}签批（{who}）").format(stage=stage.label, who=stage.reviewer_label),
            summary_html_or_text="", roles=STAGE_ROLES[stage], exclude_user_ids=excluded,
            allow_return=decision is Decision.RETURN, on_signed=on_signed, reload=content, parent=self,
        )
        if decision is Decision.RETURN:
            dialog.approve_button.hide()  # the decision was taken here; the signer confirms it
        dialog.opinion.setPlainText(self.opinion.toPlainText())
        dialog.accepted.connect(self._done)
        self.signoff = dialog
        dialog.open()

    def show_current_text(self) -> None:
        """After a refusal because the post changed: show the text now on record, to read again."""
        with self.ctx.reader() as s:
            self.view = post_view(s, self.post_id, self.ctx.actor)
            self.seen_hash = content_hash(post_signoff_content(get_post(s, self.post_id)))
        self.body.setPlainText(self.view.form.body)
        self.tabs.setCurrentIndex(1)  # 正文与自动检查

    @Slot()
    def _done(self) -> None:
        self.guard.mark_clean()
        self.review_recorded.emit(self.post_id)
        announce(self.ctx, RecordKind.REVIEW)
        self.accept()
