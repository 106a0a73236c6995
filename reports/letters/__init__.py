"""Request-case letters (受理回执, 补正告知书, 延期答复告知书, 第三方意见征询书, 部门协商函,
答复书) made from .docx templates that an office can edit in Word/WPS.

The office's templates live in `<data folder>/templates` (`app.paths.templates_dir`);
`ensure_templates` fills that folder with the built-in defaults, and `render_letter` uses
the office's file when there is one, else the default. Placeholders are `{{名称}}`; the
names per kind are the contract in `reports.letters.kinds`.
"""

from __future__ import annotations

from reports.letters.defaults import build_default, ensure_templates
from reports.letters.kinds import (
    COMMON_PLACEHOLDERS,
    KINDS,
    LETTERS,
    PLACEHOLDER_HELP,
    LetterSpec,
    get_spec,
    list_placeholders,
)
from reports.letters.render import check_template, load_template, render_letter, template_path

__all__ = [
    "COMMON_PLACEHOLDERS", "KINDS", "LETTERS", "PLACEHOLDER_HELP", "LetterSpec", "build_default",
    "check_template", "ensure_templates", "get_spec", "list_placeholders", "load_template", "render_letter",
    "template_path",
]
