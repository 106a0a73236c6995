"""A 信函格式 reply as printed (LibreOffice → PDF, read back): a long reply never leaves the 附注
alone on the last page nor a third of page 1 empty; a short one is one page."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.cases.letters import render_case_letter
from app.letters_layout import letter_layout
from tests.pdf_support import lowest_text_pt, page_texts, to_pdfs

MM = 72 / 25.4
TYPE_BOTTOM_PT = 35 * MM  # GB/T 9704: the type area ends 35 mm above the paper's bottom edge
TYPE_HEIGHT_PT = (297 - 37 - 35) * MM
NOTE = "（联系电话：0855-7222001）"
ORG = "锦屏县人民政府办公室"
LINE = "经核查，本机关已将相关材料整理完毕，现一并提供，请注意查收并妥善保管。"
CONTEXT = {
    "机关名称": ORG, "机关地址": "贵州省黔东南苗族侗族自治州锦屏县三江镇政府路1号", "联系电话": "0855-7222001",
    "邮政编码": "556700", "落款日期": "2026年1月26日", "文号": "锦府办依复〔2026〕8号",
    "受理编号": "锦府办依申〔2025〕1号", "申请人": "锦屏县黔东木业有限公司", "收到申请日期": "2025年12月8日",
    "申请内容": "2015年至2023年县人民政府常务会议纪要全文",
    "答复正文": "本机关于2025年12月11日向您发出收费通知。您逾期未按收费通知要求缴纳信息处理费，根据《中华人民共和国"
                "政府信息公开条例》第四十二条第一款的规定，本机关不再处理您的政府信息公开申请。",
    "救济途径": "对本答复不服的，可以自收到本答复之日起六十日内向锦屏县人民政府申请行政复议，或者自收到本答复之日起"
                "六个月内向锦屏县人民法院提起行政诉讼。",
}


def _flat(text: str) -> str:
    return text.replace("\r", "").replace(" ", "")  # the PDF spaces digits from Chinese


@pytest.fixture
def pdfs(session: Session, tmp_path: Path) -> dict[str, Path]:
    from app.context import Actor
    from app.settings import set_setting

    set_setting(session, Actor.system(), "letters.letterhead_kinds", ["答复书"])
    layout = letter_layout(session, "reply")
    assert layout.letterhead
    # Body lengths that put page 1's end at different points of the closing block: before the
    # 救济途径 paragraph, inside it, between it and the seal lines, at the name and at the date.
    variants = {"short": "经审查，您申请获取的信息已由本机关主动公开，可在锦屏县人民政府门户网站查阅。"}
    for lines, extra in ((0, 0), (0, 4), (1, 0), (1, 4), (2, 0), (2, 4), (3, 0), (3, 4), (4, 0)):
        variants[f"long{lines}+{extra}"] = CONTEXT["答复正文"] + "".join("\n" + LINE for _ in range(lines)) \
            + "经核查" * extra
    files = []
    for name, body in variants.items():
        out = tmp_path / f"{name}.docx"
        render_case_letter("reply", {**CONTEXT, "答复正文": body}, out, tmp_path / "tpl", layout)
        files.append(out)
    return dict(zip(variants, to_pdfs(files), strict=True))


def test_short_reply_is_one_page_and_long_ones_keep_the_closing_block_together(pdfs: dict[str, Path]) -> None:
    short = page_texts(pdfs.pop("short"))
    assert len(short) == 1 and NOTE in _flat(short[0]) and ORG in short[0]
    pages_seen = set()
    for name, pdf in pdfs.items():
        pages = [_flat(p) for p in page_texts(pdf)]
        last = pages[-1]
        # The 附注 is printed with the office name and the date, never alone on the last page.
        assert NOTE in last and ORG in last and "2026年1月26日" in last, (name, last)
        # Page 1 is filled: less than a third of the type area left empty under its text.
        empty = lowest_text_pt(pdf, 0) - TYPE_BOTTOM_PT
        assert empty < TYPE_HEIGHT_PT / 3, (name, round(empty / TYPE_HEIGHT_PT, 2))
        # Widow control: the 救济途径 paragraph never leaves its last line alone atop page 2.
        assert not pages[-1].startswith("锦屏县人民法院提起行政诉讼"), name
        pages_seen.add(len(pages))
    assert pages_seen == {2}, pages_seen  # the variants are long enough to need page 2, no more


def test_a_signature_page_is_never_without_text(session: Session, tmp_path: Path) -> None:
    """The 说明理由通知书 ends 特此通知。: when the signature goes over to page 2, that line goes with it
    (GB/T 9704 7.3.5.4), never the office name and date alone on a page."""
    from app.context import Actor
    from app.settings import set_setting

    set_setting(session, Actor.system(), "letters.letterhead_kinds", ["说明理由通知书"])
    layout = letter_layout(session, "excessive-ask")
    files = []
    for extra in range(0, 8):  # page 1 ends at each line of the closing block in one of them
        context = {**CONTEXT, "申请数量情况": "申请人本年度已提出申请86件" + "，其中内容相同" * extra,
                   "说明理由期限": "2026年1月5日", "说明理由通知日期": "2025年12月22日"}
        out = tmp_path / f"ask{extra}.docx"
        render_case_letter("excessive-ask", context, out, tmp_path / "tpl", layout)
        files.append(out)
    two_pages = 0
    for pdf in to_pdfs(files):
        pages = [_flat(p) for p in page_texts(pdf)]
        assert ORG in pages[-1] and "2026年1月26日" in pages[-1]
        if len(pages) > 1:
            two_pages += 1
            assert "特此通知" in pages[-1], pages[-1]
    assert two_pages > 0  # the variants do reach page 2
