"""The built-in 政府信息公开指南 and 申请表 templates, built in code with `reports.docx_layout`.

As with the letters, no .docx is kept in the repository: `ensure_guide_templates` writes the
defaults into the office's template folder, where the office edits them in Word/WPS. Sentences
that come from the law or the county's rules are plain template text (an office may reword them);
what the office's settings hold is a `{{placeholder}}`. Layout: RULES.md section E (一、黑体,
（一）楷体, 1. 仿宋), body 3号 仿宋.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.shared import Pt

from app.atomic_file import atomic_write
from reports import docx_layout as L
from reports.docx_xml import set_child
from reports.guide.spec import FORM, GUIDE, DocSpec

__all__ = ["SCOPE", "build_default", "ensure_guide_templates"]

_REG = "《条例》"
_FORM_PT = 12.0  # 小四: the form must fit one page with room to write
_NOTE_PT = 10.5  # 五号
# Rule B 第四条, word for word (the county text's half-width punctuation set in full width).
SCOPE: tuple[str, ...] = (
    "（一）县政府领导分工、机构信息等；",
    "（二）县政府办公室领导分工、机构信息等；",
    "（三）以县政府或县政府办公室名义印发的主动公开文件，包括“锦府发”“锦府任”“锦府办发”“锦府办函”等；",
    "（四）建议、提案办理信息；",
    "（五）县政府工作报告、重大决策、重大工作部署及相关政策解读情况；",
    "（六）县政府重大活动；",
    "（七）非涉密的县政府领导活动、讲话；",
    "（八）非涉密的县政府全体会议、常务会议内容；",
    "（九）县政府人事任免；",
    "（十）非涉密的县政府重大督办事项；",
    "（十一）与群众生产生活密切相关的重点领域信息；",
    "（十二）其他主动公开的政府信息。",
)


def build_default(spec: DocSpec) -> DocxDocument:
    """The built-in template for `spec` (GUIDE or FORM), placeholders unreplaced."""
    if spec is GUIDE:
        return _guide()
    if spec is FORM:
        return _form()
    raise ValueError(f"no built-in template for {spec.name}")


def ensure_guide_templates(folder: Path) -> list[Path]:
    """Write the missing default templates into `folder`; an existing file (maybe the office's
    own wording) is never touched. Returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in (GUIDE, FORM):
        path = folder / spec.file_name
        if not path.exists():
            written.append(atomic_write(path, _saver(build_default(spec))))
    return written


def _saver(doc: DocxDocument) -> Callable[[Path], None]:
    def save(tmp: Path) -> None:
        doc.save(str(tmp))
    return save


def _heading(doc: DocxDocument, level: int, text: str) -> None:
    # A heading never ends a page alone: it travels with the paragraph it introduces.
    L.add_heading(doc, level, text).paragraph_format.keep_with_next = True


def _lines(doc: DocxDocument, texts: Sequence[str]) -> None:
    for text in texts:
        L.add_body(doc, text)


