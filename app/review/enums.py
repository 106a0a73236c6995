"""Publishing-review vocabulary with the county text's words (rule A)."""

from __future__ import annotations

from app.enum_labels import LabelledEnum, labels


@labels({"reprint": "转载", "collected": "采集", "original": "首发"})
class SourceKind(LabelledEnum):
    REPRINT = "reprint"
    COLLECTED = "collected"
    ORIGINAL = "original"


@labels({"text": "文字", "picture": "图片", "data": "数据", "audio": "音频", "video": "视频"})
class PostKind(LabelledEnum):
    TEXT = "text"
    PICTURE = "picture"
    DATA = "data"
    AUDIO = "audio"
    VIDEO = "video"


@labels({"first": "初审", "second": "二审", "third": "三审"})
class ReviewStage(LabelledEnum):
    FIRST = "first"
    SECOND = "second"
    THIRD = "third"

    @property
    def reviewer_label(self) -> str:
        return {"first": "信息采编员", "second": "科室负责人", "third": "分管领导"}[self.value]


@labels({"draft": "草稿", "first_review": "初审", "second_review": "二审", "third_review": "三审",
         "ready": "待发布", "published": "已发布", "confirmed": "来源单位已确认", "withdrawn": "已撤回"})
class PostStatus(LabelledEnum):
    DRAFT = "draft"
    FIRST_REVIEW = "first_review"
    SECOND_REVIEW = "second_review"
    THIRD_REVIEW = "third_review"
    READY = "ready"
    PUBLISHED = "published"
    CONFIRMED = "confirmed"
    WITHDRAWN = "withdrawn"


@labels({"new": "新发布", "correction": "更正", "withdrawal": "撤稿"})
class ChangeKind(LabelledEnum):
    """Why a post goes through the chain: first publication, a correction or a withdrawal (第十五条)."""

    NEW = "new"
    CORRECTION = "correction"
    WITHDRAWAL = "withdrawal"


@labels({"sensitive": "敏感词", "wording": "严重表述错误", "leader": "领导姓名职务", "place": "地名",
         "domain": "允许链接的网站", "source": "权威转载来源"})
class WordListKind(LabelledEnum):
    SENSITIVE = "sensitive"
    WORDING = "wording"  # term = wrong form, extra = correct form
    LEADER = "leader"  # term = name, extra = post(s)
    PLACE = "place"
    DOMAIN = "domain"  # allowed link domains
    SOURCE = "source"  # authoritative sources: term = name, extra = domain, note = level


# Rule A 第十条(三): what a reprinted document is, which decides where it may be reprinted from.
REPRINT_LEVELS: dict[str, str] = {
    "": "一般信息",
    "central": "中央文件（党中央、国务院及其部委、直属机构文件）",
    "provincial": "省级文件（省政府及其组成部门、直属机构文件）",
}
# The source levels (sources.Source.level) each kind of document may come from.
ALLOWED_SOURCE_LEVELS: dict[str, tuple[str, ...]] = {"central": ("central",), "provincial": ("provincial",)}


# Rule A 第十一条: the nine points every stage checks, word for word.
CHECKLIST_ITEMS: tuple[str, ...] = (
    "是否涉及国家秘密、商业秘密、个人隐私",
    "是否符合国家方针政策和法律法规的相关规定",
    "是否符合保护知识产权的有关规定",
    "是否会给其他组织、个人造成危害",
    "是否有利于我县的宣传和发展",
    "当前对外发布是否适宜",
    "是否涉及敏感性问题",
    "信息中的文字、图片、统计数据等内容是否正确",
    "其他一些需要根据情况把握的信息",
)

# Rule A 第十条: the five review requirements.
REQUIREMENTS: tuple[str, ...] = ("法规审核", "保密审核", "转载审核", "来源审核", "质量审核")

# Rule A 第九条: what each stage is responsible for, shown above its checklist.
STAGE_DUTIES: dict[ReviewStage, str] = {
    ReviewStage.FIRST: (
        "信息采编员负责一级初审校对。主要是在信息采集、整理、编辑等环节检查信息中是否有敏感信息，"
        "是否符合国家大政方针和法律法规的相关规定，是否存在错字、漏字或者不规范的词语，是否存在地域名称表述错误，"
        "领导姓名错误，是否规范使用地图、国徽，对信息的保密性、准确性等方面进行检查校对。"
    ),
    ReviewStage.SECOND: (
        "科室负责人负责二级审核和校对。主要是对信息的规范性、准确性、完整性、时效性、是否涉密等进行全面审核和校对。"
    ),
    ReviewStage.THIRD: "分管领导负责三级审核和校对。主要是对信息的准确性和安全性进行再次审查和校对。",
}


@labels({"material": "解读材料", "product": "解读产品", "media": "媒体评论文章"})
class InterpretationKind(LabelledEnum):
    """What a post in a 政策解读 column is (the report counts each kind)."""

    MATERIAL = "material"
    PRODUCT = "product"
    MEDIA = "media"
