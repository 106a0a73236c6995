"""The `slow` marker: `bash scripts/test.sh -m "not slow"` is the quick loop; CI runs everything.

Listed here rather than decorated in place so the list is one place to keep up to date. Each
entry took about 15 s or more (`pytest --durations=40` on the project's 2-core machine, December 2026);
a whole file is listed when all its tests are of that kind (processes killed at random moments).
"""

from __future__ import annotations

import pytest

SLOW_FILES = {
    "tests/reliability/test_rel_crash.py",  # 15–60 s each: child processes killed mid-work
}
SLOW_TESTS = {
    "tests/reliability/test_rel_hostile.py::test_a_hundred_thousand_row_workbook_is_checked_without_writing",
    "tests/reliability/test_rel_roles.py::test_each_role_is_refused_exactly_where_it_should_be",
    "tests/reliability/test_rel_concurrency.py::test_registrations_from_several_processes_are_unique_and_gap_free",
    "tests/cases/test_cases_hooks.py::test_demo_fills_every_state",
    "tests/review/test_review_outputs.py::test_demo_fills_every_state",
    "tests/disclosure/test_disclosure_exports.py::test_demo_year_has_every_state_and_exports",
    "tests/review/test_review_outputs.py::test_review_sheet_of_a_full_post_prints_on_one_a4_page",  # LibreOffice
    "tests/cases/test_cases_letter_pages.py::test_short_reply_is_one_page_and_long_ones_keep_the_closing_block_together",
    "tests/cases/test_cases_letter_pages.py::test_a_signature_page_is_never_without_text",
    "tests/ui/test_ui_screen_fit.py::test_every_dialog_fits_at_a_larger_font_size",
    "tests/ui/test_ui_screen_fit.py::test_main_window_fits_at_a_larger_font_size",
    "tests/reliability/test_rel_signoff_hash_required.py::test_the_demo_command_signs_what_it_read",
}


def mark_slow(items: list[pytest.Item]) -> None:
    for item in items:
        path, _, name = item.nodeid.partition("::")
        if path in SLOW_FILES or f"{path}::{name.split('[')[0]}" in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