def _guide() -> DocxDocument:
    doc = L.new_document()
    L.add_title(doc, "{{机关名称}}\n政府信息公开指南")
    L.add_blank(doc)
    L.add_body(doc, "为了更好地为公民、法人和其他组织提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》"
                    "（以下简称《条例》）第十二条的规定，编制本指南。需要获取本机关政府信息的，请阅读本指南。"
                    "本指南在本机关的政府信息公开工作机构和政府门户网站（{{门户网站}}）提供查阅，并随工作机构、"
                    "联系方式和申请渠道的变化及时更新。")

    _heading(doc, 1, "一、主动公开")
    _heading(doc, 2, "（一）公开范围")
    L.add_body(doc, "根据《锦屏县人民政府办公室政府信息主动公开工作制度（试行）》第四条，本机关在职责范围内，"
                    "重点公开下列信息：")
    _lines(doc, SCOPE)
    L.add_body(doc, "本机关主动公开的政府信息按上述类别编排，编入《政府信息公开目录》，逐条载明信息名称、"
                    "文号、形成日期和发布日期等，可在政府门户网站“政府信息公开”专栏查阅。依法确定为国家秘密的、"
                    "法律和行政法规禁止公开的、公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，"
                    "以及内部事务信息和过程性信息等，依照《条例》第十四条至第十六条不予公开。")
    _heading(doc, 2, "（二）公开方式")
    L.add_body(doc, "本机关以政府门户网站作为主动公开政府信息的第一发布平台，并通过下列渠道公开：")
    L.add_body(doc, "{{主动公开渠道}}")
    _heading(doc, 2, "（三）公开时限")
    L.add_body(doc, "属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开"
                    f"（{_REG}第二十六条）。法律、法规对公开期限另有规定的，从其规定；因法定事由不能按时公开的，"
                    "待原因消除后立即公开。")

    _heading(doc, 1, "二、依申请公开")
    _heading(doc, 2, "（一）受理机构")
    L.add_body(doc, "本机关的政府信息公开工作机构为{{工作机构}}，负责受理向{{机关名称}}提出的政府信息公开申请。")
    for line in ("办公地址：{{机关地址}}", "邮政编码：{{邮政编码}}", "办公时间：{{办公时间}}",
                 "联系电话：{{联系电话}}", "传真号码：{{传真号码}}", "电子邮箱：{{电子邮箱}}",
                 "政府门户网站：{{门户网站}}"):
        # Left-aligned: justifying a wrapped line of times and addresses spreads its characters apart.
        L.add_text(doc, line, align="left", first_line_indent=True)
    _heading(doc, 2, "（二）申请渠道和收到申请的日期")
    L.add_body(doc, f"本机关已开通下列申请渠道。收到申请的日期依照{_REG}第三十一条确定：")
    L.add_body(doc, "{{申请渠道}}")
    L.add_body(doc, f"申请内容需要补正的，答复期限自收到补正后的申请之日起计算（{_REG}第三十条）。")
    _heading(doc, 2, "（三）申请应当包括的内容")
    L.add_body(doc, f"根据{_REG}第二十九条，申请人应当采用包括信件、数据电文在内的书面形式提出申请；采用书面形式"
                    "确有困难的，可以口头提出，由工作人员代为填写申请，并由申请人确认。申请应当包括下列内容：")
    _lines(doc, ("1.申请人的姓名或者名称、身份证明、联系方式；",
                 "2.申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；",
                 "3.申请公开的政府信息的形式要求，包括获取信息的方式、途径。"))
    L.add_body(doc, "申请人可以使用本指南所附《政府信息公开申请表》（附件），也可以自行书写申请。委托他人代为申请的，"
                    "应当同时提交授权委托书和委托人、受托人的身份证明。")
    _heading(doc, 2, "（四）办理流程和期限")
    L.add_body(doc, "本机关按照接收、登记、确认收到申请的日期、审核、办理、答复、存档的流程办理申请。")
    _lines(doc, (
        "1.补正。申请内容不明确的，本机关自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的"
        "事项和合理的补正期限。申请人无正当理由逾期不补正的，视为放弃申请，本机关不再处理该申请。",
        "2.征求意见。申请公开的信息公开后可能损害第三方合法权益的，本机关书面征求第三方意见，第三方应当自收到"
        f"征求意见书之日起15个工作日内提出意见（{_REG}第三十二条）；需要与其他机关协商确认的，本机关依照"
        f"{_REG}第三十四条与有关机关协商。征求意见所需时间不计算在答复期限内，本机关将书面告知申请人。",
        "3.答复期限。能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复。"
        "需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日"
        f"（{_REG}第三十三条）。",
        "4.答复方式。本机关按照申请人要求的形式提供政府信息，并通过邮政EMS、电子邮件或者当面领取等方式送达。",
    ))
    _heading(doc, 2, "（五）收费")
    L.add_body(doc, "本机关依申请提供政府信息，不收取费用。申请公开政府信息的数量、频次明显超过合理范围的，"
                    "依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费：")
    _lines(doc, (
        "1.按件计收：同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；11—30件（含30件）的部分，"
        "每件收费100元；31件以上的部分，以10件为一档，每增加一档，收费标准每件提高100元。",
        "2.按量计收：同一政府信息公开申请中，30页以下（含30页）的，不收费；31—100页（含100页）的部分，每页"
        "收费10元；101—200页（含200页）的部分，每页收费20元；200页以上的部分，每页收费40元。",
    ))
    L.add_body(doc, "收费的，本机关出具收费通知书。申请人应当自收到收费通知书之日起20个工作日内缴纳费用，"
                    "逾期未缴纳的，视为放弃申请，本机关不再处理该申请。")

    _heading(doc, 1, "三、监督和救济")
    L.add_body(doc, "公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向{{投诉受理机关}}"
                    f"投诉、举报（{_REG}第五十一条），也可以依法申请行政复议或者提起行政诉讼。")
    L.add_body(doc, "对本机关政府信息公开答复不服的，可以自收到答复之日起六十日内向{{行政复议机关}}申请行政复议。"
                    "对不予公开的答复不服的，应当先申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起"
                    "十五日内依法向人民法院提起行政诉讼。对其他答复不服的，也可以自收到答复之日起六个月内向"
                    "{{行政诉讼法院}}提起行政诉讼。")
    L.add_blank(doc)
    L.add_body(doc, "附件：政府信息公开申请表")
    L.add_blank(doc, 2)
    for paragraph in doc.paragraphs[-3:]:
        paragraph.paragraph_format.keep_with_next = True
    L.add_signature(doc, "{{机关名称}}", "{{编制日期}}", seal=None)
    return doc


