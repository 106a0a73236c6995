"""Personal data the publishing checks do not look for but a released copy must hide.

Landline numbers, the names of natural persons next to an ID/phone/card number or after a label
such as 姓名：, and street addresses. They run beside app.review.checks (which finds the numbers
and the word-list entries), so one rule set serves publishing review and redaction. Each returns
(start, end, kind) spans of `text`.
"""

from __future__ import annotations

import re

from app.review.checks.digits import ascii_digits

Span = tuple[int, int, str]

# 0 + area code (2-3 digits) and a 7-8 digit number: 0855-8221234, (0855)8221234, 010 12345678.
_LANDLINE = re.compile(
    r"(?<![0-9])(?<![0-9]\.)(?:[(（]0[1-9][0-9]{1,2}[)）][ -]?|0[1-9][0-9]{1,2}[ -])[2-9][0-9]{6,7}"
    r"(?:(?:转|-)[0-9]{1,5})?(?![0-9])"
)

# The most common single-character surnames (covering most of the population) and a few
# compound ones; a name is 1-2 Han characters after the surname.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂"
    "章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶"
    "解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇"
    "桑郎甄丛仲虞敖巩明佘池查麻苑迟邝杨吴"
)
_COMPOUND = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯")
_HAN = "[\u4e00-\u9fff]"
_NAME = f"(?:{'|'.join(_COMPOUND)}|[{_SURNAMES}]){_HAN}{{1,2}}"
_NAME_LABEL = re.compile(
    r"(?:姓\s*名|申请人|联系人|当事人|被申请人|户主|法定代表人|代理人|负责人|收件人|经办人|举报人|投诉人)"
    rf"\s*[：:]\s*(?P<name>{_NAME})(?!{_HAN}{{2}})"
)
_NAME_BEFORE = re.compile(
    rf"(?P<name>{_NAME})(?=\s*[，,（(、：:]?\s*(?:身份证|公民身份|证件|电话|手机|联系电话|银行|卡号|账号|住址|家住))"
)
_BOUNDARY = set("，,。；;：:、（）()【】“”\"'\n\r\t 　")

_ADDRESS_LABEL = re.compile(r"(?:家庭住址|户籍地址|居住地址|住\s*址|住所地?|现住址?|通讯地址|地\s*址|家住)\s*[：:]?\s*")
_ADDRESS_BODY = re.compile(
    rf"(?:{_HAN}{{1,12}}?(?:省|自治区|市|州|县|区|旗))?(?:{_HAN}{{1,10}}?(?:镇|乡|街道|村|社区|路|街|巷|大道))"
    rf"[{_HAN[1:-1]}0-9０-９\-－号栋幢单元楼层室组]*?[0-9０-９]+\s*(?:号|栋|幢|室|组)(?:[0-9０-９\-－]+\s*(?:号|栋|幢|单元|室|层))*"
)
_ADDRESS_STOP = re.compile(r"[，,。；;\n\r]")


def find_landlines(text: str) -> list[Span]:
    scan = ascii_digits(text)
    return [(m.start(), m.end(), "privacy-landline") for m in _LANDLINE.finditer(scan)]


def find_names(text: str, anchors: list[tuple[int, int]]) -> list[Span]:
    """Names after a label (姓名：张三) or right before a personal number or its label."""
    spans: list[Span] = []
    for m in _NAME_LABEL.finditer(text):
        spans.append((m.start("name"), m.end("name"), "privacy-name"))
    for m in _NAME_BEFORE.finditer(text):
        start = m.start("name")
        if start == 0 or text[start - 1] in _BOUNDARY:
            spans.append((start, m.end("name"), "privacy-name"))
    for a_start, _a_end in anchors:
        # "张三13812345678" or "张三 522601…": a name directly in front of the number.
        first = max(0, a_start - 6)
        window = text[first:a_start].rstrip(" 　：:，,")
        found = re.search(f"{_NAME}$", window)
        if found:
            start = first + found.start()
            if start == 0 or text[start - 1] in _BOUNDARY:
                spans.append((start, first + len(window), "privacy-name"))
    return spans


def find_addresses(text: str) -> list[Span]:
    """Addresses after a label (住址：… up to the end of the clause) or with a house number."""
    spans: list[Span] = []
    for m in _ADDRESS_LABEL.finditer(text):
        start = m.end()
        stop = _ADDRESS_STOP.search(text, start)
        end = stop.start() if stop else len(text)
        if end - start >= 4:
            spans.append((start, min(end, start + 60), "privacy-address"))
    labelled = list(spans)
    for m in _ADDRESS_BODY.finditer(text):
        if any(s < m.end() and m.start() < e for s, e, _ in labelled):
            continue
        if m.end() - m.start() >= 6:
            spans.append((m.start(), m.end(), "privacy-address"))
    return spans
