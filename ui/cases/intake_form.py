"""登记: the registration form (RULES.md C.1–C.3) and the dialog that saves it.

The channel decides which date the form asks for (条例第三十一条); the rule applied and the
resulting 收到申请日期 are shown live. Warnings (ID check digit, phone, repeats, many requests)
are shown before saving but never block it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.intake import ID_TYPES, USCC, CaseForm, receipt_date
from app.errors import UserError
from ui.date_field import DateField
from ui.enum_combo import add_labelled
from ui.style import Sheet, apply_style

FORMS_WANTED = ("纸质", "电子邮件", "光盘", "U盘", "其他")


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def to_date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def date_edit(parent: QWidget, value: date) -> DateField:
    return DateField(value, parent)


class IntakeForm(QWidget):
    """The fields of CaseForm. form_data() reads them; load() fills them from a case."""

    receipt_changed = Signal()
    """The computed 收到申请日期 or the rule applied changed."""

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._build(today or date.today())
        self._lay_out()
        self._connect()
        self._on_type()
        self.update_receipt()

    def _build(self, today: date) -> None:
        self.applicant_type = QComboBox(self)
        add_labelled(self.applicant_type, ApplicantType)
        self.applicant_name = QLineEdit(self)
        self.id_type = QComboBox(self)
        self.id_type.setEditable(True)
        self.id_type.addItems(ID_TYPES)
        self.id_number = QLineEdit(self)
        self.legal_representative = QLineEdit(self)
        self.contact_person = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        self.address = QLineEdit(self)
        self.postcode = QLineEdit(self)
        self.postcode.setMaxLength(6)

        self.agent_box = QGroupBox(self.tr("委托代理人（有代理人时填写）"), self)
        self.agent_box.setCheckable(True)
        self.agent_box.setChecked(False)
        self.agent_name = QLineEdit(self)
        self.agent_id_number = QLineEdit(self)
        self.agent_phone = QLineEdit(self)
        self.has_power_of_attorney = QCheckBox(self.tr("已提交授权委托书及双方身份证明"), self)

        self.channel = QComboBox(self)
        add_labelled(self.channel, Channel)
        self.channel.setCurrentIndex(self.channel.findData(Channel.IN_PERSON))  # the counter's usual case
        self.submitted_on = date_edit(self, today)
        self.channel_date = date_edit(self, today)
        self.channel_date_label = QLabel(self.tr("确认日期："), self)
        self.letter_arrived_on = date_edit(self, today)
        self.letter_arrived_on.setObjectName("letterArrivedOn")
        self.letter_arrived_label = QLabel(self.tr("信件到达日期："), self)
        self.rule_text = QLabel(self)
        self.rule_text.setObjectName("receiptRule")
        self.rule_text.setWordWrap(True)
        apply_style(self.rule_text, Sheet.HINT)
        self.received_on = QLabel(self)
        self.received_on.setObjectName("receivedOn")
        apply_style(self.received_on, Sheet.LARGE_INFO)
        self.content = QPlainTextEdit(self)
        self.content.setPlaceholderText(self.tr("申请公开的政府信息名称、文号或便于查询的其他特征性描述"))
        self.content.setMinimumHeight(110)
        self.info_reference = QLineEdit(self)
        self.info_reference.setPlaceholderText(self.tr("如：锦府发〔2023〕12号"))
        self.form_wanted = QComboBox(self)
        self.form_wanted.setEditable(True)
        self.form_wanted.addItems(FORMS_WANTED)
        self.delivery_method = QComboBox(self)
        add_labelled(self.delivery_method, DeliveryMethod)
        self.remarks = QLineEdit(self)
        self.asks_channel_date = False
        self.name_label = QLabel(self.tr("姓名 *："), self)
        self.legal_label = QLabel(self.tr("法定代表人："), self)
        self.contact_label = QLabel(self.tr("联系人："), self)
        self.phone.setPlaceholderText(self.tr("电话、邮箱、地址至少填写一项"))
        self.fields: dict[str, QWidget] = {
            "applicant_type": self.applicant_type, "applicant_name": self.applicant_name, "id_type": self.id_type,
            "id_number": self.id_number, "legal_representative": self.legal_representative,
            "contact_person": self.contact_person, "phone": self.phone, "email": self.email,
            "address": self.address, "postcode": self.postcode, "agent_name": self.agent_name,
            "agent_id_number": self.agent_id_number, "agent_phone": self.agent_phone,
            "has_power_of_attorney": self.has_power_of_attorney, "channel": self.channel,
            "submitted_on": self.submitted_on, "channel_date": self.channel_date,
            "letter_arrived_on": self.letter_arrived_on, "content": self.content,
            "info_reference": self.info_reference, "form_wanted": self.form_wanted,
            "delivery_method": self.delivery_method, "remarks": self.remarks,
        }

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        who = QGroupBox(self.tr("申请人"), self)
        f = QFormLayout(who)
        f.addRow(self.tr("申请人类型："), self.applicant_type)
        f.addRow(self.name_label, self.applicant_name)
        f.addRow(self.tr("证件类型："), self.id_type)
        f.addRow(self.tr("证件号码："), self.id_number)
        f.addRow(self.legal_label, self.legal_representative)
        f.addRow(self.contact_label, self.contact_person)
        f.addRow(self.tr("联系电话："), self.phone)
        f.addRow(self.tr("电子邮箱："), self.email)
        f.addRow(self.tr("通信地址："), self.address)
        f.addRow(self.tr("邮政编码："), self.postcode)
        left.addWidget(who)
        a = QFormLayout(self.agent_box)
        a.addRow(self.tr("代理人姓名："), self.agent_name)
        a.addRow(self.tr("代理人证件号码："), self.agent_id_number)
        a.addRow(self.tr("代理人电话："), self.agent_phone)
        a.addRow("", self.has_power_of_attorney)
        left.addWidget(self.agent_box)
        left.addStretch(1)

        req = QGroupBox(self.tr("申请"), self)
        r = QFormLayout(req)
        r.addRow(self.tr("申请方式："), self.channel)
        r.addRow(self.tr("提交日期："), self.submitted_on)
        r.addRow(self.letter_arrived_label, self.letter_arrived_on)
        r.addRow(self.channel_date_label, self.channel_date)
        r.addRow(self.tr("收到申请日期："), self.received_on)
        r.addRow("", self.rule_text)
        r.addRow(self.tr("申请内容 *："), self.content)
        r.addRow(self.tr("文号或描述："), self.info_reference)
        r.addRow(self.tr("获取信息方式："), self.form_wanted)
        r.addRow(self.tr("送达方式："), self.delivery_method)
        r.addRow(self.tr("备注："), self.remarks)
        self._request_form = r

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addWidget(req, 1)

    def _connect(self) -> None:
        self.applicant_type.currentIndexChanged.connect(self._on_type)
        for w in (self.channel,):
            w.currentIndexChanged.connect(self.update_receipt)
        self.submitted_on.dateChanged.connect(self.update_receipt)
        self.channel_date.dateChanged.connect(self.update_receipt)

    @Slot()
    def _on_type(self) -> None:
        person = ApplicantType(self.applicant_type.currentData()).is_person
        self.name_label.setText(self.tr("姓名 *：") if person else self.tr("名称 *："))
        for label, w in ((self.legal_label, self.legal_representative), (self.contact_label, self.contact_person)):
            label.setVisible(not person)
            w.setVisible(not person)
        if not person and self.id_type.currentText() == ID_TYPES[0]:
            self.id_type.setCurrentText(USCC)
        elif person and self.id_type.currentText() == USCC:
            self.id_type.setCurrentText(ID_TYPES[0])

    @Slot()
    def update_receipt(self) -> None:
        """Recompute 收到申请日期 for the chosen channel and show which rule gave it."""
        channel = Channel(self.channel.currentData())
        try:
            result = receipt_date(channel, to_date(self.submitted_on.date()), to_date(self.channel_date.date()))
        except UserError as exc:  # a live preview of typed dates (no session): said beside the field
            self.asks_channel_date = True
            self.received_on.setText(self.tr("无法确定"))
            self.rule_text.setText(str(exc))
            self.receipt_changed.emit()
            return
        asks = bool(result.needs_label)
        self.asks_channel_date = asks
        # 平信: the arrival day is recorded beside the confirmation day (条例第三十一条第（二）项).
        ordinary = channel is Channel.LETTER_ORDINARY
        self.letter_arrived_label.setVisible(ordinary)
        self.letter_arrived_on.setVisible(ordinary)
        self.channel_date_label.setVisible(asks)
        self.channel_date.setVisible(asks)
        if asks:
            self.channel_date_label.setText(result.needs_label + self.tr("："))
        self.received_on.setText(result.received_on.isoformat() if result.received_on else self.tr("无法确定"))
        self.rule_text.setText(result.rule_text)
        self.receipt_changed.emit()

    def form_data(self) -> CaseForm:
        agent = self.agent_box.isChecked()
        channel = Channel(self.channel.currentData())
        return CaseForm(
            applicant_type=ApplicantType(self.applicant_type.currentData()),
            applicant_name=self.applicant_name.text().strip(),
            id_type=self.id_type.currentText().strip(),
            id_number=self.id_number.text().strip(),
            legal_representative=self.legal_representative.text().strip(),
            contact_person=self.contact_person.text().strip(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            address=self.address.text().strip(),
            postcode=self.postcode.text().strip(),
            agent_name=self.agent_name.text().strip() if agent else "",
            agent_id_number=self.agent_id_number.text().strip() if agent else "",
            agent_phone=self.agent_phone.text().strip() if agent else "",
            has_power_of_attorney=agent and self.has_power_of_attorney.isChecked(),
            channel=channel,
            submitted_on=to_date(self.submitted_on.date()),
            channel_date=to_date(self.channel_date.date()) if self.asks_channel_date else None,
            content=self.content.toPlainText().strip(),
            info_reference=self.info_reference.text().strip(),
            form_wanted=self.form_wanted.currentText().strip(),
            delivery_method=DeliveryMethod(self.delivery_method.currentData()),
            remarks=self.remarks.text().strip(),
            letter_arrived_on=to_date(self.letter_arrived_on.date()) if channel is Channel.LETTER_ORDINARY else None,
        )

    def load(self, form: CaseForm) -> None:
        self.applicant_type.setCurrentIndex(max(0, self.applicant_type.findData(ApplicantType(form.applicant_type))))
        for name in ("applicant_name", "id_number", "legal_representative", "contact_person", "phone", "email",
                     "address", "postcode", "agent_name", "agent_id_number", "agent_phone", "info_reference",
                     "remarks"):
            widget = self.fields[name]
            assert isinstance(widget, QLineEdit)
            widget.setText(str(getattr(form, name) or ""))
        self.id_type.setCurrentText(form.id_type)
        self.form_wanted.setCurrentText(form.form_wanted)
        self.agent_box.setChecked(bool(form.agent_name))
        self.has_power_of_attorney.setChecked(bool(form.has_power_of_attorney))
        self.channel.setCurrentIndex(max(0, self.channel.findData(Channel(form.channel))))
        if form.submitted_on:
            self.submitted_on.setDate(to_qdate(form.submitted_on))
        if form.channel_date:
            self.channel_date.setDate(to_qdate(form.channel_date))
        if form.letter_arrived_on:
            self.letter_arrived_on.setDate(to_qdate(form.letter_arrived_on))
        self.content.setPlainText(form.content)
        self.delivery_method.setCurrentIndex(max(0, self.delivery_method.findData(
            DeliveryMethod(form.delivery_method) if form.delivery_method else DeliveryMethod.POST)))
        self.update_receipt()

    def focus_field(self, name: str | None) -> None:
        widget = self.fields.get(name or "")
        if widget is not None:
            if name and name.startswith("agent") and not self.agent_box.isChecked():
                self.agent_box.setChecked(True)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
