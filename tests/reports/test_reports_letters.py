"""Letters: defaults, office templates, split placeholders, multi-line values, errors."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from app.errors import UserError
from reports import docx_layout as L
from reports.letters import (
    COMMON_PLACEHOLDERS,
    KINDS,
    LETTERS,
    build_default,
    check_template,
    ensure_templates,
    list_placeholders,
    render_letter,
)
from reports.letters.placeholders import scan
from tests.reports._support import SAMPLE as BASE_SAMPLE

SAMPLE = {
    **BASE_SAMPLE,
    "补正事项": "1.请明确信息名称；\n2.请明确时间范围。",
    "征询事项": "投标报价是否属于商业秘密。\n技术方案是否属于商业秘密。",
    "答复正文": "经检索，该信息已主动公开。\n您可登录县政府门户网站查阅。",
    "救济途径": "如对本答复不服，可以自收到本答复书之日起60日内申请行政复议。",
    "公开理由": "涉及公共安全，不公开将严重影响公共利益。",
    "申请数量情况": "申请人本年度已提出申请86件", "说明理由期限": "2024年3月15日", "说明理由通知日期": "2024年3月6日",
    "理由说明日期": "2024年3月12日", "延迟答复期限": "2024年5月31日", "延迟理由": "所申请信息达86件",
}


def _all_text(doc: DocxDocument) -> list[str]:
    """Paragraph texts of body (including table cells and text boxes), headers and footers."""
    roots = [doc.element.body]
    for section in doc.sections:
        roots += [section.header._element, section.footer._element]
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for root in roots for p in root.iter(qn("w:p"))]


def _render(kind: str, tmp_path: Path, folder: Path | None = None, **changes: str) -> DocxDocument:
    out = tmp_path / f"{kind}.docx"
    render_letter(kind, {**SAMPLE, **changes}, out, folder)
    return docx.Document(str(out))


def test_placeholder_contract() -> None:
    assert COMMON_PLACEHOLDERS == ("机关名称", "机关地址", "联系电话", "邮政编码", "落款日期", "文号", "受理编号",
                                   "申请人", "收到申请日期", "申请内容")
    extras = {kind: list_placeholders(kind)[len(COMMON_PLACEHOLDERS):] for kind in KINDS}
    assert extras == {
        "receipt": ("申请方式", "提交日期", "收到日期依据", "答复期限"),
        "correction": ("补正事项", "补正期限"),
        "extension": ("原答复期限", "延期后答复期限", "延期理由"),
        "third-party": ("第三方名称", "征询事项", "征询答复期限"),
        "consultation": ("协商部门", "征询事项", "征询答复期限"),
        "reply": ("答复正文", "救济途径"),
        "consult-notice": ("征询对象", "征询日期", "征询期限"),
        "disclosure-notice": ("第三方名称", "征询日期", "第三方意见日期", "第三方理由", "公开理由", "征询事项"),
        "fee": ("计费方式", "计费依据", "收费金额", "收费金额大写", "缴费期限", "缴费方式", "收费期间说明"),
        "excessive-ask": ("申请数量情况", "说明理由期限"),
        "excessive-later": ("说明理由通知日期", "理由说明日期", "原答复期限", "延迟答复期限", "延迟理由"),
    }
    assert [LETTERS[k].file_name for k in KINDS] == ["受理回执.docx", "补正告知书.docx", "延期答复告知书.docx",
                                                     "第三方意见征询书.docx", "部门协商函.docx", "答复书.docx",
                                                     "征求意见告知书.docx", "第三方告知书.docx", "收费通知书.docx",
                                                     "说明理由通知书.docx", "延迟答复告知书.docx"]
    with pytest.raises(ValueError):
        list_placeholders("letter-of-thanks")


@pytest.mark.parametrize("kind", KINDS)
def test_defaults_use_only_documented_placeholders_and_render_completely(kind: str, tmp_path: Path) -> None:
    names = set(scan(build_default(kind)).names)
    assert names <= set(list_placeholders(kind))
    assert set(LETTERS[kind].essential) <= names
    texts = _all_text(_render(kind, tmp_path))
    joined = "\n".join(texts)
    assert "{{" not in joined and "}}" not in joined
    assert "锦屏县人民政府办公室" in texts and "2024年3月12日" in texts
    assert "印章" not in joined.replace("加盖单位印章", "").replace("签名（盖章）", "").replace("签字（盖章）", "")


@pytest.mark.parametrize("kind", KINDS)
def test_rendered_runs_keep_east_asian_fonts(kind: str, tmp_path: Path) -> None:
    doc = _render(kind, tmp_path)
    for run in doc.element.body.iter(qn("w:r")):
        if run.find(qn("w:t")) is None:
            continue
        rfonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsia")), "".join(t.text or "" for t in run.iter(qn("w:t")))
    section = doc.sections[0]
    assert section.top_margin is not None and abs(section.top_margin - Mm(37)) < Mm(0.1)
    assert section.left_margin is not None and abs(section.left_margin - Mm(28)) < Mm(0.1)


def test_reply_letter_text(tmp_path: Path) -> None:
    texts = [p.text for p in _render("reply", tmp_path).paragraphs]
    assert texts[:5] == [
        "政府信息公开申请答复书",
        "锦府办依复〔2024〕3号",
        "",
        "张三：",
        "本机关于2024年3月5日收到您提出的政府信息公开申请（受理编号：YSQ-2024-0005），"
        "申请获取“2023年度城区道路改造工程的中标结果”。经研究，现答复如下：",
    ]
    assert texts[5:8] == ["经检索，该信息已主动公开。", "您可登录县政府门户网站查阅。", SAMPLE["救济途径"]]
    assert "（联系电话：0855-7222222）" in texts


def test_multi_line_value_becomes_paragraphs_with_the_same_format(tmp_path: Path) -> None:
    doc = _render("reply", tmp_path)
    first, second = doc.paragraphs[5], doc.paragraphs[6]
    assert first.paragraph_format.first_line_indent == second.paragraph_format.first_line_indent == Pt(32)
    assert second.runs[0].font.size == Pt(16)
    rfonts = second.runs[0]._r.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_receipt_states_the_deadline(tmp_path: Path) -> None:
    doc = _render("receipt", tmp_path)
    body = "\n".join(p.text for p in doc.paragraphs)
    # Issue 11: the receipt states the date itself, never "20个工作日内" for a date that may include pauses.
    assert "本件答复期限为2024年4月2日，本机关将在此期限内予以答复" in body
    assert "20个工作日内" not in body
    cells = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert "2024年3月5日（当面提交的，提交之日为收到申请之日）" in cells and "当面" in cells


def test_multi_line_value_in_a_table_cell(tmp_path: Path) -> None:
    doc = _render("consultation", tmp_path)
    cell = next(row.cells[1] for row in doc.tables[0].rows if row.cells[0].text == "征询事项")
    assert [p.text for p in cell.paragraphs] == ["投标报价是否属于商业秘密。", "技术方案是否属于商业秘密。"]


def test_ensure_templates_writes_missing_files_only(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    written = ensure_templates(folder)
    assert sorted(p.name for p in written) == sorted([*(spec.file_name for spec in LETTERS.values()), "版头.docx"])
    for path in written[:-1]:
        assert check_template(path, next(k for k in KINDS if LETTERS[k].file_name == path.name)) == []
    custom = folder / "答复书.docx"
    custom.write_bytes(b"office's own")
    (folder / "受理回执.docx").unlink()
    assert [p.name for p in ensure_templates(folder)] == ["受理回执.docx"]
    assert custom.read_bytes() == b"office's own"


def _office_template(folder: Path, kind: str, build: object) -> Path:
    doc = L.new_document()
    build(doc)  # type: ignore[operator]
    folder.mkdir(exist_ok=True)
    path = folder / LETTERS[kind].file_name
    doc.save(str(path))
    return path


def test_office_template_with_placeholders_split_across_runs(tmp_path: Path) -> None:
    def build(doc: DocxDocument) -> None:
        p = doc.add_paragraph()
        first = p.add_run("尊敬的{{申")
        first.bold = True
        p.add_run("请")
        p.add_run("人}}")
        p.add_run("：您好！编号{{受理编号}}，{{受理编号}}。")
        table = doc.add_table(rows=1, cols=1)
        table.cell(0, 0).paragraphs[0].add_run("{{答复")
        table.cell(0, 0).paragraphs[0].add_run("正文}}")
        doc.sections[0].header.paragraphs[0].text = "{{机关名称}}"
        doc.sections[0].footer.add_paragraph("受理编号：{{受理编号}}")

    folder = tmp_path / "templates"
    _office_template(folder, "reply", build)
    doc = _render("reply", tmp_path, folder)
    paragraph = next(p for p in doc.paragraphs if p.text.startswith("尊敬的"))
    assert paragraph.text == "尊敬的张三：您好！编号YSQ-2024-0005，YSQ-2024-0005。"
    assert paragraph.runs[0].text == "尊敬的张三" and paragraph.runs[0].bold  # the first run's format
    cell_texts = [p.text for p in doc.tables[0].cell(0, 0).paragraphs]
    assert cell_texts == ["经检索，该信息已主动公开。", "您可登录县政府门户网站查阅。"]
    assert doc.sections[0].header.paragraphs[0].text == "锦屏县人民政府办公室"
    assert "受理编号：YSQ-2024-0005" in [p.text for p in doc.sections[0].footer.paragraphs]


def test_multi_line_value_inside_text_keeps_prefix_suffix_and_format(tmp_path: Path) -> None:
    def build(doc: DocxDocument) -> None:
        p = L.add_body(doc, "请补正：")
        run = p.add_run("{{补正")
        run.italic = True
        p.add_run("事项}}（以上各项）")
        # A tracked insertion wraps a run in w:ins; the split must climb through it.
        ins = p._p.makeelement(qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "x"})
        last = p.runs[-1]._r
        last.addprevious(ins)
        ins.append(last)

    folder = tmp_path / "templates"
    _office_template(folder, "correction", build)
    doc = _render("correction", tmp_path, folder)
    # python-docx's Paragraph.text skips runs inside w:ins, so join the w:t elements.
    texts = ["".join(t.text or "" for t in p._p.iter(qn("w:t"))) for p in doc.paragraphs]
    start = texts.index("请补正：1.请明确信息名称；")
    assert texts[start + 1] == "2.请明确时间范围。（以上各项）"
    follow = doc.paragraphs[start + 1]
    assert follow.paragraph_format.first_line_indent == Pt(32)
    assert follow._p.find(qn("w:ins")) is not None  # the tail stayed in its tracked insertion
    assert follow._p.find(qn("w:r")).find(qn("w:rPr")).find(qn("w:i")) is not None


def test_full_width_braces_from_chinese_input_methods(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    _office_template(folder, "extension", lambda doc: L.add_body(doc, "｛｛申请人｝｝：延期至{{ 延期后答复期限 }}。"))
    texts = [p.text for p in _render("extension", tmp_path, folder).paragraphs]
    assert "张三：延期至2024年5月6日。" in texts


def test_unknown_placeholder_is_reported_and_nothing_written(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    _office_template(folder, "reply", lambda doc: L.add_body(doc, "{{申请人}}，{{XX}}"))
    out = tmp_path / "reply.docx"
    with pytest.raises(UserError) as info:
        render_letter("reply", SAMPLE, out, folder)
    assert str(info.value) == "模板“答复书.docx”含有未知的占位符 {{XX}}，请改正模板。"
    assert not out.exists()


def test_placeholder_of_another_kind_is_unknown_here(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    _office_template(folder, "receipt", lambda doc: L.add_body(doc, "{{第三方名称}}"))
    with pytest.raises(UserError, match=r"\{\{第三方名称\}\}"):
        render_letter("receipt", SAMPLE, tmp_path / "r.docx", folder)


def test_broken_placeholder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    path = _office_template(folder, "reply", lambda doc: L.add_body(doc, "{{申请人}：您好"))
    with pytest.raises(UserError, match="不完整的占位符"):
        render_letter("reply", SAMPLE, tmp_path / "r.docx", folder)
    problems = check_template(path, "reply")
    assert any("不完整的占位符" in p for p in problems)
    assert any("{{答复正文}}" in p for p in problems)  # essential placeholder not used


def test_check_template_lists_unknown_names_and_unreadable_files(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    path = _office_template(folder, "reply", lambda doc: L.add_body(doc, "{{答复正文}}{{救济途径}}{{印章}}"))
    assert check_template(path, "reply") == ["含有未知的占位符 {{印章}}：答复书不能使用它。"]
    path.write_bytes(b"not a word file")
    assert "无法打开" in check_template(path, "reply")[0]
    with pytest.raises(UserError, match="不是有效的 Word 文档"):
        render_letter("reply", SAMPLE, tmp_path / "r.docx", folder)


def test_missing_context_is_a_programming_error(tmp_path: Path) -> None:
    context = {k: v for k, v in SAMPLE.items() if k != "救济途径"}
    with pytest.raises(ValueError, match="救济途径"):
        render_letter("reply", context, tmp_path / "r.docx", None)
    with pytest.raises(ValueError, match="must be str"):
        render_letter("reply", {**SAMPLE, "文号": None}, tmp_path / "r.docx", None)  # type: ignore[dict-item]
    assert not (tmp_path / "r.docx").exists()


def test_values_with_control_characters_and_windows_newlines(tmp_path: Path) -> None:
    doc = _render("reply", tmp_path, 答复正文="第一段\r\n第二段\x07。")
    texts = [p.text for p in doc.paragraphs]
    assert texts[5:7] == ["第一段", "第二段。"]


def test_output_folder_problems_reach_the_user(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError):
        render_letter("reply", SAMPLE, blocker / "r.docx", None)


def test_rendering_does_not_change_the_template(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    ensure_templates(folder)
    before = (folder / "答复书.docx").read_bytes()
    _render("reply", tmp_path, folder)
    assert (folder / "答复书.docx").read_bytes() == before
    assert copy.deepcopy(SAMPLE) == SAMPLE
