"""政府信息公开指南 and 申请表 read back from the exported .docx (issue 18)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select

from app import paths
from app.audit.models import AuditEntry
from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.enums import ApplicantType, DeliveryMethod
from app.cases.intake import FIELD_LABELS, ID_TYPES
from app.cli import main as run_cli
from app.context import Actor
from app.disclosure.enums import CATEGORIES
from app.errors import PermissionDenied, UserError, ValidationError
from app.export_unit import run_export
from app.guide.models import GuideEdition
from app.guide.service import export_guide, export_request_form
from tests.disclosure.guide_support import OFFICE, docx_lines, east_asia_font, fill_office

TODAY = date(2026, 12, 3)


def _export(db: Database, tmp_path: Path, name: str = "指南.docx", actor: Actor | None = None) -> Path:
    result = run_export(db, lambda s: export_guide(s, actor or Actor.system(), tmp_path / name,
                                                   paths.templates_dir(db.data_dir), today=TODAY))
    return result.path


def test_every_article_12_element_comes_from_the_settings(db: Database, tmp_path: Path) -> None:
    fill_office(db)
    lines = docx_lines(_export(db, tmp_path))
    text = "\n".join(lines)
    assert lines[0] == "锦屏县人民政府办公室政府信息公开指南"  # title: 机关名称 + 政府信息公开指南 (a line break)
    # 条例第十二条: the office's name, address, office hours, phone, fax and internet contact.
    for line in ("办公地址：锦屏县三江镇政府路1号", "邮政编码：556700",
                 "办公时间：工作日上午9:00—12:00，下午14:30—17:30",
                 "联系电话：0855-7222001", "传真号码：0855-7222002", "电子邮箱：xxgk@example.cn",
                 "政府门户网站：http://www.jinping.gov.cn"):
        assert line in lines
    assert "本机关的政府信息公开工作机构为锦屏县人民政府信息中心" in text
    # … and how information is classified and arranged (the 12 categories of rule B 第四条, word for word) …
    for number, category in zip("一二三四五六七八九十", CATEGORIES, strict=False):
        assert any(line.startswith(f"（{number}）{category}") for line in lines), category
    assert "（三）以县政府或县政府办公室名义印发的主动公开文件，包括“锦府发”“锦府任”“锦府办发”“锦府办函”等；" in lines
    assert "（十一）与群众生产生活密切相关的重点领域信息；" in lines
    assert "（十二）其他主动公开的政府信息。" in lines
    assert "按上述类别编排" in text
    # … and how to obtain it: proactive channels (portal first, the new-media accounts of the settings).
    assert "1.政府门户网站：http://www.jinping.gov.cn（第一发布平台）；" in lines
    assert "2.政务新媒体：锦屏发布（微信公众号）、锦屏发布（微博）；" in lines
    assert "20个工作日内予以公开" in text
    # 二、依申请公开: each opened channel with its date of receipt (条例第三十一条); fax is off by default.
    assert any(line.startswith("1.互联网申请。") and "“依申请公开平台”" in line
               and "以双方确认之日为收到申请之日" in line for line in lines)
    assert any(line.startswith("2.信函申请。") and "以行政机关签收之日为收到申请之日" in line for line in lines)
    assert any(line.startswith("3.当面申请。") and "以提交之日为收到申请之日" in line for line in lines)
    assert "传真申请" not in text
    for phrase in ("第二十九条", "申请人的姓名或者名称、身份证明、联系方式", "7个工作日内一次性告知申请人作出补正",
                   "自收到申请之日起20个工作日内予以答复", "延长的期限最长不超过20个工作日", "第三十二条",
                   "国办函〔2020〕109号", "11—30件（含30件）的部分", "每页收费40元"):
        assert phrase in text, phrase
    # 三、监督和救济 with the bodies of the settings.
    assert "可以向黔东南州人民政府办公室投诉、举报" in text
    assert "六十日内向锦屏县人民政府申请行政复议" in text
    assert "六个月内向锦屏县人民法院提起行政诉讼" in text
    # The annex: the request form after the guide, with its own title.
    assert "附件：政府信息公开申请表" in lines
    annex = lines.index("附件")
    assert lines[annex + 1] == "政府信息公开申请表"
    assert "申请人姓名或名称" in lines[annex:]
    assert "2026年12月3日" in lines  # 编制日期 in the signature block
    assert not any("{{" in line or "}}" in line for line in lines)


def test_headings_follow_the_official_layout(db: Database, tmp_path: Path) -> None:
    fill_office(db)
    out = _export(db, tmp_path)
    for heading in ("一、主动公开", "二、依申请公开", "三、监督和救济"):
        assert east_asia_font(out, heading) == "黑体"
    for heading in ("（一）公开范围", "（二）申请渠道和收到申请的日期", "（五）收费"):
        assert east_asia_font(out, heading) == "楷体_GB2312"
    assert east_asia_font(out, "附件") == "黑体"


def test_opening_the_fax_channel_adds_it_to_the_guide(db: Database, tmp_path: Path) -> None:
    fill_office(db, **{"guide.channel_fax": True, "guide.channel_internet": False})
    lines = docx_lines(_export(db, tmp_path))
    assert not any("互联网申请。" in line for line in lines)
    fax = next(line for line in lines if line.startswith("3.传真申请。"))
    assert "传真至0855-7222002" in fax and "以双方确认之日为收到申请之日" in fax


def test_missing_facts_are_refused_and_nothing_is_written(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        _export(db, tmp_path)
    message = str(caught.value)
    for label in ("机关地址", "办公时间", "联系电话", "传真号码", "电子邮箱", "政府门户网站网址", "投诉举报受理机关",
                  "依申请公开平台"):
        assert label in message
    assert "系统设置 → 系统参数" in message
    assert list(tmp_path.iterdir()) == []
    fill_office(db, **{"guide.channel_internet": False, "guide.channel_letter": False,
                       "guide.channel_in_person": False})
    with pytest.raises(ValidationError, match="尚未开通任何申请渠道"):
        _export(db, tmp_path)


def test_export_is_audited_and_recorded_as_an_edition(db: Database, tmp_path: Path) -> None:
    fill_office(db)
    staff = Actor(user_id=None, username="clerk", display_name="王明", roles=frozenset({Role.DISCLOSURE_STAFF}))
    out = _export(db, tmp_path, actor=staff)
    with db.session_factory() as s:
        edition = s.scalars(select(GuideEdition)).one()
        assert (edition.exported_on, edition.exported_by, edition.file_name) == (TODAY, "clerk", out.name)
        assert json.loads(edition.settings_json)["org.phone"] == OFFICE["org.phone"]
        entry = s.scalars(select(AuditEntry).where(AuditEntry.record_type == "guide")).one()
        assert (entry.action, entry.record_id, entry.username) == ("export", str(edition.id), "clerk")


def test_no_role_no_export(db: Database, tmp_path: Path) -> None:
    fill_office(db)
    nobody = Actor(user_id=None, username="guest", display_name="访客", roles=frozenset())
    with pytest.raises(PermissionDenied):
        _export(db, tmp_path, actor=nobody)
    with pytest.raises(PermissionDenied):
        run_export(db, lambda s: export_request_form(s, nobody, tmp_path / "表.docx", None))


def test_an_unknown_placeholder_in_the_office_template_is_reported(db: Database, tmp_path: Path) -> None:
    fill_office(db)
    _export(db, tmp_path)  # writes the default templates into the data folder
    template = paths.templates_dir(db.data_dir) / "政府信息公开指南.docx"
    doc = Document(str(template))
    doc.add_paragraph("申请人：{{申请人}}")
    doc.save(str(template))
    with pytest.raises(UserError, match=r"模板“政府信息公开指南.docx”含有未知的占位符 \{\{申请人\}\}"):
        _export(db, tmp_path, "第二版.docx")
    assert not (tmp_path / "第二版.docx").exists()


def test_the_office_wording_in_its_template_is_used(db: Database, tmp_path: Path) -> None:
    fill_office(db)
    _export(db, tmp_path)
    template = paths.templates_dir(db.data_dir) / "政府信息公开申请表.docx"
    doc = Document(str(template))
    doc.add_paragraph("本表可复制使用。电话：{{联系电话}}")
    doc.save(str(template))
    out = run_export(db, lambda s: export_request_form(s, Actor.system(), tmp_path / "表.docx",
                                                       paths.templates_dir(db.data_dir)))
    assert "本表可复制使用。电话：0855-7222001" in docx_lines(out)


def test_request_form_matches_the_intake_form(db: Database, tmp_path: Path) -> None:
    fill_office(db)
    out = run_export(db, lambda s: export_request_form(s, Actor.system(), tmp_path / "申请表.docx", None))
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "政府信息公开申请表"
    table = doc.tables[0]
    labels = [row.cells[0].text for row in table.rows]
    options = "".join(row.cells[1].text for row in table.rows)
    for label in FIELD_LABELS.values():
        assert label in labels, label
    for kind in ApplicantType:
        assert f"□{kind.label}" in options
    for id_type in ID_TYPES:
        assert f"□{id_type}" in options
    for method in DeliveryMethod:
        assert f"□{method.label}" in options
    note = "".join(docx_lines(out)[-1:])
    assert "0855-7222001" in note and "0855-7222002" in note and "xxgk@example.cn" in note


def test_cli_exports_both_documents(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill_office(db)
    db.dispose()
    guide, form = tmp_path / "指南.docx", tmp_path / "申请表.docx"
    assert run_cli(["export", "guide", "-o", str(guide)]) == 0
    assert run_cli(["export", "request-form", "-o", str(form)]) == 0
    assert "联系电话：0855-7222001" in docx_lines(guide)
    assert docx_lines(form)[0] == "政府信息公开申请表"
    assert run_cli(["export", "guide", "-o", str(tmp_path / "x.pdf")]) == 2
    assert ".docx" in capsys.readouterr().err


def test_the_template_guide_lists_every_placeholder() -> None:
    from reports.guide.spec import GUIDE, PLACEHOLDER_HELP

    text = (Path(__file__).resolve().parents[2] / "docs" / "templates.md").read_text(encoding="utf-8")
    for name in GUIDE.placeholders:
        assert f"| `{{{{{name}}}}}` | {PLACEHOLDER_HELP[name]} |" in text


def test_the_guide_writer_imports_nothing_from_app() -> None:
    import ast

    folder = Path(__file__).resolve().parents[2] / "reports" / "guide"
    for source in folder.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        # app.atomic_file is infrastructure (temp name, then rename), not the application's data or rules.
        assert not [m for m in modules if (m == "app" or m.startswith("app.")) and m != "app.atomic_file"], source.name


def test_request_form_export_is_audited_once_the_file_exists(db: Database, tmp_path: Path) -> None:
    fill_office(db)
    out = run_export(db, lambda s: export_request_form(s, Actor.system(), tmp_path / "申请表.docx", None))
    assert "政府信息公开申请表" in "".join(docx_lines(out))
    with db.reader() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.record_type == "request_form")).one()
    assert entry.action == "export" and str(out) in entry.after_json
