"""The built-in letter templates, built in code with `reports.docx_layout`.

No .docx file is kept in the repository: each default is generated here, and
`ensure_templates` writes the missing ones (and the 信函格式 版头) into the office's template folder, where the
office edits them in Word/WPS. Wording follows 条例 (国务院令第711号) and the county's
依申请公开工作制度; every sentence an office may want to change is plain template text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.shared import Pt

from reports import docx_layout as L
from reports.atomic import atomic_write
from reports.docx_xml import set_child
from reports.letters.kinds import KINDS, get_spec
from reports.letters.layout import LETTERHEAD_FILE, build_letterhead

__all__ = ["build_default", "ensure_templates", "saver"]

_REGULATION = "《中华人民共和国政府信息公开条例》"
_FORM_PT = 14.0  # 4号: form tables hold more text than 3号 body lines
_INTRO = "本机关于{{收到申请日期}}收到您提出的政府信息公开申请（受理编号：{{受理编号}}），申请获取“{{申请内容}}”。"


def build_default(kind: str) -> DocxDocument:
    """The built-in template for `kind` as an in-memory document (placeholders unreplaced)."""
    get_spec(kind)  # rejects unknown kinds with ValueError
    return _BUILDERS[kind]()


def ensure_templates(folder: Path) -> list[Path]:
    """Write every missing default template into `folder` (created if needed); an existing
    file is never touched, because it may hold the office's own wording. Returns the
    files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / get_spec(kind).file_name
        if not path.exists():
            written.append(atomic_write(path, saver(build_default(kind))))
    head = folder / LETTERHEAD_FILE
    if not head.exists():
        written.append(atomic_write(head, saver(build_letterhead())))
    return written


def saver(doc: DocxDocument) -> Callable[[Path], None]:
    """A writer for `atomic_write` that saves `doc`."""
    def save(tmp: Path) -> None:
        doc.save(str(tmp))
    return save


def _letter_head(title: str, addressee: str) -> DocxDocument:
    doc = L.new_document()
    L.add_title(doc, title)
    L.add_doc_no(doc, "{{文号}}")
    L.add_blank(doc)
    L.add_addressee(doc, addressee)
    return doc


SHORT_CLOSINGS = ("特此通知。", "特此告知。", "此复。")


def _letter_foot(doc: DocxDocument, attachment: str = "") -> None:
    """附件说明 (when the letter encloses something), room for the seal, name over date, 附注.

    Page breaks: the name, the date and the 附注 travel together (the 附注 is never alone on the
    next page, nor the date without its name), and the text before them has widow and orphan
    control (never a single line of it alone on a page). Nothing larger is kept together: in
    LibreOffice a kept paragraph moves whole, so keeping the 救济途径 paragraph with the
    signature moved it over and left about a third of page 1 empty; now at most the two seal
    lines and a line of text are left over (tests/cases/test_cases_letter_pages.py). Only a
    one-line closing (特此通知。) goes over with the signature, so that page is never without text.
    """
    if attachment:
        # GB/T 9704 7.3.4: one line under the text, two characters in, “附件：” and the name.
        L.add_blank(doc)
        doc.paragraphs[-1].paragraph_format.keep_with_next = True  # no blank line atop page 2
        L.add_text(doc, f"附件：{attachment}", first_line_indent=True)
    closing = doc.paragraphs[-1]
    closing.paragraph_format.widow_control = True
    # A one-line closing (特此通知。/特此告知。) travels with the seal lines and the signature: the
    # signature page then carries text (GB/T 9704 7.3.5.4), at the cost of one line on page 1.
    short = closing.text.strip() in SHORT_CLOSINGS
    closing.paragraph_format.keep_with_next = short
    L.add_blank(doc, 2)  # room for the seal, which covers the name and the date
    for blank in doc.paragraphs[-2:]:
        blank.paragraph_format.keep_with_next = short
    org, date = L.add_signature(doc, "{{机关名称}}", "{{落款日期}}")
    org.paragraph_format.keep_with_next = True
    date.paragraph_format.keep_with_next = True
    L.add_note(doc, "（联系电话：{{联系电话}}）")


