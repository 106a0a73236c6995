"""Links: every URL and bare www. domain is checked against the allowed domains (subdomains included)."""

from __future__ import annotations

import pytest

from app.review.checks import WordLists, load_default_wordlists, run_checks


def links(text: str, lists: WordLists | None = None) -> list[str]:
    return [f.matched for f in run_checks(text, lists or load_default_wordlists()) if f.kind == "link"]


@pytest.mark.parametrize(
    "text",
    [
        "详见http://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm。",
        "来源：https://www.guizhou.gov.cn/zwgk/，转载时间：2024年3月15日",
        "人民网 http://politics.people.com.cn/n1/2024/0315/c1001.html",
        "新华网www.news.cn和www.xinhuanet.com",
        "黔东南日报 https://www.qdnrbs.cn/a?id=1；贵州日报 http://www.gzrb.com.cn",
        "锦屏县人民政府网 HTTPS://WWW.JINPING.GOV.CN/",
    ],
)
def test_allowed_hosts_and_their_subdomains_pass(text: str) -> None:
    assert links(text) == []


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("更多内容见http://www.example.com/page。", "http://www.example.com/page"),
        ("（来源：https://bbs.example.cn/t/1）", "https://bbs.example.cn/t/1"),
        ("访问www.baidu.com了解", "www.baidu.com"),
        ("http://www.gov.cn.evil.com/", "http://www.gov.cn.evil.com/"),
        ("http://www.gov.cn@evil.com/x", "http://www.gov.cn@evil.com/x"),
        ("http://fakegov.cn/", "http://fakegov.cn/"),
        ("http://192.168.1.10:8080/admin", "http://192.168.1.10:8080/admin"),
    ],
)
def test_other_hosts_are_flagged(text: str, url: str) -> None:
    findings = [f for f in run_checks(text, load_default_wordlists()) if f.kind == "link"]
    assert [f.matched for f in findings] == [url]
    assert findings[0].severity == "medium"
    assert "不在允许链接的域名清单内" in findings[0].message


def test_with_no_allowed_domains_every_link_is_flagged() -> None:
    assert links("http://www.gov.cn 和 www.gov.cn", WordLists()) == ["http://www.gov.cn", "www.gov.cn"]


def test_text_without_a_scheme_or_www_is_not_a_link() -> None:
    assert links("邮箱 jpxzf@163.com，文件名 report.docx，版本 1.2.3") == []
