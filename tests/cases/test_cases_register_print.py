"""The request register's workbook prints readable as exported: print sheet first, full sheet beside."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from app.auth.roles import Role
from app.bootstrap import Database
from app.cases.enums import ApplicantType, Channel, DeliveryMethod
from app.cases.intake import CaseForm, register_case
from app.cases.register_export import PRINT_COLUMNS, export_register
from app.cases.register_rows import HEADERS
from reports.xlsx_print import PrintLayout

CONTENT = "锦屏县城北片区棚户区改造项目征收补偿方案、补偿标准及安置房分配办法" * 2


def _export(db: Database, make_user, path: Path, layout: PrintLayout | None = None) -> None:
    clerk = make_user("wangfang", Role.DISCLOSURE_STAFF, display_name="王芳")
    form = CaseForm(
        applicant_type=ApplicantType.PUBLIC_WELFARE,
        applicant_name="锦屏县清水江生态保护志愿者协会", id_type="居民身份证", phone="13985512345",
        address="锦屏县三江镇飞山路8号", postcode="556700", channel=Channel.IN_PERSON,
        submitted_on=date(2024, 5, 6), content=CONTENT, delivery_method=DeliveryMethod.POST,
    )
    with db.session_factory.begin() as s:
        register_case(s, clerk, form, date(2024, 5, 6))
        export_register(s, clerk, path, year=2024, layout=layout)


def test_default_print_sheet_holds_the_paper_columns_whole(db: Database, make_user, tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    _export(db, make_user, path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["打印（依申请公开登记台账）", "依申请公开登记台账"] and wb.active.title.startswith("打印")
    ws = wb["打印（依申请公开登记台账）"]
    assert tuple(c.value for c in ws[2]) == PRINT_COLUMNS
    col = {c.value: c.column_letter for c in ws[2]}
    name, content, received = ws[f"{col['申请人']}3"], ws[f"{col['申请内容']}3"], ws[f"{col['收到申请日期']}3"]
    assert name.value == "锦屏县清水江生态保护志愿者协会" and name.alignment.wrap_text
    assert content.value == CONTENT and content.alignment.wrap_text
    assert ws.row_dimensions[3].height >= 4 * 13.5  # 66 characters in a ~25-unit column: several lines
    assert received.is_date and received.number_format == "yyyy-mm-dd"
    assert content.font.name == "宋体" and content.font.sz == 10
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert [c.value for c in wb["依申请公开登记台账"][2]] == list(HEADERS)  # every column, for import


def test_office_choice_of_columns_and_paper(db: Database, make_user, tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    _export(db, make_user, path, PrintLayout(("申请内容", "受理编号", "通信地址"), "A3"))
    ws = load_workbook(path)["打印（依申请公开登记台账）"]
    assert [c.value for c in ws[2]] == ["受理编号", "通信地址", "申请内容"]  # register order
    assert int(ws.page_setup.paperSize) == 8