def _form(doc: DocxDocument, rows: Sequence[tuple[str, str]], tall: Sequence[str] = (),
          label_mm: float = 40) -> None:
    """A two-column form: labels bold and centred, values left; rows in `tall` leave room to write."""
    table = L.add_table(doc, [list(row) for row in rows], header_rows=0,
                        widths_mm=[label_mm, L.TYPE_AREA_WIDTH_MM - label_mm], size_pt=_FORM_PT)
    for index, (label, value) in enumerate(rows):
        L.set_cell_text(table.cell(index, 0), label, size_pt=_FORM_PT, bold=True, align="center")
        if "□" in value:
            # A tick box is neither Latin nor Chinese; without a Chinese Latin-font, renderers
            # that ignore w:hint draw the first box from Times New Roman's fallback, smaller.
            L.set_cell_text(table.cell(index, 1), value, size_pt=_FORM_PT, align="left", latin=L.FONT_BODY)
        height = Pt(90) if label in tall else Pt(26)
        set_child(table.rows[index]._tr.get_or_add_trPr(), "w:trHeight",
                  {"w:val": str(int(height.pt * 20)), "w:hRule": "atLeast"})


def _attachment_page(doc: DocxDocument, title: str) -> None:
    """An attachment on its own page (GB/T 9704 8.x): “附件” in 3号黑体 at the top left, the
    title centred on the third line."""
    # "Page break before" rather than a page-break paragraph: when the letter fills its
    # page exactly, a break paragraph would spill over and leave a blank page.
    label = L.add_text(doc, "附件", font=L.FONT_HEI, align="left")
    label.paragraph_format.page_break_before = True
    L.add_blank(doc)
    L.add_title(doc, title)


def _letter(title: str, addressee: str, *paragraphs: str, attachment: str = "") -> DocxDocument:
    """A letter: head, one body paragraph per entry of `paragraphs`, foot (naming `attachment`)."""
    doc = _letter_head(title, addressee)
    for text in paragraphs:
        L.add_body(doc, text)
    _letter_foot(doc, attachment)
    return doc


def _attached_form(doc: DocxDocument, title: str, rows: Sequence[tuple[str, str]], tall: str) -> DocxDocument:
    """The form the addressee fills in and returns, on its own page after the letter."""
    _attachment_page(doc, title)
    L.add_blank(doc)
    _form(doc, rows, tall=(tall,), label_mm=50)
    return doc


def _reply() -> DocxDocument:
    return _letter("政府信息公开申请答复书", "{{申请人}}：",
                   "本机关于{{收到申请日期}}收到您提出的政府信息公开申请（受理编号：{{受理编号}}），"
                   "申请获取“{{申请内容}}”。经研究，现答复如下：",
                   "{{答复正文}}", "{{救济途径}}")


def _receipt() -> DocxDocument:
    doc = L.new_document()
    L.add_title(doc, "政府信息公开申请受理回执")
    L.add_doc_no(doc, "受理编号：{{受理编号}}", align="right")
    L.add_addressee(doc, "{{申请人}}：")
    L.add_body(doc, "本机关已收到您提出的政府信息公开申请，受理情况如下：")
    _form(doc, [
        ("申请方式", "{{申请方式}}"),
        ("提交日期", "{{提交日期}}"),
        ("收到申请日期", "{{收到申请日期}}（{{收到日期依据}}）"),
        ("申请内容", "{{申请内容}}"),
        ("答复期限", "{{答复期限}}"),
    ])
    # The date is stated as it is ("2024年4月8日（已扣除征求意见4个工作日）"), not as "20个工作日内",
    # which a date that includes pauses or an extension is not.
    L.add_body(doc, f"根据{_REGULATION}第三十三条的规定，本件答复期限为{{{{答复期限}}}}，本机关将在此期限内"
                    "予以答复；需要延长答复期限的，将书面告知您。征求第三方和其他机关意见所需时间不计算在答复期限内；"
                    "申请内容需要补正的，答复期限自收到补正后的申请之日起计算。")
    _letter_foot(doc)
    return doc


