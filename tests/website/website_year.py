"""A prepared year (2025) of posts, 主动公开 items and inspections with hand-counted website-report figures.

Figures for 2025, counted by hand from the records below:
  概况类 2 (概况 ×2) · 政务动态 5 (要闻 ×3 + 通知公告 ×2; the correction, the withdrawn post and the
  draft do not count) · 信息公开目录 4 (items A B C D) · 总数 11
  专栏专题 maintained 2 (乡村振兴专题 opened 2025-03-01, 党史学习专栏 2023) · opened 1
  政策解读 4 (政策解读 column ×3 + the WeChat post linked to policy A): 材料 1, 产品 1, 媒体评论 1, one not marked
  安全防护 found 3 (3-05, 4-10, 5-12) · fixed 2
  微信公众号 2 (incl. the linked interpretation) · 微博 1
2024: 信息公开目录 1 (item E), 政策解读 1, 微信 1, everything else 0.
"""

from __future__ import annotations

from datetime import date, datetime
from itertools import count

from app.bootstrap import Database
from app.context import Actor
from app.disclosure.models import DisclosureItem
from app.review.models import Inspection, Post
from app.settings import set_setting
from app.website.models import PolicyInterpretation

COLUMNS = [
    "县政府概况|其他|概况类",
    "县政府要闻|新闻",
    "通知公告|通知公告",
    "政策文件|政策文件",
    "政策解读|其他",
    "乡村振兴专题|其他|专栏专题|2025-03-01",
    "党史学习专栏|其他|专栏专题|2023-05-01",
    "冬季专题|其他|专栏专题|2026-01-10",
]
WECHAT, WEIBO = "锦屏发布（微信公众号）", "锦屏发布（微博）"
_numbers = count(1)


def post(author_id: int, target: str, published: date | None, *, status: str = "published",
         change_kind: str = "new", interpretation: str = "", title: str = "") -> Post:
    n = next(_numbers)
    # 04:00 UTC is noon in China and the same calendar day in every time zone a test machine may use.
    at = datetime(published.year, published.month, published.day, 4, 0) if published else None
    return Post(post_no=f"T{n:04d}", title=title or f"{target}稿件{n}", target=target, status=status,
                change_kind=change_kind, source_kind="original", author_id=author_id, published_at=at,
                interpretation_kind=interpretation)


def item(no: str, published: date | None, *, category: int = 11, doc_kind: str = "", status: str = "published",
         decision: str = "proactive") -> DisclosureItem:
    return DisclosureItem(item_no=no, title=f"事项{no}", category=category, section="信息中心", doc_kind=doc_kind,
                          formed_on=date(2024, 12, 1), status=status, decision=decision, published_on=published)


def inspection(day: date, problems: str = "", corrected: date | None = None) -> Inspection:
    return Inspection(day=day, inspector_name="读网员", problems=problems,
                      correction="已改正" if corrected else "", corrected_on=corrected)


def fill_year(db: Database, author_id: int) -> dict[str, int]:
    """Writes the records; returns ids the tests refer to by name."""
    a = author_id
    with db.session_factory.begin() as s:
        set_setting(s, Actor.system(), "review.columns", COLUMNS)
        d = date
        posts = {
            "overview1": post(a, "县政府概况", d(2025, 2, 3)),
            "overview2": post(a, "县政府概况", d(2025, 8, 4), status="confirmed"),
            "news1": post(a, "县政府要闻", d(2025, 1, 6)),
            "news2": post(a, "县政府要闻", d(2025, 5, 6)),
            "news3": post(a, "县政府要闻", d(2025, 12, 30)),
            "news_fix": post(a, "县政府要闻", d(2025, 5, 7), change_kind="correction"),
            "news_gone": post(a, "县政府要闻", d(2025, 5, 8), status="withdrawn"),
            "news_draft": post(a, "县政府要闻", None, status="draft"),
            "notice1": post(a, "通知公告", d(2025, 3, 3)),
            "notice2": post(a, "通知公告", d(2025, 9, 1)),
            "policy_doc1": post(a, "政策文件", d(2025, 3, 3)),
            "policy_doc2": post(a, "政策文件", d(2025, 6, 9)),
            "interp_material": post(a, "政策解读", d(2025, 4, 1), interpretation="material"),
            "interp_product": post(a, "政策解读", d(2025, 5, 12), interpretation="product"),
            "interp_unmarked": post(a, "政策解读", d(2025, 6, 16)),
            "interp_2024": post(a, "政策解读", d(2024, 6, 3), interpretation="material"),
            "wechat_linked": post(a, WECHAT, d(2025, 3, 4), interpretation="media"),
            "wechat": post(a, WECHAT, d(2025, 7, 7)),
            "wechat_2024": post(a, WECHAT, d(2024, 7, 8)),
            "weibo": post(a, WEIBO, d(2025, 10, 9)),
            "special": post(a, "乡村振兴专题", d(2025, 4, 2)),
            "lost_column": post(a, "已撤销的旧栏目", d(2025, 4, 3)),
            "news_2026": post(a, "县政府要闻", d(2026, 1, 5)),
        }
        items = {
            "A": item("A", d(2025, 3, 3), doc_kind="normative"),  # policy, interpreted 3-04
            "B": item("B", d(2025, 6, 9), category=4),  # major decision, never interpreted
            "C": item("C", d(2025, 7, 1)),
            "D": item("D", d(2025, 2, 10), status="superseded"),
            "E": item("E", d(2024, 12, 30)),
            "F": item("F", None, status="reviewed"),
            "G": item("G", None, status="withheld", decision="withheld"),
        }
        s.add_all([*posts.values(), *items.values()])
        s.add_all([
            inspection(d(2025, 3, 5), "首页链接失效", d(2025, 3, 6)),
            inspection(d(2025, 4, 10), "稿件有错别字", d(2025, 4, 10)),
            inspection(d(2025, 5, 12), "通知公告栏目未更新"),
            inspection(d(2025, 5, 13)),
            inspection(d(2024, 12, 30), "2024 年的问题", d(2024, 12, 31)),
        ])
        s.flush()
        s.add(PolicyInterpretation(item_id=items["A"].id, post_id=posts["wechat_linked"].id, linked_by="test"))
        ids = {f"post:{k}": p.id for k, p in posts.items()}
        ids.update({f"item:{k}": i.id for k, i in items.items()})
    return ids


def typed_values(accounts: list[str]) -> dict[str, str]:
    """Every typed figure filled, consistent with each other (办件量 10 = 4 + 6 …)."""
    from app.website.layout import Source, report_rows

    values = {r.key: "1" for r in report_rows(accounts) if r.source in (Source.NUMBER, Source.DECIMAL)}
    values.update({r.key: "是" for r in report_rows(accounts) if r.source is Source.YESNO})
    values.update({r.key: "无" for r in report_rows(accounts) if r.source is Source.TEXT})
    values.update({"service.cases": "10", "service.cases_natural": "4", "service.cases_legal": "6",
                   "service.items": "300", "service.online": "120", "interact.msg_days": "3.5",
                   "sign.head": "张三", "sign.date": "2026-01-20"})
    return values


def fill_settings(db: Database) -> None:
    with db.session_factory.begin() as s:
        for key, value in (("website.url", "http://www.jinping.gov.cn"), ("website.code", "5226280001"),
                           ("website.icp", "黔ICP备05001234号"), ("website.psb", "黔公网安备52262802000001号"),
                           ("org.phone", "0855-7222222")):
            set_setting(s, Actor.system(), key, value)
