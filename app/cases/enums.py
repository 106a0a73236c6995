"""Enumerations of the request-case domain with their Chinese labels (the annual report's words)."""

from __future__ import annotations

from enum import StrEnum


class ApplicantType(StrEnum):
    NATURAL = "natural"
    BUSINESS = "business"
    RESEARCH = "research"
    PUBLIC_WELFARE = "public_welfare"
    LEGAL_SERVICE = "legal_service"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "natural": "自然人",
            "business": "商业企业",
            "research": "科研机构",
            "public_welfare": "社会公益组织",
            "legal_service": "法律服务机构",
            "other": "其他",
        }[self.value]

    @property
    def is_person(self) -> bool:
        return self is ApplicantType.NATURAL


class Channel(StrEnum):
    """申请方式; letters split by whether the office signs for them (条例第三十一条)."""

    INTERNET = "internet"
    LETTER_REGISTERED = "letter_registered"
    LETTER_ORDINARY = "letter_ordinary"
    IN_PERSON = "in_person"
    FAX = "fax"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "internet": "互联网",
            "letter_registered": "信函（挂号/EMS）",
            "letter_ordinary": "信函（平信）",
            "in_person": "当面",
            "fax": "传真",
            "other": "其他",
        }[self.value]

    @property
    def register_label(self) -> str:
        """The word the Excel register uses: the full label, so 信函（挂号/EMS） and 信函（平信）
        stay apart (their date of receipt follows different rules, 条例第三十一条第（二）项)."""
        return self.label


class CaseStatus(StrEnum):
    REGISTERED = "registered"
    AWAITING_CORRECTION = "awaiting_correction"
    IN_PROGRESS = "in_progress"
    AWAITING_APPROVAL = "awaiting_approval"
    CLOSED = "closed"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return {
            "registered": "已登记",
            "awaiting_correction": "待补正",
            "in_progress": "办理中",
            "awaiting_approval": "答复审批中",
            "closed": "已办结",
            "archived": "已归档",
        }[self.value]

    @property
    def is_open(self) -> bool:
        return self not in (CaseStatus.CLOSED, CaseStatus.ARCHIVED)


class ConsultationKind(StrEnum):
    DEPARTMENT = "department"  # county rule: answer within 5 working days
    THIRD_PARTY = "third_party"  # 条例第三十二条: 15 working days
    CO_PRODUCER = "co_producer"  # 条例第三十四条: 15 working days, silence = consent

    @property
    def label(self) -> str:
        return {"department": "部门协商", "third_party": "征求第三方意见", "co_producer": "征求共同制作机关意见"}[
            self.value
        ]

    @property
    def answer_days(self) -> int:
        return 5 if self is ConsultationKind.DEPARTMENT else 15


class DeliveryMethod(StrEnum):
    POST = "post"
    EMAIL = "email"
    IN_PERSON = "in_person"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"post": "邮寄", "email": "电子邮件", "in_person": "当面领取", "other": "其他"}[self.value]


class RemedyResult(StrEnum):
    """Result of an administrative reconsideration or lawsuit (annual report Part 4 columns)."""

    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"

    @property
    def label(self) -> str:
        return {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结"}[self.value]


class LitigationKind(StrEnum):
    """行政诉讼: filed directly or after a reconsideration (annual report Part 4 column groups)."""

    DIRECT = "direct"
    AFTER_RECONSIDERATION = "after_review"

    @property
    def label(self) -> str:
        return {"direct": "未经复议直接起诉", "after_review": "复议后起诉"}[self.value]
