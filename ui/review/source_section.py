"""The source part of the post editor: the fields rule A asks for 转载 / 采集 / 首发 (第五–八条,
第十条(三)(四)), the escalation flags of 第九条, and the unit that confirms after publication."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.localtime import to_local, to_utc
from app.review.enums import REPRINT_LEVELS, SourceKind
from app.review.posts import PostForm
from app.review.sources import Source, authoritative_sources, level_problem, match_source
from ui.context import AppContext
from ui.date_field import DateTimeField
from ui.style import Sheet, apply_style

BASIS_KINDS = ("领导批示", "正式公函")
LEVEL_LABELS = {"central": QCoreApplication.translate("SourceSection", "中央"),
                "provincial": QCoreApplication.translate("SourceSection", "省级"),
                "local": QCoreApplication.translate("SourceSection", "地方")}
HINT_STYLE = Sheet.HINT
UNSET = QDateTime.fromString("2000-01-01T00:00:00", "yyyy-MM-ddTHH:mm:ss")


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    apply_style(label, HINT_STYLE)
    return label


class SourceSection(QWidget):
    """Reads and writes the source, flag and source-unit fields of a PostForm."""

    changed = Signal()
    """Any field of this section was edited."""

    basis_upload_requested = Signal()
    """The user wants to attach the leader's instruction or official letter (首发)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        with ctx.reader() as s:
            self.sources: list[Source] = authoritative_sources(s)
        self._build()
        self._lay_out()
        self._connect()
        self.kind_buttons[SourceKind.REPRINT].setChecked(True)
        self.set_basis_count(0)

    def _build(self) -> None:
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[SourceKind, QRadioButton] = {}
        for i, kind in enumerate(SourceKind):
            button = QRadioButton(kind.label, self)
            self.kind_group.addButton(button, i)
            self.kind_buttons[kind] = button
        # Only the chosen kind's page is shown; hidden pages take no room (a QStackedWidget would
        # stay as tall as its tallest page).
        self.pages: list[QWidget] = [self._build_reprint(), self._build_collected(), self._build_original()]
        self.source_box = QGroupBox(self.tr("信息来源（第五—八条）"), self)
        self.source_unit = QLineEdit(self)
        self.source_unit.setObjectName("sourceUnit")
        self.source_unit.setPlaceholderText(self.tr("发布后与之确认的信息来源单位（第十五条）"))
        self.flags_box = QGroupBox(self.tr("请示报告（第九条）"), self)
        self.sensitive = QCheckBox(self.tr("重要信息或敏感信息，不能作出判断"), self.flags_box)
        self.sensitive.setObjectName("flagSensitive")
        self.major_emergency = QCheckBox(self.tr("涉及重特大突发事件、突发性群体事件"), self.flags_box)
        self.major_emergency.setObjectName("flagEmergency")
        self.setMaximumWidth(900)  # a form across a wide screen is hard to read

    def _build_reprint(self) -> QWidget:
        # 转载 (第六条, 第十条(三)(四)): the page must show 转载来源网站, 转载时间, 转载链接.
        reprint = QWidget(self)
        self.site = QLineEdit(reprint)
        self.site.setObjectName("sourceSite")
        self.site.setPlaceholderText(self.tr("如：中国政府网、人民日报、贵州省人民政府门户网站"))
        self.site.setCompleter(QCompleter([src.name for src in self.sources], self.site))
        self.reprinted = DateTimeField(parent=reprint)
        self.reprinted.setMinimumDateTime(UNSET)
        self.reprinted.setSpecialValueText(self.tr("（未填写）"))  # the minimum stands for "no time yet"
        self.reprinted.setDateTime(UNSET)
        self.doc_level = QComboBox(reprint)
        self.doc_level.setObjectName("reprintDocLevel")
        for key, label in REPRINT_LEVELS.items():
            self.doc_level.addItem(label, key)
        self.url = QLineEdit(reprint)
        self.url.setObjectName("sourceUrl")
        self.url.setPlaceholderText("https://")
        self.verdict = QLabel(reprint)
        self.verdict.setObjectName("sourceVerdict")
        self.verdict.setWordWrap(True)
        self.justification = QPlainTextEdit(reprint)
        self.justification.setFixedHeight(56)
        self.justification.setPlaceholderText(self.tr("来源不在权威来源名单内时，须说明转载理由"))
        return reprint

    def _build_collected(self) -> QWidget:
        # 采集 (第七条): only what the department already published.
        collected = QWidget(self)
        self.department = QLineEdit(collected)
        self.department.setObjectName("sourceDepartment")
        self.department.setPlaceholderText(self.tr("报送信息的部门或乡镇"))
        self.collected_url = QLineEdit(collected)
        self.collected_url.setPlaceholderText("https://")
        return collected

    def _build_original(self) -> QWidget:
        # 首发 (第八条): a leader's instruction or an official letter, attached.
        original = QWidget(self)
        self.basis_kind = QComboBox(original)
        self.basis_kind.setObjectName("basisKind")
        self.basis_kind.addItem(self.tr("（请选择）"), "")
        for basis in BASIS_KINDS:
            self.basis_kind.addItem(basis, basis)
        self.basis_reference = QLineEdit(original)
        self.basis_reference.setObjectName("basisReference")
        self.basis_reference.setPlaceholderText(self.tr("批示领导及日期，或公函文号"))
        self.basis_attached = QLabel(original)
        self.upload_link = QLabel(self.tr('<a href="#">添加批示/公函扫描件…</a>'), original)
        return original

    def _lay_out(self) -> None:
        reprint, collected, original = self.pages
        form = QFormLayout(reprint)
        form.addRow(self.tr("转载来源网站："), self.site)
        form.addRow(self.tr("转载时间："), self.reprinted)
        form.addRow(self.tr("转载链接："), self.url)
        form.addRow(self.tr("文件类别："), self.doc_level)
        form.addRow("", self.verdict)
        form.addRow(self.tr("转载理由："), self.justification)
        form.addRow("", _hint(self.tr(
            "第十条：中央文件须从人民日报、新华社等中央新闻单位或中国政府网、国务院各部委官方网站转载；"
            "省政府文件须从贵州省人民政府门户网站或省政府各部门官方网站转载。"), reprint))

        form = QFormLayout(collected)
        form.addRow(self.tr("报送单位："), self.department)
        form.addRow(self.tr("已发布网址："), self.collected_url)
        form.addRow("", _hint(self.tr(
            "第七条：原则上只采集各地各部门已对外发布的信息，请填写该单位发布该信息的网页地址。"), collected))

        row = QHBoxLayout()
        row.addWidget(self.basis_attached)
        row.addWidget(self.upload_link)
        row.addStretch(1)
        form = QFormLayout(original)
        form.addRow(self.tr("首发依据："), self.basis_kind)
        form.addRow(self.tr("依据出处："), self.basis_reference)
        form.addRow(self.tr("扫描件："), row)
        form.addRow("", _hint(self.tr("第八条：首发信息需核实是否有领导批示或正式公函。"), original))

        kinds = QHBoxLayout()
        for button in self.kind_buttons.values():
            kinds.addWidget(button)
        kinds.addStretch(1)
        box_layout = QVBoxLayout(self.source_box)
        box_layout.addLayout(kinds)
        for page in self.pages:
            box_layout.addWidget(page)
        unit_row = QFormLayout()
        unit_row.addRow(self.tr("来源单位："), self.source_unit)
        box_layout.addLayout(unit_row)

        flags = QVBoxLayout(self.flags_box)
        flags.addWidget(self.sensitive)
        flags.addWidget(_hint(self.tr("须向县委保密部门或网信部门请示报告，记录答复后方能签发。"), self.flags_box))
        flags.addWidget(self.major_emergency)
        flags.addWidget(_hint(self.tr("须经县委、县政府有关领导同意，记录同意意见后方可发布。"), self.flags_box))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.source_box)
        layout.addWidget(self.flags_box)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.upload_link.linkActivated.connect(lambda _link: self.basis_upload_requested.emit())
        self.kind_group.idToggled.connect(self._on_kind)
        for edit in (self.site, self.url, self.department, self.collected_url, self.basis_reference, self.source_unit):
            edit.textChanged.connect(self.changed)
        self.site.textChanged.connect(self._update_verdict)
        self.url.textChanged.connect(self._update_verdict)
        self.doc_level.currentIndexChanged.connect(self._update_verdict)
        self.doc_level.currentIndexChanged.connect(self.changed)
        self.justification.textChanged.connect(self.changed)
        self.reprinted.dateTimeChanged.connect(self.changed)
        self.basis_kind.currentIndexChanged.connect(self.changed)
        self.sensitive.toggled.connect(self.changed)
        self.major_emergency.toggled.connect(self.changed)

    @Slot(int, bool)
    def _on_kind(self, index: int, checked: bool) -> None:
        if checked:
            for i, page in enumerate(self.pages):
                page.setVisible(i == index)
            self.changed.emit()

    @Slot()
    def _update_verdict(self) -> None:
        site, url = self.site.text().strip(), self.url.text().strip()
        if not site and not url:
            self.verdict.setText("")
            return
        source = match_source(self.sources, site, url)
        wrong_level = level_problem(source, str(self.doc_level.currentData() or ""))
        if source is None:
            self.verdict.setText(self.tr("✘ 不在权威来源名单内：须说明转载理由，或改从权威来源转载。"))
            apply_style(self.verdict, Sheet.ERROR)
        elif wrong_level:
            self.verdict.setText("✘ " + wrong_level)
            apply_style(self.verdict, Sheet.ERROR)
        else:
            level = LEVEL_LABELS.get(source.level, source.level)
            self.verdict.setText(self.tr("✔ 权威来源：{name}（{level}）").format(name=source.name, level=level))
            apply_style(self.verdict, Sheet.OK)

    def current_page(self) -> int:
        return max(self.kind_group.checkedId(), 0)

    def kind(self) -> SourceKind:
        return list(SourceKind)[max(self.kind_group.checkedId(), 0)]

    @Slot(int)
    def set_basis_count(self, count: int) -> None:
        self.basis_attached.setText(self.tr("已附 {n} 份").format(n=count) if count else self.tr("尚未附上"))
        apply_style(self.basis_attached, Sheet.either(bool(count), Sheet.NONE, Sheet.ERROR))

    def fill(self, form: PostForm) -> None:
        self.kind_buttons[form.source_kind].setChecked(True)
        self.site.setText(form.source_site)
        local = to_local(form.reprinted_at)
        self.reprinted.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))
            if local else UNSET)
        self.url.setText(form.source_url if form.source_kind is SourceKind.REPRINT else "")
        self.doc_level.setCurrentIndex(max(self.doc_level.findData(form.reprint_doc_level), 0))
        self.collected_url.setText(form.source_url if form.source_kind is SourceKind.COLLECTED else "")
        self.justification.setPlainText(form.source_justification)
        self.department.setText(form.source_department)
        self.basis_kind.setCurrentIndex(max(self.basis_kind.findData(form.basis_kind), 0))
        self.basis_reference.setText(form.basis_reference)
        self.source_unit.setText(form.source_unit)
        self.sensitive.setChecked(form.sensitive)
        self.major_emergency.setChecked(form.major_emergency)
        self._update_verdict()

    def apply(self, form: PostForm) -> PostForm:
        """`form` with this section's fields; fields of the other source kinds are cleared so a
        switched source does not keep stale data."""
        kind = self.kind()
        reprinted: datetime | None = None
        if kind is SourceKind.REPRINT and self.reprinted.dateTime() > UNSET:
            typed: datetime = self.reprinted.dateTime().toPython()  # type: ignore[assignment]
            reprinted = to_utc(typed)
        url = {SourceKind.REPRINT: self.url.text(), SourceKind.COLLECTED: self.collected_url.text()}.get(kind, "")
        return replace(
            form, source_kind=kind, source_site=self.site.text() if kind is SourceKind.REPRINT else "",
            reprinted_at=reprinted, source_url=url,
            reprint_doc_level=str(self.doc_level.currentData() or "") if kind is SourceKind.REPRINT else "",
            source_justification=self.justification.toPlainText() if kind is SourceKind.REPRINT else "",
            source_department=self.department.text() if kind is SourceKind.COLLECTED else "",
            basis_kind=str(self.basis_kind.currentData() or "") if kind is SourceKind.ORIGINAL else "",
            basis_reference=self.basis_reference.text() if kind is SourceKind.ORIGINAL else "",
            source_unit=self.source_unit.text(), sensitive=self.sensitive.isChecked(),
            major_emergency=self.major_emergency.isChecked(),
        )

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.site, self.url, self.department, self.collected_url, self.basis_reference, self.source_unit):
            w.setReadOnly(read_only)
        self.justification.setReadOnly(read_only)
        self.reprinted.setReadOnly(read_only)
        enabled: list[QWidget] = [*self.kind_buttons.values(), self.basis_kind, self.doc_level, self.sensitive,
                                  self.major_emergency]
        for widget in enabled:
            widget.setEnabled(not read_only)
