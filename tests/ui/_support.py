"""Set-up the start-up and account GUI tests share: the first-run wizard filled in as an office does."""

from __future__ import annotations

from ui.first_run_wizard import FirstRunWizard


def fill_wizard(wizard: FirstRunWizard, org_name: str, short_name: str, password: str,
                confirm: str | None = None) -> None:
    """The office's name on the first page, then 张三 (zhangsan) as the first administrator with
    `password`, confirmed as `confirm` (the same password unless given)."""
    wizard.org_page.org_name.setText(org_name)
    wizard.org_page.short_name.setText(short_name)
    wizard.next()
    wizard.admin_page.username.setText("zhangsan")
    wizard.admin_page.display_name.setText("张三")
    wizard.admin_page.password.setText(password)
    wizard.admin_page.confirm.setText(password if confirm is None else confirm)
