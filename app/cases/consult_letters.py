"""The two notices a consultation brings: to the applicant, that the request is being consulted on
(county text 五(三)), and to a third party whose objection the office overrules for the public
interest (条例第三十二条). Their placeholders come from the consultation on file.
"""

from __future__ import annotations

from app.cases.enums import ConsultationKind
from app.cases.models import Consultation
from app.cases.validation import cn_date
from app.errors import ValidationError


def require_overruled_objection(consultation: Consultation) -> None:
    """The 第三十二条 notice states an objection and a decision to disclose; both must be on file."""
    if consultation.opinion != "object" or consultation.decision != "disclose":
        raise ValidationError(
            f"第三方“{consultation.party}”的意见登记为“不同意公开”、本机关决定“予以公开”后，才需向其发出第三方告知书"
            "（条例第三十二条）。请先在“办理过程”中登记征求意见结果和本机关的决定。", field="kind")


def consult_context(consultation: Consultation, kind: str) -> dict[str, str]:
    if kind == "consult-notice":
        third = consultation.kind == ConsultationKind.THIRD_PARTY.value
        return {
            "征询对象": "第三方" if third else consultation.party,
            "征询日期": cn_date(consultation.sent_on),
            "征询期限": "收到征求意见书之日起15个工作日内",
        }
    matter = consultation.matter.strip().rstrip("。")
    return {
        "第三方名称": consultation.party,
        "征询日期": cn_date(consultation.sent_on),
        "第三方意见日期": cn_date(consultation.answered_on) if consultation.answered_on else "[第三方意见日期]",
        "第三方理由": (consultation.opinion_text.strip().rstrip("。") or "[第三方理由]") + "。",
        "公开理由": (consultation.decision_reason.strip().rstrip("。") or "[公开理由]") + "。",
        "征询事项": f"其中涉及你方的内容：{matter}。" if matter else "",
    }
