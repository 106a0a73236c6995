"""The registration form filled the way the intake GUI tests need it: an otherwise complete request
whose ID number has a wrong check digit, so the dialog warns before it saves."""

from __future__ import annotations

from ui.cases.intake_form import IntakeForm


def fill_with_a_wrong_id_check_digit(form: IntakeForm, phone: str) -> None:
    """张三 asks for the county's 2025 work report; 110105194912310021 ends in 1 where the check digit
    is X; `phone` as given (a test may make it a second mistake)."""
    form.applicant_name.setText("张三")
    form.id_number.setText("110105194912310021")
    form.phone.setText(phone)
    form.address.setText("锦屏县三江镇")
    form.content.setPlainText("申请公开县政府2025年工作报告")