def _correction() -> DocxDocument:
    return _letter("政府信息公开申请补正告知书", "{{申请人}}：",
                   _INTRO + f"经审查，您的申请内容不够明确。根据{_REGULATION}第三十条的规定，请您对以下事项作出补正：",
                   "{{补正事项}}",
                   "请您于{{补正期限}}前，通过原申请渠道或者以书面形式向本机关提交补正后的申请"
                   "（通信地址：{{机关地址}}，邮政编码：{{邮政编码}}）。"
                   "答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，"
                   "本机关不再处理该政府信息公开申请。",
                   "特此告知。")


def _extension() -> DocxDocument:
    return _letter("政府信息公开申请延期答复告知书", "{{申请人}}：",
                   _INTRO + "本机关原应于{{原答复期限}}前作出答复。因{{延期理由}}，不能在规定期限内作出答复。",
                   f"根据{_REGULATION}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，"
                   "答复期限延长20个工作日，本机关将于{{延期后答复期限}}前作出答复。",
                   "特此告知。")


def _third_party() -> DocxDocument:
    # The applicant's name is left out on purpose: the third party needs the facts of the
    # request, not who asked (the applicant's own privacy is at stake too).
    doc = _letter("政府信息公开第三方意见征询书", "{{第三方名称}}：",
                  "本机关于{{收到申请日期}}收到一件政府信息公开申请（受理编号：{{受理编号}}），"
                  "申请获取“{{申请内容}}”。该申请涉及的政府信息公开后可能损害你方合法权益，"
                  f"根据{_REGULATION}第三十二条的规定，现就以下事项书面征求你方意见：",
                  "{{征询事项}}",
                  "请你方于{{征询答复期限}}前填写所附回执，书面提出是否同意公开的意见，不同意公开的请说明理由，"
                  "寄送或者送达本机关（通信地址：{{机关地址}}，邮政编码：{{邮政编码}}）。"
                  "逾期未提出意见的，由本机关依法决定是否公开。",
                  attachment="第三方意见回执")
    return _attached_form(doc, "第三方意见回执", [
        ("受理编号", "{{受理编号}}"),
        ("征询函文号", "{{文号}}"),
        ("意见", "□同意公开　　□不同意公开"),
        ("理由", ""),
        ("第三方签名（盖章）", ""),
        ("日期", "　　　　年　　月　　日"),
    ], tall="理由")


def _consultation() -> DocxDocument:
    doc = _letter("政府信息公开申请部门协商函", "{{协商部门}}：",
                  "本机关于{{收到申请日期}}收到{{申请人}}提出的政府信息公开申请（受理编号：{{受理编号}}），"
                  "申请获取“{{申请内容}}”。该申请涉及你单位职责，为确保答复准确、一致，现就以下事项征求你单位意见：",
                  "{{征询事项}}",
                  "请于{{征询答复期限}}前将书面意见（加盖单位印章）反馈本机关，并填写所附办理单。"
                  "你单位认为所申请信息应由其他机关负责公开的，请一并说明该机关的名称和联系方式。",
                  attachment="政府信息公开申请协商办理单")
    return _attached_form(doc, "政府信息公开申请协商办理单", [
        ("受理编号", "{{受理编号}}"),
        ("申请人", "{{申请人}}"),
        ("申请内容", "{{申请内容}}"),
        ("协商部门", "{{协商部门}}"),
        ("征询事项", "{{征询事项}}"),
        ("反馈期限", "{{征询答复期限}}"),
        ("部门意见", ""),
        ("经办人及电话", ""),
        ("负责人签字（盖章）", ""),
        ("日期", "　　　　年　　月　　日"),
    ], tall="部门意见")


def _consult_notice() -> DocxDocument:
    # County text 五(三): the applicant is told in writing that the request is being consulted on.
    # A third party is not named to the applicant (its identity may itself be protected).
    return _letter("政府信息公开申请征求意见告知书", "{{申请人}}：",
                   _INTRO + "因该申请涉及{{征询对象}}，本机关已于{{征询日期}}书面征求其意见，"
                            "对方应于{{征询期限}}提出意见。",
                   f"根据{_REGULATION}第三十三条第三款的规定，行政机关征求第三方和其他机关意见所需时间"
                   "不计算在答复期限内。本机关将在收到意见或者征求意见期限届满后，依法作出答复。",
                   "特此告知。")