def _row_height(table_row: object, points: float) -> None:
    tr_pr = table_row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    set_child(tr_pr, "w:trHeight", {"w:val": str(int(points * 20)), "w:hRule": "atLeast"})


# The intake form's fields (app.cases.intake.CaseForm) in its order, as the applicant fills them.
_FORM_ROWS: tuple[tuple[str, str, float], ...] = (
    ("申请人类型", "□自然人　法人或其他组织：□商业企业　□科研机构　□社会公益组织　□法律服务机构　□其他", 0),
    ("申请人姓名或名称", "", 0),
    ("证件类型", "□居民身份证　□护照　□港澳居民来往内地通行证　□台湾居民来往大陆通行证　"
                "□外国人永久居留身份证　□统一社会信用代码　□其他", 0),
    ("证件号码", "", 0),
    ("法定代表人", "（法人或其他组织填写）", 0),
    ("联系人", "（法人或其他组织填写）", 0),
    ("联系电话", "", 0),
    ("电子邮箱", "", 0),
    ("通信地址", "", 0),
    ("邮政编码", "", 0),
    ("代理人姓名", "（委托他人申请的填写，并附授权委托书）", 0),
    ("代理人证件号码", "", 0),
    ("代理人电话", "", 0),
    ("申请内容", "", 44),
    ("所需信息的文号或描述", "", 0),
    ("获取信息的方式", "□纸质　□电子邮件　□光盘　□U盘　□其他：", 0),
    ("送达方式", "□邮寄　□电子邮件　□当面领取　□其他", 0),
    ("备注", "", 0),
    ("申请人签名（盖章）", "", 24),
    ("申请日期", "　　　　年　　月　　日", 0),
)
_LABEL_MM = 46.0


def _form() -> DocxDocument:
    doc = L.new_document()
    L.add_title(doc, "政府信息公开申请表")
    L.add_text(doc, "（向{{机关名称}}提出）", align="center")
    table = L.add_table(doc, [[label, value] for label, value, _ in _FORM_ROWS], header_rows=0,
                        widths_mm=[_LABEL_MM, L.TYPE_AREA_WIDTH_MM - _LABEL_MM], size_pt=_FORM_PT)
    for index, (label, value, height) in enumerate(_FORM_ROWS):
        L.set_cell_text(table.cell(index, 0), label, size_pt=_FORM_PT, bold=True, align="center")
        # A tick box is neither Latin nor Chinese: with a Latin font of its own some renderers
        # draw it smaller, so the cell's Latin font is the Chinese body font too.
        L.set_cell_text(table.cell(index, 1), value, size_pt=_FORM_PT, align="left", latin=L.FONT_BODY)
        _row_height(table.rows[index], height or 20)
    note = L.add_text(doc, "填表说明：带“□”的项目请勾选。邮寄申请请寄{{工作机构}}"
                           "（{{机关地址}}，邮政编码{{邮政编码}}），信封注明“政府信息公开申请”；电话{{联系电话}}，传真{{传真号码}}，电子邮箱{{电子邮箱}}。",
                      size_pt=_NOTE_PT, grid=False)
    note.paragraph_format.space_before = Pt(3)
    note.paragraph_format.line_spacing = 1.0
    return doc
