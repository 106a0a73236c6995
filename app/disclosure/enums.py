"""Rule B's categories, decisions, withholding reasons and channels, word for word."""

from __future__ import annotations

from app.enum_labels import LabelledEnum, labels

# Rule B 第四条: the twelve focus categories, in the text's order (index = stored value).
CATEGORIES: tuple[str, ...] = (
    "县政府领导分工、机构信息等",
    "县政府办公室领导分工、机构信息等",
    "以县政府或县政府办公室名义印发的主动公开文件",
    "建议、提案办理信息",
    "县政府工作报告、重大决策、重大工作部署及相关政策解读情况",
    "县政府重大活动",
    "非涉密的县政府领导活动、讲话",
    "非涉密的县政府全体会议、常务会议内容",
    "县政府人事任免",
    "非涉密的县政府重大督办事项",
    "与群众生产生活密切相关的重点领域信息",
    "其他主动公开的政府信息",
)


@labels({"pending": "待定", "proactive": "主动公开", "on_request": "依申请公开", "withheld": "不予公开"})
class Decision(LabelledEnum):
    PENDING = "pending"
    PROACTIVE = "proactive"
    ON_REQUEST = "on_request"
    WITHHELD = "withheld"


# Rule B 第七条: why an item is not published.
WITHHOLD_REASONS: tuple[str, ...] = (
    "依法确定为国家秘密的政府信息",
    "法律、行政法规禁止公开的政府信息",
    "公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息",
    "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息",
    "内部事务信息（人事管理、后勤管理、内部工作流程等）",
    "过程性信息（讨论记录、过程稿、磋商信函、请示报告等）以及行政执法案卷信息",
)

# Rule B 第八条: the portal first, then the other channels.
CHANNELS: tuple[str, ...] = ("政府门户网站", "政务新媒体", "政府公报", "新闻发布会", "报刊", "广播", "电视")


@labels({"": "其他", "normative": "行政规范性文件", "rule": "规章"})
class DocKind(LabelledEnum):
    """For Part 2 of the annual report: which items count as 规章 or 行政规范性文件."""

    NONE = ""
    NORMATIVE = "normative"
    RULE = "rule"


@labels({"draft": "待保密审查", "reviewed": "待发布", "delayed": "暂缓发布", "published": "已公开",
         "withheld": "不予公开", "on_request": "依申请公开", "superseded": "已被新版本替代"})
class ItemStatus(LabelledEnum):
    DRAFT = "draft"  # recorded, secrecy review not yet signed
    REVIEWED = "reviewed"  # secrecy review signed, decision taken, waiting to be published
    DELAYED = "delayed"  # a legal cause delays publication (第九条)
    PUBLISHED = "published"
    WITHHELD = "withheld"
    ON_REQUEST = "on_request"  # disclosed on request only
    SUPERSEDED = "superseded"  # a newer version of the document replaced this one

    @property
    def is_pending(self) -> bool:
        return self in (ItemStatus.DRAFT, ItemStatus.REVIEWED, ItemStatus.DELAYED)
