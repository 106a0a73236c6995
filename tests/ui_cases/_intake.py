"""The registration form filled the way the intake GUI tests need it: 张三's request for the county's
2025 work report, with a valid ID number or one whose check digit is wrong (so the dialog warns)."""

from __future__ import annotations

from ui.cases.intake_form import IntakeForm

VALID_ID = "11010519491231002X"
WRONG_CHECK_DIGIT_ID = "110105194912310021"  # VALID_ID ending in 1 where the check digit is X


def fill_request(form: IntakeForm, id_number: str, *, phone: str = "13800138000",
                 address: str = "锦屏县三江镇") -> None:
    form.applicant_name.setText("张三")
    form.id_number.setText(id_number)
    form.phone.setText(phone)
    form.address.setText(address)
    form.content.setPlainText("申请公开县政府2025年工作报告")
