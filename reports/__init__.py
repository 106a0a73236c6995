"""Word and Excel writers and readers (python-docx, openpyxl).

Nothing here imports Qt or touches the database: callers pass plain data (strings, dates,
numbers, dataclasses) and get files back. Every file is written through
`app.atomic_file.atomic_write`, so a failed export never leaves a half-written document
behind, and file-system problems reach the user as `app.errors.UserError` in Chinese.

- `reports.atomic`      — re-export of `app.atomic_file` (infrastructure, not a report) for older callers
- `reports.xlsx_sheet`  — print-ready Excel registers: `write_table`, `read_table`
- `reports.docx_layout` — GB/T 9704-2012 page and paragraph layout for Word documents
- `reports.letters`     — request-case letters from editable .docx templates
"""
