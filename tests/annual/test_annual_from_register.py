"""Issue 6's test of truth: a register an office keeps in Excel, imported, gives the Part 3 and Part 4 a clerk
counts by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from app.annual.service import compute
from app.bootstrap import Database
from app.cases.register_import import import_register
from app.context import Actor

HEADERS = ["受理编号", "申请人类型", "申请人", "申请方式", "收到申请日期", "申请内容", "答复日期", "办理结果",
           "具体情形", "行政复议结果", "行政复议日期", "行政诉讼类型", "行政诉讼结果", "行政诉讼日期"]
ROWS = [
    # carried in from 2023, answered in 2024
    ["锦府办依申〔2023〕9号", "自然人", "甲", "信函", "2023-12-20", "内容1", "2024-01-10", "予以公开", "",
     "", "", "", "", ""],
    ["锦府办依申〔2024〕1号", "商业企业", "乙公司", "互联网", "2024-02-01", "内容2", "2024-02-20", "部分公开", "",
     "结果维持", "2024-03-10", "复议后起诉", "尚未审结", "2024-04-01"],
    ["锦府办依申〔2024〕2号", "法律服务机构", "丙律所", "当面", "2024/3/5", "内容3", "2024年3月28日", "不予公开",
     "4.保护第三方合法权益", "", "", "", "", ""],
    ["锦府办依申〔2024〕3号", "自然人", "丁", "传真", "2024-05-06", "内容4", "2024-05-20", "无法提供",
     "本机关不掌握相关政府信息", "", "", "未经复议直接起诉", "结果纠正", "2024-06-30"],
    ["锦府办依申〔2024〕4号", "自然人", "戊", "其他", "2024-06-03", "内容5", "2024-06-05", "不予处理", "重复申请",
     "", "", "", "", ""],
    ["锦府办依申〔2024〕5号", "科研机构", "某研究院", "互联网", "2024-12-30", "内容6", "", "", "", "", "", "", "", ""],
]


def test_imported_register_gives_the_hand_counted_tables(db: Database, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADERS)
    for row in ROWS:
        ws.append(row)
    path = tmp_path / "台账.xlsx"
    wb.save(path)
    with db.session_factory.begin() as s:
        report = import_register(s, Actor.system(), path, date(2025, 1, 20))
        assert report.imported == len(ROWS), report.lines()
    with db.session_factory() as s:
        data = compute(s, 2024)
    c = data.part3
    #                       自然人 商业 科研 公益 法律 其他 总计  (counted by hand from ROWS)
    assert c["new"] == [2, 1, 1, 0, 1, 0, 5]
    assert c["carried_in"] == [1, 0, 0, 0, 0, 0, 1]
    assert c["outcome:disclosed"] == [1, 0, 0, 0, 0, 0, 1]
    assert c["outcome:partial"] == [0, 1, 0, 0, 0, 0, 1]
    assert c["outcome:withheld:3"] == [0, 0, 0, 0, 1, 0, 1]
    assert c["outcome:unavailable:0"] == [1, 0, 0, 0, 0, 0, 1]
    assert c["outcome:not_processed:1"] == [1, 0, 0, 0, 0, 0, 1]
    assert c["total"] == [3, 1, 0, 0, 1, 0, 5]
    assert c["carried_out"] == [0, 0, 1, 0, 0, 0, 1]
    # 行政复议: 结果维持 1 → 总计 1; 未经复议直接起诉: 结果纠正 1; 复议后起诉: 尚未审结 1.
    assert data.part4 == [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1]
    assert data.checks_ok, [ch.message for ch in data.checks if not ch.ok]
