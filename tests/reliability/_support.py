"""Set-up the reliability tests share: a reprinted post that has passed 初审 and waits for 二审."""

from __future__ import annotations

from datetime import datetime

from app.bootstrap import Database
from app.context import Actor
from app.review.enums import CHECKLIST_ITEMS, REQUIREMENTS, ReviewStage, SourceKind
from app.review.posts import PostForm, create_post
from app.review.workflow import ChecklistMark, review, submit
from app.signoff.service import Decision
from tests.seen_hashes import seen_post

ALL_OK = {item: ChecklistMark(True) for item in (*CHECKLIST_ITEMS, *REQUIREMENTS)}


def post_at_second_review(db: Database, editor: Actor, body: str = "正文") -> int:
    """Created, submitted and passed 初审 by `editor`, each in its own unit of work; returns its id."""
    form = PostForm(title="关于优化营商环境的通知", target="政策文件", body=body, source_kind=SourceKind.REPRINT,
                    source_site="中国政府网", reprinted_at=datetime(2024, 5, 6, 9, 30),
                    source_url="https://www.gov.cn/zhengce/content/1.htm")
    with db.session_factory.begin() as s:
        post_id = create_post(s, editor, form).id
    with db.session_factory.begin() as s:
        submit(s, editor, post_id)
    with db.session_factory.begin() as s:
        review(s, editor, post_id, ReviewStage.FIRST, Decision.APPROVE, "", ALL_OK, seen_hash=seen_post(s, post_id))
    return post_id
