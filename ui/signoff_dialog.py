"""签批: a second person approves or returns something with their own user name and password.

    def on_signed(session, signer, decision, opinion):
        record_signoff(session, signer, subject_type="post", subject_id=post.id, step="second",
                       decision=decision, opinion=opinion, roles=roles, exclude_user_ids=[post.author_id])
        advance_post(session, signer, post.id, decision)       # the feature's own change

    dialog = SignOffDialog(ctx, title="二审签批", summary_html_or_text=html, roles=roles,
                           exclude_user_ids=[post.author_id], on_signed=on_signed, parent=self)
    if dialog.exec() == QDialog.DialogCode.Accepted: ...      # or dialog.open() + accepted signal

Two units of work: checking the signer is committed whatever the result (so wrong passwords count
toward the lockout and are audited); the feature's change runs in its own transaction, so a
refusal there rolls back only the change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape

from PySide6.QtCore import Slot
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.auth.roles import Role
from app.context import Actor
from app.errors import StaleContent
from app.signoff.service import Decision, check_signer
from ui.context import AppContext
from ui.dialog_parts import password_field
from ui.messages import logged_error_text
from ui.operations import Op, busy_cursor
from ui.style import Sheet, apply_style

OnSigned = Callable[[Session, Actor, Decision, str], None]
# Re-reads what is signed: (summary to show, its app.signoff.content hash).
Reload = Callable[[Session], tuple[str, str]]
ERROR_STYLE = Sheet.ERROR


class SignOffDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        *,
        title: str,
        summary_html_or_text: str,
        roles: Sequence[Role],
        exclude_user_ids: Sequence[int] | Mapping[int, str] = (),
        allow_return: bool = True,
        on_signed: OnSigned,
        reload: Reload | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not roles:
            raise ValueError("SignOffDialog needs at least one role that may sign")
        self.ctx = ctx
        self.roles = tuple(roles)
        # With reasons (a mapping), a refused signer reads the feature's own reason.
        self.exclude_user_ids: Sequence[int] | Mapping[int, str] = (
            dict(exclude_user_ids) if isinstance(exclude_user_ids, Mapping) else tuple(exclude_user_ids))
        self.allow_return = allow_return
        self._on_signed = on_signed
        self._reload = reload
        # The content hash of the summary on screen; on_signed passes it to the service, which
        # refuses when the record changed since (the signature binds what the signer saw).
        self.seen_hash = ""
        self.signed_by: Actor | None = None
        self.decision: Decision | None = None
        self.opinion_text = ""

        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self._build(title, summary_html_or_text)
        self._lay_out()
        self._connect()
        self.username.setFocus()
        if reload is not None:
            self.reload_content()

    def _build(self, title: str, summary_html_or_text: str) -> None:
        self.heading = QLabel(title, self)
        apply_style(self.heading, Sheet.HEADING_LARGE)
        self.summary = QTextBrowser(self)
        self.summary.setOpenLinks(False)
        self.summary.setMinimumHeight(160)
        self._show_summary(summary_html_or_text)
        self.hint = QLabel(
            self.tr("请由有权签批的人员（{roles}）本人输入用户名和密码签批。").format(
                roles="、".join(r.label for r in self.roles)
            ),
            self,
        )
        self.hint.setWordWrap(True)
        apply_style(self.hint, Sheet.HINT)

        self.username = QLineEdit(self)
        self.username.setPlaceholderText(self.tr("签批人的用户名"))
        self.password = password_field(self, self.tr("签批人本人的密码"))
        self.opinion = QPlainTextEdit(self)
        self.opinion.setPlaceholderText(
            self.tr("同意时可不填；退回时必须写明理由。") if self.allow_return else self.tr("可填写签批意见。")
        )
        self.opinion.setFixedHeight(90)

        self.message = QLabel(self)
        self.message.setObjectName("signoffMessage")
        self.message.setWordWrap(True)
        apply_style(self.message, ERROR_STYLE)
        self.message.hide()

        self.buttons = QDialogButtonBox(self)
        self.approve_button = QPushButton(self.tr("同意"), self)
        self.return_button = QPushButton(self.tr("退回"), self)
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.approve_button.setAutoDefault(False)
        self.return_button.setAutoDefault(False)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("签批人用户名："), self.username)
        form.addRow(self.tr("密码："), self.password)
        form.addRow(self.tr("意见："), self.opinion)
        self.buttons.addButton(self.approve_button, QDialogButtonBox.ButtonRole.AcceptRole)
        if self.allow_return:
            self.buttons.addButton(self.return_button, QDialogButtonBox.ButtonRole.ActionRole)
        else:
            self.return_button.hide()
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(QLabel(self.tr("签批内容："), self))
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        # The buttons do the work themselves; the box must not accept/reject on its own.
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_for_revision)
        self.cancel_button.clicked.connect(self.reject)

    def _show_summary(self, text: str) -> None:
        if QtGuiNamespace.mightBeRichText(text):
            self.summary.setHtml(text)
        else:
            self.summary.setPlainText(text)

    def reload_content(self) -> None:
        """Show the record as it is now and remember its hash (the version a signature binds)."""
        if self._reload is None:
            return
        with self.ctx.reader() as session:
            text, self.seen_hash = self._reload(session)
        self._show_summary(text)

    @Slot()
    def approve(self) -> None:
        """同意."""
        self.sign(Decision.APPROVE)

    @Slot()
    def return_for_revision(self) -> None:
        """退回 (needs an opinion)."""
        if not self.allow_return:
            return
        self.sign(Decision.RETURN)

    def sign(self, decision: Decision) -> bool:
        """Check the signer, then run on_signed; True when signed and the dialog accepted."""
        username = self.username.text().strip()
        password = self.password.text()
        opinion = self.opinion.toPlainText().strip()
        if decision is Decision.RETURN and not opinion:
            return self._fail(self.tr("退回时必须在“意见”中写明退回理由。"), self.opinion)
        if not username:
            return self._fail(self.tr("请填写签批人用户名。"), self.username)
        if not password:
            return self._fail(self.tr("请填写签批人的密码。"), self.password)

        with busy_cursor():
            # Committed on its own: a wrong password counts towards the lockout even if nothing is signed.
            ok, check = self.ctx.run(Op(
                lambda s: check_signer(s, username, password, self.roles, self.exclude_user_ids),
                message=self.message, title=self.windowTitle()))
            if not ok or check is None:
                return False
            if not check.ok or check.actor is None:
                self.password.clear()
                return self._fail(check.message, self.password)
            signer = check.actor
            stale: list[StaleContent] = []

            def signed(session: Session) -> None:
                try:
                    self._on_signed(session, signer, decision, opinion)
                except StaleContent as exc:  # noted so the newest text is shown, then re-raised: the
                    stale.append(exc)          # runner rolls back and says why in the message line
                    raise

            ok, _ = self.ctx.run(Op(signed, message=self.message, title=self.windowTitle()))
            if not ok:
                if stale:  # someone changed the record after this dialog read it: show the new text
                    return self._show_latest(stale[0])
                return False
        self.signed_by = check.actor
        self.decision = decision
        self.opinion_text = opinion
        self.message.hide()
        self.accept()
        return True

    def _show_latest(self, stale: StaleContent) -> bool:
        try:
            self.reload_content()
        except Exception as read_exc:  # the message below still says what happened
            logged_error_text(read_exc, "Sign-off reload failed")
        return self._fail(str(stale) + self.tr("下方已显示最新内容。"), None)

    def _fail(self, text: str, focus: QWidget | None) -> bool:
        self.message.setText(text)
        self.message.show()
        if focus is not None:
            focus.setFocus()
        return False


def content_html(content: Mapping[str, str]) -> str:
    """The label → text a signature binds (app.signoff.content), as the dialog's summary."""
    return "".join(
        f"<p><b>{escape(label)}：</b>{escape(text).replace(chr(10), '<br>')}</p>" for label, text in content.items()
    )
