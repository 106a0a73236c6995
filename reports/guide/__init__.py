"""政府信息公开指南 and 政府信息公开申请表 from editable .docx templates (issue 18).

Like the letters (`reports.letters`), the defaults are built in code and written into the
office's template folder on first use; placeholders are `{{名称}}` (`reports.guide.spec`).
Modules: `spec` (placeholders, TemplateProblem) and `data` (the writer's input) load no
python-docx; `templates` (the built-in defaults) and `writer` do, so import them where used.
"""