def _disclosure_notice() -> DocxDocument:
    # 条例第三十二条: disclosing over a third party's objection is told to it in writing, with the
    # content to be disclosed and the reasons. The applicant is not named.
    return _letter("政府信息公开第三方告知书", "{{第三方名称}}：",
                   "本机关于{{征询日期}}就一件政府信息公开申请（受理编号：{{受理编号}}）书面征求你方意见，"
                   "你方于{{第三方意见日期}}答复不同意公开，理由是：{{第三方理由}}",
                   f"经研究，本机关认为不公开可能对公共利益造成重大影响，根据{_REGULATION}第三十二条的规定，"
                   "决定予以公开。现将决定公开的政府信息内容和理由告知如下：",
                   "一、决定公开的政府信息：“{{申请内容}}”。{{征询事项}}",
                   "二、决定公开的理由：{{公开理由}}",
                   "你方认为本决定侵犯你方合法权益的，可以依法申请行政复议或者提起行政诉讼。",
                   "特此告知。")


def _fee() -> DocxDocument:
    # 国办函〔2020〕109号 asks the notice to state the basis, the standard, the amount and how to
    # pay; the consequence of not paying is the applicant's to know before the period runs.
    return _letter("政府信息公开信息处理费收费通知书", "{{申请人}}：",
                   _INTRO + f"经审查，您的申请超出免费提供的范围。根据{_REGULATION}第四十二条和"
                   "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
                   "本机关依法收取信息处理费。现将有关事项通知如下：",
                   "一、计费方式：{{计费方式}}。",
                   "二、计算过程：{{计费依据}}。",
                   "三、应缴金额：人民币{{收费金额}}（大写：{{收费金额大写}}）。",
                   "四、缴费期限和方式：请您{{缴费期限}}缴纳，缴费方式：{{缴费方式}}。",
                   "五、您逾期未缴纳信息处理费的，视为放弃申请，本机关不再处理该政府信息公开申请。",
                   "六、{{收费期间说明}}",
                   "特此通知。")


def _excessive_ask() -> DocxDocument:
    # 条例第三十五条: the office may ask for reasons; the letter says what follows either way, and
    # that explaining does not stop the reply clock (the 条例 gives no pause for it).
    doc = _letter_head("政府信息公开申请说明理由通知书", "{{申请人}}：")
    L.add_body(doc, _INTRO + "经审查，{{申请数量情况}}，申请公开政府信息的数量、频次明显超过合理范围。")
    L.add_body(doc, f"根据{_REGULATION}第三十五条的规定，请您于{{{{说明理由期限}}}}前，以书面形式向本机关说明"
                    "申请的理由（通信地址：{{机关地址}}，邮政编码：{{邮政编码}}）。")
    L.add_body(doc, "本机关认为理由不合理的，将告知您不予处理；认为理由合理但无法在规定期限内答复的，"
                    "将确定延迟答复的合理期限并告知您。")
    L.add_body(doc, "特此通知。")
    _letter_foot(doc)
    return doc


def _excessive_later() -> DocxDocument:
    doc = _letter_head("政府信息公开申请延迟答复告知书", "{{申请人}}：")
    L.add_body(doc, _INTRO + "本机关于{{说明理由通知日期}}要求您说明申请理由，于{{理由说明日期}}收到您的说明。")
    L.add_body(doc, "经审查，本机关认为您的申请理由合理，但是因{{延迟理由}}，无法在原答复期限（{{原答复期限}}）内答复。"
                    f"根据{_REGULATION}第三十五条的规定，本机关确定延迟答复的合理期限为{{{{延迟答复期限}}}}，"
                    "将于该日前作出答复。")
    L.add_body(doc, "特此告知。")
    _letter_foot(doc)
    return doc


_BUILDERS: dict[str, Callable[[], DocxDocument]] = {
    "receipt": _receipt,
    "correction": _correction,
    "extension": _extension,
    "third-party": _third_party,
    "consultation": _consultation,
    "reply": _reply,
    "fee": _fee,
    "consult-notice": _consult_notice,
    "disclosure-notice": _disclosure_notice,
    "excessive-ask": _excessive_ask,
    "excessive-later": _excessive_later,
}
