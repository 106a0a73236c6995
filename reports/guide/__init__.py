"""政府信息公开指南 and 政府信息公开申请表 from editable .docx templates (issue 18).

Like the letters (`reports.letters`), the defaults are built in code and written into the
office's template folder on first use; placeholders are `{{名称}}` (`reports.guide.spec`).
"""

from __future__ import annotations

from reports.guide.spec import FORM, GUIDE, PLACEHOLDER_HELP, DocSpec, TemplateProblem
from reports.guide.templates import SCOPE, build_default, ensure_guide_templates
from reports.guide.writer import Contact, GuideInput, guide_values, write_guide, write_request_form

__all__ = [
    "FORM", "GUIDE", "PLACEHOLDER_HELP", "SCOPE", "Contact", "DocSpec", "GuideInput", "TemplateProblem",
    "build_default", "ensure_guide_templates", "guide_values", "write_guide", "write_request_form",
]
